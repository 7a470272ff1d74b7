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


def tables(markdown: str) -> list[tuple[str, list[list[str]]]]:
    """Every table of a page with the heading of its section: rows of cell texts, the heading row first."""
    found, lines, section = [], markdown.splitlines(), ""
    for i, line in enumerate(lines[:-1]):
        if line.startswith("## "):
            section = _cell_text(line[3:])
        if _ROW.match(line) and _RULE.match(lines[i + 1]) and not (i and _ROW.match(lines[i - 1])):
            table = [[_cell_text(c) for c in _CELL_SPLIT.split(_ROW.match(line).group(1))]]
            for row in lines[i + 2:]:
                match = _ROW.match(row)
                if not match:
                    break
                table.append([_cell_text(c) for c in _CELL_SPLIT.split(match.group(1))])
            found.append((section, table))
    return found


def one_table(found: list[tuple[str, list[list[str]]]]) -> list[list[str]]:
    """A page's tables as one: tables with the same columns in several sections get a column «Раздел»."""
    if len(found) == 1 or any(table[0] != found[0][1][0] for _, table in found):
        return found[0][1]
    return [["Раздел", *found[0][1][0]]] + [[section, *row] for section, table in found for row in table[1:]]


def typed_rows(table: list[list[str]]) -> list[list[str | int | dt.date]]:
    """Cells as Excel should hold them: dates as dates, the running number as a number, the rest as text."""
    rows: list[list[str | int | dt.date]] = [list(table[0])]
    for row in table[1:]:
        cells: list[str | int | dt.date] = []
        for c, text in enumerate(row, 1):
            date = _DATE.fullmatch(text) if len(text) == 10 else None  # most cells: no date, no regex
            if date:
                cells.append(dt.date(int(date.group(3)), int(date.group(2)), int(date.group(1))))
            else:
                cells.append(int(text) if c == 1 and text.isascii() and text.isdigit() else text)
        rows.append(cells)
    return rows


def column_widths(table: list[list[str]]) -> list[int]:
    return [max(8, min(60, max(len(r[c]) for r in table) + 2)) for c in range(len(table[0]))]


def _csv(table: list[list[str]]) -> bytes:
    # Encoded as written: the district's 21 MB base, made as text first, took three times that at once.
    out = io.BytesIO()
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(table)
    text.flush()
    text.detach()  # out stays open
    return out.getvalue()


def downloads(pages: dict[str, str], wanted: dict[str, str], titles: dict[str, str], day: dt.date) -> dict[str, bytes]:
    """File name → bytes for every wanted page that shows a table; titles: page → its title."""
    # Imported when used: openpyxl costs a tenth of a second, and a rebuild takes most downloads from its memo.
    from generator.excel.plain_book import table_book

    files = {}
    for page, name in sorted(wanted.items()):
        found = tables(pages.get(page, ""))
        table = one_table(found) if found else []
        if len(table) > 1:
            files[f"{name}.xlsx"] = table_book(typed_rows(table), column_widths(table), titles.get(page, name), day)
            files[f"{name}.csv"] = _csv(table)
    return files
