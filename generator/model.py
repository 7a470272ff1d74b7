"""One typed model for every entity of a district's data.

Field names are English and stable (they are the YAML keys); values such as forms of
mentoring are Russian and checked against site_config/vocabulary.yml, which the
validation stage passes in as context. Every model forbids unknown keys.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from enum import Enum
from typing import Annotated, Any

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr,
                      ValidationInfo)
from pydantic_core import PydanticCustomError

from generator.errors import Location
from generator.vocabulary import Choice, Keyed, Vocabulary

# --- scalar types -------------------------------------------------------------------

# Years a date in the data can have: anything else is a typo (1025, 2205) that would put a pair
# in the archive or keep it «current» for ever. The oldest acts cited are from the 1990s.
MIN_YEAR, MAX_YEAR = 1990, 2100
_RU_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*(г\.?)?\s*$")


def _parse_date(value: Any) -> Any:
    """Accept the Russian «12.09.2023» as well as ISO dates; say which day is impossible."""
    if isinstance(value, str):
        match = _RU_DATE.match(value)
        text = value.strip()
        try:
            if match:
                day, month, year = (int(g) for g in match.groups()[:3])
                return dt.date(year, month, day)
            if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
                return dt.date(*(int(p) for p in text.split("-")))
        except ValueError:
            raise PydanticCustomError(
                "nastavnik", "несуществующая дата «{value}»",
                {"value": value, "hint": "проверьте день и месяц"}) from None
        raise PydanticCustomError(
            "nastavnik", "не удалось прочитать дату «{value}»",
            {"value": value, "hint": "запишите дату как ГГГГ-ММ-ДД (2024-09-01) или ДД.ММ.ГГГГ (01.09.2024)"})
    return value


def _plausible_date(value: dt.date) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise PydanticCustomError(
            "nastavnik", "дата {value} слишком далеко в {side}",
            {"value": value.strftime("%d.%m.") + str(value.year), "side": "прошлом" if value.year < MIN_YEAR else "будущем",
             "hint": f"проверьте год: допустимы годы с {MIN_YEAR} по {MAX_YEAR}"})
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date), AfterValidator(_plausible_date)]

# Characters a web address never holds as they are: whitespace, quotes, angle brackets, backslash.
_URL_BAD = re.compile(r"[\s<>\"'`\\{}|^\x00-\x1f\x7f]")


def _check_url(value: Any) -> Any:
    """An address published as a link: http(s) only, so that it can never run a script."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not re.match(r"https?://[^/\s]", text, re.I):
        raise PydanticCustomError(
            "nastavnik", "адрес «{value}» должен начинаться с http:// или https://",
            {"value": value, "hint": "скопируйте адрес из строки браузера целиком, например https://school.ru/doc.pdf"})
    if _URL_BAD.search(text):
        raise PydanticCustomError(
            "nastavnik", "в адресе «{value}» есть пробел или недопустимый символ",
            {"value": value, "hint": "скопируйте адрес из строки браузера; пробел в адресе записывается как %20"})
    # Brackets are valid in addresses but end a Markdown link early; encoded they mean the same.
    return text.replace("(", "%28").replace(")", "%29")


Url = Annotated[str, BeforeValidator(_check_url)]

_EMAIL = re.compile(r"[^\s@<>()\[\]\"',;:\\]+@[^\s@<>()\[\]\"',;:\\]+\.[^\s@<>()\[\]\"',;:\\]+")


def _check_email(value: Any) -> Any:
    """One or several addresses (a form may list them with commas); pages link the address."""
    if isinstance(value, str) and not all(_EMAIL.fullmatch(part.strip()) for part in value.split(",")):
        raise PydanticCustomError(
            "nastavnik", "адрес почты «{value}» записан неверно",
            {"value": value, "hint": "запишите адрес целиком, например nastavnik@school.ru; несколько — через запятую"})
    return value


Email = Annotated[str, AfterValidator(_check_email)]


def _check_slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise PydanticCustomError(
            "nastavnik", "идентификатор «{value}» должен состоять из латинских строчных букв, цифр, «-» и «_»",
            {"value": value, "hint": "например: m-01, sosh-1, pair-3"})
    return value


Slug = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v), AfterValidator(_check_slug)]


def _parse_academic_year(value: Any) -> str:
    match = re.fullmatch(r"\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})\s*(уч\.?\s*г\.?|учебный год)?\s*", str(value))
    if match:
        first = int(match.group(1))
        second = int(match.group(2)) if len(match.group(2)) == 4 else first // 100 * 100 + int(match.group(2))
        if second == first + 1:
            return f"{first}/{second}"
    raise PydanticCustomError(
        "nastavnik", "учебный год «{value}» записан неверно",
        {"value": value, "hint": "пишите два соседних года через косую черту: 2025/2026"})


