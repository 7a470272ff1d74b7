"""«Версия для слабовидящих»: a labelled header control, remembered, keyboard-reachable; 200 % zoom; phone."""

from __future__ import annotations

import pytest

from tests.browser.pages import SCHOOL, page_types, set_low_vision

CONTROL = "button.nk-mode"


def _text_size(page) -> float:
    return page.locator("article p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")


@pytest.mark.parametrize("where", ["server", "disk"])
def test_control_switches_mode_and_is_remembered(demo_site, serve, page, where):
    base = serve(demo_site) if where == "server" else demo_site.as_uri() + "/"
    page.goto(base + SCHOOL + "/index.html")
    control = page.locator(".md-header " + CONTROL)
    assert control.get_attribute("aria-label") == "Версия для слабовидящих"
    normal = _text_size(page)
    control.click()
    assert "nk-lv" in page.locator("html").get_attribute("class")
    assert _text_size(page) >= normal * 1.4
    assert control.get_attribute("aria-label") == "Обычная версия"
    # Another page of the school, and the district site: still in low-vision mode.
    page.locator(".md-nav__link", has_text="База наставников").first.click()
    page.wait_for_load_state()
    assert "nk-lv" in page.locator("html").get_attribute("class")
    page.goto(base + "index.html")
    assert "nk-lv" in page.locator("html").get_attribute("class")
    page.locator(CONTROL).click()
    page.goto(base + SCHOOL + "/mentors.html")
    assert "nk-lv" not in (page.locator("html").get_attribute("class") or "")


def test_control_is_reached_and_used_by_keyboard(demo_site, serve, page):
    page.goto(serve(demo_site) + SCHOOL + "/index.html")
    for presses in range(1, 8):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('nk-mode')"):
            break
    else:
        pytest.fail("кнопка «Версия для слабовидящих» не достижима клавишей Tab среди первых элементов")
    page.keyboard.press("Enter")
    assert "nk-lv" in page.locator("html").get_attribute("class")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_low_vision_mode_is_large_spaced_and_black_on_white(demo_site, serve, page):
    set_low_vision(page, True)
    page.goto(serve(demo_site) + SCHOOL + "/index.html")
    style = page.locator("article p").first.evaluate(
        "e => { const s = getComputedStyle(e); return [parseFloat(s.fontSize), parseFloat(s.lineHeight), s.color,"
        " getComputedStyle(document.body).backgroundColor] }")
    size, line, colour, background = style
    assert size >= 22 and line >= 1.7 * size
    assert colour == "rgb(0, 0, 0)" and background == "rgb(255, 255, 255)"


def test_images_can_be_switched_off_and_leave_their_text(demo_site, serve, page):
    set_low_vision(page, True)
    page.goto(serve(demo_site) + SCHOOL + "/kpi.html")
    chart = page.locator("svg.nk-chart").first
    assert chart.is_visible()
    page.locator("button.nk-images").click()
    assert not chart.is_visible()
    alt = page.locator(".nk-alt").first
    assert alt.is_visible() and alt.inner_text().startswith("Изображение: ")
    page.reload()
    assert not page.locator("svg.nk-chart").first.is_visible()


def _overflowing(page) -> list[str]:
    """Elements wider than the window, outside containers meant to scroll sideways (wide tables)."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth, out = [];
      for (const e of document.querySelectorAll('body *')) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1) continue;
        let p = e, exempt = false;
        for (; p && p !== document.body; p = p.parentElement) {
          const s = getComputedStyle(p);
          // Off-screen drawers and dialogs (fixed, invisible) and tables that scroll on their own.
          if (s.position === 'fixed' || s.visibility === 'hidden' || s.opacity === '0' ||
              (p !== e && ['auto', 'scroll'].includes(s.overflowX) && p.getBoundingClientRect().right <= width + 1)) {
            exempt = true; break;
          }
        }
        if (!exempt) out.push(e.tagName + '.' + (e.getAttribute('class') || ''));
      }
      return out.slice(0, 5);
    }""")


@pytest.mark.parametrize("mode", ["normal", "low-vision"])
def test_200_percent_zoom_needs_no_sideways_scrolling(demo_site, serve, browser, mode):
    """A 1280 px window at 200 % zoom lays out like a 640 px one with every pixel doubled."""
    context = browser.new_context(viewport={"width": 640, "height": 720}, device_scale_factor=2)
    page = context.new_page()
    set_low_vision(page, mode == "low-vision")
    base = serve(demo_site)
    problems = {}
    for name in page_types(demo_site):
        page.goto(base + name)
        found = _overflowing(page)
        if found:
            problems[name] = found
    context.close()
    assert not problems, problems


@pytest.mark.parametrize("mode", ["normal", "low-vision"])
def test_registry_rows_become_cards_on_a_phone(demo_site, serve, browser, mode):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    set_low_vision(page, mode == "low-vision")
    page.goto(serve(demo_site) + SCHOOL + "/mentors.html")
    cell = page.locator("table[data-nk-cards] tbody tr td").nth(1)
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    label = cell.evaluate("e => getComputedStyle(e, '::before').content")
    assert "Наставник" in label
    table_box = page.locator("table[data-nk-cards]").bounding_box()
    assert table_box["x"] >= 0 and table_box["x"] + table_box["width"] <= 375 + 1
    assert not _overflowing(page)
    context.close()
