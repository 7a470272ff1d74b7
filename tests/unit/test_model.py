"""generator/model.py: typed entities, Russian dates, slugs, vocabulary-checked fields."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator import model as m


@pytest.fixture
def ctx(cfg):
    return {"vocabulary": cfg.vocabulary}


def errors_of(model, data, ctx):
    with pytest.raises(ValidationError) as info:
        model.model_validate(data, context=ctx)
    return info.value.errors(include_url=False)


def pair(**over):
    data = {"id": "p-1", "mentors": ["m-1"], "mentees": ["u-1"], "form": "учитель – ученик",
            "start": dt.date(2025, 9, 1)}
    data.update(over)
    return data


@pytest.mark.parametrize("text, expected", [
    ("12.09.2023", dt.date(2023, 9, 12)),
    ("1.9.2024 г.", dt.date(2024, 9, 1)),
    ("2024-9-1", dt.date(2024, 9, 1)),
])
def test_russian_and_iso_dates_in_text(ctx, text, expected):
    assert m.Event.model_validate({"id": "e", "date": text, "title": "x"}, context=ctx).date == expected


def test_unreadable_date_in_text(ctx):
    (error,) = errors_of(m.Event, {"id": "e", "date": "в сентябре", "title": "x"}, ctx)
    assert error["msg"] == "не удалось прочитать дату «в сентябре»"
    assert "ГГГГ-ММ-ДД" in error["ctx"]["hint"]


@pytest.mark.parametrize("value", ["M-01", "м-1", "a b", "-x"])
def test_bad_slug(ctx, value):
    (error,) = errors_of(m.Kpi, {"id": value, "indicator": "x"}, ctx)
    assert "идентификатор" in error["msg"]


def test_integer_slug_becomes_text(ctx):
    assert m.Kpi.model_validate({"id": 7, "indicator": "x"}, context=ctx).id == "7"


@pytest.mark.parametrize("text", ["2025/2026", "2025-26", "2025–2026 уч. г.", "2025 / 2026 учебный год"])
def test_academic_year_forms(ctx, text):
    assert m.Case.model_validate({"id": "c", "title": "t", "year": text}, context=ctx).year == "2025/2026"


@pytest.mark.parametrize("text", ["2025/2027", "2025", "двадцать пятый"])
def test_bad_academic_year(ctx, text):
    (error,) = errors_of(m.Case, {"id": "c", "title": "t", "year": text}, ctx)
    assert "учебный год" in error["msg"]


@pytest.mark.parametrize("value, expected", [
    (None, "none"), ("нет", "none"), ("Инициалы", "initials"), ("да", "full"), ("full", "full"), (False, "none"),
])
def test_consent_words(ctx, value, expected):
    assert m.Mentor.model_validate({"id": "m", "name": "А Б", "consent": value}, context=ctx).consent.value == expected


def test_unknown_consent(ctx):
    (error,) = errors_of(m.Mentor, {"id": "m", "name": "А Б", "consent": "может быть"}, ctx)
    assert error["msg"] == "непонятное согласие на публикацию «может быть»"


def test_form_is_canonicalised(ctx):
    assert m.Pair.model_validate(pair(form="Учитель-ученик"), context=ctx).form == "учитель – ученик"


def test_unknown_kind_message_is_grammatical(ctx):
    (error,) = errors_of(m.Pair, pair(kind="групповой"), ctx)
    assert error["msg"].startswith("неизвестный вид наставничества")


def test_single_id_becomes_a_list(ctx):
    value = m.Pair.model_validate(pair(mentors="m-1", mentees=5), context=ctx)
    assert value.mentors == ["m-1"] and value.mentees == ["5"]


def test_empty_mentors_list(ctx):
    (error,) = errors_of(m.Pair, pair(mentors=[]), ctx)
    assert error["type"] == "too_short"


def test_keyed_value_is_checked(ctx):
    (error,) = errors_of(m.Act, {"level": "world", "title": "x"}, ctx)
    assert error["msg"] == "неизвестное значение уровня акта «world»"
    assert "federal" in error["ctx"]["hint"]


def test_programme_status_pattern(ctx):
    (error,) = errors_of(m.Programme, {"id": "p", "title": "t", "status": "done"}, ctx)
    assert error["type"] == "string_pattern_mismatch"


def test_kpi_years_are_integers(ctx):
    kpi = m.Kpi.model_validate({"id": "k", "indicator": "x", "targets": {2025: 50, 2026: "60"}}, context=ctx)
    assert kpi.targets == {2025: 50.0, 2026: 60.0}


def test_age_bounds(ctx):
    (error,) = errors_of(m.Mentee, {"id": "u", "name": "А", "age": 3}, ctx)
    assert error["type"] == "greater_than_equal"


def test_whitespace_is_stripped(ctx):
    assert m.Mentor.model_validate({"id": "m", "name": "  Иванова Анна  "}, context=ctx).name == "Иванова Анна"


def test_numbers_typed_without_quotes_are_accepted_as_text(ctx):
    doc = m.Document.model_validate({"id": "d", "type": "order_pairs", "number": 45}, context=ctx)
    mentee = m.Mentee.model_validate({"id": "u", "name": "А", "grade": 10}, context=ctx)
    assert doc.number == "45" and mentee.grade == "10"


def test_file_tables_cover_every_file():
    assert set(m.DISTRICT_FILES) - set(m.SCHOOL_FILES) == {"district.yml"}
    assert {"mentors.yml", "mentees.yml", "pairs.yml", "school.yml"} <= set(m.SCHOOL_FILES)
