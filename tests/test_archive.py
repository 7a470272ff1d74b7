"""The current academic year on the main pages; earlier years in the archive."""

from __future__ import annotations

import datetime as dt

from generator.pipeline import build
from tests.minidistrict import make_district

DATE = dt.date(2026, 11, 23)  # academic year 2026/2027


def _site(tmp_path, current_roadmap: bool = True):
    files = {
        "schools/alpha/mentees.yml": """
            mentees:
              - {id: u-1, name: Шишкин Тимур Русланович, grade: 6В, joined: 2026-09-20}
              - {id: u-2, name: Ершова Алла Игоревна, grade: 9А, joined: 2024-09-20, finished: 2025-05-25}
            """,
        "schools/alpha/pairs.yml": """
            pairs:
              - {id: p-1, mentors: [m-1], mentees: [u-1], form: учитель – ученик, start: 2026-09-20}
              - {id: p-2, mentors: [m-1], mentees: [u-2], form: учитель – ученик, start: 2024-09-20, end: 2025-05-25}
            """,
        "schools/alpha/cases.yml": """
            cases:
              - {id: c-1, title: Практика этого года, year: 2026/2027}
              - {id: c-2, title: Практика прошлого года, year: 2024/2025}
            """,
        "schools/alpha/events.yml": """
            events:
              - {id: e-1, date: 2026-10-05, title: Осенняя встреча}
              - {id: e-2, date: 2025-03-01, title: Весенний фестиваль 2025}
            """,
        "schools/alpha/roadmap-2024-2025.yml": "academic_year: 2024/2025\nitems:\n  - {number: '1', activity: Старое мероприятие}\n",
    }
    if current_roadmap:
        files["schools/alpha/roadmap.yml"] = "academic_year: 2026/2027\nitems:\n  - {number: '1', activity: Новое мероприятие}\n"
    out = tmp_path / "site"
    assert not build(make_district(tmp_path, files), out, DATE).failed
    return lambda page: (out / "schools/alpha" / page).read_text(encoding="utf-8")


def test_earlier_years_move_to_the_archive(tmp_path):
    read = _site(tmp_path)
    pairs, archive = read("pairs.html"), read("archive.html")
    assert "20.09.2026" in pairs and "20.09.2024" not in pairs
    assert "2024/2025 учебный год" in archive and "20.09.2024 – 25.05.2025" in archive
    assert "Старое мероприятие" in archive and "Старое мероприятие" not in read("roadmap.html")
    assert "Весенний фестиваль 2025" in archive and "Весенний фестиваль 2025" not in read("news.html")
    assert "Осенняя встреча" in read("news.html")
    assert "25.05.2025" not in read("mentees.html") and "25.05.2025" in archive
    cases = read("cases/index.html")
    assert cases.index("Практика этого года") < cases.index("Архив: 2024/2025")


def test_missing_current_roadmap_shows_the_latest_with_a_warning(tmp_path):
    roadmap = _site(tmp_path, current_roadmap=False)("roadmap.html")
    assert "Дорожная карта на 2026/2027 учебный год не опубликована" in roadmap
    assert "Старое мероприятие" in roadmap
