"""Downloads of the public registries: the table a page shows, as .xlsx and .csv beside it.

The files are made from the rendered page itself, so they hold exactly the rows and
columns the reader sees after the publication policy (labels instead of withheld names,
groups instead of pupils), nothing the templates did not receive. CSV is UTF-8 with a
byte order mark and «;» between cells, which a Russian Excel opens as is.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import zlib
from dataclasses import dataclass

from generator.line_chunks import chunks
from generator.memo import Memo, digest


# Page of a site → the name of its downloads (the templates link to <name>.xlsx and <name>.csv).
SCHOOL_DOWNLOADS = {"mentors.md": "mentors", "mentees.md": "mentees", "pairs.md": "pairs"}
DISTRICT_DOWNLOADS = {"mentors.md": "mentors"}

_ROW = re.compile(r"^\|(.*)\|\s*$")
_RULE = re.compile(r"^\|(\s*:?-{3,}:?\s*\|)+\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
_MARKUP = re.compile(r"[\[*<\\&]")  # what a link, emphasis, a tag, an escape or an entity begins with


def _cell_text(markdown: str) -> str:
    """What a reader sees of a Markdown cell: no escapes, links as their text, no emphasis marks."""
    if not _MARKUP.search(markdown):
        return markdown.strip()  # most cells: nothing below would change them
    text = _LINK.sub(r"\1", markdown.strip())
    text = re.sub(r"(?<!\\)\*\*|<[^>]+>", "", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return html.unescape(text).strip()


@dataclass
class _Table:
    section: str  # the heading of its section
    heading: list[str]  # the texts of its heading row
    lines: list[str]  # its rows as the page writes them, not yet cut into cells


def _found(markdown: str) -> list[_Table]:
    found, lines, section = [], markdown.splitlines(), ""
    for i, line in enumerate(lines[:-1]):
        if line.startswith("## "):
            section = _cell_text(line[3:])
        if _ROW.match(line) and _RULE.match(lines[i + 1]) and not (i and _ROW.match(lines[i - 1])):
            rows = []
            for row in lines[i + 2:]:
                if not _ROW.match(row):
                    break
                rows.append(row)
            found.append(_Table(section, _cells(line), rows))
    return found


def _cells(line: str) -> list[str]:
    return [_cell_text(c) for c in _CELL_SPLIT.split(_ROW.match(line).group(1))]


def tables(markdown: str) -> list[tuple[str, list[list[str]]]]:
    """Every table of a page with the heading of its section: rows of cell texts, the heading row first."""
    return [(table.section, [table.heading, *map(_cells, table.lines)]) for table in _found(markdown)]


def one_table(found: list[tuple[str, list[list[str]]]]) -> list[list[str]]:
    """A page's tables as one: tables with the same columns in several sections get a column «Раздел»."""
    if len(found) == 1 or any(table[0] != found[0][1][0] for _, table in found):
        return found[0][1]
    return [["Раздел", *found[0][1][0]]] + [[section, *row] for section, table in found for row in table[1:]]


def typed_rows(table: list[list[str]]) -> list[list[str | int | dt.date]]:
    """Cells as Excel should hold them: dates as dates, the running number as a number, the rest as text."""
    return [list(table[0]), *map(_typed, table[1:])]


def _typed(row: list[str]) -> list[str | int | dt.date]:
    cells: list[str | int | dt.date] = []
    for c, text in enumerate(row, 1):
        date = _date(text) if len(text) == 10 else None  # most cells: no date, no regex
        if date:
            cells.append(date)
        else:
            cells.append(int(text) if c == 1 and text.isascii() and text.isdigit() else text)
    return cells


def _date(text: str) -> dt.date | None:
    """The date a cell writes; none for text that only looks like one (a typed «31.02.2025» stays text)."""
    match = _DATE.fullmatch(text)
    try:
        return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1))) if match else None
    except ValueError:
        return None


def column_widths(table: list[list[str]]) -> list[int]:
    return [_width(max(len(r[c]) for r in table)) for c in range(len(table[0]))]


def _width(longest: int) -> int:
    """A column's width in Excel for its longest text."""
    return max(8, min(60, longest + 2))


