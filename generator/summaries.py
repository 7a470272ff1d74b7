"""What the district site needs of each school, kept between builds: a rebuild reads only the schools that changed.

The district site shows every school (its public view: people as the policy allows, pairs,
cases, curator, checklist) and its leak check needs every school's withheld names. A school's
summary holds exactly that, and what checks across schools need (its cases for the district's
chosen ones, its counts for the district's KPIs, its warnings). It is
kept under the school's fingerprint: any change to what the school is built from (its files, the
district files it shows, settings, code, date, key) makes it unusable, and the school is read again.

A school has two files: what the district site needs of it (kept in memory for the whole build,
so it holds only that: its view without the pages, acts and texts only its own site shows), and
its own site's whole view, which a worker reads when it builds the school's site. So the memory of
a build does not hold every school's pages at once.

Summaries hold withheld names: they live in the build's state folder beside the output, never in it.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from generator import memo, statefile
from generator.compliance import SchoolReport
from generator.dataset import SchoolData
from generator.errors import DataError, display_path
from generator.kpi import SchoolCounts
from generator.policy import Disclosure, PublicPerson, PublicSchool

_VERSION = 8  # 8: the digest of what the district site shows of the school


@dataclass
class SchoolSummary:
    """What the district site and the checks across schools need of one school."""

    fingerprint: str
    cwd: str  # messages name files from the working directory: another one, other messages
    # None in memory when the build has no district site (partial._batch): it keeps only the warnings.
    public: PublicSchool | None  # for the district: see for_district
    disclosure: Disclosure | None  # names and contacts; the typed texts stay in the site's file (TextsOf)
    report: SchoolReport | None
    counts: SchoolCounts
    warnings: list[DataError]
    case_ids: frozenset[str]  # for the district's chosen cases, checked by a build that holds no public view
    # Of all the above that the district site is made of (shown_digest): equal digests, the same district
    # site; kept by reduced(), so that a build can tell without holding the views (district_record.py).
    digest: str = ""

    def reduced(self) -> "SchoolSummary":
        """What a build keeps of the school when it does not hold the district site's view of every
        school (it builds no district site, or that site after the schools): what it reports and checks."""
        return dataclasses.replace(self, public=None, disclosure=None, report=None)


def warnings_in(folder: Path, warnings: list[DataError]) -> list[DataError]:
    prefix = display_path(folder) + "/"
    return [w for w in warnings if w.location.file.startswith(prefix)]


@dataclass
class SiteView:
    """A school's whole public view and the policy's decisions about it: what its own site is built from."""

    fingerprint: str
    public: PublicSchool
    disclosure: Disclosure


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A case as the district's bank lists it: a tenth of the memory of the case as read."""

    id: str
    title: str
    form: str | None
    role_model: str | None
    year: str | None
    summary: str | None


# The details of people the district's pages show (district/mentor_tables.md.j2, common/tables.j2).
_DISTRICT_DETAILS = ("position", "subject", "competences")


def _district_people(public: PublicSchool) -> dict[int, PublicPerson]:
    """Each person (by id) with only the details the district shows; people of the same details share
    one dict (those without consent: all None). A region's people hold a third less memory so."""
    shared: dict[tuple, dict] = {}
    slim = {}
    for person in [*public.mentors, *public.mentees]:
        values = tuple(person.details.get(key) for key in _DISTRICT_DETAILS)
        key = tuple(tuple(v) if isinstance(v, list) else v for v in values)
        details = shared.setdefault(key, dict(zip(_DISTRICT_DETAILS, values)))
        slim[id(person)] = dataclasses.replace(person, details=details)
    return slim


def for_district(public: PublicSchool, disclosure: Disclosure) -> tuple[PublicSchool, Disclosure]:
    """The school as the district site shows it: its rows, counts, cases and events, not the acts,
    documents, roadmaps, programmes, pages, case texts, pairs' orders and people's details that only
    its own site shows. The typed texts, which only a leak's message needs, are read from the site's
    file then (TextsOf). Pairs hold the very people of the lists, as in the school's view."""
    cases = [CaseRow(c.id, c.title, c.form, c.role_model, c.year, c.summary) for c in public.cases]
    people = _district_people(public)
    pairs = [dataclasses.replace(pair, order=None, mentors=tuple(people[id(p)] for p in pair.mentors),
                                 mentees=tuple(people[id(p)] for p in pair.mentees)) for pair in public.pairs]
    public = dataclasses.replace(public, regulations=[], documents=[], roadmap=None, roadmap_archive=[],
                                 kpis=[], materials=[], pages=[], programmes=[], cases=cases, pairs=pairs,
                                 mentors=[people[id(p)] for p in public.mentors],
                                 mentees=[people[id(p)] for p in public.mentees],
                                 mentors_digest=memo.digest(public.mentors))
    return public, Disclosure(disclosure.names, disclosure.contacts, disclosure.shown_contacts)


