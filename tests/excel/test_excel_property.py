"""Issue 3, point 9: any records written to a form and read back are the same records."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from generator.config import load_site_config
from generator.excel.profiles import load_profiles, load_values
from generator.excel.table import derived_id, name_key
from generator.excel.writer import form_value, heading_row, put, workbook_bytes
from tests.excel.books import DAY, read

VOCABULARY = load_site_config().vocabulary
LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяABCXYZabcxyz0123456789"

word = st.text(LETTERS + "«»-№.,()!?", min_size=1, max_size=10).filter(lambda w: w.strip(".,-") == w)
text = st.lists(word, min_size=1, max_size=6).map(" ".join)
name_word = st.text("абвгдеёжзийклмнопрстуфхцчшщэюя", min_size=2, max_size=9).map(str.capitalize)
name = st.lists(name_word, min_size=2, max_size=3).map(" ".join)
day = st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))

MENTOR = st.fixed_dictionaries({"name": name}, optional={
    "category": st.sampled_from(["teacher", "head", "pupil", "student", "employer"]),
    "position": text, "subject": text, "workplace": text, "achievements": text, "interests": text,
    "competences": st.lists(text, min_size=1, max_size=4), "grade": st.sampled_from(["5", "10А", "11 Б"]),
    "forms": st.lists(st.sampled_from(VOCABULARY.forms.names()), min_size=1, max_size=3, unique=True),
    "age": st.integers(5, 100), "birth_year": st.integers(1930, 2020),
    "phone": st.from_regex(r"\+7 9\d\d \d{3}-\d\d-\d\d", fullmatch=True), "email": st.emails(),
    "consent": st.sampled_from(["full", "initials", "none"]), "consent_until": day})
MENTEE = st.fixed_dictionaries({"name": name}, optional={
    "category": st.sampled_from(["teacher", "pupil", "student"]), "requests": text, "result": text,
    "joined": day, "finished": day, "completed": st.booleans(), "young_specialist": st.booleans(),
    "age": st.integers(5, 100), "guardian_contacts": text, "consent": st.sampled_from(["full", "initials", "none"])})


def _write(kind: str, records: list[dict]) -> Workbook:
    profile, values = load_profiles()[kind], load_values()
    columns = [c for c in profile.template_columns() if c.target == "record"]
    workbook = Workbook()
    ws = workbook.active
    ws.title = profile.sheet
    heading_row(ws, 1, [c.header for c in columns], [c.width for c in columns])
    for r, record in enumerate(records, 2):
        for c, column in enumerate(columns, 1):
            put(ws, r, c, form_value(column, record.get(column.field), values))
    return workbook


def _round_trip(tmp_path, kind: str, records: list[dict]) -> None:
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(workbook_bytes(_write(kind, records), DAY))
    found, errors, warnings = read(path)
    assert not errors.items and not warnings.items
    prefix = load_profiles()[kind].id_prefix
    assert found[kind].data[kind] == [{"id": derived_id(prefix, r["name"]), **r} for r in records]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(MENTOR, min_size=1, max_size=6, unique_by=lambda r: name_key(r["name"])))
def test_mentors_read_back_as_written(tmp_path, records):
    _round_trip(tmp_path, "mentors", records)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(MENTEE, min_size=1, max_size=6, unique_by=lambda r: name_key(r["name"])))
def test_mentees_read_back_as_written(tmp_path, records):
    _round_trip(tmp_path, "mentees", records)
