"""The MkDocs configuration of one site: the tool's mkdocs.yml, the site's own settings and this package's plugins."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.engine.pages_in_memory import _DocsInMemory
from generator.engine.theme_cache import _environment
from generator.engine.trim_assets import _TrimAssets
from generator.render import SiteSpec


def _config(base_config: Path, spec: SiteSpec, docs_dir: Path, site_dir: Path, extra: dict) -> MkDocsConfig:
    config = load_config(str(base_config), site_name=spec.name, nav=spec.nav,
                         docs_dir=str(docs_dir.resolve()), site_dir=str(site_dir.resolve()), extra=extra)
    theme = config.theme
    # 404.html links to /assets/… from the host's root: useless under a sub-path, so never rendered.
    theme.static_templates.discard("404.html")
    theme.get_env = lambda: _environment(theme)  # type: ignore[method-assign]
    config.plugins["nastavnik/docs-in-memory"] = _DocsInMemory(spec)
    config.plugins["nastavnik/trim-assets"] = _TrimAssets()
    return config


@functools.lru_cache(maxsize=4)
def _base_extra_cached(base_config: Path, mtime_ns: int) -> dict:
    with base_config.open(encoding="utf-8") as fh:
        # The base file may hold MkDocs' !!python/name tags; only «extra» is needed here.
        text = fh.read()
    loader = type("ExtraLoader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return (yaml.load(text, Loader=loader) or {}).get("extra") or {}


def _base_extra(base_config: Path) -> dict:
    return _base_extra_cached(base_config, base_config.stat().st_mtime_ns)
