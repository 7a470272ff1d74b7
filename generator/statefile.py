"""Writing a file of the build's state folder (summaries, hashes, memos): whole or not at all, for the
builder's eyes only. The state holds withheld names and the pages of unpublished builds."""

from __future__ import annotations

import os
from pathlib import Path


def write(path: Path, data: bytes) -> bool:
    """data as the whole of path, or path left as it was; False when it could not be written. A state
    file that is missing only makes the next build slower, never wrong: callers go on without it."""
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(path.parent, 0o700)
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as fh:
            fh.write(data)
        os.replace(temporary, path)  # a reader sees the old file or the new one, never half of one
        return True
    except OSError:
        return False
