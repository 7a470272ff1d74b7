"""The theme's Jinja environment and its list of files, made once per process instead of once per site."""

from __future__ import annotations

import fnmatch
import os
import re

import jinja2
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme

from generator.jinja_cache import bytecode_cache
from generator.engine.template_memos import _MemoLoader, _nav_memo, _translator


# What MkDocs redoes for every site although it is the same for all of them: kept for the
# life of the process (a warm worker builds many sites). Keyed by what they are made from.
_ENVIRONMENTS: dict[tuple, jinja2.Environment] = {}
_THEME_FILES: dict[tuple, list[tuple[str, str]]] = {}
_walk_theme = Files.add_files_from_theme  # MkDocs' own: tests compare _listed with it


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


def _skipped(config: MkDocsConfig) -> re.Pattern:
    """The names Files.add_files_from_theme leaves out (its filter's patterns, in one expression)."""
    patterns = [".*", "*/.*", "*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "locales/*",
                *(f"*{x}" for x in mkdocs_utils.markdown_extensions), *config.theme.static_templates]
    return re.compile("|".join(fnmatch.translate(pattern) for pattern in patterns))


def _theme_names(dirs: list[str]) -> list[str]:
    """What jinja2.FileSystemLoader(dirs).list_templates() lists, without its path calls per file."""
    found = set()
    for searchpath in dirs:
        start = len(searchpath)
        for dirpath, _, filenames in os.walk(searchpath):
            folder = dirpath[start:].strip(os.path.sep).replace(os.path.sep, "/")
            found.update(f"{folder}/{name}" if folder else name for name in filenames)
    return sorted(found)


def _listed(config: MkDocsConfig) -> list[tuple[str, str]]:
    """Files.add_files_from_theme's choice for an empty site, at a tenth of its cost: it joined, stripped
    and matched ~15 patterns one by one for each of the theme's 14,000 files, in every new process."""
    skipped, dirs = _skipped(config), config.theme.dirs
    kept = []
    for path in _theme_names(dirs):
        if skipped.match(path.lower()) is None:
            src_dir = next((d for d in dirs if os.path.isfile(os.path.join(d, path))), None)
            if src_dir is not None:
                kept.append((path, src_dir))
    return kept


def _add_theme_files(files: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
    """Files.add_files_from_theme walks every file of the theme (Material: 14,000 icons) to keep a few."""
    key = (_theme_key(config.theme), config.use_directory_urls)
    if key not in _THEME_FILES:
        _THEME_FILES[key] = _listed(config)
    for path, src_dir in _THEME_FILES[key]:
        if files.get_file_from_path(path) is None:  # as MkDocs does: the docs' own file wins
            files.append(File(path, src_dir, config.site_dir, config.use_directory_urls))


Files.add_files_from_theme = _add_theme_files  # type: ignore[method-assign]
