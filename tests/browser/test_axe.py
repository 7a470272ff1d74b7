"""axe-core (vendored from npm, tests/browser/vendor/) on every page type, in both modes."""

from __future__ import annotations

import pytest

from tests.browser.pages import SCHOOL, VENDOR, page_types, set_low_vision

_RUN = """async (extra) => {
  const options = {resultTypes: ['violations']};
  if (extra.length) options.rules = Object.fromEntries(extra.map(id => [id, {enabled: true}]));
  const result = await axe.run(document, options);
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def axe_violations(page, extra_rules: tuple[str, ...] = ()) -> list[dict]:
    page.add_script_tag(path=str(VENDOR / "axe.min.js"))
    return page.evaluate(_RUN, list(extra_rules))


@pytest.mark.parametrize("mode", ["normal", "low-vision"])
def test_no_serious_or_critical_violations(demo_site, serve, page, mode):
    set_low_vision(page, mode == "low-vision")
    # Low-vision mode promises 7:1: axe's AAA contrast rule must pass there too.
    extra = ("color-contrast-enhanced",) if mode == "low-vision" else ()
    base = serve(demo_site)
    found = {}
    for name in page_types(demo_site):
        page.goto(base + name)
        bad = [v for v in axe_violations(page, extra)
               if v["impact"] in {"serious", "critical"} or v["id"] == "color-contrast-enhanced"]
        if bad:
            found[name] = bad
    assert not found, found


def test_axe_finds_a_planted_violation(demo_site, serve, page):
    """The harness itself: a contrast failure planted on a page must be reported."""
    page.goto(serve(demo_site) + SCHOOL + "/index.html")
    page.evaluate("() => { const p = document.querySelector('article p'); p.style.color = '#ccc'; }")
    assert any(v["id"] == "color-contrast" for v in axe_violations(page))


def test_every_chart_has_a_text_alternative(demo_site, serve, page):
    base = serve(demo_site)
    charts = 0
    for name in ["kpi.html", SCHOOL + "/kpi.html"]:
        page.goto(base + name)
        for chart in page.locator("article svg").all():
            charts += 1
            assert chart.get_attribute("role") == "img"
            name_text = chart.evaluate(
                "e => (e.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)"
                ".map(id => document.getElementById(id).textContent).join(' ').trim()")
            assert len(name_text) > 10, name_text
    assert charts > 0


def test_every_table_has_headers(demo_site, serve, page):
    base = serve(demo_site)
    tables = 0
    for name in page_types(demo_site):
        page.goto(base + name)
        for table in page.locator("article table").all():
            tables += 1
            assert table.locator("thead th, th[scope]").count() > 0, name
    assert tables > 10


def test_tab_order_follows_the_page(demo_site, serve, page):
    """Tab moves forward through the document: skip link, header, menu, content; never back."""
    page.goto(serve(demo_site) + SCHOOL + "/mentors.html")
    assert page.evaluate("() => [...document.querySelectorAll('[tabindex]')].every(e => e.tabIndex <= 0)")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('md-skip')")
    previous, stops = None, 0
    for _ in range(80):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("() => document.activeElement")
        if handle.evaluate("e => e === document.body"):
            break  # past the last stop: the browser's own controls come next
        stops += 1
        if previous is not None:
            after = page.evaluate("([a, b]) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
                                  [previous, handle])
            assert after, handle.evaluate("e => e.outerHTML.slice(0, 120)")
        previous = handle
    assert stops > 20
