"""Column profiles of the registry forms: site_config/forms/<kind>.yml, data rather than code.

A profile says which model field each column of a form feeds and every known spelling of
its heading, so a region adds its own wording without touching Python. Headings are
compared after normalisation: case, «ё», line breaks, double spaces, «Ф.И.О.», a number in
front, commas between words and punctuation at the end do not matter, nor does a remark in brackets.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.config import PROJECT_ROOT
from generator.vocabulary import normalize

FORMS_DIR = PROJECT_ROOT / "site_config" / "forms"
REGISTRIES = ("mentors", "mentees", "pairs")  # the forms that list people
KINDS = (*REGISTRIES, "roadmap", "events")

# A heading that is no field may be a row number, or a column the site does not keep (and why).
IGNORE = "ignore"


@dataclass(frozen=True)
class Unused:
    note: str  # why the column is not read: said in the warning
_PREFIX_MIN = 6  # «ФИО» must not claim «ФИО наставляемого»; «Должность» may claim «Должность наставника»


def norm_header(text) -> str:
    """Comparison key of a heading."""
    text = str(text).lower().replace("ё", "е").replace("\u00a0", " ")
    text = re.sub(r"\bф\.?\s*и\.?\s*о\b\.?", "фио", text)
    text = re.sub(r"^\s*\d+[.)]\s+", "", text)  # «1. ФИО»
    text = re.sub(r"\s*/\s*", "/", text)
    text = re.sub(r"(?<=\w),\s*(?=\w)", " ", text)  # «Фамилия, имя, отчество»
    text = re.sub(r"\s+", " ", text).strip(" .:;,*")
    return normalize(text) if text else ""


def _without_remarks(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text).strip(" .:;,*")


@dataclass(frozen=True)
class Column:
    """One field of a form and how its column is headed."""

    field: str
    header: str | None  # what a template writes; None: read but never written
    type: str = "text"
    spellings: tuple[str, ...] = ()
    required: bool = False
    target: str = "record"  # "pair": feeds the pair a mentee row implies
    part: int | None = None  # surname, given name, patronymic in separate columns
    list: str | None = None  # drop-down list in a template
    template: bool = True
    width: int = 16
    help: str | None = None
    example: str | None = None

    @property
    def key(self) -> str:
        return f"{self.target}.{self.field}"


@dataclass(frozen=True)
class Profile:
    kind: str
    title: str
    sheet: str
    words: tuple[str, ...]  # beginnings of words in a sheet's name or title that point to this form
    columns: tuple[Column, ...]
    ignore: tuple[str, ...] = ()
    unused: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (why the site does not keep them, spellings)
    id_prefix: str | None = None
    _index: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    _cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        for column in self.columns:
            for spelling in (column.header, *column.spellings):
                if spelling:
                    self._index.setdefault(norm_header(spelling), column)
        for spelling in self.ignore:
            self._index.setdefault(norm_header(spelling), IGNORE)
        for note, spellings in self.unused:
            for spelling in spellings:
                self._index.setdefault(norm_header(spelling), Unused(note))

    @property
    def data_file(self) -> str:
        """The YAML file this form stands for: the key of the document in a school's folder."""
        return f"{self.kind}.yml"

    def column(self, name: str, target: str = "record") -> Column:
        return next(c for c in self.columns if c.field == name and c.target == target)

    def template_columns(self) -> list[Column]:
        return [c for c in self.columns if c.template and c.header]

    def match(self, heading: str, typos: bool = False) -> Column | Unused | str | None:
        """The column a heading stands for, IGNORE, Unused, or None when it is unknown.

        typos: also accept a near miss («Ключевые компитенции»); slow, so only for a chosen heading row.
        """
        if heading not in self._cache:  # a heading row is tried many times while looking for it
            text = norm_header(heading)
            self._cache[heading] = self._exact(text) if text and len(text) <= 150 else None
        found = self._cache[heading]
        if found is None and typos and norm_header(heading):
            close = difflib.get_close_matches(norm_header(heading), [s for s in self._index if len(s) >= 8], n=1,
                                              cutoff=0.9)
            found = self._index[close[0]] if close else None
        return found

    def _exact(self, text: str) -> Column | Unused | str | None:
        for candidate in (text, _without_remarks(text)):
            if candidate in self._index:
                return self._index[candidate]
        prefixes = [s for s in self._index if len(s) >= _PREFIX_MIN and text.startswith(s + " ")]
        return self._index[max(prefixes, key=len)] if prefixes else None

    def satisfied(self, found: set[str]) -> bool:
        """Whether the columns found are enough to read this form (a name may come in parts)."""
        for column in self.columns:
            if column.required and column.key not in found:
                parts = column.type == "name" and any(c.part == 0 and c.key in found for c in self.columns)
                if not parts:
                    return False
        return True


@dataclass(frozen=True)
class Values:
    """How tables write values: consent, categories, yes/no, kinds of events (site_config/forms/_values.yml)."""

    words: dict[str, dict[str, str]]  # group → normalised spelling → canonical value
    titles: dict[str, dict[str, str]]  # group → canonical value → the word a template writes
    help_sheets: tuple[str, ...]

    def find(self, group: str, text) -> str | None:
        return self.words[group].get(normalize(str(text)))


def _column(data: dict) -> Column:
    known = {k: data[k] for k in Column.__dataclass_fields__ if k in data}
    known["spellings"] = tuple(str(s) for s in data.get("spellings", ()))
    known.setdefault("header", None)
    return Column(**known)


def _profile(data: dict) -> Profile:
    unused = tuple((" ".join(str(g["note"]).split()), tuple(str(s) for s in g["spellings"]))
                   for g in data.get("unused") or ())
    return Profile(
        kind=data["kind"], title=data["title"], sheet=data["sheet"],
        words=tuple(data.get("words", ())),
        columns=tuple(_column(c) for c in data["columns"]),
        ignore=tuple(str(s) for s in data.get("ignore", ())),
        unused=unused,
        id_prefix=data.get("id_prefix"))


def _read(path: Path) -> dict:
    # Project configuration, not user data: a mistake in it is a bug and may raise.
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.lru_cache(maxsize=4)
def load_profiles(folder: Path = FORMS_DIR) -> dict[str, Profile]:
    return {kind: _profile(_read(folder / f"{kind}.yml")) for kind in KINDS}


@functools.lru_cache(maxsize=4)
def load_values(folder: Path = FORMS_DIR) -> Values:
    data = _read(folder / "_values.yml")
    words: dict[str, dict[str, str]] = {}
    titles: dict[str, dict[str, str]] = {}
    for group in ("consent", "categories", "yes_no", "event_kinds"):
        words[group] = {normalize(str(s)): str(value) for value, spellings in data[group].items()
                        for s in [value, *spellings]}
        titles[group] = {str(value): str(spellings[0]) for value, spellings in data[group].items()}
    return Values(words, titles, tuple(data.get("help_sheets", ())))
