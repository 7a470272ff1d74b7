"""KPIs counted from the registries; the district total is a ratio of sums, not a mean of shares."""

from __future__ import annotations

import datetime as dt

from generator.config import load_site_config
from generator.kpi import district_kpis, school_kpis
from generator.pipeline import build, check
from tests.minidistrict import make_district

DATE = dt.date(2026, 11, 23)
KPIS = """
    kpis:
      - id: k1
        compute: mentees_10_19
        indicator: Доля обучающихся 10–19 лет — наставляемых
        targets: {2025: 20, 2026: 30}
      - id: k2
        compute: mentors_15_19
        indicator: Доля обучающихся 15–19 лет — наставников
        targets: {2026: 5}
      - id: k3
        compute: young_specialists
        indicator: Доля молодых специалистов — наставляемых
        targets: {2026: 50}
      - id: k4
        indicator: Удовлетворённость
        targets: {2026: 80}
        actual: {2026: 85}
    """


def _school(name: str, denominators: str, mentees: list[str], pairs: list[str], mentors: str) -> dict:
    return {
        f"schools/{name}/school.yml": f"name: Школа {name}\ndenominators: {denominators}\n",
        f"schools/{name}/mentors.yml": mentors,
        f"schools/{name}/mentees.yml": "mentees:\n" + "".join(mentees),
        f"schools/{name}/pairs.yml": "pairs:\n" + "".join(pairs),
        f"schools/{name}/kpis.yml": KPIS,
    }


def _pupils(prefix: str, n: int, age: int) -> tuple[list[str], list[str]]:
    mentees = [f"  - {{id: {prefix}{i}, name: Ученик{prefix}{i} Тест, age: {age}}}\n" for i in range(n)]
    pairs = [f"  - {{id: p{prefix}{i}, mentors: [m-1], mentees: [{prefix}{i}], form: учитель – ученик, "
             f"start: 2026-02-01}}\n" for i in range(n)]
    return mentees, pairs


def _district(tmp_path):
    a_mentees, a_pairs = _pupils("a", 10, 12)
    b_mentees, b_pairs = _pupils("b", 5, 13)
    # Not counted: a 9-year-old, and a pupil whose pair ended before 2026.
    a_mentees += ["  - {id: young, name: Младший Тест, age: 9}\n", "  - {id: old, name: Прошлый Тест, grade: 7А}\n",
                  "  - {id: t-1, name: Новая Анна Ивановна, category: teacher, young_specialist: true}\n"]
    a_pairs += ["  - {id: py, mentors: [m-1], mentees: [young], form: учитель – ученик, start: 2026-02-01}\n",
                "  - {id: po, mentors: [m-1], mentees: [old], form: учитель – ученик, start: 2024-09-01, end: 2025-05-30}\n",
                "  - {id: pt, mentors: [m-1], mentees: [t-1], form: педагог – педагог, start: 2026-09-10}\n",
                "  - {id: pp, mentors: [m-2], mentees: [a0], form: ученик – ученик, start: 2026-09-10}\n"]
    mentors = ("mentors:\n  - {id: m-1, name: Учитель Тест Тестович}\n"
               "  - {id: m-2, name: Старший Тест, category: pupil, age: 16}\n")
    files = {**_school("alpha", "{pupils_10_19: 100, pupils_15_19: 40, young_specialists: 2}", a_mentees, a_pairs, mentors),
             **_school("beta", "{pupils_10_19: 10}", b_mentees, b_pairs, "mentors:\n  - {id: m-1, name: Учитель Другой Тест}\n"),
             "kpis.yml": KPIS}
    return make_district(tmp_path, files)


def test_school_shares_are_counted_from_pairs_in_the_year(tmp_path):
    data = check(_district(tmp_path))
    rules = load_site_config().kpi_rules
    alpha = {v.kpi.id: v for v in school_kpis(data.schools["alpha"], rules, DATE)}
    assert alpha["k1"].shares[2026].count == 10 and alpha["k1"].values[2026] == 10.0
    assert alpha["k1"].shares[2025].count == 1, "the 7th-grader's pair ran in 2025 only"
    assert alpha["k2"].values[2026] == 2.5  # one pupil mentor of 40
    assert alpha["k3"].values[2026] == 50.0 and alpha["k3"].reached(2026) is True
    assert alpha["k1"].reached(2026) is False
    assert "k4" not in {k for k, v in alpha.items() if v.shares} and alpha["k4"].values[2026] == 85


def test_district_total_is_not_the_average_of_percentages(tmp_path):
    data = check(_district(tmp_path))
    rules = load_site_config().kpi_rules
    schools = [data.schools["alpha"], data.schools["beta"]]
    beta = {v.kpi.id: v for v in school_kpis(data.schools["beta"], rules, DATE)}
    assert beta["k1"].values[2026] == 50.0
    district = {v.kpi.id: v for v in district_kpis(data.kpis, schools, {}, rules, DATE)}
    assert district["k1"].values[2026] == round(100 * 15 / 110, 1) == 13.6  # not (10 + 50) / 2 = 30
    own = {v.kpi.id: v for v in district_kpis(data.kpis, schools, {"pupils_10_19": 1000}, rules, DATE)}
    assert own["k1"].values[2026] == 1.5, "against the municipality's own denominator every school counts"
    assert beta["k2"].problem and "pupils_15_19" in beta["k2"].problem


def test_kpi_page_has_a_chart_and_a_table(tmp_path):
    out = tmp_path / "site"
    assert not build(_district(tmp_path), out, DATE).failed
    page = (out / "kpi.html").read_text(encoding="utf-8")
    assert page.count('<svg class="nk-chart"') == 4 and 'role="img"' in page
    assert "по базам: 15 из 110" in page
    school = (out / "schools/alpha/kpi.html").read_text(encoding="utf-8")
    assert "<title id=" in school and "план 30, факт 10" in school
