"""Pairs written with names, joined to the registries: names become ids, numbers become documents.

In a workbook a pair names its people («Иванова А. П.») and its order («№ 112-од от
04.10.2024»); the YAML model refers to records by id. A school that keeps no pairs sheet
gets the pairs its mentee form implies (Р-145 has «ФИО наставника», the form and the date
of joining in every mentee row): one pair per mentor, form and start, with all its mentees.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from generator.errors import ErrorList
from generator.excel.table import Record, TableDoc, derived_id, name_key
from generator.sourcedoc import SourceDoc
from generator.vocabulary import normalize



@dataclass(frozen=True)
class _Role:
    file: str
    sheet: str
    who: str  # «наставник»
    whom: str  # «наставника»
    registry: str  # «базе наставников»
    base: str  # «базы наставников»
    prefix: str


_ROLES = {"mentors": _Role("mentors.yml", "Наставники", "наставник", "наставника", "базе наставников",
                            "базы наставников", "m"),
          "mentees": _Role("mentees.yml", "Наставляемые", "наставляемый", "наставляемого", "базе наставляемых",
                            "базы наставляемых", "u")}


@dataclass
class People:
    """The people of one registry, found by full name, by surname and initials, or by surname and name."""

    file: str
    ids: dict[str, list[str]] = field(default_factory=dict)  # a way of writing a name → ids
    names: dict[str, str] = field(default_factory=dict)  # id → full name

    def add(self, pid: str, name: str) -> None:
        self.names[pid] = name
        tokens = name_key(name).split()
        keys = {" ".join(tokens), " ".join(tokens[:2]),
                " ".join([tokens[0], *(t[0] + "." for t in tokens[1:])]),
                " ".join([tokens[0], *(t[0] + "." for t in tokens[1:2])])}
        for key in keys:
            if pid not in self.ids.setdefault(key, []):
                self.ids[key].append(pid)

    def find(self, name: str) -> list[str]:
        return self.ids.get(name_key(name), [])

    def suggest(self, name: str) -> str | None:
        close = difflib.get_close_matches(name_key(name), [name_key(n) for n in self.names.values()], n=1)
        return next((n for n in self.names.values() if close and name_key(n) == close[0]), None)


def _records(doc: SourceDoc | None, key: str) -> list[dict]:
    data = doc.data if doc is not None else None
    items = data.get(key) if isinstance(data, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _people(doc: SourceDoc | None, key: str) -> People | None:
    if doc is None:
        return None
    people = People(doc.file)
    for item in _records(doc, key):
        if item.get("id") is not None and item.get("name"):
            people.add(str(item["id"]), str(item["name"]))
    return people


def implied_pairs(mentees: TableDoc) -> TableDoc:
    """The pairs a mentee form implies, one per mentee row; mentor names are still names."""
    own = {k: h for k, h in mentees.headings.items() if k in ("mentors", "form", "role_model", "kind")}
    headings = {**own, "start": mentees.headings.get("joined", "Дата вхождения в программу"),
                "end": mentees.headings.get("finished", "Дата завершения программы"),
                "mentees": mentees.headings.get("name", "ФИО наставляемого")}
    doc = TableDoc(mentees.file, mentees.sheet, "pairs", top=dict(mentees.top), top_cells=dict(mentees.top_cells),
                   headings=headings)
    for pair, index in zip(mentees.implied, mentees.mentee_of, strict=True):
        mentee = mentees.records[index]
        cells = {**pair.cells, ("mentees", 0): mentee.cell("name")}
        doc.records.append(Record(pair.row, {**pair.values, "mentees": [mentee.values["id"]]}, cells, {"mentors"}))
    return doc


def grouped(records: list[Record]) -> list[Record]:
    """Rows with the same code, or the same mentors, form and start, are one pair or group."""
    groups: dict[str, Record] = {}
    for record in records:
        values = record.values
        key = values.get("id") or derived_id("p", "; ".join(sorted(values.get("mentors", []))),
                                             normalize(values.get("form", "")), values.get("start", ""))
        group = groups.get(key)
        if group is None:
            record.values = {"id": key, **{k: v for k, v in values.items() if k != "id"}}
            groups[key] = record
            continue
        mentees = group.values.setdefault("mentees", [])
        for j, mentee in enumerate(values.get("mentees", [])):
            if mentee not in mentees:
                mentees.append(mentee)
                group.cells[("mentees", len(mentees) - 1)] = record.cell("mentees", j)
    return list(groups.values())


class Linker:
    def __init__(self, docs: dict[str, SourceDoc], errors: ErrorList, warnings: ErrorList, guess_ids: bool):
        self.docs, self.errors, self.warnings, self.guess_ids = docs, errors, warnings, guess_ids
        self.people = {role: _people(docs.get(r.file), role) for role, r in _ROLES.items()}
        self.missing_reported: set[str] = set()

    def link(self) -> None:
        mentees, pairs = self.docs.get("mentees.yml"), self.docs.get("pairs.yml")
        if isinstance(mentees, TableDoc) and mentees.implied:
            if pairs is None:
                pairs = self.docs["pairs.yml"] = implied_pairs(mentees)
            else:
                self.warnings.add(mentees.implied[0].cell("mentors"),
                                  "столбцы о паре (наставник, форма) в базе наставляемых не прочитаны: "
                                  f"пары и группы берутся из {pairs.file}")
        if isinstance(pairs, TableDoc):
            pairs.records = grouped([r for r in pairs.records if self._resolve(r)])

    def _resolve(self, record: Record) -> bool:
        """Names to ids, order and programme to their codes; False when something is not found."""
        ok = all([self._names(record, role) for role in sorted(record.names)])
        record.names = set()
        return all([ok, self._ref(record, "order", self._order), self._ref(record, "programme", self._programme)])

    def _names(self, record: Record, role: str) -> bool:
        r = _ROLES[role]
        people = self.people[role]
        if people is None and not self.guess_ids:
            if role not in self.missing_reported:
                self.missing_reported.add(role)
                self.errors.add(record.cell(role, 0), f"указан {r.who}, но в школе нет {r.base}",
                                f"добавьте её: {r.file} или лист «{r.sheet}»")
            return False
        ids, ok = [], True
        for j, name in enumerate(record.values.get(role, [])):
            found = people.find(name) if people else []
            if len(found) == 1:
                ids.append(found[0])
            elif not found and self.guess_ids:
                ids.append(derived_id(r.prefix, name))
                self.warnings.add(record.cell(role, j), f"{r.whom} «{name}» нет в этой книге: код выведен из ФИО",
                                  f"проверьте, что в {r.registry} он записан так же")
            else:
                ok = False
                self._not_found(record, role, j, name, found)
        record.values[role] = list(dict.fromkeys(ids))
        return ok

    def _not_found(self, record: Record, role: str, j: int, name: str, found: list[str]) -> None:
        r, people = _ROLES[role], self.people[role]
        if found:
            self.errors.add(record.cell(role, j), f"в {r.registry} несколько человек подходят под «{name}»: "
                            + ", ".join(people.names[i] for i in found), "напишите ФИО полностью")
            return
        close = people.suggest(name)
        self.errors.add(record.cell(role, j), f"{r.whom} «{name}» нет в {r.registry} ({people.file})",
                        f"возможно, «{close}»" if close else "ФИО должно быть записано так же, как в базе")

    def _ref(self, record: Record, field_name: str, resolve) -> bool:
        typed = record.values.get(field_name)
        if typed is None:
            return True
        found, hint = resolve(str(typed))
        if found is not None:
            record.values[field_name] = found
            return True
        if self.guess_ids and hint is None:
            del record.values[field_name]
            self.warnings.add(record.cell(field_name), f"«{typed}» не перенесено: в книге нет документов школы",
                              f"впишите код ({field_name}) в YAML вручную")
            return True
        what = "приказ" if field_name == "order" else "программа"
        self.errors.add(record.cell(field_name), f"{what} «{typed}» не найден{'а' if what == 'программа' else ''} "
                        "среди документов школы", hint)
        return False

    def _order(self, typed: str) -> tuple[str | None, str | None]:
        documents = _records(self.docs.get("documents.yml"), "documents")
        if not documents:
            return None, None if self.guess_ids else "добавьте приказ в documents.yml (type: order_pairs)"
        if typed in {str(d.get("id")) for d in documents}:
            return typed, None
        text = typed.lower().replace("ё", "е")
        numbered = [d for d in documents if d.get("number") and re.search(
            r"(?<![\w-])" + re.escape(str(d["number"]).lower().replace("ё", "е")) + r"(?![\w-])", text)]
        orders = [d for d in numbered if d.get("type") == "order_pairs"] or numbered
        dated = [d for d in orders if d.get("date") and _dmy(d["date"]) in text] if len(orders) > 1 else orders
        if len(dated) == 1:
            return str(dated[0]["id"]), None
        known = ", ".join(f"№ {d['number']}" for d in documents if d.get("type") == "order_pairs" and d.get("number"))
        return None, "впишите номер приказа, как в documents.yml" + (f" ({known})" if known else "") + ", или его код"

    def _programme(self, typed: str) -> tuple[str | None, str | None]:
        programmes = _records(self.docs.get("programmes.yml"), "programmes")
        if not programmes:
            return None, None if self.guess_ids else "добавьте программу в programmes.yml"
        for p in programmes:
            if typed == str(p.get("id")) or normalize(typed) == normalize(str(p.get("title", ""))):
                return str(p["id"]), None
        return None, "впишите название программы, как в programmes.yml, или её код"


def _dmy(value) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else str(value)


def link(docs: dict[str, SourceDoc], errors: ErrorList, warnings: ErrorList, guess_ids: bool = False) -> None:
    """Resolve the names and references of a school's pairs read from a table (in place)."""
    Linker(docs, errors, warnings, guess_ids).link()
