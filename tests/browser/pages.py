"""Which pages the browser tests open, and small helpers they share."""

from __future__ import annotations

from pathlib import Path

SCHOOL = "schools/sosh-1"
VENDOR = Path(__file__).parent / "vendor"


def page_types(demo_site: Path) -> list[str]:
    """Every page of the district site and of one school; of the item pages in a folder (cases,
    news, events) the first and the last, plus every item page that shows pictures."""
    found = []
    for site in (demo_site, demo_site / SCHOOL):
        found += sorted(p.relative_to(demo_site).as_posix() for p in site.glob("*.html"))
        for folder in sorted(d for d in site.iterdir() if d.is_dir() and d.name not in {"assets", "schools"}):
            items = sorted(folder.glob("*.html"))
            pictured = [p for p in items if "<img" in p.read_text(encoding="utf-8")]
            found += sorted({p.relative_to(demo_site).as_posix() for p in items[:1] + items[-1:] + pictured})
    return found


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