AcademicYear = Annotated[str, BeforeValidator(_parse_academic_year)]


def _yes_no(value: Any) -> Any:
    """«да» and «нет», as the messages and the Excel forms write them, besides true/false."""
    if isinstance(value, str) and value.strip().lower() in ("да", "нет"):
        return value.strip().lower() == "да"
    return value


YesNo = Annotated[bool, BeforeValidator(_yes_no)]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, (str, int)) else value


IdList = Annotated[list[Slug], BeforeValidator(_as_list)]
TextList = Annotated[list[str], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)]


class Consent(str, Enum):
    """Consent to distribution of personal data (152-ФЗ ст. 10.1)."""

    none = "none"
    initials = "initials"
    full = "full"


_CONSENT_WORDS = {
    "none": "none", "нет": "none", "": "none", "false": "none",
    "initials": "initials", "инициалы": "initials",
    "full": "full", "полностью": "full", "да": "full",
}


def _parse_consent(value: Any) -> Any:
    if value is None or value is False:
        return "none"
    key = str(value).strip().lower()
    if key in _CONSENT_WORDS:
        return _CONSENT_WORDS[key]
    raise PydanticCustomError(
        "nastavnik", "непонятное согласие на публикацию «{value}»",
        {"value": value, "hint": "допустимо: none (нет), initials (инициалы), full (полностью)"})


ConsentField = Annotated[Consent, BeforeValidator(_parse_consent)]


# --- vocabulary-checked fields ------------------------------------------------------

def _vocab(info: ValidationInfo) -> Vocabulary:
    return info.context["vocabulary"]


def _choose(choice: Choice, value: str) -> str:
    term = choice.find(value)
    if term is not None:
        return term.name
    suggestion = choice.suggest(value)
    hint = f"возможно, «{suggestion}»" if suggestion else "допустимо: " + "; ".join(choice.names())
    raise PydanticCustomError("nastavnik", "{unknown} «{value}»",
                              {"unknown": choice.unknown, "value": value, "hint": hint})


def _key(keyed: Keyed, what: str, value: str) -> str:
    if value in keyed.keys():
        return value
    raise PydanticCustomError("nastavnik", "неизвестное значение {what} «{value}»",
                              {"what": what, "value": value, "hint": "допустимо: " + ", ".join(keyed.keys())})


def _listed(allowed: list[str], what: str, value: str) -> str:
    if value.strip().lower() in allowed:
        return value.strip().lower()
    raise PydanticCustomError("nastavnik", "неизвестное значение {what} «{value}»",
                              {"what": what, "value": value, "hint": "допустимо: " + ", ".join(allowed)})


def _form(value: str, info: ValidationInfo) -> str:
    return _choose(_vocab(info).forms, value)


def _kind(value: str, info: ValidationInfo) -> str:
    return _choose(_vocab(info).kinds, value)


Form = Annotated[str, AfterValidator(_form)]
Kind = Annotated[str, AfterValidator(_kind)]
ActLevel = Annotated[str, AfterValidator(lambda v, i: _key(_vocab(i).act_levels, "уровня акта", v))]
DocType = Annotated[str, AfterValidator(lambda v, i: _key(_vocab(i).document_types, "вида документа", v))]
SchoolKind = Annotated[str, AfterValidator(lambda v, i: _key(_vocab(i).school_kinds, "типа организации", v))]
Category = Annotated[str, AfterValidator(lambda v, i: _key(_vocab(i).person_categories, "категории", v))]


# --- entities -----------------------------------------------------------------------

class Entity(BaseModel):
    # People type «number: 45» or «grade: 10» without quotes; that is text, not a mistake.
    # Infinity and NaN (YAML .inf, .nan) are never a count or a share.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True,
                              allow_inf_nan=False)
    # Where the record was written (set by validation): messages about it can name file and line.
    _where: Location | None = PrivateAttr(default=None)
    _field_where: dict[str, Location] = PrivateAttr(default_factory=dict)

    def where(self, field: str | None = None) -> Location | None:
        # Read directly: pydantic serves private attributes through a slow __getattr__, and the
        # policy asks this of every published record.
        private = self.__pydantic_private__
        return private["_field_where"].get(field, private["_where"]) if field else private["_where"]


class Linked(Entity):
    """Something published as a file beside the data or as a link."""

    url: Url | None = None
    file: str | None = None


class Person(Entity):
    """What every person in the data has: a name and a consent to publish it."""

    name: str
    consent: ConsentField = Consent.none
    consent_until: Date | None = None


class Curator(Person):
    position: str | None = None
    phone: str | None = None
    email: Email | None = None


class FeaturedCase(Entity):
    """A school's case that the methodological centre chose as the district's best practice."""

    school: Slug
    case: Slug