def _csv(table: list[list[str]], bom: bool = True) -> bytes:
    # Encoded as written: the district's 21 MB base, made as text first, took three times that at once.
    out = io.BytesIO()
    text = io.TextIOWrapper(out, encoding="utf-8-sig" if bom else "utf-8", newline="")
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(table)
    text.flush()
    text.detach()  # out stays open
    return out.getvalue()


def downloads(pages: dict[str, str], wanted: dict[str, str], titles: dict[str, str], day: dt.date,
              memo: Memo | None = None) -> dict[str, bytes]:
    """File name → bytes for every wanted page that shows a table; titles: page → its title.

    The rows are made a chunk at a time (line_chunks), each kept in memo for the next build while its
    lines, and the row it starts at, stay the same: a changed row of a region's base of mentors makes
    its chunk again, not 70,000 rows. What is made is the same as table_book and _csv of the whole table."""
    memo = memo or Memo(None, "")
    files = {}
    for page, name in sorted(wanted.items()):
        found = _found(pages.get(page, ""))
        if not found:
            continue
        heading, bodies = _one(found)
        pieces, keys, start = [], [], 2  # the sheet's row 1 is the heading
        for section, lines in bodies:
            for a, b in chunks(lines):
                inputs = (section, lines[a:b], len(heading), start)
                keys.append(digest(inputs))
                pieces.append(memo.made_from("download rows", keys[-1], _piece, *inputs))
                start += b - a
        if pieces:  # the files too are kept: a change the table does not show makes neither
            title = titles.get(page, name)
            files.update(memo.made_from("download files", [name, heading, keys, title, day], _files,
                                        name, heading, pieces, start - 1, title, day))
    return files


def _files(name: str, heading: list[str], pieces: list["_Piece"], count: int, title: str, day: dt.date) -> dict[str, bytes]:
    return {f"{name}.xlsx": _book(heading, pieces, count, title, day),
            f"{name}.csv": b"".join([_csv([heading]), *(zlib.decompress(p.csv) for p in pieces)])}


def _one(found: list[_Table]) -> tuple[list[str], list[tuple[str | None, list[str]]]]:
    """one_table of the page's tables, before their rows are cut: the heading, and each table's lines with
    the section to put before its cells (None: none)."""
    if len(found) == 1 or any(table.heading != found[0].heading for table in found):
        return found[0].heading, [(None, found[0].lines)]
    return ["Раздел", *found[0].heading], [(table.section, table.lines) for table in found]


@dataclass(frozen=True)
class _Piece:
    """Some rows of a download as its files hold them, and what the whole file needs to know of them."""

    csv: bytes  # compressed (zlib, fastest): a region's base of mentors is kept between builds
    sheet: bytes  # the rows' XML, compressed
    lengths: tuple[int, ...]  # the longest text of each column
    dated: bool  # whether a cell is a date


def _piece(section: str | None, lines: list[str], columns: int, first: int) -> _Piece:
    from generator.excel.plain_book import rows_xml  # openpyxl costs a tenth of a second: see _book

    table = [_cells(line) if section is None else [section, *_cells(line)] for line in lines]
    typed = list(map(_typed, table))
    lengths = tuple(max(len(row[c]) for row in table) for c in range(columns))
    dated = any(isinstance(cell, dt.date) for row in typed for cell in row)
    return _Piece(zlib.compress(_csv(table, bom=False), 1), zlib.compress(rows_xml(typed, columns, first), 1),
                  lengths, dated)


def _book(heading: list[str], pieces: list[_Piece], count: int, title: str, day: dt.date) -> bytes:
    # Imported when used: openpyxl costs a tenth of a second, and a rebuild takes most downloads from its memo.
    from generator.excel.plain_book import book_of, rows_xml

    widths = [_width(max(len(text), *(p.lengths[c] for p in pieces))) for c, text in enumerate(heading)]
    rows = [rows_xml([heading], len(heading), 1), *(zlib.decompress(p.sheet) for p in pieces)]
    return book_of(rows, count, widths, any(p.dated for p in pieces), title, day)
