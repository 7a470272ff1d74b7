"""Consistency checks across records and files: ids, references, date order, attached files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.model import District
from generator.dataset import DistrictData, SchoolData, SiteData
from generator.errors import ErrorList, Location
from generator.load import RawSite
from generator.yamlio import unreadable
from generator.vocabulary import Vocabulary

# Attached files are published as they are; the formats school sites accept (domain notes).
ATTACHMENT_TYPES = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".jpg", ".jpeg", ".png"}
PHOTO_TYPES = {".jpg", ".jpeg", ".png", ".webp"}
# School hosting limits uploads; a bigger file is a scan at the wrong setting or the wrong file.
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# How each kind of file begins: a name that lies about its contents is not published.
_SIGNATURES = {
    ".pdf": (b"%PDF",), ".doc": (b"\xd0\xcf\x11\xe0",), ".xls": (b"\xd0\xcf\x11\xe0",),
    ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".odt": (b"PK\x03\x04",), ".ods": (b"PK\x03\x04",),
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",), ".webp": (b"RIFF",),
}
_KIND_NAMES = {".pdf": "PDF", ".doc": "документ Word", ".xls": "книгу Excel", ".docx": "документ Word",
               ".xlsx": "книгу Excel", ".odt": "документ OpenDocument", ".ods": "таблицу OpenDocument",
               ".jpg": "снимок JPEG", ".jpeg": "снимок JPEG", ".png": "картинку PNG", ".webp": "картинку WebP"}


class _Where:
    """Finds the line of a record or of one of its fields in the file it came from."""

    def __init__(self, raw: RawSite, errors: ErrorList):
        self.raw = raw
        self.errors = errors
        # Files that failed to load or to type, before any consistency check adds its own findings.
        self._failed = {e.location.file for e in errors.items}

    def add(self, file: str, path: tuple, message: str, hint: str | None = None) -> None:
        doc = self.raw.docs.get(file)
        location = doc.location(path) if doc else Location(str(self.raw.folder / file))
        self.errors.add(location, message, hint)

    def broken(self, file: str) -> bool:
        """The file could not be read or holds errors: what it lacks is already explained."""
        doc = self.raw.docs.get(file)
        if doc is None:
            return file in self.raw.broken or "*" in self.raw.broken
        return file in self.raw.broken or doc.file in self._failed

    def name(self, file: str) -> str:
        """The file a kind of data was read from: «mentors.yml», or the workbook that holds it."""
        doc = self.raw.docs.get(file)
        return Path(doc.file).name if doc else file


def _unique(where: _Where, file: str, key: str, items: Iterable, what: str) -> set[str]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            first = where.raw.docs[file].place((key, seen[item.id]))
            where.add(file, (key, i, "id"), f"{what} с идентификатором «{item.id}» уже есть ({first})",
                      "у каждой записи должен быть свой идентификатор")
        else:
            seen[item.id] = i
    return set(seen)


def _order(where: _Where, file: str, path: tuple, start, end, what: str) -> None:
    if start and end and end < start:
        where.add(file, path, f"{what}: дата окончания {end:%d.%m.%Y} раньше даты начала {start:%d.%m.%Y}",
                  "проверьте год и месяц")


def _attachments(where: _Where, site: SiteData, file: str, key: str, items: Iterable, within: tuple = (),
                 types: set[str] = ATTACHMENT_TYPES) -> None:
    root = Path(site.folder).resolve()
    for i, item in enumerate(items):
        if not item.file:
            continue
        path, at = (root / item.file).resolve(), within + (key, i, "file")
        if not path.is_relative_to(root):
            where.add(file, at, f"файл «{item.file}» лежит вне папки данных",
                      "положите файл в папку files/ рядом с данными и укажите путь от неё: files/…")
        elif not path.is_file():
            where.add(file, at, f"файл «{item.file}» не найден",
                      f"положите его в папку {root.name}/ или исправьте путь")
        elif path.suffix.lower() not in types:
            where.add(file, at, f"файлы вида «{path.suffix}» не публикуются на сайтах школ",
                      "допустимо: " + ", ".join(sorted(types)))
        else:
            _attachment_content(where, file, at, item.file, path)


def _attachment_content(where: _Where, file: str, at: tuple, name: str, path: Path) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            start = fh.read(16)
    except OSError as exc:
        where.add(file, at, f"вложение «{name}»: {unreadable(exc)}", "проверьте права на файл")
        return
    if size > MAX_ATTACHMENT_BYTES:
        where.add(file, at, f"файл «{name}» занимает {size / 2**20:.0f} МБ, больше {MAX_ATTACHMENT_BYTES // 2**20} МБ",
                  "уменьшите файл (сканы — 150–200 dpi, в PDF) или опубликуйте его на сайте школы и дайте ссылку (url)")
        return
    if not start.startswith(_SIGNATURES[path.suffix.lower()]):
        where.add(file, at, f"файл «{name}» не похож на {_KIND_NAMES[path.suffix.lower()]}: внутри другое содержимое",
                  "откройте файл и сохраните его заново в этом формате или исправьте расширение в имени")


def _event_media(where: _Where, site: SiteData) -> None:
    """Photos need a text alternative (ГОСТ Р 52872-2019); photos and attached files must exist."""
    for i, event in enumerate(site.events):
        for j, photo in enumerate(event.photos):
            if not (photo.alt or "").strip():
                where.add("events.yml", ("events", i, "photos", j), f"у фотографии «{photo.file}» нет описания (alt)",
                          "опишите, что на снимке, в поле alt: описание читают незрячие посетители сайта")
        _attachments(where, site, "events.yml", "photos", event.photos, ("events", i), PHOTO_TYPES)
        _attachments(where, site, "events.yml", "attachments", event.attachments, ("events", i))


def _check_common(site: SiteData, where: _Where) -> set[str]:
    documents = _unique(where, "documents.yml", "documents", site.documents, "документ")
    _unique(where, "events.yml", "events", site.events, "событие")
    _unique(where, "kpis.yml", "kpis", site.kpis, "показатель")
    for i, event in enumerate(site.events):
        _order(where, "events.yml", ("events", i, "end_date"), event.date, event.end_date, "событие")
    _event_media(where, site)
    for file, key, items in (("regulations.yml", "regulations", site.regulations),
                             ("documents.yml", "documents", site.documents),
                             ("events.yml", "events", site.events),
                             ("materials.yml", "materials", site.materials)):
        _attachments(where, site, file, key, items)
    years: dict[str, str] = {}
    for file, roadmap in sorted(site.roadmaps.items()):
        if roadmap.academic_year in years:
            where.add(file, ("academic_year",), f"дорожная карта на {roadmap.academic_year} учебный год "
                      f"уже есть в {years[roadmap.academic_year]}", "оставьте одну дорожную карту на год")
        years.setdefault(roadmap.academic_year, file)
        _check_roadmap(where, file, roadmap, documents)
    return documents


def _check_roadmap(where: _Where, file: str, roadmap, documents: set[str]) -> None:
    if roadmap.document and roadmap.document not in documents and not where.broken("documents.yml"):
        where.add(file, ("document",), f"нет документа «{roadmap.document}» в documents.yml",
                  "укажите идентификатор документа, которым утверждена дорожная карта")
    numbers: dict[str, int] = {}
    for i, item in enumerate(roadmap.items):
        number = item.number.rstrip(".")
        parent = number.rpartition(".")[0]
        if number in numbers:
            where.add(file, ("items", i, "number"), f"пункт {number} дорожной карты повторяется")
        elif parent and parent not in numbers:
            where.add(file, ("items", i, "number"), f"у пункта {number} нет раздела {parent}",
                      f"добавьте выше пункт {parent} или исправьте номер")
        numbers.setdefault(number, i)


def check_district(district: DistrictData, raw: RawSite, errors: ErrorList) -> None:
    _check_common(district, _Where(raw, errors))


def _check_refs(where: _Where, path: tuple, ids: Iterable[str], known: set[str], what: str, file: str) -> None:
    if where.broken(file):
        return
    file = where.name(file)
    for j, ref in enumerate(ids):
        if ref not in known:
            where.add("pairs.yml", path + (j,), f"{what} «{ref}» нет в {file}",
                      "проверьте идентификатор или добавьте запись в " + file)


def _role_models(where: _Where, vocabulary: Vocabulary, file: str, key: str, items: Iterable) -> None:
    """A role model belongs to a form; spellings are brought to the vocabulary's one."""
    for i, item in enumerate(items):
        if not (item.role_model and item.form):
            continue
        choice = vocabulary.role_models(item.form)
        term = choice.find(item.role_model)
        if term is not None:
            item.role_model = term.name
            continue
        close = choice.suggest(item.role_model)
        hint = f"возможно, «{close}»" if close else "для этой формы есть: " + "; ".join(choice.names())
        where.add(file, (key, i, "role_model"), f"{choice.unknown} «{item.role_model}» для формы «{item.form}»",
                  hint)


