"""The search index of a site cut into its entries, as written in the file, for a leak scan per entry.

An index is {"config": …, "docs": [entry, …]} (search_index.json), or the same text as a script,
"var __index = " + JSON + ";" (search_index.js, site_assets.finish_search). Each entry is one section
of one page: {"location": …, "title": …, "text": …}. The district's index changes with every data
change, but only in the entries of the sections that changed: scanned one by one, the others are
known clean from the last build (verify_memo).

The pieces are the file's own characters, cut where the JSON parser says an entry begins and ends:
nothing is decoded, re-encoded or assumed about how the file was written. A file that is not such
an index yields None, and is scanned whole.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_SCRIPT_START = "var __index = "
_SCRIPT_END = re.compile(r";\s*\Z")
_SPACE = re.compile(r"[ \t\n\r]*")  # what JSON allows between tokens
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class Entry:
    start: int  # where its text starts in the file
    text: str  # as written in the file
    location: str  # the page and section it describes


@dataclass(frozen=True)
class Index:
    entries: list[Entry]
    rest: str  # every character of the file outside the entries: the config, brackets and commas


def split_index(text: str) -> Index | None:
    """The entries of a search index and the rest of its text, which together hold every character of it."""
    start = len(_SCRIPT_START) if text.startswith(_SCRIPT_START) else _SPACE.match(text).end()
    try:
        spans, end = _object_docs(text, start)
    except (ValueError, TypeError, IndexError):  # not JSON, or not shaped like an index
        return None
    tail = text[end:]
    if not (_SCRIPT_END.fullmatch(tail) if start == len(_SCRIPT_START) else tail.strip(" \t\n\r") == ""):
        return None
    if not spans:
        return None
    entries, rest, at = [], [], 0
    for a, b, location in spans:
        entries.append(Entry(a, text[a:b], location))
        rest.append(text[at:a])
        at = b
    rest.append(text[at:])
    return Index(entries, "".join(rest))


def _object_docs(text: str, at: int) -> tuple[list[tuple[int, int, str]], int]:
    """The spans of the "docs" entries of the object at «at», and where the object ends."""
    if text[at] != "{":
        raise ValueError("not an object")
    spans, at = [], _SPACE.match(text, at + 1).end()
    while text[at] != "}":
        key, at = _DECODER.raw_decode(text, at)
        if not isinstance(key, str) or text[_SPACE.match(text, at).end()] != ":":
            raise ValueError("not a key")
        at = _SPACE.match(text, _SPACE.match(text, at).end() + 1).end()
        if key == "docs":
            spans, at = _array_entries(text, at)
        else:
            _, at = _DECODER.raw_decode(text, at)
        at = _after_item(text, at, "}")
    return spans, at + 1


def _array_entries(text: str, at: int) -> tuple[list[tuple[int, int, str]], int]:
    if text[at] != "[":
        raise ValueError("not an array")
    spans, at = [], _SPACE.match(text, at + 1).end()
    while text[at] != "]":
        entry, end = _DECODER.raw_decode(text, at)
        if not isinstance(entry, dict):
            raise ValueError("not an entry")
        spans.append((at, end, str(entry.get("location", ""))))
        at = _after_item(text, end, "]")
    return spans, at + 1


def _after_item(text: str, at: int, close: str) -> int:
    """Past the comma after an item of an object or array; at the closing bracket when it was the last."""
    at = _SPACE.match(text, at).end()
    if text[at] == ",":
        at = _SPACE.match(text, at + 1).end()
        if text[at] == close:
            raise ValueError("a comma before the end")
        return at
    if text[at] != close:
        raise ValueError("neither a comma nor the end")
    return at
