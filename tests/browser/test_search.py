"""Search in Russian: inflected forms find the page, served and from disk, without a server."""

from __future__ import annotations

import pytest

from tests.browser.pages import SCHOOL, search

# query typed by a reader → a page title that must be among the results. None of these queries
# is a word beginning of the title's words, so plain prefix search (Material's default) misses them.
INFLECTED = [
    ("школы", "Школа молодого педагога"),
    ("наставника", "База наставников"),
    ("наставниками", "База наставников"),
    ("теплицы", "Умная теплица: два наставника — один проект"),
    ("парами", "Наставнические пары и группы"),
    ("дорожной карты", "Дорожная карта"),
    ("программам", "Программы наставничества"),
]


@pytest.mark.parametrize("query, title", INFLECTED)
def test_inflected_query_finds_page(demo_site, serve, page, query, title):
    page.goto(serve(demo_site) + SCHOOL + "/index.html")
    assert title in search(page, query)


def test_search_works_from_disk(demo_site, page):
    page.goto((demo_site / SCHOOL / "index.html").as_uri())
    assert "База наставников" in search(page, "наставника")


def test_district_search_finds_inflected_forms(demo_site, serve, page):
    page.goto(serve(demo_site) + "index.html")
    titles = search(page, "практиками")
    assert any("практик" in t.lower() for t in titles), titles


def test_nonsense_finds_nothing(demo_site, serve, page):
    page.goto(serve(demo_site) + SCHOOL + "/index.html")
    assert search(page, "абракадабра") == []
    assert "не найдено" in page.locator(".md-search-result__meta").inner_text().lower()
