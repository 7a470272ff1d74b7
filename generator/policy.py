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
import sys
from dataclasses import dataclass, field, replace
from typing import Any

from generator import model as m
from generator.academic import academic_year
from generator.compliance import Checklist, SchoolReport
from generator.config import SiteConfig
from generator.dataset import DistrictData, SchoolData
from generator.kpi import KpiView, SchoolCounts, district_kpis, school_kpis
from generator.secret import LabelKey

_PUBLIC_DETAILS = ("position", "subject", "workplace", "competences", "achievements", "interests",
                   "desired_mentee_age")


@dataclass(frozen=True, slots=True)
class PublicPerson:
    label: str
    named: bool
    category: str
    minor: bool
    base: str | None = None  # the municipal base of mentors the person belongs to
    group: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    forms: tuple[str, ...] = ()
    joined: dt.date | None = None
    finished: dt.date | None = None

    def __reduce__(self):  # the class itself: see PublicPair
        return PublicPerson, (self.label, self.named, self.category, self.minor, self.base, self.group, self.details,
                         self.forms, self.joined, self.finished)


def _shared(value):
    """One object for each of the values a region's people share («9 класс», «Педагог», a subject…).
    Made so by the policy, not when a summary is read: a school's summary then holds each shared value
    once (pickle writes an object once per file), and a district rebuild reads a region's 999 summaries
    without a call per value (1,000 summaries: 1.6 → 1.1 s; 12 MB more than sharing across schools too)."""
    if type(value) is str:
        return sys.intern(value)
    if type(value) is list:
        return [_shared(item) for item in value]
    return value


@dataclass(frozen=True)
class PublicCurator:
    label: str | None
    position: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
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

    def __reduce__(self):  # the class itself: twice as fast to read as a frozen slotted dataclass's state
        return PublicPair, (self.number, self.mentors, self.mentees, self.form, self.role_model, self.kind, self.start,
                            self.end, self.active, self.programme, self.order)

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
    roadmap: m.RoadmapFile | None  # the current academic year's, or the latest one (then stale)
    roadmap_archive: list[m.RoadmapFile]
    kpis: list[KpiView]
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
    checklist: SchoolReport | None = None  # shown on the school's site when the district wants it
    mentors_digest: str | None = None  # of the mentors, in the district's view of the school: see render.py


@dataclass
class PublicDistrict(PublicSite):
    authority: str | None = None
    centre: str | None = None
    region: str | None = None
    site_url: str | None = None
    timezone: str | None = None  # of events in calendars
    schools: list[PublicSchool] = field(default_factory=list)
    checklist: Checklist | None = None
    school_checklist: bool = False
    featured: list[tuple[PublicSchool, m.Case]] = field(default_factory=list)  # the district's choice


@dataclass(frozen=True, slots=True)
class NameRule:
    """A person the leak check must know: how much of the name may appear, and where it came from."""

    name: str
    allowed: str  # "none", "initials" or "full"
    source: str  # «data/schools/sosh-1/mentors.yml:14 (наставник m-03)»
    minor: bool = False

    def __reduce__(self):  # a region's summaries hold 200,000: see PublicPair
        return NameRule, (self.name, self.allowed, self.source, self.minor)


@dataclass(frozen=True, slots=True)
class ContactRule:
    value: str
    source: str

    def __reduce__(self):  # see PublicPair
        return ContactRule, (self.value, self.source)


@dataclass(frozen=True)
class FreeText:
    """Text typed by people that reaches pages: where a leaked name must be corrected."""

    where: str
    text: str


@dataclass
class Disclosure:
    """Per site: what the policy decided about every name and contact it saw."""

    names: list[NameRule] = field(default_factory=list)
    contacts: list[ContactRule] = field(default_factory=list)  # withheld contacts
    shown_contacts: set[str] = field(default_factory=set)
    texts: list[FreeText] = field(default_factory=list)

    def merge(self, other: "Disclosure") -> None:
        self.names += other.names
        self.contacts += other.contacts
        self.shown_contacts |= other.shown_contacts
        self.texts += other.texts


@dataclass
class Published:
    """The policy's result: the public view, and per site what it allowed and withheld."""

    district: PublicDistrict
    disclosures: dict[str, Disclosure]  # site id ("district" or a school id) → decisions
    random_labels: bool = False


def initials(name: str) -> str:
    """«Иванова Анна Петровна» → «Иванова А. П.» (surname first, as registries write it)."""
    surname, *rest = name.split()
    return " ".join([surname, *(f"{part[0]}." for part in rest)])


