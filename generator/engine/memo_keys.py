"""What a page's HTML is made from, besides its own Markdown: the key of a site's whole memo (render_memo)."""

from __future__ import annotations

import enum
import functools
import hashlib
import json
import types
from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from generator import fingerprint


class Unkeyable(Exception):
    """A setting whose effect cannot be told from its value (a closure, an unknown object): no memo then."""


def site_key(config: MkDocsConfig, files: Files) -> str | None:
    """Everything Page.render and the search index read besides the page itself; None when some of it
    cannot be keyed. The tool's code and every package's version cover the extensions' own code;
    the files, since relative links are rewritten and checked against them."""
    try:
        _only_text_extensions(config.markdown_extensions)
        parts = {
            "tool": fingerprint.tool(),
            "markdown": canonical([config.markdown_extensions, config.mdx_configs]),
            "links": canonical([config.use_directory_urls, config.validation]),
            "theme": canonical([config.theme.name, config.theme.dirs,
                                {key: str(value) if key == "locale" else value for key, value in config.theme.items()}]),
            "plugins": [[name, canonical(dict(plugin.config))] for name, plugin in config.plugins.items()],
            "files": sorted([f.src_uri, f.dest_uri, f.url, f.inclusion.name] for f in files),
        }
    except Unkeyable:
        return None
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# Extensions that make a page's HTML of its text and their settings only. Others may read files
# (pymdownx.snippets, pymdownx.b64, a theme's custom emoji), which no key here would see change.
_TEXT_ONLY = {
    *(f"markdown.extensions.{name}" for name in (
        "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
        "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc",
        "wikilinks")),
    *(f"pymdownx.{name}" for name in (
        "betterem", "caret", "critic", "details", "highlight", "inlinehilite", "keys", "mark", "saneheaders",
        "smartsymbols", "superfences", "tabbed", "tasklist", "tilde")),
}


def _only_text_extensions(extensions: list) -> None:
    for extension in extensions:
        name = extension if isinstance(extension, str) else None
        if name is None or (name not in _TEXT_ONLY and f"markdown.extensions.{name}" not in _TEXT_ONLY):
            raise Unkeyable(f"Markdown extension {extension!r}")


def canonical(value):
    """value as JSON that tells apart any two settings that may act differently; Unkeyable if unsure."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return [type(value).__name__, value]  # 1 and True and "1" stay apart
    if isinstance(value, enum.Enum):
        return ["enum", _name(type(value)), value.name]
    if isinstance(value, Mapping):
        pairs = [[canonical(key), canonical(item)] for key, item in value.items()]
        return ["map", sorted(pairs, key=json.dumps)]
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [canonical(item) for item in value]]
    if isinstance(value, (set, frozenset)):
        return ["set", sorted((canonical(item) for item in value), key=json.dumps)]
    if isinstance(value, functools.partial):
        return ["partial", canonical(value.func), canonical(value.args), canonical(value.keywords)]
    if isinstance(value, type) or (isinstance(value, (types.FunctionType, types.BuiltinFunctionType))
                                   and getattr(value, "__closure__", None) is None):
        return ["code", _name(value)]  # its code is the tool's or a package's: in the tool's hash
    raise Unkeyable(repr(value))


def _name(value) -> str:
    return f"{value.__module__}.{value.__qualname__}"
