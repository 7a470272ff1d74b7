"""The compliance checklist on purpose-made data: present, missing, stale, inconsistent."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from generator.pipeline import assess_compliance
from tests.conftest import ROOT
from tests.minidistrict import make_district

DATE = dt.date(2026, 11, 23)  # academic year 2026/2027

COMPLETE = {
    "schools/alpha/school.yml": """
        name: Средняя школа «Альфа»
        short_name: СШ «Альфа»
        section_url: https://alpha.example/nastavnichestvo
        curator: {name: Лебедева Инна Олеговна, consent: full, phone: "+7 900 000-00-01", email: c@alpha.example}
        """,
    "regulations.yml": """
        regulations:
          - {level: federal, title: Р-145, url: https://example.org/r145}
          - {level: regional, title: Региональная модель, url: https://example.org/reg}
        """,
    "schools/alpha/documents.yml": """
        documents:
          - {id: impl, type: order_implementation, number: "1", url: https://alpha.example/1.pdf}
          - {id: reg, type: regulation, url: https://alpha.example/2.pdf}
          - {id: prog, type: programme, url: https://alpha.example/3.pdf}
          - {id: cur, type: order_curator, url: https://alpha.example/4.pdf}
          - {id: inc, type: incentive, url: https://alpha.example/5.pdf}
          - {id: mon, type: monitoring, url: https://alpha.example/6.pdf}
          - {id: pairs-26, type: order_pairs, number: 7-о, academic_year: 2026/2027, pairs_count: 1,
             url: https://alpha.example/7.pdf}
        """,
    "schools/alpha/roadmap.yml": """
        academic_year: 2026/2027
        items:
          - {number: "1", activity: Подготовка}
        """,
    "schools/alpha/mentors.yml": """
        updated: 2026-09-15
        mentors:
          - {id: m-1, name: Громова Лидия Павловна, consent: full}
        """,
    "schools/alpha/mentees.yml": """
        updated: 2026-09-15
        mentees:
          - {id: u-1, name: Шишкин Тимур Русланович, grade: 6В, joined: 2026-09-20}
        """,
    "schools/alpha/pairs.yml": """
        pairs:
          - {id: p-1, mentors: [m-1], mentees: [u-1], form: учитель – ученик, start: 2026-09-20, order: pairs-26}
        """,
    "schools/alpha/events.yml": """
        events:
          - {id: e-1, date: 2026-10-01, title: Старт программы}
        """,
}


def _check(tmp_path, overrides: dict | None = None):
    data = make_district(tmp_path, {**COMPLETE, **(overrides or {})})
    checklist = assess_compliance(data, DATE)
    alpha = next(s for s in checklist.schools if s.school == "alpha")
    return {r.item.id: (r.status, r.reason) for r in alpha.results}, alpha, checklist


def test_complete_school_fulfils_every_item(tmp_path):
    results, alpha, _ = _check(tmp_path)
    assert {k: v[0] for k, v in results.items() if v[0] != "выполнено"} == {}
    assert alpha.share == 100.0


@pytest.mark.parametrize("override, item, status, reason", [
    ({"schools/alpha/roadmap.yml": "academic_year: 2025/2026\nitems:\n  - {number: '1', activity: А}\n"},
     "roadmap", "частично", "устарело: последняя дорожная карта — на 2025/2026"),
    ({"schools/alpha/mentors.yml": "updated: 2026-05-01\nmentors:\n  - {id: m-1, name: Громова Лидия Павловна}\n"},
     "registries", "частично", "база наставников не обновлялась в 2026/2027"),
    ({"schools/alpha/school.yml": "name: Средняя школа «Альфа»\nsection_url: https://alpha.example/n\n"},
     "curator", "частично", "нет рабочих контактов куратора"),
    ({"schools/alpha/documents.yml": "documents:\n  - {id: pairs-26, type: order_pairs, pairs_count: 3, url: https://a/7.pdf}\n"},
     "pair_count", "частично", "пар по приказу 3, в базе 1"),
    ({"schools/alpha/documents.yml": "documents:\n  - {id: pairs-26, type: order_pairs, url: https://a/7.pdf}\n"},
     "incentive", "нет", "документа нет"),
    ({"schools/alpha/documents.yml": "documents:\n  - {id: inc, type: incentive}\n  - {id: pairs-26, type: order_pairs}\n"},
     "incentive", "частично", "не приложен файл и нет ссылки"),
    ({"schools/alpha/mentees.yml": "updated: 2026-09-15\nmentees:\n  - {id: u-1, name: Шишкин Тимур Русланович, grade: 6В}\n"},
     "pair_count", "частично", "не указана дата вхождения"),
    ({"schools/alpha/events.yml": "events:\n  - {id: e-1, date: 2025-12-01, title: Давно}\n"},
     "news", "частично", "старше 6 месяцев"),
    ({"regulations.yml": "regulations:\n  - {level: federal, title: Р-145}\n"},
     "normative", "частично", "нет региональных актов"),
    ({"schools/alpha/school.yml": "name: Средняя школа «Альфа»\n"},
     "section", "частично", "section_url"),
])
def test_each_rule_names_what_is_wrong(tmp_path, override, item, status, reason):
    results, alpha, _ = _check(tmp_path, override)
    assert results[item][0] == status, results[item]
    assert reason in results[item][1]
    assert alpha.share < 100


def test_school_with_nothing_gets_no_for_almost_everything(tmp_path):
    data = make_district(tmp_path)
    beta = next(s for s in assess_compliance(data, DATE).schools if s.school == "beta")
    statuses = {r.item.id: r.status for r in beta.results}
    assert statuses["roadmap"] == statuses["registries"] == statuses["cases"] == "нет"
    assert beta.share < 15


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_json_report_and_threshold(tmp_path):
    make_district(tmp_path, COMPLETE)
    result = _cli("check", "--compliance", "--format", "json", "--date", "2026-11-23", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["academic_year"] == "2026/2027"
    alpha = next(s for s in report["schools"] if s["id"] == "alpha")
    assert alpha["share"] == 100.0 and all(i["code"] == "done" for i in alpha["items"])
    assert {"id", "title", "sources", "status", "code", "reason"} <= set(alpha["items"][0])

    failing = _cli("check", "--compliance", "--fail-under", "50", "--date", "2026-11-23", cwd=tmp_path)
    assert failing.returncode == 1
    assert "ниже порога" in failing.stderr and "(beta)" in failing.stderr and "(alpha)" not in failing.stderr
    assert _cli("check", "--compliance", "--fail-under", "0", "--date", "2026-11-23", cwd=tmp_path).returncode == 0
    assert _cli("check", "--fail-under", "50", cwd=tmp_path).returncode == 2


def test_checklist_file_mistakes_are_reported(tmp_path, monkeypatch):
    from generator.compliance import load_items
    from generator.errors import DataErrors

    bad = tmp_path / "compliance.yml"
    bad.write_text("items:\n  - {id: x, title: X, rule: nonsense}\n  - {id: y, title: Y, rule: document}\n",
                   encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_items(bad)
    messages = [e.format() for e in caught.value.errors.sorted()]
    assert any(":2: неизвестное правило «nonsense»" in m for m in messages)
    assert any(":3: для правила document нужен параметр type" in m for m in messages)