class District(Entity):
    name: str
    short_name: str | None = None
    region: str | None = None
    authority: str | None = None
    centre: str | None = None
    site_url: Url | None = None
    timezone: TimeZone | None = None  # of events and calendars; Europe/Moscow when absent
    description: str | None = None
    curator: Curator | None = None
    # Denominators of computed KPIs for the whole municipality (children living in it …);
    # when absent, the sums of the schools' denominators are used.
    denominators: dict[str, int] = Field(default_factory=dict)
    school_checklist: bool = False  # each school site shows its own compliance checklist
    featured_cases: list[FeaturedCase] = Field(default_factory=list)


class School(Entity):
    name: str
    short_name: str | None = None
    kind: SchoolKind | None = None
    address: str | None = None
    site: Url | None = None
    section_url: Url | None = None
    description: str | None = None
    curator: Curator | None = None
    forms: list[Form] = Field(default_factory=list)
    # Denominators of computed KPIs: pupils aged 10–19, aged 15–19, young specialists.
    denominators: dict[str, int] = Field(default_factory=dict)


class Act(Linked):
    """A normative act: federal and regional ones are declared once for the district."""

    level: ActLevel
    title: str
    number: str | None = None
    date: Date | None = None
    issuer: str | None = None
    in_force: bool = True  # an act that has lost force stays in the data but leaves the site


class Document(Linked):
    id: Slug
    type: DocType
    title: str | None = None
    number: str | None = None
    date: Date | None = None
    academic_year: AcademicYear | None = None
    pairs_count: int | None = Field(default=None, ge=0)  # pairs (groups) an order fixes


class Mentor(Person):
    id: Slug
    category: Category = "teacher"
    position: str | None = None
    subject: str | None = None
    workplace: str | None = None
    competences: TextList = Field(default_factory=list)
    achievements: str | None = None
    interests: str | None = None
    desired_mentee_age: str | None = None
    grade: str | None = None
    age: int | None = Field(default=None, ge=5, le=100)
    birth_year: int | None = Field(default=None, ge=1920, le=2030)
    forms: list[Form] = Field(default_factory=list)
    mentee_requests: str | None = None  # «основные запросы наставляемых» (Р-145)
    place: str | None = None  # «место осуществления программы»
    phone: str | None = None
    email: Email | None = None
    guardian_contacts: str | None = None
    photo: str | None = None


class Mentee(Person):
    id: Slug
    category: Category = "pupil"
    grade: str | None = None
    age: int | None = Field(default=None, ge=5, le=100)
    birth_year: int | None = Field(default=None, ge=1920, le=2030)
    position: str | None = None
    subject: str | None = None
    workplace: str | None = None
    requests: str | None = None
    joined: Date | None = None
    finished: Date | None = None
    result: str | None = None
    completed: bool | None = None  # «отметка о прохождении программы»
    young_specialist: bool = False
    place: str | None = None
    phone: str | None = None
    email: Email | None = None
    guardian_contacts: str | None = None


class Pair(Entity):
    """A pair or a group: one mentor with several mentees, or several mentors with one."""

    id: Slug
    mentors: IdList = Field(min_length=1)
    mentees: IdList = Field(min_length=1)
    form: Form
    role_model: str | None = None
    kind: Annotated[list[Kind], BeforeValidator(_as_list)] = Field(default_factory=list)  # «в группе, виртуальное»
    start: Date
    end: Date | None = None
    order: Slug | None = None
    programme: Slug | None = None
    result: str | None = None


class Programme(Linked):
    """A personalised mentoring programme (3 months to 1 year)."""

    id: Slug
    title: str
    form: Form | None = None
    goal: str | None = None
    tasks: TextList = Field(default_factory=list)
    start: Date | None = None
    end: Date | None = None
    status: str = Field(default="active", pattern="^(planned|active|completed)$")
    stage: Annotated[str, AfterValidator(lambda v, i: _listed(_vocab(i).programme_stages, "этап программы", v))] \
        | None = None
    completion_approved: bool = False
    approved_by: Slug | None = None  # the document that approved the completion (п. 8.2)
    results: str | None = None


class Case(Linked):
    id: Slug
    title: str
    form: Form | None = None
    role_model: str | None = None
    year: AcademicYear | None = None
    summary: str | None = None
    body: str | None = None
    pair: Slug | None = None


def _clock(value: Any) -> Any:
    """«10:00» or «10.00»; YAML reads an unquoted 10:00 as 600 minutes (base 60)."""
    if isinstance(value, (dt.time, dt.datetime)):  # a time cell of a workbook
        return value.strftime("%H:%M")
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"
    match = re.fullmatch(r"\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*", str(value))
    if not match:
        raise PydanticCustomError("nastavnik", "время «{value}» записано неверно",
                                  {"value": value, "hint": "пишите часы и минуты через двоеточие: 10:00, 14:30"})
    return f"{int(match.group(1)):02d}:{match.group(2)}"


