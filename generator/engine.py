"""Stage 5: the one place that knows MkDocs. Builds a SiteSpec into a folder of HTML.

Material for MkDocs reaches end of life in May 2027; swapping the engine (ProperDocs,
Zensical) means rewriting this module only: it takes a SiteSpec and a folder, and
returns the problems the engine reported.

A worker builds many sites one after another, so most of this module takes MkDocs, Material
and Python-Markdown past work that repeats or that a site does not need (each shortcut says
why where it is made). Every one of them leaves the output byte for byte as MkDocs alone
would make it: tests/test_engine_speedups.py builds a school both ways and compares.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import posixpath
import re
import re._constants as re_constants
import re._parser as re_parser
import shutil
import types
import weakref
from contextlib import contextmanager
from pathlib import Path

import jinja2
import markdown
import yaml
from markdown.treeprocessors import InlineProcessor
from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files, set_exclusions
from mkdocs.theme import Theme
from material.plugins.search import plugin as search_plugin
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
        env = Theme.get_env(theme)
        env.loader = _MemoLoader(env.loader)
        env.globals["_nastavnik_nav_memo"] = _nav_memo
        env.globals["_nastavnik_translate"] = _translator()
        _ENVIRONMENTS[key] = env
    return _ENVIRONMENTS[key]


# Material draws the whole menu on every page: O(pages²) per site. An item that neither is nor
# holds the current page comes out the same on every page of one folder (its links are relative
# to the folder), so it is drawn once per folder. And every label of a page is looked up in a
# dictionary of ~60 translations that Jinja builds anew for each lookup: each label is looked
# up once. Both are rewritten into the templates at load time; a theme whose templates differ
# from the expected text is left as it is, template by template.
_REWRITES = {
    "partials/nav.html": ("{{ item.render(nav_item, path, 1) }}",
                          "{{ _nastavnik_nav_memo(item.render, nav, page, nav_item, path, 1) }}"),
    "partials/nav-item.html": ('{{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}',
                               '{{ _nastavnik_nav_memo(render, nav, page, item, path ~ "_" ~ loop.index, '
                               'level + 1, nav_item) }}'),
    "partials/language.html": ("{% macro t(key) %}{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}",
                               "{% macro t(key) %}{{ _nastavnik_translate(lang, fallback, key) }}{% endmacro %}"),
}
_NAV_MEMOS: "weakref.WeakKeyDictionary[object, dict]" = weakref.WeakKeyDictionary()


class _MemoLoader(jinja2.BaseLoader):
    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = self.inner.get_source(environment, template)
        text, memo_text = _REWRITES.get(template, (None, None))
        if text is not None and source.count(text) == 1:
            source = source.replace(text, memo_text)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def _nav_memo(render, nav, page, nav_item, path, level, parent=None):
    args = (nav_item, path, level) if parent is None else (nav_item, path, level, parent)
    if page is None or nav_item.active or nav_item == page or getattr(nav_item, "pages", None):
        return render(*args)
    # A link's relative form depends on the page's folder only (mkdocs.utils.get_relative_url).
    folder, _, name = page.url.rpartition("/")
    parent_active = parent is not None and bool(parent.active)
    key = (id(nav_item), path, level, parent_active, folder if "." in name else page.url)
    memo = _NAV_MEMOS.setdefault(nav, {})
    if key not in memo:
        memo[key] = (nav_item, render(*args))  # the item kept: its id stays unique
    return memo[key][1]


def _translator():
    """Material's lang.t for one environment: the language templates hold nothing but their labels."""
    labels: dict[tuple, str] = {}

    def translate(lang, fallback, key):
        at = (lang.__name__, fallback.__name__, key)
        if at not in labels:
            labels[at] = lang.t(key) or fallback.t(key) or key
        return labels[at]
    return translate


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


