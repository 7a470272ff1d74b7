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
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

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


def _base_extra(base_config: Path) -> dict:
    with base_config.open(encoding="utf-8") as fh:
        # The base file may hold MkDocs' !!python/name tags; only «extra» is needed here.
        text = fh.read()
    loader = type("ExtraLoader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return (yaml.load(text, Loader=loader) or {}).get("extra") or {}


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
            config = load_config(str(base_config), site_name=spec.name, nav=spec.nav,
                                 docs_dir=str(docs_dir.resolve()), site_dir=str(site_dir.resolve()), extra=extra)
            mkdocs_build(config)
        except MkDocsException as exc:  # MkDocs' Abort is also a SystemExit: it must not end the run
            warnings.append(f"MkDocs: {exc}")
    # 404.html links to /assets/… from the host's root; under a sub-path or from disk it is broken.
    (site_dir / "404.html").unlink(missing_ok=True)
    site_assets.finish(site_dir)  # trim theme files, search for file:// and Russian word forms
    return warnings