def relink(public: PublicSchool, acts: list) -> PublicSchool:
    """A school's view lists the district's acts in force first (policy.school); the renderer tells them
    from the school's own by identity, to link their files under district/: they must be the district's objects."""
    return dataclasses.replace(public, regulations=list(acts) + public.regulations[len(acts):])


class Store:
    """Two files per school in the state folder; unreadable or outdated files count as absent."""

    def __init__(self, state: Path):
        self.folder = state / "schools"

    def load(self, school_id: str, fingerprint: str) -> SchoolSummary | None:
        summary = self._read(f"{school_id}.pickle", SchoolSummary, fingerprint)
        return summary if summary is not None and summary.cwd == os.getcwd() else None

    def load_site(self, school_id: str, fingerprint: str) -> SiteView | None:
        return self._read(f"{school_id}.site.pickle", SiteView, fingerprint)

    def _read(self, name: str, kind: type, fingerprint: str):
        try:
            with open(self.folder / name, "rb") as fh:
                version, found = pickle.load(fh)
        except Exception:  # absent, half-written, from another version of the tool
            return None
        usable = version == _VERSION and isinstance(found, kind) and found.fingerprint == fingerprint
        return found if usable else None

    def save(self, school_id: str, summary: SchoolSummary, site: SiteView) -> bool:
        """Whether both files were written; the site's first, since a usable summary promises it.
        If not, the next build reads the school again: slower, never wrong."""
        return self._write(f"{school_id}.site.pickle", site) and self._write(f"{school_id}.pickle", summary)

    def _write(self, name: str, value) -> bool:
        return statefile.write(self.folder / name, pickle.dumps((_VERSION, value), protocol=pickle.HIGHEST_PROTOCOL))


class Views:
    """Every school's whole view, for the worker that builds its site: from memory when this build
    holds it (the schools read without storing, the views of a full read), else from its site's file."""

    def __init__(self, store: Store | None, prints: dict[str, str], kept: dict[str, SiteView],
                 digests: dict[str, str]):
        self.store, self.prints, self.kept = store, prints, kept
        # What the district site shows of each school read or summarised (SchoolSummary.digest), by id.
        self.digests = digests

    def get(self, school_id: str) -> SiteView:
        view = self.kept.get(school_id)
        if view is None and self.store is not None:
            view = self.store.load_site(school_id, self.prints[school_id])
        if view is None:  # the build stored it or kept it before any site was built: a bug
            raise RuntimeError(f"the view of {school_id} is neither kept nor stored")
        return view


class TextsOf:
    """The typed texts the district site answers for: its own, then every school's. Iterated only
    to say which text brought a leaked name to a page, so the schools' come from their sites' files then."""

    def __init__(self, own: list, views: Views, school_ids: list[str]):
        self.own, self.views, self.school_ids = own, views, school_ids
        self.read: list | None = None

    def __iter__(self):
        # Each leaked name searches every text: the files are read for the first one only.
        if self.read is None:
            self.read = [*self.own, *(text for school_id in self.school_ids
                                      for text in self.views.get(school_id).disclosure.texts)]
        return iter(self.read)


def shown_digest(public: PublicSchool, disclosure: Disclosure, report: SchoolReport | None,
                 counts: SchoolCounts, case_ids: frozenset[str]) -> str:
    """A digest of what the district site is made of from one school: its district view (for_district),
    the names and contacts its leak check looks for, its checklist, its KPI counts and its case ids.
    The school's own pages, acts, texts and attachments are not in it: the district site shows none."""
    return memo.digest([public, disclosure, report, counts.denominators, sorted(counts.counts.items()),
                        sorted(case_ids)])


def make(fingerprint: str, public: PublicSchool, disclosure: Disclosure, report: SchoolReport | None,
         counts: SchoolCounts, school: SchoolData, warnings: list[DataError]) -> tuple[SchoolSummary, SiteView]:
    slim, named = for_district(public, disclosure)
    case_ids = frozenset(c.id for c in public.cases)
    return (SchoolSummary(fingerprint, os.getcwd(), slim, named, report, counts, warnings_in(school.folder, warnings),
                          case_ids, shown_digest(slim, named, report, counts, case_ids)),
            SiteView(fingerprint, public, disclosure))