class _DocsInMemory(BasePlugin):
    """Hands the site's own files to MkDocs from memory: none is written to docs_dir to be read back.

    The first on_files handler: the files come in the order, with the exclusions and the
    index/README rule, that MkDocs' own walk of docs_dir (get_files) would have given them.
    """

    def __init__(self, spec: SiteSpec) -> None:
        super().__init__()
        self.spec = spec

    @event_priority(100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        own = [_docs_file(config, name, text=_as_read_from_disk(text)) for name, text in self.spec.pages.items()]
        own += [_docs_file(config, name, source=source) for name, source in self.spec.assets.items()]
        own += [_docs_file(config, name, content=content) for name, content in self.spec.generated.items()]
        set_exclusions(own, config)
        own_paths = {file.src_uri for file in own}
        docs = sorted(own + [f for f in files if f.src_dir == config.docs_dir and f.src_uri not in own_paths],
                      key=_walk_order)
        # A theme file MkDocs added only because the docs folder did not hold one of the same path.
        theme = [f for f in files if f.src_dir != config.docs_dir and f.src_uri not in own_paths]
        return Files(_without_conflicts(docs) + theme)


def _docs_file(config: MkDocsConfig, name: str, *, text: str | None = None, source: Path | None = None,
               content: bytes | None = None) -> File:
    """A file of docs_dir as get_files makes it (an edit link and all), its content held elsewhere."""
    file = File(name, config.docs_dir, config.site_dir, config.use_directory_urls)
    if source is not None:
        file.abs_src_path = str(Path(source).resolve())
    elif text is not None:
        file.content_string = text
    else:
        file.content_bytes = content
    return file


def _as_read_from_disk(text: str) -> str:
    """What MkDocs reads back from a page written by write_docs: no BOM, universal newlines."""
    return text.encode("utf-8").decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def _walk_order(file: File) -> tuple:
    """get_files' order: os.walk top-down, folders sorted, in each folder its files first, index first."""
    *folders, name = file.src_uri.split("/")
    return (*((1, folder) for folder in folders), (0, posixpath.splitext(name)[0] not in ("index", "README"), name))


_files_log = logging.getLogger("mkdocs.structure.files")


def _without_conflicts(docs: list[File]) -> list[File]:
    """get_files' rule for two files of one folder with one destination (index.md and README.md)."""
    first: dict[tuple[str, str], File] = {}
    dropped: list[File] = []
    for file in docs:
        earlier = first.setdefault((posixpath.dirname(file.src_uri), file.dest_uri), file)
        if earlier is file:
            continue
        if file.inclusion.is_included():
            if earlier.inclusion.is_included():
                _files_log.warning(f"Excluding '{earlier.src_uri}' from the site because it conflicts with "
                                   f"'{file.src_uri}'.")
            dropped.append(earlier)
        else:
            dropped.append(file)
    return [file for file in docs if not any(file is gone for gone in dropped)]


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


# Material's search plugin reads every page's HTML again with html.parser (pure Python, a regex per
# attribute, line counting) to build its index. Markdown's own HTML is regular: where every "<"
# opens a plain tag with double-quoted attributes, one regex finds the same events html.parser
# would report, in the same pieces. Any other page (comments, scripts, unquoted attributes, a
# stray "<") goes to html.parser itself.
_SPACE = "[ \t\n\r\f]"  # what ends a tag name for html.parser too (\s alone would not)
_TAG = re.compile(rf"<(?:/([a-zA-Z][a-zA-Z0-9]*){_SPACE}*>|([a-zA-Z][a-zA-Z0-9]*)"
                  rf"((?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?)*){_SPACE}*(/?)>)")
_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
_RAW_TEXT_TAGS = {"script", "style"}  # html.parser reads their content differently


def html_events(text: str) -> list[tuple] | None:
    """html.parser's events for regular HTML: ("data", s), ("start"|"startend", tag, attrs), ("end", tag)."""
    events: list[tuple] = []
    pos = 0
    while (lt := text.find("<", pos)) >= 0:
        match = _TAG.match(text, lt)
        if match is None:
            return None
        if lt > pos:
            events.append(("data", html.unescape(text[pos:lt])))
        end_tag, tag, attrs, closed = match.groups()
        if end_tag is not None:
            events.append(("end", end_tag.lower()))
        else:
            tag = tag.lower()
            if tag in _RAW_TEXT_TAGS:
                return None
            pairs = [(name.lower(), html.unescape(value) if value else value)
                     for name, value in (m.groups() for m in _ATTR.finditer(attrs))]
            events.append(("startend" if closed else "start", tag, pairs))
        pos = match.end()
    if pos < len(text):
        events.append(("data", html.unescape(text[pos:])))
    return events


class _SearchParser(search_plugin.Parser):
    """Material's Parser, fed by html_events, its handlers with the same rules on plain sets.

    Material's elements compare and hash by tag, so its «skip» set and its «context» list
    answer questions about tags only; here the tags are kept in a set and a count, which
    asks no Python-level __eq__ or __hash__ of each open element for each piece of text.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.skip_tags = {"object", "script", "style"}
        self.open_tags: dict[str, int] = {}  # tag -> how many of self.context have it

    def feed(self, data: str) -> None:
        events = html_events(data)
        if events is None:
            super().feed(data)
            return
        handlers = {"data": self.handle_data, "start": self.handle_starttag,
                    "startend": self.handle_startendtag, "end": self.handle_endtag}
        for kind, *args in events:
            handlers[kind](*args)

    def _skipping(self) -> bool:
        return not self.skip_tags.isdisjoint(self.open_tags)

    def _section_parts(self) -> list[str]:
        return self.section.title if self.section.el.tag in self.open_tags else self.section.text

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in search_plugin.void:
            return
        attrs = dict(attrs)
        el = search_plugin.Element(tag, attrs)
        self.context.append(el)
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        if tag in _HEADINGS and "id" in attrs:
            self._open_section(el, tag, attrs["id"])
        if not self.section:
            self.section = search_plugin.Section(search_plugin.Element("hx"))
            self.data.append(self.section)
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            self.skip_tags.add(tag)
            return
        if tag in self.keep and not self._skipping():
            self._section_parts().append(f"<{tag}>")

    def _open_section(self, el, tag: str, id_: str) -> None:
        depth = len(self.context)
        if tag != "h1" and not self.data:
            self.data.append(search_plugin.Section(search_plugin.Element("hx"), depth))
        self.section = search_plugin.Section(el, depth)
        if len(self.data) > 0:
            self.section.id = id_
        self.data.append(self.section)

    def handle_endtag(self, tag: str) -> None:
        if not self.context or self.context[-1].tag != tag:
            return
        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        self.context.pop()
        self.open_tags[tag] -= 1
        if not self.open_tags[tag]:
            del self.open_tags[tag]
        if tag in self.skip_tags:
            if tag not in ("script", "style", "object"):
                self.skip_tags.remove(tag)
            return
        if tag in self.keep and not self._skipping():
            self._close_kept(self._section_parts(), tag)

    @staticmethod
    def _close_kept(parts: list[str], tag: str) -> None:
        """Material's rule: an element with nothing but whitespace inside is dropped whole."""
        index = parts.index(f"<{tag}>")
        if any(not part.isspace() for part in parts[index + 1:]):
            parts.append(f"</{tag}>")
        else:
            del parts[index:]

    def handle_data(self, data: str) -> None:
        if self._skipping():
            return
        in_pre = "pre" in self.open_tags
        if not in_pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        if not self.section:
            self.section = search_plugin.Section(search_plugin.Element("hx"))
            self.data.append(self.section)
        section = self.section
        if section.el.tag in self.open_tags:
            if not any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context):
                section.title.append(html.escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or in_pre:
                section.text.append(data)
        else:
            section.text.append(html.escape(data, quote=False))


_HEADINGS = {f"h{level}" for level in range(1, 7)}


search_plugin.Parser = _SearchParser  # type: ignore[misc]


# MkDocs scans the entry points of every installed package for themes each time it loads one
# (it clears its own cache first): half of load_config. Packages are not installed mid-run.
_installed_themes = functools.cache(mkdocs_utils.get_themes.__wrapped__)


def _get_themes() -> dict:
    return _installed_themes()


_get_themes.cache_clear = lambda: None  # type: ignore[attr-defined]
mkdocs_utils.get_themes = _get_themes


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


# Python-Markdown tries each of its inline patterns (links, emphasis, code, entities…) on every
# piece of text, down to each table cell. Most pieces hold none of the characters those patterns
# need, and then every pattern fails: such a piece is left as it is at once. Which characters a
# pattern needs is read from its regex; a pattern whose regex does not tell leaves all as it was.
_handle_inline = InlineProcessor._InlineProcessor__handleInline  # type: ignore[attr-defined]
_TRIGGERS: dict[tuple, re.Pattern | None] = {}


def _inline_shortcut(self: InlineProcessor, data: str, patternIndex: int = 0) -> str:
    trigger = self.__dict__.get("_nastavnik_trigger", _handle_inline)
    if trigger is _handle_inline:
        trigger = self._nastavnik_trigger = _inline_trigger([p.getCompiledRegExp() for p in self.inlinePatterns])
    if trigger is not None and trigger.search(data) is None:
        return data
    return _handle_inline(self, data, patternIndex)


InlineProcessor._InlineProcessor__handleInline = _inline_shortcut  # type: ignore[attr-defined]


def _inline_trigger(patterns: list[re.Pattern]) -> re.Pattern | None:
    """A regex that finds a character of every match of every pattern; None if one pattern is unclear."""
    key = tuple((p.pattern, p.flags) for p in patterns)
    if key not in _TRIGGERS:
        needs = [None if p.flags & re.IGNORECASE else _needed(re_parser.parse(p.pattern, p.flags)) for p in patterns]
        chars = None if None in needs else sorted(set().union(*needs))
        _TRIGGERS[key] = re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else None
    return _TRIGGERS[key]


def _needed(items) -> frozenset[str] | None:
    """Characters of which every match of a parsed regex holds one (the rarest such set); None if unsure."""
    found = [chars for op, arg in items if (chars := _item_needed(op, arg))]
    # Spaces and letters are in nearly every text: "  \n" (a line break) is found by its "\n".
    return min(found, key=lambda chars: (sum(c == " " or c.isalnum() for c in chars), len(chars)), default=None)


def _item_needed(op, arg) -> frozenset[str] | None:
    if op is re_constants.LITERAL:
        return frozenset(chr(arg))
    if op is re_constants.IN and all(kind is re_constants.LITERAL for kind, _ in arg):
        return frozenset(chr(code) for _, code in arg)
    if op is re_constants.SUBPATTERN:
        _, add_flags, _, items = arg
        return None if add_flags & re.IGNORECASE else _needed(items)
    if op is re_constants.ATOMIC_GROUP:
        return _needed(arg)
    if op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT, re_constants.POSSESSIVE_REPEAT):
        low, _, items = arg
        return _needed(items) if low >= 1 else None
    if op is re_constants.BRANCH:
        branches = [_needed(items) for items in arg[1]]
        return None if None in branches else frozenset().union(*branches)
    return None


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
    docs_dir.mkdir(parents=True, exist_ok=True)  # stays empty: _DocsInMemory hands MkDocs the files
    extra = {**_base_extra(base_config), **spec.extra}
    # MkDocs reads the build date from SOURCE_DATE_EPOCH: the output depends on --date only.
    os.environ["SOURCE_DATE_EPOCH"] = str(build_date_epoch)
    with _engine_log(spec.outside_links) as warnings:
        try:
            mkdocs_build(_config(base_config, spec, docs_dir, site_dir, extra))
        except MkDocsException as exc:  # MkDocs' Abort is also a SystemExit: it must not end the run
            warnings.append(f"MkDocs: {exc}")
        finally:
            _reused[:] = [None, None, None]  # the instance holds the last page, its site and config
    site_assets.finish_search(site_dir)  # search for file:// and Russian word forms
    return warnings
