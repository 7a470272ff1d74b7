"""generator/district_totals.py: the district's sums, the same as the Jinja filter chains they replace."""

from __future__ import annotations

import datetime as dt

import jinja2
import pytest

from generator.district_totals import DistrictTotals, distinct
from generator.policy import PublicDistrict, PublicPair, PublicPerson, PublicSchool

FORMS = ["Учитель – учитель", "Ученик – ученик", "Студент – ученик"]
# Values that differ only in case: Jinja's unique and sort treat them as one, the counts do not.
MODELS = ["опытный – молодой", "Опытный – молодой", "лидер – пассивный", None, ""]
BASES = ["педагогов", "Педагогов", "обучающихся", "работодателей"]


def _site(cls, sid: str, **fields):
    return cls(id=sid, name=sid, short_name=sid, description=None, curator=None, regulations=[], documents=[],
               roadmap=None, roadmap_archive=[], kpis=[], events=[], materials=[], pages=[], **fields)


def _person(i: int) -> PublicPerson:
    return PublicPerson(label=f"Лицо {i}", named=False, category="педагог", minor=False, base=BASES[i % len(BASES)])


def _pair(i: int, people: list[PublicPerson]) -> PublicPair:
    return PublicPair(number=i, mentors=tuple(people[: 1 + i % 2]), mentees=tuple(people[1: 2 + i % 3]),
                      form=FORMS[i % 2], role_model=MODELS[i % len(MODELS)], kind=(), start=dt.date(2025, 9, 1),
                      end=None, active=i % 3 != 0, programme=None, order=None)


@pytest.fixture
def district() -> PublicDistrict:
    schools = []
    for n in range(7):
        people = [_person(n * 10 + i) for i in range(n + 2)]
        pairs = [_pair(n * 5 + i, people) for i in range(n * 3)]
        schools.append(_site(PublicSchool, f"s{n}", mentors=people[: n + 1], mentees=people[1:], pairs=pairs))
    return _site(PublicDistrict, "district", schools=schools)


def _jinja(source: str, **context) -> str:
    return jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(source).render(**context)


def test_distinct_is_unique_then_sort():
    values = ["б", "Б", "а", "В", "б", "в", "А"]
    assert repr(distinct(values)) == _jinja("{{ values | unique | sort | list }}", values=values)


def test_rows_as_the_template_counted_them(district):
    rows = DistrictTotals(district).rows
    for s in district.schools:
        expected = _jinja('{{ [s.mentors | length, s.mentees | length, s.pairs | length, '
                          's.pairs | selectattr("active") | list | length, '
                          's.pairs | selectattr("is_group") | list | length] }}', s=s)
        row = rows[s.id]
        assert repr([row.mentors, row.mentees, row.pairs, row.active, row.groups]) == expected


def test_forms_as_the_template_counted_them(district):
    expected = _jinja('''{% set pairs = site.schools | map(attribute="pairs") | sum(start=[]) %}
{% for form in forms %}{% set in_form = pairs | selectattr("form", "equalto", form) | list %}{% if in_form %}
{{ form }}: {{ in_form | length }} {{ in_form | selectattr("active") | list | length }}
{% for model in in_form | map(attribute="role_model") | select | unique | sort %}
{% set in_model = in_form | selectattr("role_model", "equalto", model) | list %}
{{ model }}: {{ in_model | length }} {{ in_model | selectattr("active") | list | length }}
{% endfor %}{% endif %}{% endfor %}''', site=district, forms=FORMS)
    got = "\n".join(f"{form}: {total.pairs} {total.active}\n" + "".join(f"\n{m.model}: {m.pairs} {m.active}\n"
                                                                         for m in models)
                    for form, total, models in DistrictTotals(district).forms(FORMS))
    assert got.split() == expected.split()
    assert "Студент" not in got  # a form without pairs has no line


def test_bases_as_the_template_counted_them(district):
    expected = _jinja('''{% set mentors = site.schools | map(attribute="mentors") | sum(start=[]) %}
{% for base in mentors | map(attribute="base") | select | unique | sort %}
{{ base }}={{ mentors | selectattr("base", "equalto", base) | list | length }}
{% endfor %}''', site=district)
    assert [f"{b}={n}" for b, n in DistrictTotals(district).bases] == expected.split()


def test_mentors_grouped_as_the_template_listed_them(district):
    expected = _jinja('''{% set people = [] %}
{% for s in site.schools %}{% for p in s.mentors %}{% set _ = people.append((s, p)) %}{% endfor %}{% endfor %}
{% for base in people | map(attribute="1.base") | unique | sort %}
#{{ base }}
{% for s, p in people if p.base == base %}{{ s.id }}/{{ p.label }};{% endfor %}
{% endfor %}''', site=district)
    got = [f"#{base} " + "".join(f"{s.id}/{p.label};" for s, p in people)
           for base, people in DistrictTotals(district).mentors]
    assert " ".join(got).split() == expected.split()


def test_cases_every_case_of_every_school_in_order():
    case = type("Case", (), {"year": None, "title": "t"})
    school = _site(PublicSchool, "s", cases=[case(), case()])
    assert DistrictTotals(_site(PublicDistrict, "d", schools=[school])).cases == [
        ("", "s", "t", school, school.cases[0]), ("", "s", "t", school, school.cases[1])]
