"""The same output works at a host's root, under a sub-path and opened from disk, search included."""

from __future__ import annotations

import pytest

from tests.browser.pages import SCHOOL, search


@pytest.fixture(scope="module")
def sub_path_host(demo_site, tmp_path_factory):
    """A web root that holds the school site under /nastavnichestvo/ (as on a school's host)."""
    root = tmp_path_factory.mktemp("host")
    (root / "nastavnichestvo").symlink_to(demo_site / SCHOOL, target_is_directory=True)
    (root / "index.html").write_text("<!doctype html><title>Сайт школы</title>", encoding="utf-8")
    return root


@pytest.fixture(params=["root", "sub-path", "disk"])
def school_start(request, demo_site, serve, sub_path_host):
    """URL of the school's start page in each of the three places a site can be put."""
    if request.param == "root":
        return serve(demo_site / SCHOOL) + "index.html"
    if request.param == "sub-path":
        return serve(sub_path_host) + "nastavnichestvo/index.html"
    return (demo_site / SCHOOL / "index.html").as_uri()


def test_pages_styles_links_and_search_work(school_start, page):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and errors.append(response.url))
    page.goto(school_start)
    # The theme's stylesheet applied: Material's header is fixed-height and coloured.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") in {"sticky", "fixed"}
    page.locator(".md-nav__link", has_text="База наставников").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "База наставников"
    assert page.url.startswith(school_start.rsplit("/", 1)[0])
    assert page.locator("table tbody tr").count() > 3
    assert "Наставнические пары и группы" in search(page, "парами")
    assert not errors, errors


def test_district_from_disk_leads_into_a_school_and_back(demo_site, page):
    """From disk the district's links reach each school's own site, whose banner leads back."""
    page.goto((demo_site / "index.html").as_uri())
    page.locator(".md-nav__link", has_text="Образовательные организации").first.click()
    page.wait_for_load_state()
    page.locator("article a[href*='schools/sosh-1/']").first.click()
    page.wait_for_load_state()
    assert page.url.startswith((demo_site / "schools" / "sosh-1").as_uri())
    assert "nastavnik.css" in page.content()
    assert page.locator("link[href$='nastavnik.css']").evaluate("e => e.sheet !== null")
    page.locator("a.nastavnik-home").click()
    page.wait_for_load_state()
    assert page.url == (demo_site / "index.html").as_uri()
