"""Download workbooks written as XML are, byte for byte, what openpyxl writes for the same table."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from generator.excel.downloads import SCHOOL_DOWNLOADS, column_widths, one_table, tables, typed_rows
from generator.excel.plain_book import table_book
from generator.excel.writer import DATE_FORMAT, heading_row, put, workbook_bytes
from generator.pipeline import prepare
from tests.conftest import DEMO_DATA, DEMO_DATE


def _openpyxl_book(table: list[list[str]], title: str, day: dt.date) -> bytes:
    """How downloads were made cell by cell with openpyxl: the reference for the plain writer."""
    book = Workbook()
    ws = book.active
    ws.title = title[:31]
    rows = typed_rows(table)
    heading_row(ws, 1, rows[0], column_widths(table))
    for r, row in enumerate(rows[1:], 2):
        for c, value in enumerate(row, 1):
            put(ws, r, c, value, DATE_FORMAT if isinstance(value, dt.date) else None)
    book.properties.title = title
    return workbook_bytes(book, day)


def _plain_book(table: list[list[str]], title: str, day: dt.date) -> bytes:
    return table_book(typed_rows(table), column_widths(table), title, day)


def test_the_demo_downloads_are_openpyxl_bytes():
    _, specs = prepare(DEMO_DATA, DEMO_DATE)
    compared = 0
    for spec in specs:
        for page in SCHOOL_DOWNLOADS:
            found = tables(spec.pages.get(page, ""))
            if found and len(one_table(found)) > 1:
                table = one_table(found)
                assert _plain_book(table, page, DEMO_DATE) == _openpyxl_book(table, page, DEMO_DATE), (spec.id, page)
                compared += 1
    assert compared >= 12


TRICKY = ["", " ", "  начало", "конец ", "a\nb", "<b>&amp;\"'", "=1+1", "=", "#N/A", "#DIV/0!", "01.09.2025",
          "7", "007", "x" * 40000, "№", "ё — «кавычки»", "\t", "1.5", "²"]
cell = st.sampled_from(TRICKY) | st.text(max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 4).flatmap(lambda width: st.lists(st.lists(cell, min_size=width, max_size=width),
                                                        min_size=2, max_size=5)),
       st.sampled_from(["Наставники", "Пары наставничества — очень длинное название листа", "<&>"]))
def test_any_table_is_written_as_openpyxl_writes_it(table, title):
    try:
        expected = _openpyxl_book(table, title, DEMO_DATE)
    except (IllegalCharacterError, ValueError) as refused:
        with pytest.raises(type(refused)):
            _plain_book(table, title, DEMO_DATE)
        return
    assert _plain_book(table, title, DEMO_DATE) == expected
