"""excel/downloads.py: downloads made a chunk of rows at a time are the files of the whole table, and a
changed row makes its chunk again, not the table."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import line_chunks
from generator.excel import downloads as downloads_module
from generator.excel.downloads import _csv, column_widths, downloads, one_table, tables, typed_rows
from generator.excel.plain_book import table_book
from generator.memo import Memo

DAY = dt.date(2026, 11, 23)
HEADING = ["№", "Организация", "Наставник", "Дата"]
# Cells a Markdown table may hold (no «|», no line break), dates and running numbers among them.
CELLS = ["", "7", "007", "01.09.2025", "31.02.2025", "<b>&amp;", "=1+1", "#N/A", "ё — «кавычки»", "x" * 70,
         "[ссылка](a.html)", "**жирный**", "\\*", "СШ № 1", "Иванова А. П."]
cell = st.sampled_from(CELLS) | st.text(alphabet="абв gd.-1", max_size=8)


def page(sections: list[list[list[str]]], heading=HEADING) -> str:
    """A page of tables with the same heading, one per section."""
    text = "# Наставники\n\nВступление.\n\n"
    for n, rows in enumerate(sections):
        text += f"## База {n}\n\n| {' | '.join(heading)} |\n|{'---|' * len(heading)}\n"
        text += "".join(f"| {' | '.join(row)} |\n" for row in rows) + "\n"
    return text


def whole(markdown: str) -> dict[str, bytes]:
    """The files as made of the whole table at once (table_book and _csv)."""
    table = one_table(tables(markdown))
    return {"mentors.xlsx": table_book(typed_rows(table), column_widths(table), "Наставники", DAY),
            "mentors.csv": _csv(table)}


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(line_chunks, "_MIN_LINES", 1)
    monkeypatch.setattr(line_chunks, "_CUT", 3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.lists(cell, min_size=4, max_size=4), min_size=1, max_size=30), min_size=1, max_size=3))
def test_downloads_made_by_chunks_are_the_files_of_the_whole_table(small_chunks, sections):
    markdown = page(sections)
    assert downloads({"mentors.md": markdown}, {"mentors.md": "mentors"}, {"mentors.md": "Наставники"}, DAY) \
        == whole(markdown)


def test_a_changed_row_makes_its_chunk_again_and_a_row_added_those_after_it(tmp_path, monkeypatch):
    rows = [[str(n), f"СШ № {n % 30}", f"Наставник {n}", "01.09.2025"] for n in range(1, 3001)]
    made = []
    real = downloads_module._piece
    monkeypatch.setattr(downloads_module, "_piece", lambda *inputs: made.append(inputs[3]) or real(*inputs))

    def build(rows) -> dict[str, bytes]:
        memo = Memo(tmp_path / "memo.pickle", "env")
        files = downloads({"mentors.md": page([rows])}, {"mentors.md": "mentors"}, {"mentors.md": "Наставники"}, DAY, memo)
        memo.save()
        return files

    build(rows)
    chunks = len(made)
    assert chunks > 20
    made.clear()
    assert build(rows) == whole(page([rows])) and made == []  # nothing changed: nothing made
    rows[1500][2] = "Наставник 1500, изм."
    assert build(rows) == whole(page([rows])) and len(made) == 1
    made.clear()
    rows.insert(2000, ["0", "СШ № 1", "Новый наставник", ""])
    assert build(rows) == whole(page([rows]))
    assert 0 < len(made) < chunks and min(made) > 1500  # the rows above keep their numbers and their chunks


def test_a_page_without_rows_has_no_downloads():
    assert downloads({"mentors.md": page([[]])}, {"mentors.md": "mentors"}, {}, DAY) == {}
    assert downloads({"mentors.md": "# Пусто\n"}, {"mentors.md": "mentors"}, {}, DAY) == {}
