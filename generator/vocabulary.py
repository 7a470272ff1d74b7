"""The mentoring vocabulary from site_config/vocabulary.yml and tolerant matching against it."""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field

_DASHES = re.compile(r"\s*[-‐‑‒–—―]\s*")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Comparison key: case, «ё», spaces and the kind of dash do not matter."""
    # Validation asks this of the same few spellings (forms, kinds) thousands of times.
    return _normalized(text) if isinstance(text, str) else _normalize(text)


@functools.lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    return _normalize(text)


def _normalize(text) -> str:
    text = str(text).strip().lower().replace("ё", "е").strip(" .;,")
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text)


@dataclass
class Term:
    name: str
    aliases: list[str] = field(default_factory=list)
    children: list["Term"] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass
class Choice:
    """A closed list of names with aliases; finds the canonical name or the nearest one."""

    unknown: str  # the message's words, with the right gender: «неизвестная форма наставничества»
    terms: list[Term]

    def __post_init__(self) -> None:
        self._index = {}
        for term in self.terms:
            for spelling in [term.name, *term.aliases]:
                self._index[normalize(spelling)] = term

    def find(self, text: str) -> Term | None:
        return self._index.get(normalize(text))

    def suggest(self, text: str) -> str | None:
        close = difflib.get_close_matches(normalize(text), list(self._index), n=1, cutoff=0.6)
        return self._index[close[0]].name if close else None

    def names(self) -> list[str]:
        return [t.name for t in self.terms]


@dataclass
class Keyed:
    """A list of (key, title) pairs such as act levels or document types, in display order."""

    items: list[dict]

    def keys(self) -> list[str]:
        return [i["key"] for i in self.items]

    def title(self, key: str) -> str:
        return next(i["title"] for i in self.items if i["key"] == key)

    def get(self, key: str) -> dict:
        return next(i for i in self.items if i["key"] == key)


@dataclass
class Vocabulary:
    forms: Choice
    kinds: Choice
    act_levels: Keyed
    document_types: Keyed
    school_kinds: Keyed
    person_categories: Keyed
    programme_stages: list[str]
    _role_choices: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_data(cls, data: dict) -> "Vocabulary":
        forms = [
            Term(f["name"], f.get("aliases", []),
                 [Term(r) for r in f.get("role_models", [])], {"for": f.get("for")})
            for f in data["forms"]
        ]
        kinds = [Term(k["name"], k.get("aliases", [])) for k in data["kinds"]]
        return cls(
            forms=Choice("неизвестная форма наставничества", forms),
            kinds=Choice("неизвестный вид наставничества", kinds),
            act_levels=Keyed(data["act_levels"]),
            document_types=Keyed(data["document_types"]),
            school_kinds=Keyed(data["school_kinds"]),
            person_categories=Keyed(data["person_categories"]),
            programme_stages=list(data["programme_stages"]),
        )

    def role_models(self, form_name: str) -> Choice:
        form = self.forms.find(form_name)
        key = form.name if form else None
        # One Choice per form: each pair and case asks for its form's, and making one indexes every spelling.
        if key not in self._role_choices:
            self._role_choices[key] = Choice("неизвестная ролевая модель", form.children if form else [])
        return self._role_choices[key]

    def minor_categories(self) -> set[str]:
        return {i["key"] for i in self.person_categories.items if i.get("minor")}
