"""Stage 2: turn parsed files into typed data and check that it holds together.

Every problem is collected with its file and line; nothing stops at the first one.
"""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator import model as m
from generator.config import SiteConfig
from generator.crosscheck import check_district, check_featured, check_school
from generator.dataset import DistrictData, SchoolData, SiteData
from generator.errors import ErrorList
from generator.gcpause import paused
from generator.load import RawDistrict, RawSite
from generator.sourcedoc import SourceDoc

_TYPE_MESSAGES = {
    "string_type": "ожидается текст",
    "int_type": "ожидается целое число", "int_parsing": "ожидается целое число",
    "int_from_float": "ожидается целое число",
    "float_type": "ожидается число", "float_parsing": "ожидается число",
    "bool_type": "ожидается «да» или «нет» (true/false)", "bool_parsing": "ожидается «да» или «нет» (true/false)",
    "date_type": "ожидается дата", "date_parsing": "ожидается дата",
    "date_from_datetime_parsing": "ожидается дата",
    "list_type": "ожидается список",
    "dict_type": "ожидается набор полей «ключ: значение»",
    "model_type": "ожидается набор полей «ключ: значение»",
    "model_attributes_type": "ожидается набор полей «ключ: значение»",
    "greater_than_equal": "слишком маленькое значение", "less_than_equal": "слишком большое значение",
    "finite_number": "ожидается конечное число",
}
_TYPE_HINTS = {
    "list_type": "каждый элемент списка начинается с новой строки с «- »",
    "date_type": "запишите дату как ГГГГ-ММ-ДД, например 2024-09-01",
}
_PATTERN_HINTS = {
    "status": "допустимо: planned (планируется), active (реализуется), completed (завершена)",
    "kind": "допустимо: news (новость) или event (мероприятие)",
    "number": "номер пункта записывается цифрами через точку: 1, 1.2, 2.3.1",
}


def _field_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for arg in typing.get_args(annotation) for found in _field_models(arg)]


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
    """The model that owns the last key of loc (to suggest the field meant)."""
    for part in loc[:-1]:
        if isinstance(part, str) and part in model.model_fields:
            found = _field_models(model.model_fields[part].annotation)
            if found:
                model = found[0]
    return model


def _written(value: Any) -> str:
    """What the user wrote, in their terms rather than Python's."""
    if value is None:
        return "пустое значение"
    if isinstance(value, dict):
        return "набор полей «ключ: значение»"
    if isinstance(value, list):
        return "список «" + "; ".join(str(v) for v in value) + "»"
    return f"«{value}»"


def _translate(error: dict, model: type[BaseModel], label: str | None = None) -> tuple[str, str | None]:
    """Russian message and hint; label is what the user calls the field (a column heading)."""
    loc = error["loc"]
    # «[key]» marks a problem with a key of a table such as targets: {2025: 50}; the field is above it.
    if loc and loc[-1] == "[key]":
        loc = loc[:-2]
    field = label or next((p for p in reversed(loc) if isinstance(p, str)), "")
    kind = error["type"]
    if kind == "nastavnik":
        return error["msg"], error.get("ctx", {}).get("hint")
    if kind == "invalid_key":
        return f"имя поля «{error['input']}» — число, а не слово", "имена полей пишутся латинскими буквами: name, title …"
    if kind == "missing":
        return f"не указано обязательное поле «{field}»", None
    if kind == "extra_forbidden":
        known = list(_model_at(model, loc).model_fields)
        close = difflib.get_close_matches(str(field), known, n=1)
        hint = f"возможно, «{close[0]}»" if close else "допустимые поля: " + ", ".join(known)
        return f"неизвестное поле «{field}»", hint
    if kind == "string_pattern_mismatch":
        return f"значение «{error['input']}» поля «{field}» записано неверно", _PATTERN_HINTS.get(field)
    if kind == "too_short":
        return f"список «{field}» не должен быть пустым", None
    if kind in _TYPE_MESSAGES:
        return f"поле «{field}»: {_TYPE_MESSAGES[kind]}, а записано {_written(error['input'])}", _TYPE_HINTS.get(kind)
    # Unknown kinds of error keep pydantic's text rather than hiding it.
    return f"поле «{field}»: неверное значение «{error.get('input')}» ({error['msg']})", None


