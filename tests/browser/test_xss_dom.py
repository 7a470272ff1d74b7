"""XSS payloads typed into data stay text in the browser: no dialog opens, the DOM holds no live markup."""

from __future__ import annotations

import pytest

_LIVE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'data'].includes(a.name)
          && /^\\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 30));
    }
  }
  for (const s of document.scripts) if (s.textContent.includes('alert(')) bad.push('script: ' + s.textContent.slice(0, 30));
  for (const t of ['iframe', 'object', 'embed']) if (document.querySelector(t)) bad.push(t);
  return bad;
}"""


@pytest.fixture
def watched(page):
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore
    return page


def test_pages_with_payloads_run_nothing(xss_site, serve, watched):
    base = serve(xss_site)
    pages = sorted(p.relative_to(xss_site).as_posix() for p in xss_site.rglob("*.html"))
    assert len(pages) > 20
    found = {}
    for name in pages:
        watched.goto(base + name)
        watched.wait_for_load_state("load")
        bad = watched.evaluate(_LIVE)
        if bad:
            found[name] = bad
    assert found == {}
    assert watched.dialogs == []
    # The payload is on the page as text that a reader sees.
    watched.goto(base + "schools/alpha/cases/x-1.html")
    assert "onerror=alert('x2')" in watched.locator("article").inner_text()


def test_search_results_show_payloads_as_text(xss_site, serve, watched):
    watched.goto(serve(xss_site) + "schools/alpha/index.html")
    watched.keyboard.press("/")  # Material's key for the search box
    watched.keyboard.type("onerror")
    watched.wait_for_selector(".md-search-result__item", timeout=10000)
    watched.wait_for_timeout(500)
    assert watched.evaluate(_LIVE) == []
    assert watched.dialogs == []
