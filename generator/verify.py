"""Stage 6: check a built site before it replaces the published one.

Checks what a reader would notice or what the law forbids: every page of the menu
exists, no page loads anything from another host, and no personal datum the policy
withheld (a name in any written form, a phone, an e-mail) appears in any output file.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from generator.leaks import Finding, Scanner, readable_lines
from generator.policy import Disclosure, NameRule
from generator.render import SiteSpec

# Attributes that make a browser fetch something on load (links a reader clicks are fine).
_LOADS = re.compile(r"<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"
                    r"\b(src|href|data|srcset|poster)\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)", re.I)
_CSS_URL = re.compile(r"url\(\s*[\"']?((?:https?:)?//[^\"')]+)", re.I)
_TEXT_FILES = {".html", ".htm", ".js", ".json", ".css", ".xml", ".txt", ".csv", ".ics", ".svg", ".rss",
               ".atom", ".md", ".yml", ".yaml"}
_OFFICE_FILES = {".xlsx", ".docx", ".pptx", ".odt", ".ods", ".odp"}  # zip archives of XML
# Old binary Office formats: no well-kept reader exists; their names are reported instead.
_BINARY_DOCUMENTS = {".doc", ".xls", ".ppt", ".rtf"}


def html_page(md_name: str) -> str:
    return md_name[:-3] + ".html"


def _nav_pages(nav: list) -> list[str]:
    found = []
    for entry in nav:
        for value in (entry.values() if isinstance(entry, dict) else [entry]):
            found += _nav_pages(value) if isinstance(value, list) else [value]
    return found


def _file_lines(path: Path) -> list[str] | None:
    """Readable lines of an output file; office documents are read through their XML."""
    suffix = path.suffix.lower()
    if suffix == ".ics":
        return readable_lines(_ics_text(path.read_text(encoding="utf-8", errors="replace")))
    if suffix in _TEXT_FILES:
        return readable_lines(path.read_text(encoding="utf-8", errors="replace"))
    if suffix == ".pdf":
        return _pdf_lines(path)
    if suffix in _OFFICE_FILES:
        try:
            with zipfile.ZipFile(path) as archive:
                parts = [archive.read(n).decode("utf-8", "replace") for n in sorted(archive.namelist())
                         if n.endswith(".xml")]
        except zipfile.BadZipFile:
            return None
        return readable_lines("\n".join(re.sub(r"<[^>]*>", " ", p) for p in parts))
    return None


def _ics_text(raw: str) -> str:
    """iCalendar folds lines every 75 bytes and escapes «,;\\» and newlines: a name may be cut in two."""
    unfolded = re.sub(r"\r?\n[ \t]", "", raw)
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), unfolded)


def _pdf_lines(path: Path) -> list[str] | None:
    """The text layer of a PDF; None when there is none (a scan) or it cannot be read."""
    stat = path.stat()
    return _pdf_text(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _pdf_text(path: str, size: int, mtime: int) -> list[str] | None:
    # Keyed by size and time too: the leak scan and the warning about unreadable files read it once.
    try:
        reader = PdfReader(path)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError):
        return None
    return text.split("\n") if text.strip() else None


def unchecked_files(site_dir: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Attached documents whose text the leak check could not read (scans, old .doc/.xls)."""
    return [p.relative_to(site_dir).as_posix() for p in _files(site_dir, skip)
            if p.suffix.lower() in _BINARY_DOCUMENTS or (p.suffix.lower() == ".pdf" and _pdf_lines(p) is None)]


def _fix_at(rule: NameRule, disclosure: Disclosure, cache: dict) -> str:
    """Which typed-in text brought the name to the page, so the message says what to edit."""
    if rule not in cache:
        scanner = Scanner([rule], [])
        places = [t.where for t in disclosure.texts if scanner.scan_text(t.text)]
        cache[rule] = places
    places = cache[rule]
    return f"; исправьте: {', '.join(places[:3])}" if places else ""


