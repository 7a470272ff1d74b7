"""A district whose every free-text field holds the usual XSS payloads, and a check of built HTML.

The text fields are found by walking the models of generator/model.py: a field whose type is
plain `str` (not an id, a date, a vocabulary term or an address, which validation restricts)
gets a payload, so a field added to a model later is covered without changing this file.
"""

from __future__ import annotations

import typing
from html.parser import HTMLParser
from pathlib import Path

import yaml
from pydantic import BaseModel, BeforeValidator

from generator import model as m
from tests.minidistrict import make_district

PAYLOAD = ("<script>alert('x1')</script> <img src=x onerror=alert('x2')> \"><svg onload=alert('x3')> "
           "'><iframe src=javascript:alert('x4')></iframe> [ссылка](javascript:alert('x5')) "
           "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
           "<a href=\"javascript:alert('x6')\">a</a> <details open ontoggle=alert('x7')> "
           "![img](#x \"onerror=alert('x8')\") <style>*{color:red}</style> {{ 7*7 }} </textarea>")
# Values for the fields that are not free text but are required; every other text field gets PAYLOAD.
REQUIRED = {
    "id": "x-1", "level": "federal", "type": "order_pairs", "form": "учитель – ученик", "start": "2025-09-20",
    "date": "2025-10-01", "academic_year": "2025/2026", "number": "1", "mentors": ["m-1"], "mentees": ["u-1"],
}
PEOPLE_NAMES = {m.Mentor: "Громова Лидия Павловна", m.Mentee: "Шишкин Тимур Русланович",
                m.Curator: "Лебедева Инна Олеговна"}


def _is_free_text(annotation) -> bool:
    """Plain str or Optional[str], or a list of them; Annotated types carry a validator."""
    if annotation is str:
        return True
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        return any(_is_free_text(a) for a in args if a is not type(None))
    return origin is list and args and args[0] is str


def _entity_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _entity_model(arg)
        if found:
            return found
    return None


def record(model: type[BaseModel], ident: str | None = None) -> dict:
    """One record of model with a payload in every free-text field, nested records included."""
    values: dict = {}
    for name, field in model.model_fields.items():
        annotation = field.annotation
        text_list = typing.get_origin(annotation) is list and all(
            isinstance(v, BeforeValidator) for v in field.metadata)  # TextList: one text or several
        if name in ("url", "site", "site_url", "section_url", "file", "photo", "role_model") or (
                field.metadata and name not in REQUIRED and not text_list):
            continue  # checked against a vocabulary or a pattern, or an address (tests/corpus/url-*)
        nested = _entity_model(annotation)
        if nested is not None and nested not in (m.FeaturedCase,):
            many = typing.get_origin(annotation) is list or list in map(typing.get_origin, typing.get_args(annotation))
            values[name] = [record(nested)] if many else record(nested)
        elif name == "name" and model in PEOPLE_NAMES:
            values[name] = PEOPLE_NAMES[model]
        elif name in REQUIRED and field.is_required():
            values[name] = REQUIRED[name]
        elif _is_free_text(annotation):
            values[name] = [PAYLOAD] if typing.get_origin(annotation) is list else PAYLOAD
        elif name == "number":
            values[name] = "1"
    if "id" in model.model_fields:
        values["id"] = ident or {m.Mentor: "m-1", m.Mentee: "u-1"}.get(model, "x-1")
    if issubclass(model, m.Person):
        values["consent"] = "full"
    if model is m.Photo:
        values["file"] = "files/photo.png"  # a real file: xss_district writes it into each folder
    return values


def xss_district(root: Path) -> Path:
    """The small district with every file of school «alpha» and of the district full of payloads."""
    files = {}
    for name, model in m.SCHOOL_FILES.items():
        files[f"schools/alpha/{name}"] = yaml.safe_dump(record(model), allow_unicode=True, sort_keys=False)
    for name, model in m.DISTRICT_FILES.items():
        if name in m.COMMON_FILES:
            files[name] = yaml.safe_dump(record(model), allow_unicode=True, sort_keys=False)
    district = record(m.District)
    district["featured_cases"] = [{"school": "alpha", "case": "x-1"}]
    files["district.yml"] = yaml.safe_dump(district, allow_unicode=True, sort_keys=False)
    content = {"content/district/stranica.md": "# Страница\n\n" + PAYLOAD + "\n"}
    data = make_district(root, files)
    for folder in (data, data / "schools/alpha"):
        (folder / "files").mkdir(exist_ok=True)
        (folder / "files/photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    for name, text in content.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return data


_URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster"}
_BAD_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base"}


class LiveMarkup(HTMLParser):
    """Collects every piece of markup a payload could have made live, and the payload text seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text_seen = False
        self._script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in _URL_ATTRS and value.startswith(("javascript:", "data:text", "vbscript:")):
                self.found.append(f"<{tag} {name}={value[:30]}>")
        if tag in _BAD_TAGS:
            self.found.append(f"<{tag}>")
        self._script = tag == "script"
        if tag == "script" and "alert" in str(attrs):
            self.found.append("<script> with alert in attributes")

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script and "alert(" in data:
            self.found.append("<script>" + data.strip()[:40])
        elif "onerror=alert('x2')" in data:
            self.text_seen = True


def live_markup(html: str) -> LiveMarkup:
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser
