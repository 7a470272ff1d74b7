"""Search in Russian: inflected forms find the page, served and from disk, without a server."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.pages import SCHOOL, search

# query typed by a reader → a page title that must be among the results. No word on that page
# begins with these queries, so plain prefix search (Material's default) cannot find the page.
INFLECTED = [
    ("школе", "Школа молодого педагога"),
    ("наставника", "База наставников"),
    ("наставниками", "База наставников"),
    ("теплицы", "Умная теплица: два наставника — один проект"),
    ("парами", "Наставнические пары и группы"),
    ("дорожную карту", "Дорожная карта"),
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



@pytest.mark.parametrize("query, title", INFLECTED)
def test_prefix_search_alone_would_miss_these_pages(demo_site, query, title):
    """Keeps the cases above honest: no word of the target page begins with the query."""
    index = json.loads((demo_site / SCHOOL / "search" / "search_index.json").read_text(encoding="utf-8"))
    page = next(d["location"] for d in index["docs"] if d["title"] == title)
    text = " ".join(d["title"] + " " + re.sub("<[^>]+>", " ", d["text"])
                    for d in index["docs"] if d["location"].split("#")[0] == page)
    words = {w.lower() for w in re.split(r"[^\w]+", text) if w}
    assert not [q for q in query.split() if any(w.startswith(q) for w in words)]
