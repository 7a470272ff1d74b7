"""Workbooks nastavnik writes: forms to fill, exports and downloads.

The same content and date give the same bytes: openpyxl stamps the time of saving into
docProps/core.xml and into every zip entry, so both are set to the build date afterwards
(two builds of a site must be byte-identical).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from enum import Enum
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.excel.profiles import Column, Values

DATE_FORMAT = "DD.MM.YYYY"
TEXT_FORMAT = "@"
_TEXT_TYPES = {"id", "number"}  # «1.10» must not turn into the number 1.1
_TEXT_FIELDS = {"phone", "grade"}  # «89001234567», «10А»: text, whatever Excel thinks
HEADING_FONT = Font(bold=True)
HEADING_FILL = PatternFill("solid", fgColor="DDE4F0")
WRAP = Alignment(wrap_text=True, vertical="top")


def cell_format(column: Column) -> str | None:
    if column.type == "date":
        return DATE_FORMAT
    if column.type in _TEXT_TYPES or column.field in _TEXT_FIELDS:
        return TEXT_FORMAT
    return None


def form_value(column: Column, value: Any, values: Values) -> Any:
    """A model value as a person would type it into the form's cell (the inverse of reading)."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, Enum):  # such as Consent
        value = value.value
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if column.type == "bool":
        return values.titles["yes_no"]["yes" if value else "no"]
    for kind, group in (("consent", "consent"), ("category", "categories"), ("event_kind", "event_kinds")):
        if column.type == kind:
            return values.titles[group].get(str(value), str(value))
    return value


def put(ws: Worksheet, row: int, col: int, value: Any, number_format: str | None = None):
    """Write a value as it is: a text beginning with «=» stays text, not a formula."""
    return as_is(ws.cell(row=row, column=col, value=value), number_format)


def as_is(cell, number_format: str | None = None):
    """The cell of put, or a cell of a write-only sheet: its text stays text, in number_format."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    return cell


def heading_row(ws: Worksheet, row: int, headings: list[str], widths: list[int]) -> None:
    for col, (heading, width) in enumerate(zip(headings, widths, strict=True), 1):
        cell = put(ws, row, col, heading)
        cell.font, cell.fill, cell.alignment = HEADING_FONT, HEADING_FILL, WRAP
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def workbook_bytes(book: Workbook, day: dt.date) -> bytes:
    """The workbook's file, stamped with day instead of the moment of saving."""
    stamp = dt.datetime(day.year, day.month, day.day)
    book.properties.created = stamp
    book.properties.creator = "nastavnik"
    raw = io.BytesIO()
    book.save(raw)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    parts = []
    with zipfile.ZipFile(raw) as source:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + iso, body)
            parts.append((info.filename, (info.external_attr, body)))
    return stamped_zip(parts, day)


def stamped_zip(parts: Iterable[tuple[str, tuple[int, bytes]]], day: dt.date) -> bytes:
    """A zip of (name, (file mode, content)) whose every entry is dated day, not the moment of writing."""
    stamp = dt.datetime(day.year, day.month, day.day).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, (mode, body) in parts:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = mode
            target.writestr(entry, body)
    return out.getvalue()
