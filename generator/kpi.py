"""KPI values: counted from the registries where site_config/kpi.yml says how, else as entered.

A share is a count of people in pairs that ran during the year over a denominator the
school states. The district's share is the sum of the schools' counts over the sum of
their denominators (or the district's own), never an average of percentages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator import model as m
from generator.dataset import SchoolData


@dataclass(frozen=True)
class Share:
    count: int
    denominator: int

    @property
    def percent(self) -> float:
        return round(100 * self.count / self.denominator, 1)


@dataclass
class KpiView:
    """What a KPI page shows: targets, values, how each value was obtained and whether it was reached."""

    kpi: m.Kpi
    values: dict[int, float] = field(default_factory=dict)
    shares: dict[int, Share] = field(default_factory=dict)  # years whose value was computed
    problem: str | None = None  # why a computable KPI was not computed

    @property
    def years(self) -> list[int]:
        return sorted(set(self.kpi.targets) | set(self.values))

    def reached(self, year: int) -> bool | None:
        if year not in self.values or year not in self.kpi.targets:
            return None
        return self.values[year] >= self.kpi.targets[year]


def _age_in(person: m.Mentor | m.Mentee, year: int, today: dt.date) -> int | None:
    if person.birth_year:
        return year - person.birth_year
    if person.age is not None:
        return person.age - (today.year - year)
    grade = re.match(r"\d+", person.grade or "")
    if grade:  # a pupil of grade n is about n + 6 at the build date
        return int(grade.group()) + 6 - (today.year - year)
    return None


def _counted(person, rule: dict, year: int, today: dt.date) -> bool:
    if person.category not in rule.get("categories", [person.category]):
        return False
    if rule.get("young_specialist") and not getattr(person, "young_specialist", False):
        return False
    if "age" in rule:
        age = _age_in(person, year, today)
        low, high = rule["age"]
        return age is not None and low <= age <= high
    return True


def count(school: SchoolData, rule: dict, year: int, today: dt.date) -> int:
    """People of the rule's registry who were in a pair at some time in the calendar year."""
    first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
    role = rule["registry"]
    active = {pid for p in school.pairs.pairs if p.start <= last and (p.end is None or p.end >= first)
              for pid in getattr(p, role)}
    people = getattr(school, role)
    records = people.mentors if role == "mentors" else people.mentees
    return sum(1 for r in records if r.id in active and _counted(r, rule, year, today))


def _years(kpi: m.Kpi, today: dt.date) -> list[int]:
    return sorted(y for y in set(kpi.targets) | set(kpi.actual) if y <= today.year)


def school_kpis(school: SchoolData, rules: dict, today: dt.date) -> list[KpiView]:
    views = []
    for kpi in school.kpis:
        view = KpiView(kpi, dict(kpi.actual))
        rule = rules.get(kpi.compute) if kpi.compute else None
        denominator = school.school.denominators.get(rule["denominator"]) if rule and school.school else None
        if rule and not denominator:
            view.problem = f"не указан знаменатель {rule['denominator']} в school.yml: показано введённое значение"
        elif rule:
            for year in _years(kpi, today):
                view.shares[year] = Share(count(school, rule, year, today), denominator)
                view.values[year] = view.shares[year].percent
        views.append(view)
    return views


@dataclass(frozen=True)
class SchoolCounts:
    """What the district's KPIs need of a school: its denominators and its counts per (rule, year).

    Small enough to be kept between builds, so that the district's shares need not read every school."""

    denominators: dict[str, int]
    counts: dict[tuple[str, int], int]

    @classmethod
    def of(cls, school: SchoolData, needed: set[tuple[str, int]], rules: dict, today: dt.date) -> "SchoolCounts":
        return cls(dict(school.school.denominators) if school.school else {},
                   {(name, year): count(school, rules[name], year, today) for name, year in sorted(needed)})


def needed_counts(kpis: list[m.Kpi], rules: dict, today: dt.date) -> set[tuple[str, int]]:
    """The (rule, year) counts the district's KPIs add up from the schools."""
    return {(kpi.compute, year) for kpi in kpis if kpi.compute in rules for year in _years(kpi, today)}


def district_kpis(kpis: list[m.Kpi], schools: list[SchoolData | SchoolCounts], denominators: dict[str, int],
                  rules: dict, today: dt.date) -> list[KpiView]:
    needed = needed_counts(kpis, rules, today)
    schools = [s if isinstance(s, SchoolCounts) else SchoolCounts.of(s, needed, rules, today) for s in schools]
    views = []
    for kpi in kpis:
        view = KpiView(kpi, dict(kpi.actual))
        rule = rules.get(kpi.compute) if kpi.compute else None
        if rule:
            key = rule["denominator"]
            # Against the municipality's own denominator every school counts; against the sum of
            # the schools' denominators only the schools that stated one, or the share is skewed.
            stated = [s for s in schools if s.denominators.get(key)]
            counted = schools if denominators.get(key) else stated
            denominator = denominators.get(key) or sum(s.denominators[key] for s in stated)
            if not denominator:
                view.problem = f"ни одна школа не указала знаменатель {key}: показано введённое значение"
            else:
                for year in _years(kpi, today):
                    view.shares[year] = Share(sum(s.counts[(kpi.compute, year)] for s in counted), denominator)
                    view.values[year] = view.shares[year].percent
        views.append(view)
    return views