def _typed(doc: SourceDoc, model: type[m.Entity], cfg: SiteConfig, errors: ErrorList) -> Any | None:
    if not isinstance(doc.data, dict):
        errors.add(doc.location(), "ожидается набор полей «ключ: значение» на верхнем уровне файла",
                   "посмотрите образец такого файла в демонстрационных данных")
        return None
    try:
        typed = model.model_validate(doc.data, context={"vocabulary": cfg.vocabulary, "kpi_rules": cfg.kpi_rules})
        _locate(typed, doc, ())
        return typed
    except ValidationError as exc:
        reported = {e.location for e in errors.items}
        rejected = getattr(doc, "rejected", set())
        for error in exc.errors(include_url=False):
            if any(error["loc"][:len(path)] == path for path in rejected):
                continue  # a value refused while reading: saying it is missing would say it twice
            where = doc.location(error["loc"])
            if error["type"] == "missing" and where.cell and where in reported:
                continue  # the cell was filled but unreadable, and that was already said
            message, hint = _translate(error, model, doc.label(error["loc"]))
            errors.add(where, message, hint)
        return None


# For tools that check one document on its own (nastavnik import).
typed_document = _typed


def _locate(entity: m.Entity, doc: SourceDoc, path: tuple) -> None:
    """Remember in every record, and every field of it, the file and line it came from."""
    entity._where = doc.location(path)
    # Set once: each access to a private attribute of a pydantic model goes through __getattr__.
    entity._field_where = found = {}
    for name in entity.model_fields_set:
        value = getattr(entity, name)
        found[name] = doc.location(path + (name,))
        if isinstance(value, m.Entity):
            _locate(value, doc, path + (name,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, m.Entity):
                    _locate(item, doc, path + (name, i))


def _fill_common(site: SiteData, raw: RawSite, cfg: SiteConfig, errors: ErrorList, files: dict) -> dict:
    typed = {}
    for name, doc in sorted(raw.docs.items()):
        value = _typed(doc, files.get(name, m.RoadmapFile), cfg, errors)  # else roadmap-YYYY-YYYY.yml
        if value is not None:
            typed[name] = value
    site.regulations = typed["regulations.yml"].regulations if "regulations.yml" in typed else []
    site.documents = typed["documents.yml"].documents if "documents.yml" in typed else []
    site.roadmaps = {name: value for name, value in typed.items() if isinstance(value, m.RoadmapFile)}
    site.kpis = typed["kpis.yml"].kpis if "kpis.yml" in typed else []
    site.events = typed["events.yml"].events if "events.yml" in typed else []
    site.materials = typed["materials.yml"].materials if "materials.yml" in typed else []
    return typed


def _school(sid: str, raw: RawSite, raw_all: RawDistrict, cfg: SiteConfig, errors: ErrorList) -> SchoolData:
    data = SchoolData(id=sid, folder=raw.folder, pages=raw_all.school_pages.get(sid, []))
    typed = _fill_common(data, raw, cfg, errors, m.SCHOOL_FILES)
    data.school = typed.get("school.yml")
    data.mentors = typed.get("mentors.yml", m.MentorsFile())
    data.mentees = typed.get("mentees.yml", m.MenteesFile())
    data.pairs = typed.get("pairs.yml", m.PairsFile())
    data.programmes = typed["programmes.yml"].programmes if "programmes.yml" in typed else []
    data.cases = typed["cases.yml"].cases if "cases.yml" in typed else []
    return data


@paused
def validate(raw: RawDistrict, cfg: SiteConfig) -> tuple[DistrictData, ErrorList]:
    """Typed data for the whole district, plus every problem found in it."""
    errors = ErrorList()
    district = DistrictData(id="district", folder=raw.root, pages=raw.district_pages)
    typed = _fill_common(district, raw.district, cfg, errors, m.DISTRICT_FILES)
    district.district = typed.get("district.yml")
    check_district(district, raw.district, errors)
    for sid, raw_school in sorted(raw.schools.items()):
        school = _school(sid, raw_school, raw, cfg, errors)
        check_school(school, raw_school, errors, cfg.vocabulary)
        district.schools[sid] = school
    if not raw.partial:
        check_featured(district, raw.district, errors)
    elif district.district:  # chosen cases may be in schools not read; no district site is built from this
        district.district = district.district.model_copy(update={"featured_cases": []})
    return district, errors