_CONTACT_FIELDS = ("phone", "email", "guardian_contacts")
_FREE_TEXT = {  # fields people type freely, per kind of record
    m.School: ("description",), m.District: ("description",), m.Case: ("title", "summary", "body"),
    m.Programme: ("title", "goal", "tasks", "results"), m.Event: ("title", "place", "body"),
    m.Photo: ("alt", "caption"), m.Attachment: ("title",),
    m.Material: ("title", "description"), m.Document: ("title",), m.Act: ("title",),
    m.RoadmapItem: ("stage", "activity", "content", "responsible", "result"), m.Kpi: ("indicator", "note"),
    m.Pair: ("result",), m.Mentee: ("requests", "result", "position", "subject", "workplace"),
    m.Mentor: _PUBLIC_DETAILS,  # published with full consent: a pupil named there leaks
}


def _source(record: m.Entity, what: str) -> str:
    where = record.where()
    return f"{where} ({what})" if where else what


def free_texts(records: list[m.Entity]) -> list[FreeText]:
    texts = []
    for record in records:
        for name in _FREE_TEXT.get(type(record), ()):
            value = getattr(record, name, None)
            if value:
                text = "\n".join(value) if isinstance(value, list) else str(value)
                texts.append(FreeText(f"{record.where(name) or '?'}, поле {name}", text))
    return texts


