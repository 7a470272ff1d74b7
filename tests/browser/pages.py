"""Which pages the browser tests open, and small helpers they share."""

from __future__ import annotations

from pathlib import Path

SCHOOL = "schools/sosh-1"
VENDOR = Path(__file__).parent / "vendor"


def page_types(demo_site: Path) -> list[str]:
    """One page of every kind: each page of the district site and of one school, one case page."""
    district = sorted(p.name for p in demo_site.glob("*.html"))
    school_dir = demo_site / SCHOOL
    school = sorted(p.relative_to(demo_site).as_posix() for p in school_dir.glob("*.html"))
    cases = sorted(p.relative_to(demo_site).as_posix() for p in (school_dir / "cases").glob("*.html"))
    return district + school + cases[:2]


def set_low_vision(page, on: bool) -> None:
    """The mode is kept in localStorage; set it before the page's own scripts read it."""
    page.add_init_script("try{localStorage.setItem('nk-lowvision','1')}catch(e){}" if on else
                         "try{localStorage.removeItem('nk-lowvision')}catch(e){}")


def search(page, query: str) -> list[str]:
    """Type a query into Material's search box; returns the titles of the results."""
    page.keyboard.press("s")  # Material's shortcut: opens search and focuses the box
    box = page.locator(".md-search__input")
    box.fill(query)
    box.press("End")  # Material reads the box on keyup; typing Cyrillic via fill sends none
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/Начните печатать|Инициализация|Initializing/.test(m.textContent); }", timeout=15000)
    page.wait_for_timeout(300)  # the worker may still answer an earlier keystroke
    assert meta.inner_text()
    return [t.strip() for t in page.locator(".md-search-result__article h1").all_inner_texts()]
