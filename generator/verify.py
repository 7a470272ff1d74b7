"""Stage 6: check a built site before it replaces the published one.

Checks what a reader would notice or what the law forbids: every page of the menu
exists, no page loads anything from another host, and no personal datum the policy
withheld (a name in any written form, a phone, an e-mail) appears in any output file.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import os
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit


from generator.leaks import Finding, Scanner, attribute_words, decoded_breaks, joined_lines
from generator.policy import Disclosure, NameRule
from generator.render import SiteSpec
from generator.scan_chunks import scan_changed
from generator.search_entries import Index, split_index
from generator.shipped import ShippedFiles
from generator.verify_memo import CleanMemo, file_key, links_key, names_key, text_key

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


@dataclass
class SiteFile:
    """One file of a built site, read at most once whatever the number of checks that read it (one of
    more than a megabyte: twice, see forget_big)."""

    path: Path
    name: str  # relative to the site, with «/»
    _data: bytes | None = field(default=None, repr=False)
    _text: str | None = field(default=None, repr=False)
    _digest: bytes | None = field(default=None, repr=False)

    @property
    def suffix(self) -> str:
        return self.path.suffix

    def data(self) -> bytes:
        if self._data is None:
            self._data = self.path.read_bytes()
        return self._data

    def digest(self) -> bytes:
        if self._digest is None:
            self._digest = hashlib.sha256(self.data()).digest()
        return self._digest

    def text(self) -> str:
        if self._text is None:
            self._text = self.data().decode("utf-8", errors="replace")
        return self._text

    def forget(self) -> None:
        """Drops what was read (the digest stays): the district's exports are tens of megabytes."""
        self._data = self._text = None

    def forget_big(self) -> None:
        """forget() a file of more than a megabyte: the region's district pages (monitoring: 8 MB, and its
        text twice that) are read twice rather than held from one check to the last."""
        if self._data is not None and len(self._data) > 1 << 20:
            self.forget()


def _readable_source(file: SiteFile) -> list[str] | None:
    """What the leak scan reads of a file (before readable_lines), as texts one line break apart;
    office documents through their XML parts."""
    suffix = file.suffix.lower()
    if suffix == ".ics":
        return [_ics_text(file.text())]
    if suffix in _TEXT_FILES:
        return [file.text()]
    if suffix in _OFFICE_FILES:
        try:
            with zipfile.ZipFile(file.path) as archive:
                parts = []
                for name in sorted(archive.namelist()):
                    if name.endswith(".xml"):
                        with archive.open(name) as part:
                            parts.append(without_tags(part))
        except zipfile.BadZipFile:
            return None
        return parts
    return None


_TAG = re.compile(r"<[^>]*>")
_ROW_END = "</row>"  # a spreadsheet's (SpreadsheetML): the one tag of an office file read as a line break


def _untagged(text: str) -> str:
    return _TAG.sub(" ", text.replace(_ROW_END, "\n") if _ROW_END in text else text)


def without_tags(stream: BinaryIO, size: int = 1 << 20) -> str:
    """The UTF-8 text of stream with each tag made a space (_TAG.sub(" ", text)), read size bytes at a
    time: a sheet of the district's base of mentors is 25 MB of XML, and read whole its text took four
    times that at once. Each piece is cut after its last «>»: every «<» before the cut is the start of
    a tag or inside one, and each of those tags ends at or before the cut, as in the whole text.

    The end of a spreadsheet's row is a line break, not a space: the scanner then reads a sheet row
    by row, and a changed download is scanned by chunks of rows (scan_chunks). It reads the same
    names as on one line: a line break parts no name, and a name is judged with the words of the lines
    beside its own, more than the few words around it that it is judged by on a long line."""
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    pieces, rest = [], ""
    while chunk := stream.read(size):
        text = rest + decoder.decode(chunk)
        cut = text.rfind(">") + 1
        pieces.append(_untagged(text[:cut]))
        rest = text[cut:]
    pieces.append(_untagged(rest + decoder.decode(b"", final=True)))
    return "".join(pieces)


def _scan_file(scanner: Scanner, file: SiteFile) -> list[Finding] | None:
    if file.suffix.lower() == ".pdf":
        lines = _pdf_lines(file.path)
        return None if lines is None else scanner.scan_lines(lines)
    source = _readable_source(file)
    return None if source is None else scanner.scan_joined(source)


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
    # pypdf is imported here: a tenth of a second, and most sites (and every rebuild) read no PDF.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError):
        return None
    return text.split("\n") if text.strip() else None


