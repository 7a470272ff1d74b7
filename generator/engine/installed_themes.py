"""MkDocs' lookup of installed themes made once per process."""

from __future__ import annotations

import functools

from mkdocs import utils as mkdocs_utils


# MkDocs scans the entry points of every installed package for themes each time it loads one
# (it clears its own cache first): half of load_config. Packages are not installed mid-run.
_installed_themes = functools.cache(mkdocs_utils.get_themes.__wrapped__)


def _get_themes() -> dict:
    return _installed_themes()


_get_themes.cache_clear = lambda: None  # type: ignore[attr-defined]
mkdocs_utils.get_themes = _get_themes
