"""Every file under assets/ passed through site_assets.trimmed as MkDocs copies it, theme files once per process."""

from __future__ import annotations

import os

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator import site_assets


class _TrimAssets(BasePlugin):
    """Passes every file under assets/ through site_assets.trimmed as MkDocs copies it.

    Material's theme files would otherwise be copied whole into every site and trimmed there;
    a theme file is trimmed once per process, again only if it changes (nastavnik serve).
    Last of the on_env handlers: runs just before MkDocs copies the static files, after every
    other plugin added its own.
    """

    _theme_files: dict[tuple, bytes | None] = {}  # (source, its stat, site path, languages) -> content

    @event_priority(-100)
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> None:
        languages = _search_languages(config)
        theme_dirs = set(config.theme.dirs)
        for file in [f for f in files if f.dest_uri.startswith("assets/") and not f.is_documentation_page()]:
            if file.abs_src_path is None or file.src_dir not in theme_dirs:
                content = site_assets.trimmed(file.dest_uri, file.content_bytes, list(languages))
            else:
                content = self._theme_file(file, languages)
            if content is None:
                files.remove(file)
            else:
                file.content_bytes = content  # written from memory: no copy, no reading back

    def _theme_file(self, file: File, languages: tuple[str, ...]) -> bytes | None:
        stat = os.stat(file.abs_src_path)
        key = (file.abs_src_path, stat.st_mtime_ns, stat.st_size, file.dest_uri, languages)
        if key not in self._theme_files:
            self._theme_files[key] = site_assets.trimmed(file.dest_uri, file.content_bytes, list(languages))
        return self._theme_files[key]


def _search_languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages Material's search index will name (site_assets.finish_search checks them)."""
    search = config.plugins.get("material/search")
    return tuple(search.config.lang or ()) if search is not None and search.config.enabled else ()
