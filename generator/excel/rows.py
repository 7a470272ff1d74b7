"""The rows of a recognised sheet as records: each value made exact, each one's cell remembered.

Rows that hold no record are passed over: empty rows, a repeated heading, a section row
(«Педагоги», «Обучающиеся-наставники» across the table, which also gives the category of
the rows below it) and the lower rows of a person's cell merged down over several rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator.errors import ErrorList
from generator.excel import values as v
from generator.excel.profiles import Column, Profile, Values
from generator.excel.recognise import Layout
from generator.excel.sheets import Sheet
from generator.excel.table import Record, TableDoc, derived_id

_JOINABLE = {"text", "longtext", "list", "forms", "people", "contacts"}  # two columns may feed one field
_CATEGORY_HINT = "допустимо: педагог, руководитель, обучающийся, студент, представитель работодателя"
_UPDATED = re.compile(r"(?:по состоянию на|на дату|обновлен[аоы]?|актуализирован[аоы]?|дата обновления|"
                      r"дата актуализации)\s*:?\s*(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+[а-яё]+\s+\d{4})", re.I)
_YEAR = re.compile(r"(\d{4})\s*[/–—-]\s*(\d{4}|\d{2})")


def _converter(column: Column, values: Values) -> Callable[[Any], Any]:
    kinds: dict[str, Callable[[Any], Any]] = {
        "text": v.text, "longtext": v.long_text, "name": v.person_name, "name_part": v.person_name,
        "list": v.text_list, "forms": lambda x: v.text_list(x, commas=True), "people": v.names,
        "date": v.date, "int": v.integer, "year": v.year, "contacts": v.contacts, "ref": v.text,
        "id": lambda x: v.text(x).lower(),
        "number": lambda x: v.text(x).rstrip("."),
        "consent": lambda x: values.find("consent", v.text(x)) or v.text(x),  # the model explains a wrong one
        "bool": lambda x: v.choice(values, "yes_no", x, "ожидается «да» или «нет», а записано",
                                   "напишите «да» или «нет»") == "yes",
        "category": lambda x: v.choice(values, "categories", x, "неизвестная категория", _CATEGORY_HINT),
        "event_kind": lambda x: v.choice(values, "event_kinds", x, "неизвестный вид записи",
                                         "допустимо: новость, мероприятие"),
    }
    return kinds[column.type]


def _merge(record: Record, column: Column, value: Any, where) -> None:
    """Put a value into a record; a second column of the same field adds to the first."""
    name = column.field
    if column.type == "contacts":
        for key, part in value.items():
            record.values[key] = f"{record.values[key]}, {part}" if key in record.values else part
            record.cells.setdefault((key,), where)
        return
    old = record.values.get(name)
    if old is None:
        record.values[name] = value
    elif isinstance(old, list):
        old.extend(value)
    else:
        record.values[name] = f"{old}; {value}"
    record.cells.setdefault((name,), where)
    if isinstance(value, list):
        start = len(record.values[name]) - len(value)
        for j in range(len(value)):
            record.cells[(name, start + j)] = where


def _id_first(record: Record) -> None:
    """The id leads a record, as in hand-written YAML (nastavnik import writes records in this order)."""
    if "id" in record.values:
        record.values = {"id": record.values.pop("id"), **record.values}


class SheetReader:
    def __init__(self, sheet: Sheet, layout: Layout, values: Values, errors: ErrorList, warnings: ErrorList):
        self.sheet, self.layout, self.values = sheet, layout, values
        self.profile: Profile = layout.profile
        self.errors, self.warnings = errors, warnings
        self.columns = self._usable_columns()
        self.convert = {c: _converter(column, values) for c, column in self.columns.items()}
        self.section: str | None = None

    # --- columns ----------------------------------------------------------------------

    def _usable_columns(self) -> dict[int, Column]:
        layout, seen, usable = self.layout, {}, {}
        for c, column in sorted(self.layout.columns.items()):
            first = seen.setdefault(column.key, c)
            if first != c and column.type not in _JOINABLE:
                self.warnings.add(self.sheet.location(*layout.heading_cells[c]),
                                  f"столбец «{layout.headings[c]}» повторяет столбец «{layout.headings[first]}» "
                                  "и не прочитан", "оставьте один из них")
                continue
            usable[c] = column
        return usable

    def _warn_columns(self) -> None:
        layout, title = self.layout, self.profile.title
        for c in layout.unknown:
            self.warnings.add(self.sheet.location(*layout.heading_cells[c]),
                              f"столбец «{layout.headings[c]}» не относится ни к одному полю формы «{title}» "
                              "и не прочитан", f"если эти сведения нужны сайту, добавьте такое написание заголовка "
                              f"в site_config/forms/{self.profile.kind}.yml; если нет — удалите столбец")
        by_note: dict[str, list[int]] = {}
        for c, note in layout.unused.items():
            if self._filled(c):
                by_note.setdefault(note, []).append(c)
        for note, unused in by_note.items():
            names = ", ".join(f"«{layout.headings[c]}»" for c in unused)
            what = "столбцы {} не переносятся" if len(unused) > 1 else "столбец {} не переносится"
            self.warnings.add(self.sheet.location(*layout.heading_cells[unused[0]]),
                              f"{what.format(names)} на сайт: {note}")
        for c in range(self.sheet.width):
            if c not in layout.headings and self._filled(c):
                self.warnings.add(self.sheet.location(layout.first_data, c),
                                  f"в столбце {self.sheet.cell_name(0, c)[:-1]} есть значения, но нет заголовка, "
                                  "и он не прочитан", "впишите заголовок столбца или удалите значения")

    def _filled(self, c: int) -> bool:
        return any(not v.is_blank(self.sheet.raw(r, c)) for r in range(self.layout.first_data, len(self.sheet.rows)))

    # --- rows -------------------------------------------------------------------------

    def _skip(self, r: int) -> bool:
        sheet, layout = self.sheet, self.layout
        filled = [c for c in range(sheet.width) if not v.is_blank(sheet.raw(r, c))]
        if len(filled) == 1 and self._is_section(r, filled[0]):
            self.section = self.values.find("categories", v.text(sheet.raw(r, filled[0])))
            return True
        if not [c for c in filled if c not in layout.ignored]:
            return True  # nothing but a row number
        if sum(v.text(sheet.raw(r, c)) == layout.headings.get(c) for c in filled) >= 2:
            return True  # the heading repeated (printed on every page)
        return self._continues_above(r)

    def _is_section(self, r: int, c: int) -> bool:
        """A heading inside the table: text across merged cells, or alone outside the data columns."""
        typed = v.text(self.sheet.raw(r, c))
        if re.fullmatch(r"\d+\.?", typed):
            return False  # a row number of an empty row
        merge = self.sheet.merge_of(r, c)
        category = self.values.find("categories", typed)
        return bool(merge and merge[3] > merge[1]) or c not in self.columns or category is not None

    def _continues_above(self, r: int) -> bool:
        """A registry row whose person's cell is merged down from the row above: not a new person."""
        if self.profile.kind not in ("mentors", "mentees"):
            return False
        for c, column in self.columns.items():
            if column.field == "name" and column.target == "record":
                merge = self.sheet.merge_of(r, c)
                return bool(merge and merge[0] < r)
        return False

    def read_row(self, r: int) -> tuple[Record, Record]:
        """The row's own record and the pair it implies (a mentee form's mentor columns)."""
        record, pair = Record(self.sheet.location(r)), Record(self.sheet.location(r), names={"mentors"})
        for c, column in self.columns.items():
            raw = self.sheet.value(r, c)
            if v.is_blank(raw):
                continue
            where = self.sheet.location(r, c)
            target = pair if column.target == "pair" else record
            try:
                value = self.convert[c](raw)
            except v.CellError as problem:
                self.errors.add(where, problem.message, problem.hint)
                target.cells.setdefault((column.field,), where)
                continue
            _merge(target, column, value, where)
        self._name_from_parts(record)
        if "category" not in record.values and self.section:
            record.values["category"] = self.section
        return record, pair

    def _name_from_parts(self, record: Record) -> None:
        """«Фамилия», «Имя», «Отчество» in three columns make one name."""
        parts = [c.field for c in sorted(self.profile.columns, key=lambda c: c.part or 0) if c.type == "name_part"]
        found = [record.values.pop(name) for name in parts if name in record.values]
        cells = [record.cells.pop((name,)) for name in parts if (name,) in record.cells]
        if found and "name" not in record.values:
            record.values["name"] = " ".join(found)
            record.cells[("name",)] = cells[0]

    # --- the document -------------------------------------------------------------------

    def read(self) -> TableDoc:
        self._warn_columns()
        key = "items" if self.profile.kind == "roadmap" else self.profile.kind
        doc = TableDoc(self.sheet.file, self.sheet.name, key,
                       headings={column.field: self.layout.headings[c] for c, column in self.columns.items()})
        for r in range(self.layout.first_data, len(self.sheet.rows)):
            if self._skip(r):
                continue
            record, pair = self.read_row(r)
            self._add(doc, record, pair)
        self._top(doc)
        return doc

    def _add(self, doc: TableDoc, record: Record, pair: Record) -> None:
        kind = self.profile.kind
        if kind == "pairs":
            return self._add_pair_row(doc, record)
        if kind == "roadmap":
            record.values.setdefault("number", str(len(doc.records) + 1))
        elif "id" not in record.values:
            record.values["id"] = self._derived_id(record)
            if record.values["id"] in {r.values.get("id") for r in doc.records}:
                return self._duplicate(doc, record)
        _id_first(record)
        doc.records.append(record)
        if pair.values.get("mentors"):
            self._imply_pair(doc, record, pair)

    @staticmethod
    def _imply_pair(doc: TableDoc, mentee: Record, pair: Record) -> None:
        """A mentee row that names a mentor: the pair starts and ends with the mentee's programme."""
        if "joined" in mentee.values:
            pair.values["start"] = mentee.values["joined"]
        pair.cells[("start",)] = mentee.cell("joined")
        if mentee.values.get("finished"):
            pair.values["end"], pair.cells[("end",)] = mentee.values["finished"], mentee.cell("finished")
        doc.implied.append(pair)
        doc.mentee_of.append(len(doc.records) - 1)

    def _derived_id(self, record: Record) -> str:
        if self.profile.kind == "events":
            return derived_id("e", record.values.get("date", ""), record.values.get("title", ""))
        return derived_id(self.profile.id_prefix, record.values.get("name", ""))

    def _duplicate(self, doc: TableDoc, record: Record) -> None:
        first = next(r for r in doc.records if r.values.get("id") == record.values["id"])
        what = "ФИО" if self.profile.kind != "events" else "запись с той же датой и названием"
        self.errors.add(record.cell("name") if self.profile.kind != "events" else record.row,
                        f"{what} «{record.values.get('name') or record.values.get('title')}» уже есть "
                        f"в строке {first.row.line}",
                        "если это разные люди, добавьте столбец «Код» и впишите каждому свой код латиницей "
                        "(например, m-01); если один и тот же — удалите повтор")

    def _add_pair_row(self, doc: TableDoc, record: Record) -> None:
        """One record per row: rows of one group are joined once the names are known (link.py)."""
        record.names = {"mentors", "mentees"}
        _id_first(record)
        doc.records.append(record)

    def _top(self, doc: TableDoc) -> None:
        title = " ".join(self.layout.title)
        where = self.sheet.location(0) if self.layout.title else self.sheet.location()
        if self.profile.kind in ("mentors", "mentees", "pairs"):
            match = _UPDATED.search(title)
            if match:
                try:
                    doc.top["updated"] = v.date(match.group(1))
                    doc.top_cells["updated"] = where
                except v.CellError:
                    pass  # a title is not data: a strange date there is not worth stopping a build
        elif self.profile.kind == "roadmap":
            self._roadmap_top(doc, title, where)

    def _roadmap_top(self, doc: TableDoc, title: str, where) -> None:
        match = None
        for source in (title, self.sheet.name or "", self.sheet.file):
            match = match or _YEAR.search(source)
        if match is None:
            self.errors.add(where, "не указан учебный год дорожной карты",
                            "впишите над таблицей строку вроде «Дорожная карта на 2025/2026 учебный год»")
            return
        doc.top["academic_year"] = f"{match.group(1)}/{match.group(2)}"
        doc.top_cells["academic_year"] = where
        if self.layout.title:
            doc.top["title"] = self.layout.title[0]
