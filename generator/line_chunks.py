"""Long texts cut into chunks of lines by their content, for work kept chunk by chunk between builds.

A line ends a chunk when a hash of it says so, not when a count is reached: a line added or removed
moves no boundary far from it, and the chunks below it stay the same.
"""

from __future__ import annotations

import zlib

_MIN_LINES = 16  # no chunk ends earlier: a page repeats short lines that could end one at every step
_MAX_LINES = 1024  # a file of identical lines is still cut
_CUT = 63  # a line ends a chunk when the low bits of its hash are all set: a chunk of about 64 lines


def chunks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each chunk, in order, covering every line."""
    found, start = [], 0
    for number, line in enumerate(lines):
        length = number + 1 - start
        if length >= _MAX_LINES or (length >= _MIN_LINES and
                                    zlib.crc32(line.encode("utf-8", "surrogatepass")) & _CUT == _CUT):
            found.append((start, number + 1))
            start = number + 1
    return found + [(start, len(lines))] if start < len(lines) else found
