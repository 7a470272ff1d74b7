"""One build at a time into one output folder.

A build starts by undoing what a killed build left (publish.recover removes its temporary
folders and puts back half-replaced sites) and keeps its state beside the output: a second
build into the same folder at the same time (two CI jobs, a build while `serve` rebuilds)
would take the first one's folders for leftovers. The lock is the operating system's
(flock): it ends with the process that holds it, however that process ends, so a killed
build never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: the build runs unlocked there, as before
    fcntl = None

LOCK_FILE = "lock"


class Busy(Exception):
    """Another build holds the output folder."""


@contextlib.contextmanager
def held(state: Path) -> Iterator[None]:
    """The output folder whose state folder is state, for the caller alone; raises Busy at once
    when another process builds into it (waiting could last as long as a whole region's build)."""
    state.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(state, 0o700)  # withheld names inside: for the builder's eyes only, even if made by an older version
    with open(state / LOCK_FILE, "a+b") as fh:
        if fcntl is not None:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise Busy(state) from None
        yield
