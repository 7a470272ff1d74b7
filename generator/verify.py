"""Stage 6: check a built site before it replaces the published one.

Checks what a reader would notice or what the law forbids: every page of the menu
exists, no page loads anything from another host, and no withheld personal data
(names without consent, contacts) appears anywhere in the output.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator.render import SiteSpec

# Attributes that make a browser fetch something on load (links a reader clicks are fine).
_LOADS = re.compile(r"<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"
                    r"\b(src|href|data|srcset|poster)\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)", re.I)
_CSS_URL = re.compile(r"url\(\s*[\"']?((?:https?:)?//[^\"')]+)", re.I)
_TEXT_FILES = {".html", ".js", ".json", ".css", ".xml", ".txt"}
_TAG = re.compile(r"<[^>]*>")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def readable_text(raw: str) -> str:
    """What a reader (or a search index) sees: no tags, entities and escapes decoded."""
    text = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)
    text = html.unescape(_TAG.sub(" ", text))
    return " ".join(text.replace("\u00a0", " ").split())


def html_page(md_name: str) -> str:
    return md_name[:-3] + ".html"


def _nav_pages(nav: list) -> list[str]:
    found = []
    for entry in nav:
        for value in (entry.values() if isinstance(entry, dict) else [entry]):
            found += _nav_pages(value) if isinstance(value, list) else [value]
    return found


def verify_site(spec: SiteSpec, site_dir: Path, withheld: set[str], shown: set[str] = frozenset()) -> list[str]:
    """Problems found in a built site, in Russian; an empty list means it may be published."""
    problems = []
    for page in sorted(set(_nav_pages(spec.nav)) | set(spec.pages)):
        if not (site_dir / html_page(page)).is_file():
            problems.append(f"нет страницы {html_page(page)}")
    needles = sorted(w for w in withheld if len(w) >= 4)
    for path in sorted(p for p in site_dir.rglob("*") if p.suffix in _TEXT_FILES):
        text = path.read_text(encoding="utf-8", errors="replace")
        name = path.relative_to(site_dir).as_posix()
        for match in [*_LOADS.finditer(text), *_CSS_URL.finditer(text)]:
            problems.append(f"{name}: страница загружает ресурс с другого сайта: {match.group(match.lastindex)}")
        if needles:
            plain = readable_text(text)
            for name in sorted(shown, key=len, reverse=True):
                plain = plain.replace(name, " ¦ ")
            for needle in needles:
                if needle in plain:
                    problems.append(f"{name}: опубликованы персональные данные без согласия: «{needle}»")
    return problems