@functools.cache
def _known_zones() -> frozenset[str]:
    from zoneinfo import available_timezones  # the zones this Python knows (tzdata); walks its files

    return frozenset(available_timezones())


def _time_zone(value: str) -> str:
    if value not in _known_zones():
        raise PydanticCustomError("nastavnik", "неизвестный часовой пояс «{value}»",
                                  {"value": value, "hint": "например: Europe/Moscow, Europe/Samara, Europe/Kaliningrad"})
    return value


Clock = Annotated[str, BeforeValidator(_clock)]
TimeZone = Annotated[str, AfterValidator(_time_zone)]


class Photo(Entity):
    """A photo of a news item or an event; the alt text is required (checked with the file's line)."""

    file: str
    alt: str | None = None  # what the photo shows, for readers who cannot see it
    caption: str | None = None


class Attachment(Linked):
    """A file or a link of a news item: a programme, a presentation, an order."""

    title: str


class Event(Linked):
    id: Slug
    kind: str = Field(default="news", pattern="^(news|event)$")
    date: Date
    end_date: Date | None = None
    time: Clock | None = None  # when an event starts, local time of its time zone
    end_time: Clock | None = None
    timezone: TimeZone | None = None  # else the district's, else Europe/Moscow
    title: str
    place: str | None = None
    body: str | None = None
    photos: list[Photo] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)


def _item_number(value: Any) -> Any:
    if isinstance(value, float):  # YAML reads 1.10 as the number 1.1: the item would change silently
        raise PydanticCustomError(
            "nastavnik", "номер пункта {value} прочитан как дробное число",
            {"value": value, "hint": "заключите номер в кавычки: number: \"1.10\""})
    return value


class RoadmapItem(Entity):
    number: Annotated[str, BeforeValidator(_item_number)] = Field(pattern=r"^\d+(\.\d+)*\.?$")
    stage: str | None = None
    activity: str
    content: str | None = None
    deadline: str | None = None
    responsible: str | None = None
    result: str | None = None
    done: YesNo = False  # «выполнено» whatever the deadline says
    done_date: Date | None = None  # the day it was done; a build dated earlier shows it not yet done


class Kpi(Entity):
    id: Slug
    indicator: str
    unit: str = "%"
    targets: dict[int, float] = Field(default_factory=dict)
    actual: dict[int, float] = Field(default_factory=dict)
    # A rule from site_config/kpi.yml that counts the KPI from the registries.
    compute: Annotated[str, AfterValidator(lambda v, i: _listed(list(i.context["kpi_rules"]), "правила расчёта", v))] \
        | None = None
    note: str | None = None


class Material(Linked):
    title: str
    description: str | None = None


# --- files: what each YAML file holds -----------------------------------------------

class Registry(Entity):
    """A file of records with the date the school last brought it up to date."""

    updated: Date | None = None


class RegulationsFile(Entity):
    regulations: list[Act] = Field(default_factory=list)


class DocumentsFile(Entity):
    documents: list[Document] = Field(default_factory=list)


class MentorsFile(Registry):
    mentors: list[Mentor] = Field(default_factory=list)


class MenteesFile(Registry):
    mentees: list[Mentee] = Field(default_factory=list)


class PairsFile(Registry):
    pairs: list[Pair] = Field(default_factory=list)


class ProgrammesFile(Entity):
    programmes: list[Programme] = Field(default_factory=list)


class CasesFile(Entity):
    cases: list[Case] = Field(default_factory=list)


class EventsFile(Entity):
    events: list[Event] = Field(default_factory=list)


class RoadmapFile(Entity):
    title: str | None = None
    academic_year: AcademicYear
    document: Slug | None = None
    items: list[RoadmapItem] = Field(default_factory=list)


class KpisFile(Entity):
    kpis: list[Kpi] = Field(default_factory=list)


class MaterialsFile(Entity):
    materials: list[Material] = Field(default_factory=list)


# File name → model, for the district folder and for each school's folder.
COMMON_FILES: dict[str, type[Entity]] = {
    "regulations.yml": RegulationsFile,
    "documents.yml": DocumentsFile,
    "roadmap.yml": RoadmapFile,
    "kpis.yml": KpisFile,
    "events.yml": EventsFile,
    "materials.yml": MaterialsFile,
}
DISTRICT_FILES: dict[str, type[Entity]] = {"district.yml": District, **COMMON_FILES}
SCHOOL_FILES: dict[str, type[Entity]] = {
    "school.yml": School, **COMMON_FILES,
    "mentors.yml": MentorsFile,
    "mentees.yml": MenteesFile,
    "pairs.yml": PairsFile,
    "programmes.yml": ProgrammesFile,
    "cases.yml": CasesFile,
}
