"""Stage 5: the one place that knows MkDocs. Builds a SiteSpec into a folder of HTML.

Material for MkDocs reaches end of life in May 2027; swapping the engine (ProperDocs,
Zensical) means rewriting this package only: it takes a SiteSpec and a folder, and
returns the problems the engine reported.

A worker builds many sites one after another, so most of this package takes MkDocs, Material
and Python-Markdown past work that repeats or that a site does not need (each shortcut says
why where it is made). Every one of them leaves the output byte for byte as MkDocs alone
would make it: tests/test_engine_speedups.py builds a school both ways and compares, and
tests/test_engine_memo.py a rebuild that reuses pages with one that renders them all.

One module per shortcut: theme_cache (the theme's Jinja environment and file list),
template_memos (the menu and the labels), pages_in_memory, trim_assets, search_parser,
installed_themes, markdown_reuse, inline_shortcut, render_memo (pages unchanged since the site's
last build, with memo_keys); mkdocs_config puts a site's configuration
together and log keeps MkDocs' warnings. Importing the package installs every shortcut.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import MkDocsException
from mkdocs.utils import get_theme_dir

from generator import site_assets
from generator.engine import inline_shortcut, installed_themes, search_parser  # noqa: F401  (installed on import)
from generator.engine.log import _engine_log
from generator.engine.markdown_reuse import _reused
from generator.engine.mkdocs_config import _base_extra, _config
from generator.engine.render_memo import memo_at
from generator.render import SiteSpec


def shipped_theme_folders(tool_theme: Path) -> tuple[Path, ...]:
    """The theme folders that come with the tool and its packages: the tool's own theme/ and
    Material's. A district's own theme folder (custom_dir of its mkdocs.yml) is not one of them."""
    return Path(tool_theme).resolve(), Path(get_theme_dir("material")).resolve()


def write_docs(spec: SiteSpec, docs_dir: Path) -> None:
    for name, text in sorted(spec.pages.items()):
        path = docs_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, source in sorted(spec.assets.items()):
        path = docs_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
    for name, content in sorted(spec.generated.items()):
        path = docs_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


_reused_pages: int | None = None


def reused_pages() -> int | None:
    """How many pages the last build took from its memo unchanged (None: it had no memo)."""
    return _reused_pages


def build(spec: SiteSpec, work_dir: Path, base_config: Path, build_date_epoch: int,
          memo: Path | None = None) -> list[str]:
    """Build spec into work_dir/site; returns the engine's warnings (empty when clean).

    memo: the site's file of pages rendered by its last clean build, reused where unchanged and
    replaced by this build's when it is clean (render_memo); None: every page is rendered."""
    docs_dir, site_dir = work_dir / "docs", work_dir / "site"
    docs_dir.mkdir(parents=True, exist_ok=True)  # stays empty: _DocsInMemory hands MkDocs the files
    extra = {**_base_extra(base_config), **spec.extra}
    # MkDocs reads the build date from SOURCE_DATE_EPOCH: the output depends on --date only.
    os.environ["SOURCE_DATE_EPOCH"] = str(build_date_epoch)
    with _engine_log(spec.outside_links) as warnings, memo_at(memo) as pages:
        try:
            mkdocs_build(_config(base_config, spec, docs_dir, site_dir, extra))
        except MkDocsException as exc:  # MkDocs' Abort is also a SystemExit: it must not end the run
            warnings.append(f"MkDocs: {exc}")
        finally:
            _reused[:] = [None, None, None]  # the instance holds the last page, its site and config
    site_assets.finish_search(site_dir)  # search for file:// and Russian word forms
    global _reused_pages
    _reused_pages = None if pages is None else pages.reused_pages
    if pages is not None and not warnings:
        pages.save()
    return warnings