class Policy:
    def __init__(self, cfg: SiteConfig, today: dt.date, key: LabelKey, checklist: Checklist | None = None):
        self.checklist = checklist
        self.cfg = cfg
        self.rules = cfg.publication
        self.today = today
        self.key = key
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

    def _withhold_contacts(self, record: m.Entity, what: str, out: Disclosure) -> None:
        for name in _CONTACT_FIELDS:
            value = getattr(record, name, None)
            if value:
                out.contacts.append(ContactRule(str(value), _source(record, what)))

    def person(self, person: m.Mentor | m.Mentee, label: str, what: str, out: Disclosure) -> PublicPerson:
        category_entry = self.cfg.vocabulary.person_categories.get(person.category)
        category = category_entry["title"]
        minor = self.is_minor(person)
        level = "none" if minor else self.consent(person)
        rule = self.rules["consent_levels"][level]
        shown = {"full": person.name, "initials": initials(person.name)}.get(rule["name"])
        out.names.append(NameRule(person.name, rule["name"] if shown else "none", _source(person, what), minor))
        self._withhold_contacts(person, what, out)
        # Every public field is present so templates need no guards; withheld ones are None.
        details = {k: _shared(getattr(person, k, None)) if k in rule["fields"] else None for k in _PUBLIC_DETAILS}
        return PublicPerson(
            label=shown or label, named=shown is not None, category=_shared(category), minor=minor,
            base=_shared(category_entry.get("base")), group=_shared(self.group(person)) if minor else None,
            details=details, forms=tuple(map(_shared, getattr(person, "forms", ()))),
            joined=getattr(person, "joined", None), finished=getattr(person, "finished", None))

    def curator(self, curator: m.Curator | None, out: Disclosure) -> PublicCurator | None:
        if curator is None:
            return None
        level = self.consent(curator)
        name = {"full": curator.name, "initials": initials(curator.name)}.get(level)
        out.names.append(NameRule(curator.name, level if name else "none", _source(curator, "куратор")))
        if level != "full":  # work contacts are published only with full consent
            self._withhold_contacts(curator, "куратор", out)
            return PublicCurator(name, curator.position if name else None, None, None)
        out.shown_contacts |= {c for c in (curator.phone, curator.email) if c}
        return PublicCurator(name, curator.position, curator.phone, curator.email)

    # --- sites ----------------------------------------------------------------------

    def _common(self, data, name: str, short: str | None, info: m.Entity, curator: m.Curator | None,
                kpis: list[KpiView], out: Disclosure) -> dict:
        roadmaps = sorted(data.roadmaps.values(), key=lambda r: r.academic_year, reverse=True)
        current = next((r for r in roadmaps if r.academic_year == academic_year(self.today)),
                       roadmaps[0] if roadmaps else None)
        records = [info, *data.regulations, *data.documents, *data.kpis, *data.events, *data.materials,
                   *(item for r in roadmaps for item in r.items),
                   *(part for e in data.events for part in (*e.photos, *e.attachments))]
        out.texts += free_texts(records)
        out.texts += [FreeText(page.file, page.text) for page in data.pages]
        return dict(
            id=data.id, name=name, short_name=short or name, description=getattr(info, "description", None),
            curator=self.curator(curator, out), regulations=[a for a in data.regulations if a.in_force],
            documents=sorted(data.documents, key=lambda d: (d.date or dt.date.min, d.id), reverse=True),
            roadmap=current, roadmap_archive=[r for r in roadmaps if r is not current], kpis=kpis,
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

    def _people(self, site_id: str, role: str, records: list, forms: dict[str, set[str]],
                out: Disclosure) -> dict[str, PublicPerson]:
        prefix, what = self.rules["labels"][role], {"mentor": "наставник", "mentee": "наставляемый"}[role]
        codes = self.key.codes([f"{site_id}|{role}|{r.id}" for r in records])
        people = {}
        for record in records:
            label = f"{prefix} {codes[f'{site_id}|{role}|{record.id}']}"
            public = self.person(record, label, f"{what} {record.id}", out)
            used = set(public.forms) | forms.get(record.id, set())
            people[record.id] = replace(public, forms=tuple(self._form_order(used)))
        return people

    def _form_order(self, forms: set[str]) -> list[str]:
        return [f for f in self.cfg.vocabulary.forms.names() if f in forms]

    def school(self, data: SchoolData, district: DistrictData, out: Disclosure) -> PublicSchool:
        info = data.school or m.School(name=data.id)
        pairs = sorted(data.pairs.pairs, key=lambda p: (p.start, p.id))
        forms: dict[str, dict[str, set[str]]] = {"mentors": {}, "mentees": {}}
        for pair in pairs:
            for role in ("mentors", "mentees"):
                for pid in getattr(pair, role):
                    forms[role].setdefault(pid, set()).add(pair.form)
        people = {"mentors": self._people(data.id, "mentor", data.mentors.mentors, forms["mentors"], out),
                  "mentees": self._people(data.id, "mentee", data.mentees.mentees, forms["mentees"], out)}
        out.texts += free_texts([*data.cases, *data.programmes, *pairs, *data.mentors.mentors,
                                 *data.mentees.mentees])
        used_forms = set(info.forms) | {p.form for p in pairs}
        kpis = school_kpis(data, self.cfg.kpi_rules, self.today)
        common = self._common(data, info.name, info.short_name, info, info.curator, kpis, out)
        # Federal, regional and municipal acts are declared once for the district and inherited.
        common["regulations"] = [a for a in district.regulations if a.in_force] + common["regulations"]
        return PublicSchool(
            **common, kind=self.cfg.vocabulary.school_kinds.title(info.kind) if info.kind else None,
            address=info.address, site=info.site, section_url=info.section_url,
            forms=self._form_order(used_forms),
            mentors=list(people["mentors"].values()), mentees=list(people["mentees"].values()),
            pairs=[self._pair(n, p, people, data) for n, p in enumerate(pairs, 1)],
            programmes=[self._programme(p) for p in data.programmes],
            cases=sorted(data.cases, key=lambda c: (c.year or "", c.id), reverse=True),
            updated={"mentors": data.mentors.updated, "mentees": data.mentees.updated,
                     "pairs": data.pairs.updated},
            checklist=self._report(data.id))

    @staticmethod
    def _featured(info: m.District, schools: list[PublicSchool]) -> list[tuple[PublicSchool, m.Case]]:
        by_id = {s.id: s for s in schools}
        return [(by_id[f.school], next(c for c in by_id[f.school].cases if c.id == f.case))
                for f in info.featured_cases]

    def _report(self, school_id: str) -> SchoolReport | None:
        # The checklist names documents and counts, never people: it passes as it is.
        reports = {r.school: r for r in self.checklist.schools} if self.checklist else {}
        return reports.get(school_id)

    def district(self, data: DistrictData, ready: dict[str, tuple[PublicSchool, Disclosure]] | None = None,
                 counts: list[SchoolCounts] | None = None) -> Published:
        """ready: schools made public beforehand (an earlier build's, their data unchanged), by id;
        counts: then every school's, in the order of their ids, for the district's KPIs."""
        ready = ready or {}
        disclosures: dict[str, Disclosure] = {}
        schools = []
        for sid in sorted({*data.schools, *ready}):
            if sid in ready:
                public, disclosures[sid] = ready[sid]
            else:
                disclosures[sid] = Disclosure()
                public = self.school(data.schools[sid], data, disclosures[sid])
            schools.append(public)
        info = data.district or m.District(name="Район")
        own = Disclosure()
        if counts is None:
            counts = [data.schools[sid] for sid in sorted(data.schools)]
        kpis = district_kpis(data.kpis, counts, info.denominators, self.cfg.kpi_rules, self.today)
        common = self._common(data, info.name, info.short_name, info, info.curator, kpis, own)
        public = PublicDistrict(**common, authority=info.authority, centre=info.centre, region=info.region,
                                site_url=info.site_url, timezone=info.timezone, schools=schools, checklist=self.checklist,
                                school_checklist=info.school_checklist, featured=self._featured(info, schools))
        # The district site shows what every school shows: it answers for all of their people.
        for sid in sorted(disclosures):
            own.merge(disclosures[sid])
        disclosures["district"] = own
        return Published(public, disclosures, self.key.random)


def apply_policy(data: DistrictData, cfg: SiteConfig, today: dt.date, key: LabelKey,
                 checklist: Checklist | None = None) -> Published:
    return Policy(cfg, today, key, checklist).district(data)
