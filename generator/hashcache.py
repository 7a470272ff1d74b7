"""Hashes of input files remembered by their stat, so that a rebuild reads only the files that changed.

As git's index does: a file whose size, modification time, change time, inode and device are the
recorded ones keeps its recorded hash. The change time (ctime) is set by the system on every
write and cannot be set back by programs, so a file rewritten with the same size and its
modification time restored (touch -d, os.utime) is still seen as changed. What remains is the
"racily clean" file of git: changed again within the resolution of the file system's clock
right after it was hashed, it could keep its stat. Entries whose times are less than RACY_NS
older than the moment the cache is written are therefore not kept: such a file is hashed again.
The assumption, as git's, is that nothing sets a file's ctime back (only a changed system clock can).

The cache lives in the build's state folder, never in the published output: it names data files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

from generator import statefile

RACY_NS = 2_000_000_000  # coarser than any file system clock we meet (FAT: 2 s)
_VERSION = 1


def file_hash(path: Path | str) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:  # a broken link or an unreadable file: the check stage says so, with the place
        return f"unreadable:{exc.__class__.__name__}"
    return digest.hexdigest()


def _stat_key(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev


class HashCache:
    """path → hash, trusted while the file's stat is unchanged; without a file, a plain hasher."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.hashed = 0  # files read this time (the others were known by their stat)
        self._known = self._load(path) if path else {}
        self._seen: dict[str, tuple] = {}

    @staticmethod
    def _load(path: Path) -> dict[str, tuple]:
        try:
            with open(path, "rb") as fh:
                version, entries = pickle.load(fh)
            return entries if version == _VERSION and isinstance(entries, dict) else {}
        except Exception:  # missing, half-written or from another version: everything is hashed again
            return {}

    def hash(self, path: Path | str) -> str:
        name = os.path.abspath(path)
        try:
            key = _stat_key(os.stat(name))
        except OSError:
            return file_hash(name)
        entry = self._known.get(name)
        if entry is not None and entry[0] == key:
            value = entry[1]
        else:
            value = file_hash(name)
            self.hashed += 1
        if not value.startswith("unreadable:"):
            self._seen[name] = (key, value)
        return value

    def save(self) -> None:
        """Keeps what this build saw and what earlier builds saw (a build of one school sees few files),
        except racily clean entries."""
        if self.path is None:
            return
        limit = time.time_ns() - RACY_NS
        entries = {**self._known, **{name: entry for name, entry in self._seen.items()
                                     if max(entry[0][1], entry[0][2]) < limit}}
        statefile.write(self.path, pickle.dumps((_VERSION, entries), protocol=pickle.HIGHEST_PROTOCOL))
