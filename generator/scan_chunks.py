"""The leak scan of a big file, a chunk of lines at a time: a rebuild scans only the chunks that changed.

A region's district site remakes its downloads after any change to a registry row it shows: the base
of mentors (15 MB of CSV, 35 MB of XML in the workbook) took eight seconds to scan again, for one row.

Why a chunk may be judged apart from the rest of its file: the scanner reads a file as lines (after
JSON escapes are decoded: leaks.joined_lines), and a finding on a line depends on that line and the
lines right before and after it, and on nothing else of the file. Each line is made readable on its
own (leaks._readable_line), a contact is looked for within one line, and a name is judged by the words
of a window of three lines: its own and its two neighbours (leaks.Scanner._names; a long line is cut
in parts around the forms of names, each part within the same three lines). Which lines are looked
at closely is also decided line by line. So a chunk keyed by its own lines and one line on either
side, under the same rules (the CleanMemo's), has the same findings wherever it stands, and a chunk
found clean once is clean again. Findings keep the line numbers of the whole file.

Chunks are cut by content (generator/line_chunks.py): a row added at the top of a download changes
only the chunks around it.
"""

from __future__ import annotations

import hashlib

from generator.leaks import Finding, Scanner
from generator.line_chunks import chunks
from generator.verify_memo import CleanMemo


def chunk_key(lines: list[str], start: int, end: int) -> bytes:
    """The chunk with the line on either side that its findings depend on; where there is none, it says so."""
    edges = f"{int(start > 0)}{int(end < len(lines))}"
    text = "\n".join(lines[max(start - 1, 0):end + 1])
    return hashlib.sha256(b"lines\0" + edges.encode() + b"\0" + text.encode("utf-8", "surrogatepass")).digest()


def scan_changed(scanner, lines: list[str], memo: CleanMemo) -> tuple[list[Finding], tuple[bytes, ...]]:
    """The findings of the whole lines (scanner: made when first needed), scanning only the chunks the
    memo does not know clean; the chunks found clean are remembered. Also every chunk's key: the memo
    keeps them with the file's own key (CleanMemo.found_clean), while the file stays the same."""
    keys = {(start, end): chunk_key(lines, start, end) for start, end in chunks(lines)}
    changed = [(start, end) for (start, end), key in keys.items() if not memo.was_clean(key)]
    if not changed:
        return [], tuple(keys.values())
    found: Scanner = scanner()
    findings = found.scan_lines_of(lines, [n for start, end in changed for n in range(start, end)])
    dirty = {f.line - 1 for f in findings}
    for start, end in changed:
        if not any(start <= n < end for n in dirty):
            memo.found_clean(keys[(start, end)])
    return findings, tuple(keys.values())
