"""Stage 1: read every data file and content page of a district, without judging content.

Reading only checks what is needed to parse (encoding, YAML syntax, duplicate keys,
file names); what the data means is the validation stage's business. Registries kept in
workbooks or CSV files are read by generator/excel into documents of the same shape.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ErrorList, Location, display_path
from generator.excel.read import TABLE_SUFFIXES, add_tables
from generator.gcpause import paused
from generator.model import DISTRICT_FILES, SCHOOL_FILES
from generator.sourcedoc import SourceDoc
from generator.yamlio import read_yaml, unreadable

SCHOOL_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
# Roadmaps of earlier academic years stay beside the current one: roadmap-2024-2025.yml.
ARCHIVED_ROADMAP = re.compile(r"roadmap-\d{4}-\d{4}\.ya?ml")


@dataclass
class RawSite:
    """The parsed data files of the district folder or of one school folder, by YAML file name."""

    folder: Path
    docs: dict[str, SourceDoc] = field(default_factory=dict)
    # Data files that could not be read or hold errors ("*": a table file of unknown kind): references
    # into them are not checked, so that one mistake is not reported again as missing people.
    broken: set[str] = field(default_factory=set)


@dataclass
class ContentPage:
    """A free Markdown page from content/, merged into a generated site."""

    name: str  # path inside the site's docs, e.g. "kontakty.md"
    file: str  # as shown to the user
    text: str


@dataclass
class RawDistrict:
    root: Path
    district: RawSite
    schools: dict[str, RawSite]
    district_pages: list[ContentPage]
    school_pages: dict[str, list[ContentPage]]
    warnings: ErrorList = field(default_factory=ErrorList)  # worth saying, not worth stopping a build
    partial: bool = False  # only some schools were read: checks across schools must wait for a full read


def outside(path: Path, root: Path, errors: ErrorList, what: str = "папки данных") -> bool:
    """A symbolic link that leads out of the data folder is refused (it could publish any file)."""
    if path.resolve().is_relative_to(Path(root).resolve()):
        return False
    errors.add(Location(display_path(path)), f"«{path.name}» — ссылка на «{path.resolve()}» за пределами {what}",
               "положите в папку данных сам файл, а не ссылку на него")
    return True


def _read_folder(folder: Path, known: dict, errors: ErrorList, warnings: ErrorList, root: Path) -> RawSite:
    site = RawSite(folder)
    paths = [p for p in sorted(folder.iterdir()) if not outside(p, root, errors)]
    first_new = len(errors)
    for path in paths:
        if path.is_dir() or path.suffix.lower() not in (".yml", ".yaml"):
            continue
        shown = display_path(path)
        if path.name not in known and not ARCHIVED_ROADMAP.fullmatch(path.name):
            close = difflib.get_close_matches(path.name, list(known), n=1)
            hint = f"возможно, «{close[0]}»" if close else "ожидаются файлы: " + ", ".join(known)
            errors.add(Location(shown), f"неизвестный файл данных «{path.name}»", hint)
            continue
        doc = read_yaml(path, shown, errors)
        if doc is not None:
            site.docs[path.name] = doc
        else:
            site.broken.add(path.name)
    tables = [p for p in paths if p.is_file() and p.suffix.lower() in TABLE_SUFFIXES and not p.name.startswith("~$")]
    add_tables(site.docs, tables, known, errors, warnings)
    with_errors = {e.location.file for e in errors.items[first_new:]}
    site.broken |= {name for name, doc in site.docs.items() if doc.file in with_errors}
    read = {doc.file for doc in site.docs.values()}
    if any(display_path(p) in with_errors and display_path(p) not in read for p in tables):
        site.broken.add("*")
    return site


def _read_pages(folder: Path, errors: ErrorList) -> list[ContentPage]:
    pages = []
    if not folder.is_dir():
        return pages
    for path in sorted(folder.rglob("*.md")):
        if outside(path, folder, errors, "папки страниц"):
            continue
        shown = display_path(path)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            errors.add(Location(shown), "файл не в кодировке UTF-8", "сохраните страницу в кодировке UTF-8")
            continue
        except OSError as exc:
            errors.add(Location(shown), unreadable(exc), "проверьте, что файл существует и открыт для чтения")
            continue
        pages.append(ContentPage(path.relative_to(folder).as_posix(), shown, text))
    return pages


@paused
def load(data_dir: Path, content_dir: Path | None = None,
         only: set[str] | None = None) -> tuple[RawDistrict, ErrorList]:
    """Read the whole district (or the district files and only these schools); returns what
    could be read and every problem met."""
    errors, warnings = ErrorList(), ErrorList()
    data_dir = Path(data_dir)
    content_dir = Path(content_dir) if content_dir else data_dir.parent / "content"
    if not data_dir.is_dir():
        errors.add(Location(display_path(data_dir)), "папка данных не найдена",
                   "укажите папку данных района: nastavnik build --data ПАПКА")
        empty = RawSite(data_dir)
        return RawDistrict(data_dir, empty, {}, [], {}), errors
    if not (data_dir / "district.yml").is_file():
        errors.add(Location(display_path(data_dir / "district.yml")), "нет файла района district.yml",
                   "укажите папку данных района (--data) или создайте в ней district.yml с полем name")
    district = _read_folder(data_dir, DISTRICT_FILES, errors, warnings, data_dir)
    schools: dict[str, RawSite] = {}
    schools_dir = data_dir / "schools"
    if schools_dir.is_dir():
        # Only the schools asked for are looked at: a rebuild of one school need not resolve a thousand paths.
        wanted = (p for p in schools_dir.iterdir() if only is None or p.name in only)
        for folder in sorted(p for p in wanted if p.is_dir() and not outside(p, data_dir, errors)):
            if not SCHOOL_ID.fullmatch(folder.name):
                errors.add(Location(display_path(folder)), f"имя папки школы «{folder.name}» не годится для адреса сайта",
                           "используйте латинские строчные буквы, цифры и «-», например sosh-1")
                continue
            if not (folder / "school.yml").is_file():
                errors.add(Location(display_path(folder / "school.yml")), "в папке школы нет файла school.yml",
                           "создайте school.yml хотя бы с полем name — полным названием школы")
            schools[folder.name] = _read_folder(folder, SCHOOL_FILES, errors, warnings, data_dir)
    school_pages = {sid: _read_pages(content_dir / "schools" / sid, errors) for sid in schools}
    for folder in sorted((content_dir / "schools").glob("*")) if (content_dir / "schools").is_dir() else []:
        if folder.is_dir() and not (schools_dir / folder.name).is_dir():
            errors.add(Location(display_path(folder)), f"страницы для школы «{folder.name}», которой нет в data/schools",
                       "переименуйте папку по идентификатору школы или удалите её")
    raw = RawDistrict(data_dir, district, schools, _read_pages(content_dir / "district", errors), school_pages,
                      warnings, partial=only is not None)
    return raw, errors
