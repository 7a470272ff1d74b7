"""Stage 3: the publication policy. Decides what of every person may be published.

Templates receive only the objects made here, never the raw records: a field the
policy does not copy cannot reach a page. The default is to deny (no consent, no
name); pupils and anyone under age are never named; contacts are never published,
except the curator's work contacts with full consent. The policy also lists the
strings it withheld, so that the verification stage can prove none reached a page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from generator import model as m
from generator.config import SiteConfig
from generator.dataset import DistrictData, SchoolData

_PUBLIC_DETAILS = ("position", "subject", "workplace", "competences", "achievements", "interests",
                   "desired_mentee_age")


@dataclass(frozen=True)
class PublicPerson:
    label: str
    named: bool
    category: str
    minor: bool
    group: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    forms: tuple[str, ...] = ()
    joined: dt.date | None = None
    finished: dt.date | None = None


@dataclass(frozen=True)
class PublicCurator:
    label: str | None
    position: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class PublicPair:
    number: int
    mentors: tuple[PublicPerson, ...]
    mentees: tuple[PublicPerson, ...]
    form: str
    role_model: str | None
    kind: tuple[str, ...]
    start: dt.date
    end: dt.date | None
    active: bool
    programme: str | None
    order: m.Document | None

    @property
    def is_group(self) -> bool:
        return len(self.mentors) + len(self.mentees) > 2


@dataclass(frozen=True)
class PublicProgramme:
    title: str
    form: str | None
    goal: str | None
    tasks: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    status: str
    results: str | None  # only after the completion is approved (п. 8.2 of the model)
    url: str | None
    file: str | None


@dataclass
class PublicSite:
    """What the district site and every school site show apart from people."""

    id: str
    name: str
    short_name: str
    description: str | None
    curator: PublicCurator | None
    regulations: list[m.Act]
    documents: list[m.Document]
    roadmap: m.RoadmapFile | None
    kpis: list[m.Kpi]
    events: list[m.Event]
    materials: list[m.Material]
    pages: list


@dataclass
class PublicSchool(PublicSite):
    kind: str | None = None
    address: str | None = None
    site: str | None = None
    section_url: str | None = None
    forms: list[str] = field(default_factory=list)
    mentors: list[PublicPerson] = field(default_factory=list)
    mentees: list[PublicPerson] = field(default_factory=list)
    pairs: list[PublicPair] = field(default_factory=list)
    programmes: list[PublicProgramme] = field(default_factory=list)
    cases: list[m.Case] = field(default_factory=list)
    updated: dict[str, dt.date | None] = field(default_factory=dict)


@dataclass
class PublicDistrict(PublicSite):
    authority: str | None = None
    centre: str | None = None
    region: str | None = None
    site_url: str | None = None
    schools: list[PublicSchool] = field(default_factory=list)


@dataclass
class Published:
    """The policy's result: the public view, and per site what must never appear in it."""

    district: PublicDistrict
    withheld: dict[str, set[str]]  # site id ("district" or a school id) → strings
    # Names published on each site: «Петров И. С.» (consented) contains «Петров И.» (a withheld
    # pupil's initials), so verification blanks published names before it looks for withheld ones.
    shown: dict[str, set[str]] = field(default_factory=dict)


def initials(name: str) -> str:
    """«Иванова Анна Петровна» → «Иванова А. П.» (surname first, as registries write it)."""
    surname, *rest = name.split()
    return " ".join([surname, *(f"{part[0]}." for part in rest)])


def withheld_names(name: str, shown: str | None) -> set[str]:
    """Forms of a name that must not appear when only shown (or nothing) is published."""
    if shown == name:
        return set()
    if shown is not None:  # initials published: the full name and «Фамилия Имя» are not
        return {name, " ".join(name.split()[:2])} - {shown}
    return _name_variants(name)


def _name_variants(name: str) -> set[str]:
    parts = name.split()
    variants = {name, " ".join(parts[:2])} if len(parts) > 1 else {name}
    if len(parts) > 1:
        short = "".join(f"{p[0]}." for p in parts[1:])
        variants |= {initials(name), f"{parts[0]} {short}", f"{' '.join(f'{p[0]}.' for p in parts[1:])} {parts[0]}"}
    return variants


