"""One Python-Markdown instance per build for every page, where MkDocs makes one per page."""

from __future__ import annotations

import types

import markdown
from mkdocs.structure import pages as mkdocs_pages


# MkDocs makes a new Markdown instance, extensions and all, for every page. One instance per
# build serves every page of it, reset in between as Python-Markdown provides for; the page's
# own MkDocs processors are registered again by name, replacing the previous page's.
_reused: list = [None, None, None]  # extensions, their configs, the instance


def _markdown_for_page(*, extensions: list, extension_configs: dict) -> markdown.Markdown:
    cached_extensions, cached_configs, md = _reused
    if md is None or extensions is not cached_extensions or extension_configs != cached_configs:
        md = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
        _reused[:] = [extensions, extension_configs, md]  # the list kept: its identity stays unique
    return md.reset()


_pages_markdown = types.ModuleType("markdown", "Python-Markdown as mkdocs.structure.pages sees it")
_pages_markdown.__dict__.update(vars(markdown))
_pages_markdown.Markdown = _markdown_for_page  # type: ignore[attr-defined]
mkdocs_pages.markdown = _pages_markdown  # type: ignore[attr-defined]
