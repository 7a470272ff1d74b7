"""A small valid district written into a temporary folder, for tests that change data."""

from __future__ import annotations

import textwrap
from pathlib import Path

FILES = {
    "district.yml": """
        name: Учебный муниципальный район
        short_name: Учебный район
        """,
    "regulations.yml": """
        regulations:
          - level: federal
            title: Об утверждении методологии (целевой модели) наставничества обучающихся
            number: Р-145
            date: 2019-12-25
        """,
    "schools/alpha/school.yml": """
        name: Средняя школа «Альфа»
        short_name: СШ «Альфа»
        kind: school
        """,
    "schools/alpha/mentors.yml": """
        mentors:
          - id: m-1
            name: Громова Лидия Павловна
            position: учитель биологии
            consent: full
          - id: m-2
            name: Зорин Аркадий Ильич
            position: учитель истории
            phone: "+7 900 555-12-34"
        """,
    "schools/alpha/mentees.yml": """
        mentees:
          - id: u-1
            name: Шишкин Тимур Русланович
            grade: 6В
            joined: 2025-09-20
        """,
    "schools/alpha/pairs.yml": """
        pairs:
          - id: p-1
            mentors: [m-1]
            mentees: [u-1]
            form: учитель – ученик
            start: 2025-09-20
        """,
    "schools/alpha/cases.yml": """
        cases:
          - id: c-1
            title: Проект по экологии
            body: Наставник и ученик вместе провели исследование пруда.
        """,
    "schools/beta/school.yml": """
        name: Гимназия «Бета»
        """,
}


def make_district(root: Path, overrides: dict[str, str] | None = None) -> Path:
    """Writes the district under root/data and returns that folder."""
    data = root / "data"
    for name, text in {**FILES, **(overrides or {})}.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return data
