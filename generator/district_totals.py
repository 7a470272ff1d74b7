"""What the district pages add up over every school, computed once in Python.

A region has a thousand schools and sixty thousand pairs: the same sums written as Jinja
filter chains (`sum(start=[])` of every school's pairs, `selectattr` per form and role model)
cost the district's render seconds. The templates receive the results and only print them.
Where a template used Jinja's `unique` and `sort`, the same rules apply here: values that
differ only in case count as one, the first one met is kept, the order ignores case.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from generator.policy import PublicDistrict, PublicPair, PublicPerson, PublicSchool


def _fold(value):
    """Jinja's key for `unique` and `sort` without case_sensitive: strings compare lower-cased."""
    return value.lower() if isinstance(value, str) else value


def distinct(values) -> list:
    """As Jinja's `values | unique | sort`."""
    first: dict = {}
    for value in values:
        first.setdefault(_fold(value), value)
    return sorted(first.values(), key=_fold)


@dataclass(frozen=True)
class SchoolRow:
    """One school's line in the district's registries."""

    mentors: int
    mentees: int
    pairs: int
    active: int
    groups: int

    @classmethod
    def of(cls, school: PublicSchool) -> "SchoolRow":
        return cls(len(school.mentors), len(school.mentees), len(school.pairs),
                   sum(1 for p in school.pairs if p.active), sum(1 for p in school.pairs if p.is_group))


@dataclass(frozen=True)
class PairCount:
    """Pairs and groups of one form (model None), or of one role model within a form."""

    model: str | None
    pairs: int
    active: int

    @classmethod
    def of(cls, model: str | None, pairs: list[PublicPair]) -> "PairCount":
        return cls(model, len(pairs), sum(1 for p in pairs if p.active))


def _form_counts(pairs: list[PublicPair]) -> tuple[PairCount, list[PairCount]]:
    """The form's line, and a line per role model (as `select | unique | sort` of the role models)."""
    by_model: dict[str | None, list[PublicPair]] = defaultdict(list)
    for pair in pairs:
        by_model[pair.role_model].append(pair)
    models = distinct(p.role_model for p in pairs if p.role_model)
    return PairCount.of(None, pairs), [PairCount.of(model, by_model[model]) for model in models]


class DistrictTotals:
    """Sums over the schools of a district site; each is made the first time a page asks for it."""

    def __init__(self, district: PublicDistrict):
        self.schools = district.schools

    @cached_property
    def rows(self) -> dict[str, SchoolRow]:
        """School id → its line of the registries."""
        return {school.id: SchoolRow.of(school) for school in self.schools}

    def forms(self, names: list[str]) -> list[tuple[str, PairCount, list[PairCount]]]:
        """Every form of the vocabulary that has pairs, in the vocabulary's order, with its counts."""
        by_form: dict[str, list[PublicPair]] = defaultdict(list)
        for school in self.schools:
            for pair in school.pairs:
                by_form[pair.form].append(pair)
        return [(form, *_form_counts(by_form[form])) for form in names if by_form.get(form)]

    @cached_property
    def bases(self) -> list[tuple[str, int]]:
        """Each municipal base of mentors (as `select | unique | sort`) and its number of mentors."""
        counts = Counter(p.base for school in self.schools for p in school.mentors)
        return [(base, counts[base]) for base in distinct(base for base in counts if base)]

    @cached_property
    def mentors(self) -> list[tuple[str, list[tuple[PublicSchool, PublicPerson]]]]:
        """Each base (as `unique | sort`) with its mentors and their schools, in the schools' order."""
        by_base: dict[str | None, list[tuple[PublicSchool, PublicPerson]]] = defaultdict(list)
        for school in self.schools:
            for person in school.mentors:
                by_base[person.base].append((school, person))
        return [(base, by_base[base]) for base in distinct(by_base)]

    @cached_property
    def cases(self) -> list[tuple]:
        """(year or "", school name, title, school, case) of every case of every school."""
        return [(c.year or "", s.short_name, c.title, s, c) for s in self.schools for c in s.cases]
