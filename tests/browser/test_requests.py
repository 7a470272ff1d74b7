"""Nothing from another host: every page type, search included, loads only its own files."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.pages import SCHOOL, page_types, search


def _own(url: str, base: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.scheme == "http" and parts.netloc == urlsplit(base).netloc


def test_every_page_type_loads_only_its_own_files(demo_site, serve, page):
    base = serve(demo_site)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    opened = page_types(demo_site)
    assert len(opened) > 25
    for name in opened:
        page.goto(base + name, wait_until="networkidle")
        foreign_frames = [f.url for f in page.frames if f.url and not _own(f.url, base)]
        assert not foreign_frames, f"{name}: {foreign_frames}"
    foreign = sorted({url for url in page.requests if not _own(url, base)})
    assert not foreign, foreign
    assert not failed, sorted(set(failed))


@pytest.mark.parametrize("start", ["index.html", SCHOOL + "/index.html"])
def test_search_fetches_nothing_foreign(demo_site, serve, page, start):
    """Search loads its worker, the index and lunr's Russian stemmer: all from the site itself."""
    base = serve(demo_site)
    page.goto(base + start)
    search(page, "наставник")
    loaded = [url for url in page.requests if "lunr.ru" in url or "search_index" in url or "/workers/" in url]
    assert len(loaded) >= 3, page.requests
    assert all(_own(url, base) for url in page.requests), page.requests


def test_a_browser_without_resize_observer_gets_the_sites_own_polyfill(demo_site, serve, page):
    """Material fetches a polyfill from unpkg.com where ResizeObserver is missing; ours comes first."""
    page.add_init_script("delete window.ResizeObserver")
    base = serve(demo_site)
    page.goto(base + SCHOOL + "/index.html", wait_until="networkidle")
    assert any(url.endswith("/resize-observer.js") for url in page.requests)
    assert all(_own(url, base) for url in page.requests), page.requests
    assert page.evaluate("() => typeof ResizeObserver") == "function"
    assert "База наставников" in search(page, "наставника")
