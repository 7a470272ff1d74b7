"""Editor schemas: every demo data file validates against its schema, the shipped schemas are what
the model generates now, and the schema catches the mistakes the model refuses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.config import load_site_config
from generator.schema import SCHEMA_DIR, generate, modeline, schema_name
from tests.conftest import DEMO_DATA, ROOT

SHIPPED = ROOT / SCHEMA_DIR
DEMO_FILES = sorted(DEMO_DATA.rglob("*.yml"))


def _as_json(value):
    """YAML reads 2024-09-01 as a date; an editor sees the text, and so does the schema."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SHIPPED / schema_name(name)).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_schemas_are_generated_from_the_current_model():
    fresh = generate(load_site_config())
    shipped = {p.name: p.read_text("utf-8") for p in SHIPPED.glob("*.json")}
    assert shipped == fresh, "site_config/schema/ is stale after a model, vocabulary or form change: run make schema"


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.relative_to(DEMO_DATA).as_posix())
def test_every_demo_file_validates(path):
    data = _as_json(yaml.safe_load(path.read_text("utf-8")))
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in _validator(path.name).iter_errors(data)]
    assert not errors


def test_every_demo_file_kind_has_a_schema():
    assert len(DEMO_FILES) > 40
    assert {schema_name(p.name) for p in DEMO_FILES} <= {p.name for p in SHIPPED.glob("*.json")}


@pytest.mark.parametrize("name, doc, mistake", [
    ("pairs.yml", {"pairs": [{"id": "p-1", "mentors": "m-1", "mentees": ["u-1"], "form": "учитель – ученик",
                              "start": "01.09.2025", "mentor": "x"}]}, "mentor"),
    ("regulations.yml", {"regulations": [{"level": "federall", "title": "Указ"}]}, "federall"),
    ("mentors.yml", {"mentors": [{"id": "m-1", "name": "Петров", "consent": "может быть"}]}, "может быть"),
    ("school.yml", {"nme": "Школа"}, "name"),
    ("events.yml", {"events": [{"id": "e-1", "date": "2025-13", "title": "День наставника"}]}, "2025-13"),
])
def test_schema_flags_what_the_model_refuses(name, doc, mistake):
    messages = " ".join(e.message for e in _validator(name).iter_errors(doc))
    assert mistake in messages


def test_schema_accepts_what_the_model_accepts():
    """Russian dates and consent words, one id instead of a list, a number without quotes."""
    doc = {"pairs": [{"id": 7, "mentors": "m-1", "mentees": ["u-1"], "form": "учитель – ученик",
                      "start": "01.09.2025", "kind": "в группе"}]}
    assert not list(_validator("pairs.yml").iter_errors(doc))
    mentors = {"mentors": [{"id": "m-1", "name": "Петров", "consent": "полностью", "grade": 10}]}
    assert not list(_validator("mentors.yml").iter_errors(mentors))
    roadmap = {"academic_year": "2026/2027", "items": [{"number": "1", "activity": "Совет", "done": "Да"},
                                                        {"number": "2", "activity": "Отчёт", "done": True}]}
    assert not list(_validator("roadmap.yml").iter_errors(roadmap))
    assert list(_validator("roadmap.yml").iter_errors({**roadmap, "items": [{**roadmap["items"][0], "done": "ага"}]}))


def test_schema_suggests_the_vocabulary():
    pair = json.loads((SHIPPED / "pairs.json").read_text("utf-8"))["$defs"]["Pair"]["properties"]
    assert "учитель – ученик" in pair["form"]["examples"]
    school = json.loads((SHIPPED / "school.json").read_text("utf-8"))
    assert school["properties"]["kind"]["anyOf"][0]["enum"] == load_site_config().vocabulary.school_kinds.keys()
    assert "gymnasium" in school["properties"]["kind"]["anyOf"][0]["enum"]


def test_modeline_is_relative_to_the_file(tmp_path):
    assert modeline(tmp_path / "data/schools/a/roadmap-2024-2025.yml", tmp_path / SCHEMA_DIR) == \
        "# yaml-language-server: $schema=../../../site_config/schema/roadmap.json\n"


def test_schema_command_rewrites_only_what_changed(tmp_path, capsys):
    from generator.cli import main

    out = tmp_path / "schema"
    assert main(["schema", "--out", str(out), "--data", str(DEMO_DATA)]) == 0
    assert main(["schema", "--out", str(out), "--data", str(DEMO_DATA)]) == 0
    assert "обновлено 0 из 13" in capsys.readouterr().out
    assert {p.name for p in out.iterdir()} == {p.name for p in SHIPPED.glob("*.json")}
