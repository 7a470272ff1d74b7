"""Roadmap statuses at the days around each boundary, the summary, and the warnings of `nastavnik check`."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import model as m
from generator.deadline import understand
from generator.pipeline import check
from generator.roadmap_status import roadmap_view, status
from tests.minidistrict import make_district

D = dt.date
YEAR = "2026/2027"


def _status(deadline: str, today: dt.date, **marks) -> str:
    item = m.RoadmapItem(number="1.1", activity="Мероприятие", deadline=deadline, **marks)
    return status(item, understand(deadline, YEAR), YEAR, today)


@pytest.mark.parametrize(("deadline", "today", "expected"), [
    ("Октябрь 2026 г.", D(2026, 9, 30), "planned"),
    ("Октябрь 2026 г.", D(2026, 10, 1), "active"),
    ("Октябрь 2026 г.", D(2026, 10, 31), "active"),
    ("Октябрь 2026 г.", D(2026, 11, 1), "overdue"),
    ("до 20.10.2026 г.", D(2026, 8, 31), "planned"),  # before the academic year it belongs to
    ("до 20.10.2026 г.", D(2026, 9, 1), "active"),
    ("до 20.10.2026 г.", D(2026, 10, 20), "active"),
    ("до 20.10.2026 г.", D(2026, 10, 21), "overdue"),
    ("до 29.08.2026 г.", D(2026, 8, 29), "active"),  # due before the year starts: under way at once
    ("до 29.08.2026 г.", D(2026, 8, 30), "overdue"),
    ("с 1 февраля 2027 г.", D(2027, 1, 31), "planned"),
    ("с 1 февраля 2027 г.", D(2030, 1, 1), "active"),  # no end: never overdue
    ("в течение учебного года", D(2027, 8, 31), "active"),
    ("в течение учебного года", D(2027, 9, 1), "overdue"),
    ("по отдельному плану", D(2030, 1, 1), "unknown"),
    ("приказ от 12.03.2026", D(2030, 1, 1), "unknown"),
])
def test_status_around_each_boundary(deadline, today, expected):
    assert _status(deadline, today) == expected


def test_done_date_counts_from_that_day():
    assert _status("до 20.10.2026 г.", D(2026, 10, 18), done_date=D(2026, 10, 19)) == "active"
    assert _status("до 20.10.2026 г.", D(2026, 10, 19), done_date=D(2026, 10, 19)) == "done"
    assert _status("до 20.10.2026 г.", D(2026, 12, 1), done_date=D(2026, 10, 25)) == "done"  # late, but done
    assert _status("по отдельному плану", D(2026, 12, 1), done=True) == "done"


def test_done_accepts_russian_yes_no():
    assert m.RoadmapItem(number="1", activity="А", done="да").done is True
    assert m.RoadmapItem(number="1", activity="А", done="нет").done is False


def test_summary_counts_items_and_leaves_sections_out():
    roadmap = m.RoadmapFile(academic_year=YEAR, items=[
        m.RoadmapItem(number="1", activity="Раздел"),
        m.RoadmapItem(number="1.1", activity="А", deadline="до 01.09.2026", done=True),
        m.RoadmapItem(number="1.2", activity="Б", deadline="до 30.09.2026"),
        m.RoadmapItem(number="1.3", activity="В", deadline="Ноябрь 2026 – Апрель 2027 г."),
        m.RoadmapItem(number="2", activity="Раздел со сроком", deadline="Май 2027"),
        m.RoadmapItem(number="2.1", activity="Г", deadline="Май, ежегодно"),
        m.RoadmapItem(number="2.2", activity="Д", deadline="по отдельному плану"),
    ])
    view = roadmap_view(roadmap, D(2026, 11, 23))
    assert [r.status for r in view.rows] == [None, "done", "overdue", "active", "planned", "planned", "unknown"]
    assert view.counts == {"done": 1, "active": 1, "planned": 1, "overdue": 1, "unknown": 1}
    assert view.total == 5


ROADMAP = """
    academic_year: 2026/2027
    items:
      - number: '1'
        activity: Раздел
      - number: '1.1'
        activity: Сделано
        deadline: до 01.10.2026
        done_date: 30.09.2026
      - number: '1.2'
        activity: Забыто
        deadline: до 20.10.2026 г.
      - number: '1.3'
        activity: Непонятно
        deadline: в течение 2 недель после утверждения
      - number: '1.4'
        activity: Без времени
        deadline: по отдельному плану
    """


def test_check_warns_about_overdue_and_unreadable_deadlines(tmp_path, monkeypatch):
    data = make_district(tmp_path, {"schools/alpha/roadmap.yml": ROADMAP})
    monkeypatch.chdir(tmp_path)
    warnings = [w.format() for w in check(data, today=D(2026, 11, 23)).warnings]
    roadmap = [w for w in warnings if "roadmap.yml" in w]
    assert len(roadmap) == 2, roadmap
    assert roadmap[0].startswith("data/schools/alpha/roadmap.yml:9: пункт 1.2 дорожной карты просрочен: "
                                 "срок «до 20.10.2026 г.» (до 20 октября 2026 г.) прошёл")
    assert "done_date" in roadmap[0]
    assert roadmap[1].startswith("data/schools/alpha/roadmap.yml:14: срок пункта 1.3 дорожной карты "
                                 "«в течение 2 недель после утверждения» не понят: непонятные слова")
    assert 'nastavnik deadline "в течение 2 недель после утверждения" --academic-year 2026/2027' in roadmap[1]


def test_check_without_a_date_and_past_roadmaps_stay_quiet(tmp_path):
    data = make_district(tmp_path, {"schools/alpha/roadmap.yml": ROADMAP})
    assert not [w for w in check(data).warnings if "roadmap" in w.location.file]
    # A later academic year: the roadmap is history, its items are not chased any more.
    assert not [w for w in check(data, today=D(2027, 11, 23)).warnings if "roadmap" in w.location.file]


def test_build_reports_the_same_warnings(tmp_path):
    from generator.pipeline import build

    data = make_district(tmp_path, {"schools/alpha/roadmap.yml": ROADMAP})
    report = build(data, tmp_path / "site", D(2026, 11, 23))
    assert not report.failed
    assert sum("просрочен" in w for w in report.warnings) == 1
    page = (tmp_path / "site/schools/alpha/roadmap.html").read_text(encoding="utf-8")
    assert "просрочено" in page and "выполнено 30.09.2026" in page and "срок не определён" in page