def _describe(finding: Finding, disclosure: Disclosure, cache: dict) -> str:
    rule = finding.rule
    if rule is None:
        return f"похоже на {finding.what} «{finding.found}»"
    if isinstance(rule, NameRule):
        who = "обучающийся" if rule.minor else "человек без согласия на публикацию" if rule.allowed == "none" \
            else "согласие только на инициалы"
        return f"{finding.what} «{finding.found}» — {who}, {rule.source}{_fix_at(rule, disclosure, cache)}"
    return f"{finding.what} «{finding.found}» не публикуется — {rule.source}"


def _files(site_dir: Path, skip: tuple[str, ...]) -> list[Path]:
    """The site's files; skip names folders that hold other sites (the district's schools/)."""
    return sorted(p for p in site_dir.rglob("*")
                  if p.is_file() and p.relative_to(site_dir).parts[0] not in skip)


def find_leaks(site_dir: Path, disclosure: Disclosure, skip: tuple[str, ...] = ()) -> list[str]:
    scanner = Scanner(disclosure.names, disclosure.contacts, disclosure.shown_contacts)
    problems, cache = [], {}
    for path in _files(site_dir, skip):
        lines = _file_lines(path)
        if lines is None:
            continue
        name = path.relative_to(site_dir).as_posix()
        for finding in sorted(scanner.scan_lines(lines), key=lambda f: (f.line, f.found)):
            problems.append(f"{name}:{finding.line}: опубликованы персональные данные: "
                            f"{_describe(finding, disclosure, cache)}")
    return problems


def foreign_requests(site_dir: Path, skip: tuple[str, ...] = ()) -> list[str]:
    problems = []
    for path in (p for p in _files(site_dir, skip) if p.suffix in {".html", ".css", ".js"}):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in [*_LOADS.finditer(text), *_CSS_URL.finditer(text)]:
            problems.append(f"{path.relative_to(site_dir).as_posix()}: страница загружает ресурс "
                            f"с другого сайта: {match.group(match.lastindex)}")
    return problems


class _Links(HTMLParser):
    """The addresses a page links to or loads: (attribute value, line)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append((value, self.getpos()[0]))


def page_links(path: Path) -> list[tuple[str, int]]:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.found


def _target_exists(site_dir: Path, page: str, link: str, elsewhere: tuple[str, ...]) -> bool | None:
    """Whether a relative link of page leads to a file of the site; None: not this site's business."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # another host, mailto:, tel: or a link inside the page
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if target == ".." or target.startswith(("../", "/")) or target.split("/")[0] in elsewhere:
        return None  # the district's or another school's site: checked by that site's build
    path = site_dir / target
    return path.is_file() or (path / "index.html").is_file()


def broken_links(site_dir: Path, skip: tuple[str, ...] = (), elsewhere: tuple[str, ...] = ()) -> list[str]:
    """Links and loads in the site's pages that lead to no file of the site (elsewhere: other sites' folders)."""
    problems = []
    for path in (p for p in _files(site_dir, skip) if p.suffix == ".html"):
        page = path.relative_to(site_dir).as_posix()
        for link, line in page_links(path):
            if _target_exists(site_dir, page, link, elsewhere) is False:
                problems.append(f"{page}:{line}: ссылка «{link}» ведёт на файл, которого нет на сайте")
    return problems


def missing_attachments(spec: SiteSpec, site_dir: Path) -> list[str]:
    """Every file the data attaches must be in the output (downloads are made by the build itself)."""
    return [f"нет вложения {name}: оно указано в данных, но на сайт не попало"
            for name in sorted(spec.assets) if not (site_dir / name).is_file()]


def verify_site(spec: SiteSpec, site_dir: Path, disclosure: Disclosure, skip: tuple[str, ...] = ()) -> list[str]:
    """Problems found in a built site, in Russian; an empty list means it may be published."""
    problems = [f"нет страницы {html_page(page)}" for page in sorted(set(_nav_pages(spec.nav)) | set(spec.pages))
                if not (site_dir / html_page(page)).is_file()]
    # The district site links into schools/, where the school sites are published beside it.
    problems += missing_attachments(spec, site_dir) + broken_links(site_dir, skip, () if spec.out else ("schools",))
    return problems + foreign_requests(site_dir, skip) + find_leaks(site_dir, disclosure, skip)
