"""generator/verify.py: a built site is checked before it replaces the published one."""

from __future__ import annotations

import json

import pytest

from generator.render import SiteSpec
from generator.verify import readable_text, verify_site

NAME = "Петров Сергей Николаевич"


@pytest.fixture
def site(tmp_path):
    """A built site with two pages, both present; returns (spec, site_dir, write)."""
    site_dir = tmp_path / "site"
    spec = SiteSpec(id="sosh-1", out="schools/sosh-1", name="Сайт", nav=[{"Главная": "index.md"},
                    {"Практики": ["cases/index.md", {"Кейс": "cases/a.md"}]}],
                    pages={"index.md": "", "cases/index.md": "", "cases/a.md": ""})

    def write(name: str, text: str = "<html><body><p>Страница</p></body></html>"):
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    for page in ("index.html", "cases/index.html", "cases/a.html"):
        write(page)
    return spec, site_dir, write


def test_clean_site_has_no_problems(site):
    spec, site_dir, _ = site
    assert verify_site(spec, site_dir, {NAME}) == []


def test_missing_page_is_reported(site):
    spec, site_dir, _ = site
    (site_dir / "cases/a.html").unlink()
    assert verify_site(spec, site_dir, set()) == ["нет страницы cases/a.html"]


def test_page_only_in_nav_is_checked_too(site):
    spec, site_dir, _ = site
    spec.nav.append({"Ещё": "more.md"})
    assert verify_site(spec, site_dir, set()) == ["нет страницы more.html"]


@pytest.mark.parametrize("html, resource", [
    ('<script src="https://cdn.example/x.js"></script>', "https://cdn.example/x.js"),
    ('<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">', "//fonts.googleapis.com/css?family=Roboto"),
    ("<img alt='лого' src='http://example.org/logo.png'>", "http://example.org/logo.png"),
    ('<iframe width="1" src=https://video.example/embed/1></iframe>', "https://video.example/embed/1"),
])
def test_external_resources_in_html_are_reported(site, html, resource):
    spec, site_dir, write = site
    write("index.html", f"<html><head>{html}</head></html>")
    assert verify_site(spec, site_dir, set()) == [
        f"index.html: страница загружает ресурс с другого сайта: {resource}"]


def test_external_url_in_css_is_reported(site):
    spec, site_dir, write = site
    write("assets/style.css", "@font-face { src: url('https://fonts.gstatic.com/x.woff2'); }\n"
                              "body { background: url(img/local.png); }")
    assert verify_site(spec, site_dir, set()) == [
        "assets/style.css: страница загружает ресурс с другого сайта: https://fonts.gstatic.com/x.woff2"]


def test_plain_links_and_local_resources_are_not_reported(site):
    spec, site_dir, write = site
    write("index.html", '<a href="https://minobr.example/prikaz">Приказ</a>'
                        '<script src="assets/js/bundle.js"></script><link href="assets/css/main.css">'
                        '<img src="../files/photo.png">')
    assert verify_site(spec, site_dir, set()) == []


@pytest.mark.parametrize("html", [
    f"<td>{NAME}</td>",
    "<td>Петров <em>Сергей</em>\n  Николаевич</td>",
    "<p>Петров&nbsp;Сергей&nbsp;Николаевич</p>",
    "<p>&#1055;етров Сергей Николаевич</p>",
])
def test_withheld_name_in_html_is_reported(site, html):
    spec, site_dir, write = site
    write("cases/a.html", f"<html><body>{html}</body></html>")
    assert verify_site(spec, site_dir, {NAME}) == [
        f"cases/a.html: опубликованы персональные данные без согласия: «{NAME}»"]


def test_withheld_name_json_escaped_in_search_index(site):
    spec, site_dir, write = site
    index = json.dumps({"docs": [{"location": "a.html", "text": f"<p>Наставник: {NAME}</p>"}]})
    assert "\\u041f" in index  # ensure_ascii: the name is not there as plain text
    write("search/search_index.json", index)
    assert verify_site(spec, site_dir, {NAME}) == [
        f"search/search_index.json: опубликованы персональные данные без согласия: «{NAME}»"]


def test_withheld_contacts_are_reported_and_short_strings_ignored(site):
    spec, site_dir, write = site
    write("index.html", "<p>Звоните: +7 900 555-66-77, пишите petrov@example.org. Ян</p>")
    problems = verify_site(spec, site_dir, {"+7 900 555-66-77", "petrov@example.org", "Ян"})
    assert problems == ["index.html: опубликованы персональные данные без согласия: «+7 900 555-66-77»",
                        "index.html: опубликованы персональные данные без согласия: «petrov@example.org»"]


def test_readable_text():
    assert readable_text("<p>А&amp;Б</p>\\u0412<br>Г") == "А&Б В Г"


def test_published_namesake_does_not_count_as_a_leak(site):
    spec, site_dir, write = site
    write("index.html", "<p>Наставник: Петров И. С.</p>")
    # «Петров И.» is a pupil's withheld initials; «Петров И. С.» is a teacher who consented.
    assert verify_site(spec, site_dir, {"Петров И."}, shown={"Петров И. С."}) == []
    write("index.html", "<p>Наставник: Петров И. С., наставляемый: Петров И.</p>")
    assert len(verify_site(spec, site_dir, {"Петров И."}, shown={"Петров И. С."})) == 1
