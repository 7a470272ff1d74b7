"""The theme files the tool ships: a site file identical to one of them holds no data.

The theme's scripts and styles are most of a site's bytes and the same in every site.
A file is taken for the theme's only when its bytes are those of the theme file at the
same path (as shipped or as site_assets finishes it), compared by SHA-256; the digests
of the theme's files are made once per process. Only folders that come with the tool and
its packages are listed: a district's own theme folder is its data, and is scanned.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from generator.site_assets import finished_forms

# The kinds of file a theme copies into a site unchanged; pages, the search index, feeds and
# downloads are made from the data and are always scanned.
_KINDS = (".js", ".css")


class ShippedFiles:
    def __init__(self, folders: tuple[Path, ...]):
        self.folders = folders
        self._digests: dict[str, frozenset[bytes]] = {}

    def holds(self, name: str, digest: Callable[[], bytes]) -> bool:
        """Whether the site file name, whose SHA-256 digest() gives, is a theme file as shipped."""
        if not name.startswith("assets/") or not name.endswith(_KINDS):
            return False
        known = self._known(name)
        return bool(known) and digest() in known

    def _known(self, name: str) -> frozenset[bytes]:
        if name not in self._digests:
            sources = [folder / name for folder in self.folders if (folder / name).is_file()]
            self._digests[name] = frozenset(hashlib.sha256(form).digest() for path in sources
                                            for form in finished_forms(name, path.read_bytes()))
        return self._digests[name]


@lru_cache(maxsize=4)
def shipped_files(folders: tuple[Path, ...]) -> ShippedFiles:
    """One per process and set of folders: a worker that builds many sites hashes the theme once."""
    return ShippedFiles(folders)
