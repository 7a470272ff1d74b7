"""The theme's Jinja environment and its list of files, made once per process instead of once per site."""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme

from generator.jinja_cache import bytecode_cache
from generator.engine.template_memos import _MemoLoader, _nav_memo, _translator


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
        env = Theme.get_env(theme)
        env.loader = _MemoLoader(env.loader)
        env.bytecode_cache = bytecode_cache()  # a new process (a rebuild) need not compile them again
        env.globals["_nastavnik_nav_memo"] = _nav_memo
        env.globals["_nastavnik_translate"] = _translator()
        _ENVIRONMENTS[key] = env
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
