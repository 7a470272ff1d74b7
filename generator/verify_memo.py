"""What the last successful leak check of a site found clean, so that a rebuild scans only what changed
(and which pages' links all led somewhere, so that they are not parsed again).

The verdict of the leak scan on a piece of text (a file, an entry of the search index) depends on
the text and on the rules only: the withheld names (as written, how much of each may appear, whether
a minor), the withheld contacts, the contacts shown, and the code that reads them (the tool's source,
Python, the installed packages: the PDF reader, the dictionary of name forms). The memo holds a digest
of the rules and the digests of the clean pieces; a piece whose digest it holds is clean again under
the same rules. Any change to the rules makes the memo unusable, and everything is scanned.

It is written only after a check that found no problem at all, and holds only the pieces of that
build: what a later site no longer has is forgotten. Digests only, no names; still, a digest of a
withheld name can be tried against guesses, so the folder is the builder's alone, like the summaries.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from generator import fingerprint, statefile
from generator.policy import Disclosure

_VERSION = 2  # 2: the chunks of each big file known clean (scan_chunks.py)


def rules_digest(disclosure: Disclosure) -> bytes:
    """Everything the scan's verdict depends on besides the text. The sources of the rules are left
    out: they only word the message of a leak, and they move whenever a data file gains a line."""
    names = disclosure.names
    digest = hashlib.sha256(fingerprint.tool().encode())  # the scanner's code and what it reads with
    # Field by field, not rule by rule: 40 ms for two hundred thousand names, a third of a string per rule.
    digest.update(_joined([r.name for r in names]))
    digest.update(_joined([r.allowed for r in names]))
    digest.update(bytes([r.minor for r in names]))
    digest.update(pickle.dumps(([r.value for r in disclosure.contacts], sorted(disclosure.shown_contacts))))
    return digest.digest()


def _joined(values: list[str]) -> bytes:
    """The strings and their number, unambiguously: joined by a character none of them holds, else pickled."""
    joined = "\x1f".join(values)
    if joined.count("\x1f") != max(len(values) - 1, 0):
        return pickle.dumps(values)
    return len(values).to_bytes(8, "big") + joined.encode("utf-8", "surrogatepass")


def file_key(name: str, digest: bytes) -> bytes:
    """A file as the scan reads it: its name says how (text, iCalendar, PDF, office document)."""
    return hashlib.sha256(b"file\0" + name.encode() + b"\0" + digest).digest()


def names_key(names: set[str]) -> bytes:
    """The files of a site: where its relative links may lead."""
    return hashlib.sha256("\0".join(sorted(names)).encode("utf-8", "surrogatepass")).digest()


def links_key(names: bytes, name: str, digest: bytes) -> bytes:
    """A page whose links all led to files of the site (names: names_key), checked by the links
    (not the leak scan): the same page at the same place among the same files has the same links."""
    return hashlib.sha256(b"links\0" + names + name.encode() + b"\0" + digest).digest()


def text_key(text: str) -> bytes:
    """A piece of a file scanned on its own as text (an entry of the search index): its place does not count."""
    return hashlib.sha256(b"text\0" + text.encode("utf-8", "surrogatepass")).digest()


class CleanMemo:
    """The pieces known clean under these rules, and those this check finds clean.

    A big file scanned by chunks is known clean by its own key and by its chunks' keys, which it
    names (parts): an unchanged file is not read, and its chunks stay in the memo all the same,
    for the build that finds one row of it changed."""

    def __init__(self, rules: bytes, known: frozenset[bytes] = frozenset(),
                 known_parts: dict[bytes, tuple[bytes, ...]] | None = None):
        self.rules = rules
        self.known = known
        self.known_parts = known_parts or {}
        self.clean: set[bytes] = set()
        self.parts: dict[bytes, tuple[bytes, ...]] = {}

    @classmethod
    def load(cls, path: Path, disclosure: Disclosure) -> "CleanMemo":
        """An unreadable memo, one of another version or of other rules, knows nothing."""
        rules = rules_digest(disclosure)
        try:
            with open(path, "rb") as fh:
                version, recorded, known, parts = pickle.load(fh)
        except Exception:  # absent, half-written, corrupt, of another version: the scan reads everything
            return cls(rules)
        usable = version == _VERSION and recorded == rules and isinstance(known, frozenset) and isinstance(parts, dict)
        return cls(rules, known, parts) if usable else cls(rules)

    def was_clean(self, key: bytes) -> bool:
        """Whether the piece was clean under these rules; if so, it stays in the memo, with its parts."""
        if key in self.known:
            self.clean.add(key)
            if key in self.known_parts:
                self.parts[key] = self.known_parts[key]
                self.clean.update(self.parts[key])
            return True
        return False

    def found_clean(self, key: bytes, parts: tuple[bytes, ...] = ()) -> None:
        """parts: the keys of its chunks, clean too."""
        self.clean.add(key)
        if parts:
            self.parts[key] = parts
            self.clean.update(parts)

    def save(self, path: Path) -> None:
        """Atomically: a half-written memo reads as none. A memo that cannot be written costs time only."""
        statefile.write(path, pickle.dumps((_VERSION, self.rules, frozenset(self.clean), self.parts),
                                           protocol=pickle.HIGHEST_PROTOCOL))
