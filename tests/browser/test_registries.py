"""Case bank and registries: filters (none needed without JavaScript), sorting, print styles."""

from __future__ import annotations

import pytest

from tests.browser.pages import SCHOOL


def _visible_rows(page, table: str = "article table") -> list[list[str]]:
    rows = page.locator(f"{table} tbody tr:not([hidden])")
    return [r.locator("td").all_inner_texts() for r in rows.all()]


def test_case_bank_without_javascript_is_a_full_list(demo_site, serve, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve(demo_site) + "cases.html")
    assert not page.locator("form.nk-filter").is_visible()
    rows = page.locator("#nk-cases tbody tr")
    assert rows.count() > 10 and all(r.is_visible() for r in rows.all())
    context.close()


@pytest.mark.parametrize("key", ["form", "role", "school", "year"])
def test_case_bank_filters(demo_site, serve, page, key):
    page.goto(serve(demo_site) + "cases.html")
    select = page.locator(f"form.nk-filter select[data-key={key}]")
    assert select.is_visible()
    choice = select.locator("option").nth(1).inner_text()
    select.select_option(label=choice)
    rows = page.locator("#nk-cases tbody tr")
    shown = [r for r in rows.all() if r.is_visible()]
    expected = [r for r in rows.all() if r.get_attribute(f"data-{key}") == choice]
    assert 0 < len(shown) == len(expected) < rows.count()
    assert f"{len(shown)} из {rows.count()}" in page.locator(".nk-count").inner_text()


def test_registry_filter_by_form_of_mentoring(demo_site, serve, page):
    page.goto(serve(demo_site) + SCHOOL + "/pairs.html")
    select = page.get_by_label("Форма", exact=False).first
    all_rows = len(_visible_rows(page))
    choice = select.locator("option").nth(1).inner_text()
    select.select_option(label=choice)
    column = page.locator("article table thead th").all_inner_texts().index("Форма")
    rows = _visible_rows(page)
    assert 0 < len(rows) < all_rows
    assert all(choice in row[column] for row in rows)
    select.select_option(label="все")
    assert len(_visible_rows(page)) == all_rows


def test_registry_filters_only_with_javascript(demo_site, serve, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve(demo_site) + SCHOOL + "/pairs.html")
    assert page.locator("form.nk-filter").count() == 0
    assert page.locator("article table tbody tr").count() >= 6
    context.close()


def test_registry_table_sorts_by_keyboard(demo_site, serve, page):
    page.goto(serve(demo_site) + SCHOOL + "/mentors.html")
    header = page.locator("article table thead th", has_text="Наставник").first
    column = page.locator("article table thead th").all_inner_texts().index(header.inner_text())
    header.locator("button").focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    names = [row[column] for row in _visible_rows(page)]
    assert names == sorted(names, key=lambda n: n.lower().replace("ё", "е")) and len(names) > 3
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    assert [row[column] for row in _visible_rows(page)] == names[::-1]


def test_numbers_sort_as_numbers(demo_site, serve, page):
    page.goto(serve(demo_site) + SCHOOL + "/mentors.html")
    page.locator("article table thead th button", has_text="№").click()
    page.locator("article table thead th button", has_text="№").click()
    numbers = [int(row[0]) for row in _visible_rows(page)]
    assert numbers == sorted(numbers, reverse=True) and numbers[0] >= 10


@pytest.mark.parametrize("name", [SCHOOL + "/mentors.html", SCHOOL + "/roadmap.html", "roadmap.html"])
def test_print_shows_only_the_content(demo_site, serve, page, name):
    page.goto(serve(demo_site) + name)
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-footer", ".nk-a11y"]:
        assert not page.locator(chrome).first.is_visible(), chrome
    table = page.locator("article table").first
    assert table.evaluate("e => getComputedStyle(e).display") == "table"
    assert table.locator("thead").evaluate("e => getComputedStyle(e).display") == "table-header-group"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
