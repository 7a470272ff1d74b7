"""Cell values as the model wants them: what people type into registries, made exact.

A cell may hold an Excel date or a date typed as text («12.09.2023», «12.09.23», «сентябрь
2023»), a number stored as text or text stored as a number, several values in one cell.
Each converter returns the value, or raises CellError with a Russian message and hint.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.excel.profiles import Values


class CellError(ValueError):
    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


# Month names in the nominative and genitive, and their usual abbreviations.
_MONTH_NAMES = re.compile(r"январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|"
                          r"октябр[ья]|ноябр[ья]|декабр[ья]|янв|фев|мар|апр|авг|сент?|окт|нояб?|дек")
_MONTH_STEMS = ["янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_MY = re.compile(r"(\d{1,2})[./](\d{4})")
_WORDS_DATE = re.compile(r"(?:(\d{1,2})\s+)?([а-яё]+)\.?\s+(\d{4})")
_YEAR_SUFFIX = re.compile(r"\s*(г\.?|года?)\s*$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_HINT = "запишите дату как ДД.ММ.ГГГГ (например, 12.09.2023) или выберите формат ячейки «Дата»"
_LIST_SPLIT = re.compile(r"\s*(?:;|\n)\s*")
_NAMES_SPLIT = re.compile(r"\s*(?:[;,]|\n)\s*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """One line of text: numbers without «.0», spaces and line breaks collapsed."""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return " ".join(str(value).split())


def long_text(value: Any) -> str:
    """Text whose line breaks mean something (a description): each line tidied, breaks kept."""
    if not isinstance(value, str):
        return text(value)
    return "\n".join(" ".join(line.split()) for line in value.splitlines()).strip()


def person_name(value: Any) -> str:
    """«Иванова  А.П.» → «Иванова А. П.»: one spelling, so the same person is found everywhere."""
    name = text(value)
    return re.sub(r"(?<=\b\w)\.(?=\w)", ". ", name)


def _month(word: str) -> int | None:
    word = word.lower().replace("ё", "е")
    if not _MONTH_NAMES.fullmatch(word):
        return None
    return next(i for i, stem in enumerate(_MONTH_STEMS, 1) if word.startswith(stem))


def _make_date(year: int, month: int, day: int, typed: str) -> dt.date:
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"дата «{typed}» не существует", "проверьте день и месяц") from None


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial day number in a cell not formatted as a date
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError(f"не удалось прочитать дату «{text(value)}»", _DATE_HINT)
    typed = text(value)
    clean = _YEAR_SUFFIX.sub("", typed.lower())
    if match := _DMY.fullmatch(clean):
        day, month, year = (int(g) for g in match.groups())
        return _make_date(year, month, day, typed)
    if match := _YMD.fullmatch(clean):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, typed)
    if match := _MY.fullmatch(clean):
        return _make_date(int(match.group(2)), int(match.group(1)), 1, typed)
    if (match := _WORDS_DATE.fullmatch(clean)) and (month := _month(match.group(2))):
        return _make_date(int(match.group(3)), month, int(match.group(1) or 1), typed)
    raise CellError(f"не удалось прочитать дату «{typed}»", _DATE_HINT)


def integer(value: Any) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    match = re.fullmatch(r"(\d+)(?:[.,]0+)?(?:\s*(?:лет|год|года|г\.?))?", text(value).lower())
    if match:
        return int(match.group(1))
    raise CellError(f"ожидается целое число, а записано «{text(value)}»", "оставьте в ячейке только число")


def year(value: Any) -> int:
    """A year of birth, typed as a year or as the whole date of birth."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    typed = text(value)
    if re.fullmatch(r"\d{4}(?:\.0+)?(?:\s*г\.?)?", typed):
        return int(typed[:4])
    return date(value).year


def text_list(value: Any, commas: bool = False) -> list[str]:
    """Several values in one cell: separated by «;» or line breaks, and by commas where no value has one."""
    raw = value if isinstance(value, str) else text(value)
    return [text(p) for p in (_NAMES_SPLIT if commas else _LIST_SPLIT).split(raw.strip()) if p.strip()]


def names(value: Any) -> list[str]:
    """Several people in one cell: «Иванова А. П.; Петров И. И.» (names have no commas)."""
    return [person_name(n) for n in text_list(value, commas=True)]


def choice(values: Values, group: str, value: Any, what: str, hint: str) -> str:
    found = values.find(group, text(value))
    if found is None:
        raise CellError(f"{what} «{text(value)}»", hint)
    return found


def contacts(value: Any) -> dict[str, str]:
    """«+7 900 000-00-00, ivanova@school.ru» in one cell: e-mail apart from the rest."""
    typed = text(value)
    emails = _EMAIL.findall(typed)
    rest = _EMAIL.sub("", typed).strip(" ,;")
    found = {"email": ", ".join(emails)} if emails else {}
    if rest:
        found["phone"] = rest
    return found
