"""JSON Schema of every YAML file kind, generated from the data model (generator/model.py).

Editors (VS Code with the YAML extension and others) read the schema named in a file's first
line, `# yaml-language-server: $schema=…`, to complete keys and flag mistakes while typing.
The schema says what the model accepts: pydantic only sees the types, so the tolerances the
model adds before validation (Russian dates and consent words, a single value for a list,
numbers typed without quotes) and the vocabulary's terms are written in here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BeforeValidator, BaseModel

from generator import model
from generator.config import SiteConfig
from generator.excel.profiles import load_profiles
from generator.load import ARCHIVED_ROADMAP

SCHEMA_DIR = Path("site_config") / "schema"
_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DATE_PATTERN = r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}\s*(г\.?)?)\s*$"
_CONSENT_WORDS = ["none", "initials", "full", "нет", "инициалы", "полностью", "да", "", None, False]
# Fields whose values must be keys of the vocabulary (model: _key), and fields matched to its terms.
_KEYED = {("Act", "level"): "act_levels", ("Document", "type"): "document_types",
          ("School", "kind"): "school_kinds", ("Mentor", "category"): "person_categories",
          ("Mentee", "category"): "person_categories"}
_FORM_FIELDS = {("School", "forms"), ("Mentor", "forms"), ("Pair", "form"), ("Programme", "form"),
                ("Case", "form")}
# Headings of the Excel forms say in Russian what a field is: they become the fields' titles.
# Titles of the other fields, for the editor's tooltip: (model, field) first, then the field alone.
_TITLES = {
    "name": "Полное название или ФИО", "short_name": "Краткое название", "region": "Регион (субъект РФ)",
    "authority": "Орган управления образованием", "centre": "Методический центр",
    "site_url": "Адрес сайта района", "description": "Описание", "curator": "Куратор",
    "position": "Должность", "phone": "Рабочий телефон", "email": "Рабочая почта",
    "consent": "Согласие на публикацию: none, initials, full (нет, инициалы, полностью)",
    "consent_until": "Согласие действует до", "denominators": "Знаменатели показателей (численность)",
    "school_checklist": "Показывать на сайте школы её самообследование",
    "featured_cases": "Лучшие практики района (школа и практика)", "address": "Адрес",
    "site": "Адрес официального сайта школы", "section_url": "Адрес раздела «Наставничество» на сайте школы",
    "forms": "Формы наставничества", "level": "Уровень акта", "title": "Название", "number": "Номер",
    "date": "Дата", "issuer": "Кем издан", "in_force": "Действует (false — утратил силу, уходит с сайта)",
    "url": "Ссылка на файл или страницу", "file": "Файл в папке files/", "id": "Идентификатор (латиницей)",
    "type": "Вид документа", "academic_year": "Учебный год, например 2025/2026",
    "pairs_count": "Число пар (групп) по приказу", "form": "Форма наставничества",
    "role_model": "Ролевая модель", "kind": "Вид наставничества", "start": "Дата начала",
    "end": "Дата окончания", "order": "Приказ о закреплении (идентификатор документа)",
    "programme": "Программа (идентификатор)", "result": "Результат", "goal": "Цель", "tasks": "Задачи",
    "status": "Статус: planned, active или completed", "stage": "Этап программы",
    "completion_approved": "Завершение программы утверждено", "approved_by": "Документ об утверждении (идентификатор)",
    "results": "Результаты", "year": "Учебный год", "summary": "Кратко", "body": "Текст", "pair": "Пара (идентификатор)",
    "school": "Школа (идентификатор)", "case": "Практика (идентификатор)", "end_date": "Дата окончания",
    "place": "Место", "document": "Утверждающий документ (идентификатор)", "items": "Пункты",
    "indicator": "Показатель", "unit": "Единица", "targets": "Плановые значения по годам",
    "actual": "Фактические значения по годам", "compute": "Правило расчёта из site_config/kpi.yml",
    "note": "Примечание", "updated": "Дата обновления базы", "regulations": "Нормативные акты",
    "documents": "Документы", "mentors": "Наставники", "mentees": "Наставляемые", "pairs": "Пары и группы",
    "programmes": "Программы наставничества", "cases": "Лучшие практики", "events": "Новости и мероприятия",
    "kpis": "Показатели", "materials": "Методические материалы",
    ("School", "kind"): "Тип организации", ("School", "name"): "Полное наименование школы",
    ("District", "name"): "Полное название района", ("Pair", "mentors"): "Наставники (идентификаторы из базы)",
    ("Pair", "mentees"): "Наставляемые (идентификаторы из базы)", ("Event", "kind"): "news (новость) или event (мероприятие)",
}
# (Not pairs: there the form has people's names where the YAML has their ids.)
_FORM_OF = {"Mentor": "mentors", "Mentee": "mentees", "RoadmapItem": "roadmap", "Event": "events"}


def schema_name(yaml_name: str) -> str:
    """The schema of a YAML file: roadmap-2024-2025.yml, an archived roadmap, is a roadmap."""
    return "roadmap.json" if ARCHIVED_ROADMAP.fullmatch(yaml_name) else Path(yaml_name).stem + ".json"


def file_models() -> dict[str, type[BaseModel]]:
    """YAML file name → model, over the district's and the schools' folders."""
    return {**model.DISTRICT_FILES, **model.SCHOOL_FILES}


def _read_by(model_class: type[BaseModel] | None, *functions) -> set[str]:
    """Fields of the model whose value first goes through one of these functions (a BeforeValidator)."""
    return {name for name, field in getattr(model_class, "model_fields", {}).items()
            for meta in field.metadata if isinstance(meta, BeforeValidator) and meta.func in functions}


_SINGLE_TO_LIST = (model._as_list, model.TextList.__metadata__[0].func)  # «mentors: m-1» is a list of one
_YES_NO = {"type": "string", "pattern": r"^\s*([Дд][Аа]|[Нн][Ее][Тт])\s*$"}  # «да», «нет» besides true/false


def _loosen(node: Any) -> Any:
    """Dates in both spellings, numbers where text is expected (the model turns them into text)."""
    if isinstance(node, list):
        return [_loosen(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _loosen(value) for key, value in node.items()}
    if node.get("format") == "date":
        del node["format"]
        node["pattern"] = _DATE_PATTERN
        node["description"] = node.get("description") or "дата: ГГГГ-ММ-ДД или ДД.ММ.ГГГГ"
        return node
    if node.get("type") == "string" and "enum" not in node:
        node["type"] = ["string", "number"]
    return node


def _describe(defs: dict, cfg: SiteConfig) -> None:
    """Russian titles from the Excel forms, vocabulary terms, and the tolerances of single fields."""
    profiles = load_profiles()
    for name, definition in defs.items():
        definition.pop("description", None)  # the model's docstring: English, for developers
        props = definition.get("properties", {})
        singles = _read_by(getattr(model, name, None), *_SINGLE_TO_LIST)
        yes_no = _read_by(getattr(model, name, None), model._yes_no)
        for field, prop in props.items():
            title = _TITLES.get((name, field), _TITLES.get(field))
            if title:
                prop["title"] = title
            if name in _FORM_OF:
                column = next((c for c in profiles[_FORM_OF[name]].columns
                               if c.field == field and c.header and c.target == "record"), None)
                if column is not None:
                    prop["title"] = column.header
            if (name, field) in _KEYED:
                _set_values(prop, {"enum": getattr(cfg.vocabulary, _KEYED[name, field]).keys()})
            if (name, field) in _FORM_FIELDS:
                _set_values(prop, {"examples": cfg.vocabulary.forms.names()})
            if field in singles:
                props[field] = {"anyOf": [prop, prop["items"]], **{k: prop[k] for k in ("title",) if k in prop}}
            if field in yes_no:
                kept = {k: prop.pop(k) for k in ("title", "default") if k in prop}
                props[field] = {"anyOf": [prop, _YES_NO], **kept}
        if name == "Consent":
            definition["enum"] = _CONSENT_WORDS
            definition.pop("type", None)


def _set_values(prop: dict, values: dict) -> None:
    """Put the allowed or suggested values on the string part of a field (which may be optional or a list)."""
    target = prop.get("items", prop)
    for option in target.get("anyOf", [target]):
        if option.get("type") != "null":
            option.update(values)


def file_schema(yaml_name: str, model_class: type[BaseModel], cfg: SiteConfig) -> dict:
    schema = model_class.model_json_schema()
    defs = schema.setdefault("$defs", {})
    top_name = model_class.__name__  # described like the nested models, then lifted back to the top
    defs[top_name] = {k: v for k, v in schema.items() if k != "$defs"}
    _describe(defs, cfg)
    top = defs.pop(top_name)
    result = {"$schema": _DIALECT, "title": f"nastavnik: {yaml_name}", **top, "$defs": defs}
    if not result["$defs"]:
        del result["$defs"]
    return _loosen(result)


def generate(cfg: SiteConfig) -> dict[str, str]:
    """Schema file name → its text, for every YAML file kind."""
    texts = {}
    for yaml_name, model_class in sorted(file_models().items()):
        schema = file_schema(yaml_name, model_class, cfg)
        texts[schema_name(yaml_name)] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return texts


def write(folder: Path, cfg: SiteConfig) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate(cfg).items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def modeline(yaml_path: Path, schema_dir: Path) -> str:
    """The first line that points an editor from a YAML file to its schema (a relative path)."""
    target = Path(schema_dir).resolve() / schema_name(Path(yaml_path).name)
    relative = Path(os.path.relpath(target, Path(yaml_path).resolve().parent))
    return f"# yaml-language-server: $schema={relative.as_posix()}\n"
