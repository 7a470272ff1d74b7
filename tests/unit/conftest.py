"""Shared fixtures for the unit tests: a small valid district written into tmp_path.

`write_tree(files)` writes {relative path: YAML/Markdown text} under tmp_path (text is
dedented); `good_files()` returns the files of a small valid district that the tests
change one file at a time. Paths in messages are shown relative to the working
directory, so tests that check «file:line» run inside tmp_path (`in_tmp`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.config import load_site_config

TODAY = dt.date(2026, 1, 15)

GOOD_FILES: dict[str, str] = {
    "data/district.yml": """
        name: Муниципальный район Тестовый
        short_name: Тестовый район
        region: Тестовая область
        curator:
          name: Смирнова Ольга Ивановна
          consent: full
          position: методист
          phone: "+7 900 111-22-33"
          email: smirnova@example.org
        """,
    "data/regulations.yml": """
        regulations:
          - level: federal
            title: Распоряжение Минпросвещения России о методологии наставничества
            number: Р-145
            date: 2019-12-25
          - level: municipal
            title: Приказ управления образования о внедрении модели
            number: "12"
            date: 2020-09-01
        """,
    "data/schools/sosh-1/school.yml": """
        name: МБОУ «Средняя школа № 1»
        short_name: СОШ № 1
        kind: school
        forms: [учитель – ученик]
        curator:
          name: Кузнецова Мария Петровна
          consent: none
          position: заместитель директора
          phone: "+7 900 222-33-44"
          email: kuznetsova@example.org
        """,
    "data/schools/sosh-1/regulations.yml": """
        regulations:
          - level: local
            title: Положение о наставничестве в школе
        """,
    "data/schools/sosh-1/documents.yml": """
        documents:
          - id: d-pairs
            type: order_pairs
            title: Приказ о закреплении пар
            number: "45-о"
            date: 2025-09-01
        """,
    "data/schools/sosh-1/mentors.yml": """
        updated: 2025-09-01
        mentors:
          - id: m-1
            name: Иванова Анна Петровна
            consent: full
            position: учитель математики
            competences: [олимпиадная математика]
            phone: "+7 900 333-44-55"
            email: ivanova@example.org
          - id: m-2
            name: Петров Сергей Николаевич
            consent: none
            position: учитель физики
            phone: "+7 900 555-66-77"
            email: petrov@example.org
          - id: m-3
            name: Сидорова Елена Викторовна
            consent: initials
            position: учитель химии
        """,
    "data/schools/sosh-1/mentees.yml": """
        mentees:
          - id: u-1
            name: Орлов Дмитрий Андреевич
            category: pupil
            grade: 10А
            consent: full
            phone: "+7 900 777-88-99"
            guardian_contacts: "+7 900 000-11-22"
            joined: 2025-09-01
        """,
    "data/schools/sosh-1/pairs.yml": """
        pairs:
          - id: p-1
            mentors: [m-1]
            mentees: [u-1]
            form: учитель – ученик
            role_model: педагог – одарённый обучающийся
            start: 2025-09-01
            order: d-pairs
            programme: pr-1
        """,
    "data/schools/sosh-1/programmes.yml": """
        programmes:
          - id: pr-1
            title: Подготовка к олимпиаде
            status: completed
            completion_approved: true
            results: Призёр муниципального этапа
          - id: pr-2
            title: Адаптация молодого педагога
            status: completed
            completion_approved: false
            results: Секретный черновик результатов
        """,
    "data/schools/sosh-1/cases.yml": """
        cases:
          - id: olymp
            title: Путь к олимпиаде
            form: учитель – ученик
            year: 2025/2026
            summary: Кратко о практике
            body: Подробный рассказ о практике.
        """,
}


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def cfg():
    return load_site_config()


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def write_tree(tmp_path):
    """write_tree({path: text}) → tmp_path; paths are relative to tmp_path."""
    return lambda files: _write(tmp_path, files)


@pytest.fixture
def good_files():
    """A fresh copy of the valid district's files, to change before writing."""
    return lambda: dict(GOOD_FILES)


@pytest.fixture
def good_tree(tmp_path):
    """The valid district written under tmp_path; returns the data folder."""
    _write(tmp_path, GOOD_FILES)
    return tmp_path / "data"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run inside tmp_path so that messages show paths like data/schools/…"""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def run_check(cfg):
    """load + validate a data folder: returns (DistrictData, sorted list of formatted errors)."""
    from generator.load import load
    from generator.validate import validate

    def run(data_dir: Path):
        raw, errors = load(data_dir)
        data, invalid = validate(raw, cfg)
        errors.extend(invalid)
        return data, [e.format() for e in errors.sorted()]

    return run


@pytest.fixture(scope="session")
def key():
    """A fixed label key: labels are the same on every run."""
    from generator.secret import LabelKey

    return LabelKey(b"k", random=False)


@pytest.fixture
def published(good_tree, cfg, today, run_check, key):
    """The policy's result for the valid district."""
    from generator.policy import apply_policy

    data, errors = run_check(good_tree)
    assert errors == []
    return apply_policy(data, cfg, today, key)


def walk_strings(obj, seen=None):
    """Every string reachable from a public object: dataclass fields, models, containers."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, str):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from walk_strings(getattr(obj, f.name), seen)
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from walk_strings(getattr(obj, name), seen)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from walk_strings(k, seen)
            yield from walk_strings(v, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            yield from walk_strings(v, seen)
    elif hasattr(obj, "__dict__") and not isinstance(obj, type) and type(obj).__module__.startswith("generator"):
        for v in vars(obj).values():
            yield from walk_strings(v, seen)


@pytest.fixture
def strings_of():
    return lambda obj: list(walk_strings(obj))
