"""What the current academic year shows and what moves to the archive of earlier years."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.academic import academic_year, current_from
from generator.policy import PublicSchool, PublicSite


@dataclass
class YearArchive:
    year: str
    roadmap: object | None = None
    pairs: list = field(default_factory=list)
    mentees: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    events: list = field(default_factory=list)


def current_pairs(site: PublicSchool, today: dt.date) -> list:
    return [p for p in site.pairs if current_from(today, p.end)]


def current_mentees(site: PublicSchool, today: dt.date) -> list:
    return [p for p in site.mentees if current_from(today, p.finished)]


def current_events(site: PublicSite, today: dt.date) -> list:
    return [e for e in site.events if current_from(today, e.end_date or e.date)]


def archive(site: PublicSite, today: dt.date) -> list[YearArchive]:
    """Earlier academic years, newest first, with everything that belongs to each."""
    now = academic_year(today)
    years: dict[str, YearArchive] = {}

    def year(name: str) -> YearArchive:
        return years.setdefault(name, YearArchive(name))

    for roadmap in site.roadmap_archive:
        if roadmap.academic_year < now:
            year(roadmap.academic_year).roadmap = roadmap
    for event in site.events:
        if not current_from(today, event.end_date or event.date):
            year(academic_year(event.date)).events.append(event)
    if isinstance(site, PublicSchool):
        for pair in site.pairs:
            if not current_from(today, pair.end):
                year(academic_year(pair.start)).pairs.append(pair)
        for person in site.mentees:
            if not current_from(today, person.finished):
                year(academic_year(person.finished)).mentees.append(person)
        for case in site.cases:
            if case.year and case.year < now:
                year(case.year).cases.append(case)
    return [years[y] for y in sorted(years, reverse=True)]
