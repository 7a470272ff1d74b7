"""The browser harness itself: a demo page opens from a local server and from disk."""

from __future__ import annotations


def test_school_page_opens_from_server_and_disk(demo_site, serve, page):
    base = serve(demo_site)
    page.goto(base + "schools/sosh-1/index.html")
    assert "наставничества" in page.title().lower() or page.locator("h1").count() == 1
    assert page.locator("h1").first.inner_text().strip()
    page.goto((demo_site / "schools/sosh-1/index.html").as_uri())
    assert page.locator("h1").first.inner_text().strip()
