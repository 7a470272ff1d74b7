"""What the district site needs of each school, kept between builds: a rebuild reads only the schools that changed.

The district site shows every school (its public view: people as the policy allows, pairs,
cases, curator, checklist) and its leak check needs every school's withheld names. A school's
summary holds exactly that, and what checks across schools need (consents of its people, its
cases for the district's chosen ones, its counts for the district's KPIs, its warnings). It is
kept under the school's fingerprint: any change to what the school is built from (its files, the
district files it shows, settings, code, date, key) makes it unusable, and the school is read again.

Summaries hold withheld names: they live in the build's state folder beside the output, never in it.
"""

from __future__ import annotations

import os
import pickle
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from generator.compliance import SchoolReport
from generator.crosscheck import _SAME_PERSON
from generator.dataset import SchoolData
from generator.errors import DataError, display_path
from generator.excel.table import name_key
from generator.kpi import SchoolCounts
from generator.policy import Disclosure, PublicSchool

_VERSION = 1


@dataclass
class SchoolSummary:
    fingerprint: str
    cwd: str  # messages name files from the working directory: another one, other messages
    public: PublicSchool
    disclosure: Disclosure
    report: SchoolReport | None
    counts: SchoolCounts
    people: list[tuple[str, tuple]]  # (name key, consent fields as written) of every person
    warnings: list[DataError]


def people_of(school: SchoolData) -> list[tuple[str, tuple]]:
    return [(name_key(p.name), tuple((f, getattr(p, f)) for f in _SAME_PERSON if f in p.model_fields_set))
            for p in [*school.mentors.mentors, *school.mentees.mentees]]


def may_disagree(people: dict[str, list[tuple[str, tuple]]]) -> bool:
    """Whether one person in two schools may have two consents. Cautious: when it says yes, the
    full cross-school check (crosscheck.check_people, on every school read) gives the verdict."""
    values: dict[tuple[str, str], dict[object, set[str]]] = defaultdict(lambda: defaultdict(set))
    for sid, persons in people.items():
        for key, fields in persons:
            for field, value in fields:
                if value is not None:
                    values[(key, field)][value].add(sid)
    return any(len(found) > 1 and len(set().union(*found.values())) > 1 for found in values.values())


def warnings_in(folder: Path, warnings: list[DataError]) -> list[DataError]:
    prefix = display_path(folder) + "/"
    return [w for w in warnings if w.location.file.startswith(prefix)]


class Store:
    """One file per school in the state folder; unreadable or outdated files count as absent."""

    def __init__(self, state: Path):
        self.folder = state / "schools"

    def load(self, school_id: str, fingerprint: str) -> SchoolSummary | None:
        try:
            with open(self.folder / f"{school_id}.pickle", "rb") as fh:
                version, summary = pickle.load(fh)
        except Exception:  # absent, half-written, from another version of the tool
            return None
        usable = (version == _VERSION and isinstance(summary, SchoolSummary) and summary.fingerprint == fingerprint
                  and summary.cwd == os.getcwd())
        return summary if usable else None

    def save(self, school_id: str, summary: SchoolSummary) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(self.folder.parent, 0o700)  # withheld names: for the builder's eyes only
            temporary = self.folder / f"{school_id}.pickle.tmp"
            with open(temporary, "wb") as fh:
                pickle.dump((_VERSION, summary), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / f"{school_id}.pickle")
        except OSError:
            pass  # the next build reads the school again: slower, never wrong


def make(fingerprint: str, public: PublicSchool, disclosure: Disclosure, report: SchoolReport | None,
         counts: SchoolCounts, school: SchoolData, warnings: list[DataError]) -> SchoolSummary:
    return SchoolSummary(fingerprint, os.getcwd(), public, disclosure, report, counts, people_of(school),
                         warnings_in(school.folder, warnings))