class Policy:
    def __init__(self, cfg: SiteConfig, today: dt.date):
        self.cfg = cfg
        self.rules = cfg.publication
        self.today = today
        self.minor_categories = cfg.vocabulary.minor_categories()

    def consent(self, person: m.Person) -> str:
        if person.consent_until and person.consent_until < self.today:
            return "none"  # a consent that has ended counts as withdrawn
        return person.consent.value

    def is_minor(self, person: m.Mentor | m.Mentee) -> bool:
        adult = self.rules["adult_age"]
        if person.category in self.minor_categories or person.grade:
            return True
        if person.age is not None and person.age < adult:
            return True
        # Born in birth_year, the person may not have had this year's birthday yet.
        return person.birth_year is not None and self.today.year - person.birth_year - 1 < adult

    def group(self, person: m.Mentor | m.Mentee) -> str | None:
        if person.grade:
            digits = re.match(r"\d+", str(person.grade))
            return f"{digits.group()} класс" if digits else None
        age = person.age if person.age is not None else (
            self.today.year - person.birth_year - 1 if person.birth_year else None)
        if age is None:
            return None
        return "младше 10 лет" if age < 10 else "10–14 лет" if age < 15 else "15–17 лет"

    def person(self, person: m.Mentor | m.Mentee, label: str, withheld: set[str]) -> PublicPerson:
        category = self.cfg.vocabulary.person_categories.title(person.category)
        minor = self.is_minor(person)
        level = "none" if minor else self.consent(person)
        rule = self.rules["consent_levels"][level]
        shown = {"full": person.name, "initials": initials(person.name)}.get(rule["name"])
        withheld |= withheld_names(person.name, shown)
        withheld |= {c for c in (person.phone, person.email, getattr(person, "guardian_contacts", None),
                                 getattr(person, "photo", None)) if c}
        # Every public field is present so templates need no guards; withheld ones are None.
        details = {k: getattr(person, k, None) if k in rule["fields"] else None for k in _PUBLIC_DETAILS}
        return PublicPerson(
            label=shown or label, named=shown is not None, category=category, minor=minor,
            group=self.group(person) if minor else None, details=details,
            forms=tuple(getattr(person, "forms", ())),
            joined=getattr(person, "joined", None), finished=getattr(person, "finished", None))

    def curator(self, curator: m.Curator | None, withheld: set[str]) -> PublicCurator | None:
        if curator is None:
            return None
        level = self.consent(curator)
        name = {"full": curator.name, "initials": initials(curator.name)}.get(level)
        withheld |= withheld_names(curator.name, name)
        if level != "full":
            withheld |= {c for c in (curator.phone, curator.email) if c}
            return PublicCurator(name, curator.position if level == "initials" else None, None, None)
        return PublicCurator(name, curator.position, curator.phone, curator.email)

    # --- sites ----------------------------------------------------------------------

    def _common(self, data, name: str, short: str | None, description: str | None,
                curator: m.Curator | None, withheld: set[str]) -> dict:
        return dict(
            id=data.id, name=name, short_name=short or name, description=description,
            curator=self.curator(curator, withheld), regulations=[a for a in data.regulations if a.in_force],
            documents=sorted(data.documents, key=lambda d: (d.date or dt.date.min, d.id), reverse=True),
            roadmap=data.roadmap, kpis=list(data.kpis),
            events=sorted(data.events, key=lambda e: (e.date, e.id), reverse=True),
            materials=list(data.materials), pages=list(data.pages))

    def _pair(self, number: int, pair: m.Pair, people: dict, school: SchoolData) -> PublicPair:
        orders = {d.id: d for d in school.documents}
        programmes = {p.id: p.title for p in school.programmes}
        return PublicPair(
            number=number,
            mentors=tuple(people["mentors"][i] for i in pair.mentors if i in people["mentors"]),
            mentees=tuple(people["mentees"][i] for i in pair.mentees if i in people["mentees"]),
            form=pair.form, role_model=pair.role_model, kind=tuple(pair.kind), start=pair.start, end=pair.end,
            active=pair.start <= self.today and (pair.end is None or pair.end >= self.today),
            programme=programmes.get(pair.programme), order=orders.get(pair.order))

    @staticmethod
    def _programme(p: m.Programme) -> PublicProgramme:
        approved = p.status == "completed" and p.completion_approved
        return PublicProgramme(p.title, p.form, p.goal, tuple(p.tasks), p.start, p.end, p.status,
                               p.results if approved else None, p.url, p.file)

    def _people(self, records: list, prefix: str, withheld: set[str],
                forms: dict[str, set[str]]) -> dict[str, PublicPerson]:
        ordered = sorted(records, key=lambda r: r.id)
        people = {}
        for n, record in enumerate(ordered, 1):
            public = self.person(record, f"{prefix} {n}", withheld)
            used = set(public.forms) | forms.get(record.id, set())
            people[record.id] = replace(public, forms=tuple(self._form_order(used)))
        return people

    def _form_order(self, forms: set[str]) -> list[str]:
        return [f for f in self.cfg.vocabulary.forms.names() if f in forms]

    def school(self, data: SchoolData, district: DistrictData, withheld: set[str]) -> PublicSchool:
        info = data.school or m.School(name=data.id)
        labels = self.rules["labels"]
        pairs = sorted(data.pairs.pairs, key=lambda p: (p.start, p.id))
        forms: dict[str, dict[str, set[str]]] = {"mentors": {}, "mentees": {}}
        for pair in pairs:
            for role in ("mentors", "mentees"):
                for pid in getattr(pair, role):
                    forms[role].setdefault(pid, set()).add(pair.form)
        people = {"mentors": self._people(data.mentors.mentors, labels["mentor"], withheld, forms["mentors"]),
                  "mentees": self._people(data.mentees.mentees, labels["mentee"], withheld, forms["mentees"])}
        used_forms = set(info.forms) | {p.form for p in pairs}
        common = self._common(data, info.name, info.short_name, info.description, info.curator, withheld)
        # Federal, regional and municipal acts are declared once for the district and inherited.
        common["regulations"] = [a for a in district.regulations if a.in_force] + common["regulations"]
        return PublicSchool(
            **common, kind=self.cfg.vocabulary.school_kinds.title(info.kind) if info.kind else None,
            address=info.address, site=info.site, section_url=info.section_url,
            forms=self._form_order(used_forms),
            mentors=[people["mentors"][r.id] for r in data.mentors.mentors],
            mentees=[people["mentees"][r.id] for r in data.mentees.mentees],
            pairs=[self._pair(n, p, people, data) for n, p in enumerate(pairs, 1)],
            programmes=[self._programme(p) for p in data.programmes],
            cases=sorted(data.cases, key=lambda c: (c.year or "", c.id), reverse=True),
            updated={"mentors": data.mentors.updated, "mentees": data.mentees.updated,
                     "pairs": data.pairs.updated})

    def district(self, data: DistrictData) -> Published:
        withheld: dict[str, set[str]] = {}
        schools = []
        for sid, school in sorted(data.schools.items()):
            withheld[sid] = set()
            schools.append(self.school(school, data, withheld[sid]))
        info = data.district or m.District(name="Район")
        withheld["district"] = set().union(*withheld.values()) if withheld else set()
        common = self._common(data, info.name, info.short_name, info.description, info.curator,
                              withheld["district"])
        public = PublicDistrict(**common, authority=info.authority, centre=info.centre, region=info.region,
                                site_url=info.site_url, schools=schools)
        shown = {school.id: _shown_names(school) for school in schools}
        shown["district"] = _shown_names(public).union(*shown.values())
        return Published(public, withheld, shown)


def _shown_names(site: PublicSite) -> set[str]:
    people = [*getattr(site, "mentors", []), *getattr(site, "mentees", [])]
    names = {p.label for p in people if p.named}
    if site.curator and site.curator.label:
        names.add(site.curator.label)
    for school in getattr(site, "schools", []):
        if school.curator and school.curator.label:
            names.add(school.curator.label)
    return names


def apply_policy(data: DistrictData, cfg: SiteConfig, today: dt.date) -> Published:
    return Policy(cfg, today).district(data)