def _shared_ids(where: _Where, school: SchoolData, mentors: set[str]) -> None:
    """A pair's «m-1» must not depend on which list is looked at."""
    for i, mentee in enumerate(school.mentees.mentees):
        if mentee.id in mentors:
            first = next(j for j, m in enumerate(school.mentors.mentors) if m.id == mentee.id)
            where.add("mentees.yml", ("mentees", i, "id"),
                      f"идентификатор «{mentee.id}» уже занят наставником в {where.name('mentors.yml')} "
                      f"({where.raw.docs['mentors.yml'].place(('mentors', first))})",
                      "у наставляемых и наставников должны быть разные идентификаторы, например m-1 и u-1")


def check_school(school: SchoolData, raw: RawSite, errors: ErrorList, vocabulary: Vocabulary) -> None:
    where = _Where(raw, errors)
    _role_models(where, vocabulary, "pairs.yml", "pairs", school.pairs.pairs)
    _role_models(where, vocabulary, "cases.yml", "cases", school.cases)
    documents = _check_common(school, where)
    orders = {d.id for d in school.documents if d.type == "order_pairs"}
    mentors = _unique(where, "mentors.yml", "mentors", school.mentors.mentors, "наставник")
    mentees = _unique(where, "mentees.yml", "mentees", school.mentees.mentees, "наставляемый")
    _shared_ids(where, school, mentors)
    pairs = _unique(where, "pairs.yml", "pairs", school.pairs.pairs, "пара (группа)")
    programmes = _unique(where, "programmes.yml", "programmes", school.programmes, "программа")
    _unique(where, "cases.yml", "cases", school.cases, "кейс")
    for i, pair in enumerate(school.pairs.pairs):
        _check_refs(where, ("pairs", i, "mentors"), pair.mentors, mentors, "наставника", "mentors.yml")
        _check_refs(where, ("pairs", i, "mentees"), pair.mentees, mentees, "наставляемого", "mentees.yml")
        if pair.order and pair.order not in orders and not where.broken("documents.yml"):
            hint = ("это документ другого вида: нужен приказ о закреплении пар (type: order_pairs)"
                    if pair.order in documents else "добавьте приказ в documents.yml с type: order_pairs")
            where.add("pairs.yml", ("pairs", i, "order"), f"нет приказа о закреплении пар «{pair.order}»", hint)
        if pair.programme and pair.programme not in programmes and not where.broken("programmes.yml"):
            where.add("pairs.yml", ("pairs", i, "programme"), f"нет программы «{pair.programme}» в programmes.yml")
        _order(where, "pairs.yml", ("pairs", i, "end"), pair.start, pair.end, "пара")
    for i, mentee in enumerate(school.mentees.mentees):
        _order(where, "mentees.yml", ("mentees", i, "finished"), mentee.joined, mentee.finished, "наставляемый")
    for i, programme in enumerate(school.programmes):
        _order(where, "programmes.yml", ("programmes", i, "end"), programme.start, programme.end, "программа")
        if programme.approved_by and programme.approved_by not in documents and not where.broken("documents.yml"):
            where.add("programmes.yml", ("programmes", i, "approved_by"),
                      f"нет документа «{programme.approved_by}» в documents.yml",
                      "укажите идентификатор приказа, которым утверждено завершение программы")
    for i, case in enumerate(school.cases):
        if case.pair and case.pair not in pairs and not where.broken("pairs.yml"):
            where.add("cases.yml", ("cases", i, "pair"), f"нет пары «{case.pair}» в pairs.yml")
    for file, key, items in (("programmes.yml", "programmes", school.programmes),
                             ("cases.yml", "cases", school.cases)):
        _attachments(where, school, file, key, items)


def check_featured(district: DistrictData, raw: RawSite, errors: ErrorList) -> None:
    """The district's chosen best practices must name a school and one of its cases."""
    if district.district:
        check_chosen(district.district, {sid: {c.id for c in school.cases} for sid, school in district.schools.items()},
                     raw, errors)


def check_chosen(district: District, case_ids: dict[str, set[str]], raw: RawSite, errors: ErrorList) -> None:
    """check_featured, against each school's ids of cases (a build that read only some schools has the
    others' ids from their summaries)."""
    where = _Where(raw, errors)
    for i, chosen in enumerate(district.featured_cases):
        ids = case_ids.get(chosen.school)
        if ids is None:
            where.add("district.yml", ("featured_cases", i, "school"), f"нет школы «{chosen.school}»",
                      "укажите имя папки школы из data/schools/")
        elif chosen.case not in ids:
            where.add("district.yml", ("featured_cases", i, "case"),
                      f"у школы «{chosen.school}» нет практики «{chosen.case}»", "проверьте id в её cases.yml")
