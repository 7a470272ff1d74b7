"""Screenshots of the demo for the README: desktop, phone and low-vision mode.

Usage: python tests/browser/screenshots.py [SITE] [OUT]   (make screenshots: SITE=site, OUT=docs/screenshots)
The site is served from a local server; the browser is Debian's chromium, as in the tests.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"viewport": {"width": 1280, "height": 720}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}

# file name → (page, browser settings, low-vision mode, what to do before the shot)
SHOTS = {
    "district-desktop.png": ("index.html", DESKTOP, False, None),
    "school-desktop.png": ("schools/sosh-1/index.html", DESKTOP, False, None),
    "search-desktop.png": ("schools/sosh-1/index.html", DESKTOP, False, "search"),
    "mentors-phone.png": ("schools/sosh-1/mentors.html", PHONE, False, None),
    "school-low-vision.png": ("schools/sosh-1/kpi.html", DESKTOP, True, None),
    "mentors-low-vision-phone.png": ("schools/sosh-1/mentors.html", PHONE, True, None),
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def _search(page) -> None:
    page.keyboard.press("s")
    page.locator(".md-search__input").fill("наставника")
    page.locator(".md-search__input").press("End")
    page.wait_for_selector(".md-search-result__item")


def take(site: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    server, base = _serve(site)
    made = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for name, (path, settings, low_vision, action) in SHOTS.items():
                context = browser.new_context(**settings)
                page = context.new_page()
                if low_vision:
                    page.add_init_script("localStorage.setItem('nk-lowvision', '1')")
                page.goto(base + path, wait_until="networkidle")
                if action == "search":
                    _search(page)
                page.screenshot(path=str(out / name))
                made.append(out / name)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return made


if __name__ == "__main__":
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    out_dir = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
    if not (site_dir / "index.html").is_file():
        sys.exit(f"нет собранного сайта в {site_dir}: сначала make site")
    for shot in take(site_dir, out_dir):
        print(f"{shot} ({shot.stat().st_size // 1024} КБ)")
