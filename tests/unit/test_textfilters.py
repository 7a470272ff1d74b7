"""generator/textfilters.py: safe Markdown, Russian dates and plurals."""

from __future__ import annotations

import datetime as dt

import markdown as md_lib
import pytest

from generator.textfilters import cell, markdown, number, plural, ru_date, short_date, strip_title, text


def test_t_escapes_html():
    assert text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert text("A & B") == "A &amp; B"


@pytest.mark.parametrize("raw, escaped", [
    ("5*3*2", r"5\*3\*2"), ("snake_case_name", r"snake\_case\_name"), ("a | b", r"a \| b"),
    ("[ссылка](http://x)", r"\[ссылка\](http://x)"), ("`код`", r"\`код\`"), ("C:\\путь", r"C:\\путь"),
])
def test_t_escapes_markdown_specials(raw, escaped):
    assert text(raw) == escaped


def test_t_neutralises_block_markup_at_line_start():
    assert text("# не заголовок\n- не пункт\n+ не пункт\n> не цитата") == (
        "\\# не заголовок\n\\- не пункт\n\\+ не пункт\n&gt; не цитата")
    assert text("дефис - в середине") == "дефис - в середине"
    html = md_lib.markdown(text("# не заголовок\n- не пункт\n1. не список"))
    assert "<h1>" not in html and "<li>" not in html


def test_t_numbered_line_start_renders_without_backslash():
    html = md_lib.markdown(text("2024. Год педагога и наставника"))
    assert html == "<p>2024. Год педагога и наставника</p>"


def test_t_renders_as_the_same_plain_text():
    raw = "Приказ <b>№ 5</b> *важно* _курсив_ [x](y) a|b"
    html = md_lib.markdown(text(raw))
    assert "<b>" not in html and "<em>" not in html and "<a " not in html
    assert "*важно*" in html and "_курсив_" in html and "&lt;b&gt;" in html


def test_t_of_none_is_empty():
    assert text(None) == ""


def test_cell_collapses_newlines_and_escapes_pipes():
    assert cell("первая строка\n  вторая | третья\n") == r"первая строка вторая \| третья"


@pytest.mark.parametrize("value", [None, "", [], ()])
def test_cell_dash_for_nothing(value):
    assert cell(value) == "—"


def test_cell_joins_lists_and_keeps_zero():
    assert cell(["a|b", "c"]) == r"a\|b; c"
    assert cell(0) == "0"


def test_md_keeps_markdown_but_not_html():
    value = "**жирный** и [ссылка](https://example.org)\n\n<script>alert(1)</script>"
    result = markdown(value)
    assert "**жирный**" in result and "[ссылка](https://example.org)" in result
    assert "<script>" not in result and "&lt;script&gt;" in result
    html = md_lib.markdown(result)
    assert "<strong>жирный</strong>" in html and "<script" not in html


def test_md_does_not_let_script_links_through():
    html = md_lib.markdown(markdown("[Подробнее](javascript:alert(document.cookie))"))
    assert "javascript:" not in html


def test_md_of_none_is_empty():
    assert markdown(None) == ""


@pytest.mark.parametrize("day, expected", [
    (dt.date(2025, 9, 1), "1 сентября 2025 г."),
    (dt.date(2026, 5, 31), "31 мая 2026 г."),
])
def test_ru_date(day, expected):
    assert ru_date(day) == expected


def test_dates_of_none():
    assert ru_date(None) == "" and short_date(None) == ""
    assert short_date(dt.date(2025, 9, 1)) == "01.09.2025"


@pytest.mark.parametrize("n, expected", [
    (1, "1 пара"), (2, "2 пары"), (5, "5 пар"), (11, "11 пар"), (12, "12 пар"), (14, "14 пар"),
    (21, "21 пара"), (22, "22 пары"), (112, "112 пар"), (0, "0 пар"), (101, "101 пара"),
])
def test_plural(n, expected):
    assert plural(n, "пара", "пары", "пар") == expected


def test_number():
    assert number(50.0) == "50" and number(12.5) == "12,5" and number(None) == "—"


def test_strip_title_removes_only_the_first_heading():
    assert strip_title("# Заголовок\n\nТекст\n\n# Ещё\n") == "Текст\n\n# Ещё"
    assert strip_title("Без заголовка\n# Не первый\n") == "Без заголовка\n# Не первый"
