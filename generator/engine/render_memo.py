"""A page whose Markdown is the same as at the site's last clean build: its HTML, toc and search entries reused.

A rebuild after one school's data changed makes the district site again, ~75 pages of which one
or two differ; Python-Markdown converting all of them and Material's search plugin parsing all
their HTML again is most of that site's engine time. What Page.render made of each page, and
the search entries made of its HTML, are kept in a file per site (the memo) and reused for a
page whose inputs are the same: its path and its Markdown as Page.render receives it (after
every on_page_markdown), under the key of everything else they are made from (memo_keys.site_key:
the tool's code, the packages, the settings, the site's files). MkDocs' warnings about a page
are kept with it and said again, so a reused page fails a build as its rendering would.

Only a build without warnings leaves a memo, holding only the pages it had: it never grows. Pages
of unpublished builds are in it: its folder is for the builder's eyes only, like the summaries'.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator import statefile
from generator.engine.log import ignored
from generator.engine.memo_keys import site_key

_MAGIC = b"nastavnik engine memo 3\n"  # then the sha256 of the rest, then the pickled memo


class Memo:
    """One build's memo: what the site's last clean build left (old), what this build used (new)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.old_key, self.old = _load(path)
        self.key: str | None = None  # made at the first page: the settings and the files are final then
        self.new: dict[bytes, bytes] = {}
        self.reused_pages = 0  # pages not converted again: the build's report says how many changed

    def usable(self, config: MkDocsConfig, files: Files) -> bool:
        if self.key is None:
            self.key = site_key(config, files) or ""  # "" when the settings cannot be keyed
            if self.key != self.old_key:
                self.old = {}
        return self.key != ""

    def save(self) -> None:
        """Written whole or not at all; only the builder may read it (page texts of unpublished builds)."""
        if not self.key:
            return
        payload = pickle.dumps((self.key, self.new), protocol=pickle.HIGHEST_PROTOCOL)
        statefile.write(self.path, _MAGIC + hashlib.sha256(payload).digest() + payload)


def _load(path: Path) -> tuple[str | None, dict[bytes, bytes]]:
    """The memo's key and entries; none when absent, damaged or from another version of this module."""
    try:
        data = path.read_bytes()
    except OSError:
        return None, {}
    digest, payload = data[len(_MAGIC):len(_MAGIC) + 32], data[len(_MAGIC) + 32:]
    if not data.startswith(_MAGIC) or hashlib.sha256(payload).digest() != digest:
        return None, {}
    try:
        key, entries = pickle.loads(payload)
    except Exception:
        return None, {}
    return key, entries


_memo: Memo | None = None  # the memo of the build this process is running


@contextmanager
def memo_at(path: Path | None):
    """Pages are reused from the memo at path while MkDocs builds; yields the Memo to save (None: no memo)."""
    global _memo
    _memo = Memo(path) if path is not None else None
    try:
        yield _memo
    finally:
        _memo = None


def _entry_key(kind: bytes, *parts: bytes | str) -> bytes:
    digest = hashlib.sha256(kind)
    for part in parts:
        encoded = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "big") + encoded)
    return digest.digest()


def _through_memo(key: bytes, make: Callable[[], object], reuse: Callable[[object], None]) -> bool:
    """reuse() what the last clean build made at key, else make() it; either way this build keeps it.
    True when reused."""
    assert _memo is not None
    entry = old = _memo.old.get(key)
    if entry is None:
        # Pickled at once: plugins that later edit what a page holds (its toc) never reach the memo.
        # Not compressed: zlib at its fastest took half of what the memo costs a first build, to save
        # ~150 KB of disk per school site.
        entry = pickle.dumps(make(), protocol=pickle.HIGHEST_PROTOCOL)
    else:
        reuse(pickle.loads(entry))
    _memo.new[key] = entry
    return old is not None


_render = Page.render
_pages_log = logging.getLogger("mkdocs.structure.pages")


def _render_or_reuse(self: Page, config: MkDocsConfig, files: Files) -> None:
    if _memo is None or self.markdown is None or not _memo.usable(config, files):
        _render(self, config, files)  # (without Markdown it raises as MkDocs does)
        return
    # Page.render keeps the links to anchors only when MkDocs logs above DEBUG.
    key = _entry_key(b"page", self.file.src_uri, self.markdown, str(_pages_log.getEffectiveLevel() > logging.DEBUG))
    if _through_memo(key, lambda: _rendered(self, config, files), lambda done: _restore(self, done, files)):
        _memo.reused_pages += 1


Page.render = _render_or_reuse  # type: ignore[method-assign]


def _rendered(page: Page, config: MkDocsConfig, files: Files) -> dict:
    """What Page.render sets on the page, and what it said."""
    with _said() as said:
        _render(page, config, files)
    links = page.__dict__.get("links_to_anchors")
    return {"content": page.content, "toc": page.toc, "title": page._title_from_render,
            "anchors": page.present_anchor_ids, "said": said,
            "links": None if links is None else {file.src_uri: found for file, found in links.items()}}


def _restore(page: Page, done: dict, files: Files) -> None:
    for name, level, message in done["said"]:
        if not ignored(message):
            logging.getLogger(name).log(level, message)
    page.content, page.toc, page._title_from_render = done["content"], done["toc"], done["title"]
    page.present_anchor_ids = done["anchors"]
    if done["links"] is not None:
        # The same files as when it was made (they are in the memo's key): each is found again.
        page.links_to_anchors = {files.get_file_from_path(uri): found for uri, found in done["links"].items()}


class _Said(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def _said():
    """What MkDocs logs meanwhile, as engine.log's handler sees it (on the «mkdocs» logger)."""
    logger, handler = logging.getLogger("mkdocs"), _Said()
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


_add_entry = SearchIndex.add_entry_from_context


def _entries_or_reuse(self: SearchIndex, page: Page) -> None:
    """Material's search entries of a page: made of its HTML, toc, address, title and meta only."""
    try:
        key = None if _memo is None or not _memo.key else _entry_key(
            b"search", pickle.dumps((page.url, page.title, page.meta, page.toc)), page.content)
    except Exception:  # a meta value pickle cannot take: made as Material makes it
        key = None
    if key is None:
        _add_entry(self, page)
        return
    _through_memo(key, lambda: _added(self, page), self.entries.extend)


def _added(index: SearchIndex, page: Page) -> list[dict]:
    start = len(index.entries)
    _add_entry(index, page)
    return index.entries[start:]


SearchIndex.add_entry_from_context = _entries_or_reuse  # type: ignore[method-assign]