def unchecked_files(site_dir: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Attached documents whose text the leak check could not read (scans, old .doc/.xls)."""
    return [f.name for f in site_files(site_dir, skip) if f.suffix.lower() in _BINARY_DOCUMENTS
            or (f.suffix.lower() == ".pdf" and _pdf_lines(f.path) is None)]


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


def site_files(site_dir: Path, skip: tuple[str, ...] = ()) -> list[SiteFile]:
    """The site's files, in the order of their paths; skip names folders that hold other sites
    (the district's schools/): they are not even walked."""
    found = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if not (prefix == "" and entry.name in skip):
                        walk(entry.path, prefix + entry.name + "/")
                elif entry.is_file():
                    found.append(SiteFile(Path(entry.path), prefix + entry.name))

    walk(str(site_dir), "")
    return sorted(found, key=lambda f: f.name.split("/"))  # as paths sort: part by part


def _leaks(files: list[SiteFile], disclosure: Disclosure, shipped: ShippedFiles | None,
           data_made: set[str], memo: CleanMemo | None = None) -> list[str]:
    # Made when a first piece is scanned: when the memo knows every one clean, never (a second for 200,000 names).
    scanner = lru_cache(maxsize=1)(lambda: Scanner(disclosure.names, disclosure.contacts, disclosure.shown_contacts))
    problems, cache = [], {}
    for file in files:
        if shipped is not None and file.name not in data_made and shipped.holds(file.name, file.digest):
            findings = []  # the theme's own file as it ships: no data can be in it
        elif memo is None:
            findings = _placed(_scan_file(scanner(), file))
        else:
            findings = _scan_remembering(scanner, file, memo)
        file.forget()  # the leak scan is the last check to read it
        for finding, where in sorted(findings, key=lambda f: (f[0].line, f[0].found, f[1])):
            problems.append(f"{file.name}:{finding.line}: опубликованы персональные данные: "
                            f"{_describe(finding, disclosure, cache)}{where}")
    return problems


def _placed(findings: list[Finding] | None) -> list[tuple[Finding, str]]:
    """(finding, where in the file beyond its line): the line says it all."""
    return [(f, "") for f in findings or []]


def _scan_remembering(scanner: Callable[[], Scanner], file: SiteFile, memo: CleanMemo) -> list[tuple[Finding, str]]:
    """_scan_file, skipping what the memo knows clean; what is found clean is remembered."""
    index = _search_index(file)
    if index is not None:  # by its entries even when unchanged: the next build's memo needs them
        return _scan_entries(scanner, file, index, memo)
    key = file_key(file.name, file.digest())
    if file.path.stat().st_size > _CHUNKED and file.suffix.lower() != ".pdf":
        return _placed(_scan_chunks(scanner, file, memo, key))
    return _placed(_remembered(memo, key, lambda: _scan_file(scanner(), file)))


# Files larger than this are scanned by chunks of lines when they changed (generator/scan_chunks.py): the
# region's district site remakes a 15 MB download for one row. Smaller ones are scanned whole, and the
# memo keeps one key for each.
_CHUNKED = 1 << 20


def _scan_chunks(scanner: Callable[[], Scanner], file: SiteFile, memo: CleanMemo, key: bytes) -> list[Finding] | None:
    """_remembered(_scan_file) of a big file, by chunks: the file is remembered with its chunks' keys."""
    if memo.was_clean(key):
        return []
    source = _readable_source(file)
    if source is None:
        memo.found_clean(key)  # unreadable, as _remembered keeps it (unchecked_files warns of it)
        return None
    findings, parts = scan_changed(scanner, joined_lines(source), memo)
    if not findings:
        memo.found_clean(key, parts)
    return findings


_SEARCH_INDEXES = {"search/search_index.json", "search/search_index.js"}


def _search_index(file: SiteFile) -> Index | None:
    """The entries of a search index, when scanning them one by one finds all a whole scan finds.

    The index is written as one line of JSON (site_assets). The scanner judges a word by the words
    around it (on its line and the lines beside it), but no name reading joins two words with a
    separator (, ; : | …) between them, and no e-mail, phone or СНИЛС pattern crosses the quote that
    ends a JSON string. Between two entries stands «"},{"location":"»: a comma, then the next entry's
    first key and a colon. So each entry's words are read apart from the others' in the whole file
    too, and scanning the entry alone reads the same words with the same neighbours. What a whole
    scan could read across that boundary (a «<» left open in one entry taken as a tag up to a «>» in
    the next, joining the words around it) would be words of two sections taken as one name: no page
    and no search result shows them together. Not so for an index of several lines, where the words
    at the start of a line join those at the end of the line before whatever ends it, nor when
    attribute values are read (readable_lines adds them at the end of the line, where a lone
    surname is judged by the word before it): such an index, not one site_assets writes (its markup
    is bare <p>, <li>…, its quotes escaped), is scanned whole."""
    if file.name not in _SEARCH_INDEXES or "\n" in file.text().rstrip("\n") or attribute_words(file.text()):
        return None
    return split_index(file.text())


def _scan_entries(scanner: Callable[[], Scanner], file: SiteFile, index: Index,
                  memo: CleanMemo) -> list[tuple[Finding, str]]:
    """Leaks in the entries the memo does not know clean, placed by line and entry; and in the rest."""
    found, counted, lines = [], 0, 0
    # Lines as the scanner counts them (a \u000a escape breaks one): the same numbers as a whole scan's.
    for entry in index.entries:  # in the order of the file: its lines are counted once, whatever the leaks
        findings = _scan_piece(scanner, entry.text, memo)
        if findings:
            lines, counted = lines + decoded_breaks(file.text()[counted:entry.start]), entry.start
            found += [(dataclasses.replace(f, line=f.line + lines), f"; запись поиска «{entry.location}»")
                      for f in findings]
    return found + [(f, "; вне записей поиска") for f in _scan_piece(scanner, index.rest, memo)]


def _scan_piece(scanner: Callable[[], Scanner], text: str, memo: CleanMemo) -> list[Finding]:
    return _remembered(memo, text_key(text), lambda: scanner().scan_raw(text)) or []


def _remembered(memo: CleanMemo, key: bytes, scan: Callable[[], list[Finding] | None]) -> list[Finding] | None:
    """scan(), unless the memo knows the piece clean; a piece in which nothing is found is remembered (an
    unreadable one too: the same bytes stay unreadable, and unchecked_files warns of them every build)."""
    if memo.was_clean(key):
        return []
    findings = scan()
    if not findings:
        memo.found_clean(key)
    return findings


def find_leaks(site_dir: Path, disclosure: Disclosure, skip: tuple[str, ...] = (),
               shipped: ShippedFiles | None = None) -> list[str]:
    return _leaks(site_files(site_dir, skip), disclosure, shipped, set())


# Which loads a file of the theme makes does not depend on the site: found once per process.
_LOADS_OF: dict[bytes, list[str]] = {}


def _loads(file: SiteFile, shipped: ShippedFiles | None) -> list[str]:
    if shipped is not None and shipped.holds(file.name, file.digest):
        if file.digest() not in _LOADS_OF:
            _LOADS_OF[file.digest()] = _loads_in(file.text())
        return _LOADS_OF[file.digest()]
    return _loads_in(file.text())


def _loads_in(text: str) -> list[str]:
    if "//" not in text:  # every address of another host has it
        return []
    return [m.group(m.lastindex) for m in [*_tag_loads(text), *_css_loads(text)]]


# Where a load of another host may stand: every match of _LOADS has the first after the name of its
# attribute, every match of _CSS_URL the second at its «(». Both ignore case, which keeps the regex
# engine from skipping to a literal, and most pages have no such place: these find the few to try.
_VALUE_ADDRESS = re.compile(r"=\s*[\"']?\s*(?i:https?:)?//")
_PAREN_ADDRESS = re.compile(r"\((?=\s*[\"']?(?i:https?:)?//)")


def _tag_loads(text: str) -> list[re.Match]:
    """_LOADS.finditer(text), the pattern tried only at the tags that may hold a match.

    No «>» stands in a match between its «<» and the «=» of its address: so the next match starts
    after the last «>» before the next such «=» (at or after where the previous match ended)."""
    found, end, scan, tried = [], 0, 0, 0
    while (value := _VALUE_ADDRESS.search(text, scan)) is not None:
        at = value.start()
        start, match = max(text.rfind(">", 0, at) + 1, end, tried), None
        while match is None and (start := text.find("<", start, at)) >= 0:
            match = _LOADS.match(text, start)
            start += 1
        if match is None:
            scan = tried = at + 1  # no match starts before at: the «<» up to it were all tried
        else:
            found.append(match)
            end = scan = match.end()
    return found


def _css_loads(text: str) -> list[re.Match]:
    """_CSS_URL.finditer(text), the pattern tried only where «url(» may hold an address."""
    found, end, scan = [], 0, 0
    while (paren := _PAREN_ADDRESS.search(text, scan)) is not None:
        at = paren.start()
        match = _CSS_URL.match(text, at - 3) if at - 3 >= end else None
        if match is None:
            scan = at + 1
        else:
            found.append(match)
            end = scan = match.end()
    return found


def _foreign(files: list[SiteFile], shipped: ShippedFiles | None) -> list[str]:
    return [f"{file.name}: страница загружает ресурс с другого сайта: {address}"
            for file in files if file.suffix in {".html", ".css", ".js"} for address in _loads(file, shipped)]


def foreign_requests(site_dir: Path, skip: tuple[str, ...] = ()) -> list[str]:
    return _foreign(site_files(site_dir, skip), None)


# Start tags of plain form: a name, then attributes with a quoted value, a simple one or none. For
# them html.parser's own patterns find the same end and the same attributes; script and style are
# left out, as the parser reads what follows them differently.
_SPACE = r"[\t\n\r\f ]"
_VALUE = rf"""(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+(?=[\t\n\r\f >]|\Z))"""
_ATTRIBUTE = rf"{_SPACE}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:{_SPACE}*={_SPACE}*({_VALUE}))?"
_NOT_RAW_TEXT = r"(?!(?i:script|style)[\t\n\r\f />])"
_PLAIN_TAG = re.compile(rf"<{_NOT_RAW_TEXT}[a-zA-Z][a-zA-Z0-9-]*((?:{_ATTRIBUTE})*){_SPACE}*/?>")
_PLAIN_ATTRIBUTE = re.compile(_ATTRIBUTE)
# What the parser would pass over without finding a link: text, end tags, a lone «<», plain start tags
# without href or src.
_NO_LINK = (rf"[^<]+|</[^>]*>|<(?=[^a-zA-Z/!?])|<{_NOT_RAW_TEXT}[a-zA-Z][a-zA-Z0-9-]*"
            rf"(?:(?!{_SPACE}+(?i:href|src)[\t\n\r\f =/>]){_ATTRIBUTE})*{_SPACE}*/?>")
_NO_LINKS = re.compile(rf"(?:{_NO_LINK})++")
# The same, then up to a start tag (which may hold a link): where the next plain tag may stand.
_TO_TAG = re.compile(rf"(?:{_NO_LINK})*+(?=<[a-zA-Z])")


class _Links(HTMLParser):
    """The addresses a page links to or loads: (attribute value, line).

    html.parser itself, made faster where it can be without changing what it finds: it passes
    over what cannot hold a link in one step, and reads plain tags with one pattern."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append((value, self.getpos()[0]))

    def parse_starttag(self, i: int) -> int:
        tag = _PLAIN_TAG.match(self.rawdata, i)
        if tag is None:
            return super().parse_starttag(i)
        self._take(tag, self.getpos()[0])
        return tag.end()

    def _take(self, tag: re.Match, line: int) -> None:
        """The links of a plain start tag, as html.parser reads its attributes."""
        for m in _PLAIN_ATTRIBUTE.finditer(self.rawdata, tag.start(1), tag.end(1)):
            value = m.group(2)
            if m.group(1).lower() in ("href", "src") and value and value[0] in "'\"":
                value = value[1:-1]
            if value and m.group(1).lower() in ("href", "src"):
                self.found.append((unescape(value), line))

    def updatepos(self, i: int, j: int) -> int:
        # Called with the end of every piece the parser read: from there, go past whatever holds no link
        # and read the plain tags that may, in a few regular expressions instead of a loop step per tag.
        if self.cdata_elem is None:
            j = self._plain(i, j)
        return super().updatepos(i, j)

    def _plain(self, i: int, j: int) -> int:
        """Where the parser would be after the plain pieces from j, their links taken (the parser's
        line is the one of i)."""
        line, at = self.lineno, i
        while (skip := _TO_TAG.match(self.rawdata, j)) is not None:
            tag = _PLAIN_TAG.match(self.rawdata, skip.end())
            if tag is None:
                return skip.end()  # a tag of another form: the parser reads it
            line += self.rawdata.count("\n", at, tag.start())
            at = tag.start()
            self._take(tag, line)
            j = tag.end()
        plain = _NO_LINKS.match(self.rawdata, j)
        return plain.end() if plain else j


def page_links(text: str) -> list[tuple[str, int]]:
    parser = _Links()
    parser.feed(text)
    parser.close()
    return parser.found


@dataclass
class _Targets:
    """Whether relative links of the site's pages lead to its files; each distinct link is resolved once."""

    site_dir: Path
    names: set[str]  # the files walked
    skip: tuple[str, ...]  # folders not walked: a link into them is looked up on disk
    elsewhere: tuple[str, ...]
    known: dict[tuple[str, str], bool | None] = field(default_factory=dict)

    def exists(self, page: str, link: str) -> bool | None:
        key = (posixpath.dirname(page), link)
        if key not in self.known:
            self.known[key] = self._resolve(*key)
        return self.known[key]

    def _resolve(self, folder: str, link: str) -> bool | None:
        """None: not this site's business."""
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            return None  # another host, mailto:, tel: or a link inside the page
        target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        if target == ".." or target.startswith(("../", "/")) or target.split("/")[0] in self.elsewhere:
            return None  # the district's or another school's site: checked by that site's build
        if target.split("/")[0] in self.skip:
            path = self.site_dir / target
            return path.is_file() or (path / "index.html").is_file()
        return target in self.names or posixpath.normpath(target + "/index.html") in self.names


def _broken(files: list[SiteFile], targets: _Targets, memo: CleanMemo | None = None) -> list[str]:
    """memo: pages known to link only to files of the site, among the same files, are not read again
    (a region's district pages: a third of a second). Not when links lead into folders not walked:
    what is there is not among the names."""
    problems = []
    memo = None if targets.skip else memo
    names = names_key(targets.names) if memo is not None else b""
    for file in (f for f in files if f.suffix == ".html"):
        key = links_key(names, file.name, file.digest()) if memo is not None else b""
        if memo is not None and memo.was_clean(key):
            continue
        found = [f"{file.name}:{line}: ссылка «{link}» ведёт на файл, которого нет на сайте"
                 for link, line in page_links(file.text()) if targets.exists(file.name, link) is False]
        if memo is not None and not found:
            memo.found_clean(key)
        problems += found
    return problems


def broken_links(site_dir: Path, skip: tuple[str, ...] = (), elsewhere: tuple[str, ...] = ()) -> list[str]:
    """Links and loads in the site's pages that lead to no file of the site (elsewhere: other sites' folders)."""
    files = site_files(site_dir, skip)
    return _broken(files, _Targets(site_dir, {f.name for f in files}, skip, elsewhere))


def missing_attachments(spec: SiteSpec, site_dir: Path) -> list[str]:
    """Every file the data attaches must be in the output (downloads are made by the build itself)."""
    return [f"нет вложения {name}: оно указано в данных, но на сайт не попало"
            for name in sorted(spec.assets) if not (site_dir / name).is_file()]


def verify_site(spec: SiteSpec, site_dir: Path, disclosure: Disclosure, skip: tuple[str, ...] = (),
                shipped: ShippedFiles | None = None, memo: Path | None = None) -> list[str]:
    """Problems found in a built site, in Russian; an empty list means it may be published.

    shipped: the theme files the tool ships; a file identical to one of them is not leak-scanned.
    memo: a file that remembers what the last check without problems found clean (verify_memo):
    what it knows under the same rules is not scanned again, nor are the links of a page known to lead
    only to files of the site while its files are the same; None: everything is read."""
    problems = [f"нет страницы {html_page(page)}" for page in sorted(set(_nav_pages(spec.nav)) | set(spec.pages))
                if not (site_dir / html_page(page)).is_file()]
    files = site_files(site_dir, skip)  # one walk, each file read once for every check (a big one twice)
    # The district site links into schools/, where the school sites are published beside it.
    targets = _Targets(site_dir, {f.name for f in files}, skip, () if spec.out else ("schools",))
    clean = None if memo is None else CleanMemo.load(memo, disclosure)
    problems += missing_attachments(spec, site_dir) + _broken(files, targets, clean) + _foreign(files, shipped)
    for file in files:
        file.forget_big()  # read again by the leak scan, not held through it
    problems += _leaks(files, disclosure, shipped, {*spec.assets, *spec.generated}, clean)
    if clean is not None and not problems:
        clean.save(memo)
    return problems
