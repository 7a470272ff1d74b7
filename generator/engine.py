"""Stage 5: the one place that knows MkDocs. Builds a SiteSpec into a folder of HTML.

Material for MkDocs reaches end of life in May 2027; swapping the engine (ProperDocs,
Zensical) means rewriting this module only: it takes a SiteSpec and a folder, and
returns the problems the engine reported.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme
from mkdocs.utils import get_theme_dir

from generator import site_assets
from generator.render import SiteSpec


_LINK_WARNING = re.compile(r"contains a link '([^']*)', but the target .* is not found|"
                           r"contains a link '([^']*)', but the target is not found")


class _Collect(logging.Handler):
    def __init__(self, outside_links: set[str]) -> None:
        super().__init__(logging.WARNING)
        self.outside_links = outside_links
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        match = _LINK_WARNING.search(message)
        if match and (match.group(1) or match.group(2)) in self.outside_links:
            return  # a link to the district or a school site, which MkDocs cannot see
        self.messages.append(message)


@contextmanager
def _engine_log(outside_links: set[str]):
    """Quiet MkDocs' console output and keep its warnings: a warning fails the site."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect(outside_links)
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


# What MkDocs redoes for every site although it is the same for all of them: kept for the
# life of the process (a warm worker builds many sites). Keyed by what they are made from.
_ENVIRONMENTS: dict[tuple, jinja2.Environment] = {}
_THEME_FILES: dict[tuple, list[tuple[str, str]]] = {}
_walk_theme = Files.add_files_from_theme


def _theme_key(theme: Theme) -> tuple:
    return tuple(theme.dirs), str(theme.locale), tuple(sorted(theme.static_templates))


def _environment(theme: Theme) -> jinja2.Environment:
    """MkDocs makes a new Jinja environment per build and compiles every theme template in it again."""
    key = _theme_key(theme)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = Theme.get_env(theme)
    return _ENVIRONMENTS[key]


def _add_theme_files(files: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
    """Files.add_files_from_theme walks every file of the theme (Material: 14,000 icons) to keep a few."""
    key = (_theme_key(config.theme), config.use_directory_urls)
    if key not in _THEME_FILES:
        found = Files([])
        _walk_theme(found, env, config)
        _THEME_FILES[key] = [(file.src_uri, file.src_dir) for file in found]
    for path, src_dir in _THEME_FILES[key]:
        if files.get_file_from_path(path) is None:  # as MkDocs does: the docs' own file wins
            files.append(File(path, src_dir, config.site_dir, config.use_directory_urls))


Files.add_files_from_theme = _add_theme_files  # type: ignore[method-assign]


def _config(base_config: Path, spec: SiteSpec, docs_dir: Path, site_dir: Path, extra: dict) -> MkDocsConfig:
    config = load_config(str(base_config), site_name=spec.name, nav=spec.nav,
                         docs_dir=str(docs_dir.resolve()), site_dir=str(site_dir.resolve()), extra=extra)
    theme = config.theme
    # 404.html links to /assets/… from the host's root: useless under a sub-path, so never rendered.
    theme.static_templates.discard("404.html")
    theme.get_env = lambda: _environment(theme)  # type: ignore[method-assign]
    return config


@lru_cache(maxsize=4)
def _base_extra_cached(base_config: Path, mtime_ns: int) -> dict:
    with base_config.open(encoding="utf-8") as fh:
        # The base file may hold MkDocs' !!python/name tags; only «extra» is needed here.
        text = fh.read()
    loader = type("ExtraLoader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return (yaml.load(text, Loader=loader) or {}).get("extra") or {}


def _base_extra(base_config: Path) -> dict:
    return _base_extra_cached(base_config, base_config.stat().st_mtime_ns)


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


def build(spec: SiteSpec, work_dir: Path, base_config: Path, build_date_epoch: int) -> list[str]:
    """Build spec into work_dir/site; returns the engine's warnings (empty when clean)."""
    docs_dir, site_dir = work_dir / "docs", work_dir / "site"
    write_docs(spec, docs_dir)
    extra = {**_base_extra(base_config), **spec.extra}
    # MkDocs reads the build date from SOURCE_DATE_EPOCH: the output depends on --date only.
    os.environ["SOURCE_DATE_EPOCH"] = str(build_date_epoch)
    with _engine_log(spec.outside_links) as warnings:
        try:
            mkdocs_build(_config(base_config, spec, docs_dir, site_dir, extra))
        except MkDocsException as exc:  # MkDocs' Abort is also a SystemExit: it must not end the run
            warnings.append(f"MkDocs: {exc}")
    site_assets.finish(site_dir)  # trim theme files, search for file:// and Russian word forms
    return warnings
