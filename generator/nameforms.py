"""Every usual written form of a Russian personal name, for finding it in published text.

Surnames decline by regular rules (Иванова → Ивановой, Иванову), which also cover surnames
no dictionary knows; given names are irregular (Павел → Павла, Лев → Льва), so they come
from the pymorphy3 dictionary, with the regular endings as a fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

# Surname endings → forms in the cases (nom, gen, dat, acc, ins, prep), per gender.
_SURNAME_RULES = {
    "m": [("ский", ["ский", "ского", "скому", "ского", "ским", "ском"]),
          ("цкий", ["цкий", "цкого", "цкому", "цкого", "цким", "цком"]),
          ("ой", ["ой", "ого", "ому", "ого", "ым", "ом"]),
          ("ов", ["ов", "ова", "ову", "ова", "овым", "ове"]),
          ("ев", ["ев", "ева", "еву", "ева", "евым", "еве"]),
          ("ёв", ["ёв", "ёва", "ёву", "ёва", "ёвым", "ёве"]),
          ("ин", ["ин", "ина", "ину", "ина", "иным", "ине"]),
          ("ын", ["ын", "ына", "ыну", "ына", "ыным", "ыне"])],
    "f": [("ская", ["ская", "ской", "ской", "скую", "ской", "ской"]),
          ("цкая", ["цкая", "цкой", "цкой", "цкую", "цкой", "цкой"]),
          ("ая", ["ая", "ой", "ой", "ую", "ой", "ой"]),
          ("ова", ["ова", "овой", "овой", "ову", "овой", "овой"]),
          ("ева", ["ева", "евой", "евой", "еву", "евой", "евой"]),
          ("ёва", ["ёва", "ёвой", "ёвой", "ёву", "ёвой", "ёвой"]),
          ("ина", ["ина", "иной", "иной", "ину", "иной", "иной"]),
          ("ына", ["ына", "ыной", "ыной", "ыну", "ыной", "ыной"])],
}
_INDECLINABLE = re.compile(r"(ых|их|ко|енко|о|е|и|у|ю|э)$")
_CONSONANT = re.compile(r"[бвгджзклмнпрстфхцчшщ]$")


def _ending_forms(word: str, gender: str | None) -> set[str]:
    """Regular case endings; for an unknown gender both genders' forms are taken."""
    genders = [gender] if gender else ["m", "f"]
    forms = {word}
    low = word.lower()
    for g in genders:
        for ending, cases in _SURNAME_RULES[g]:
            if low.endswith(ending):
                stem = word[: len(word) - len(ending)]
                forms |= {stem + c for c in cases}
                break
        else:
            if _INDECLINABLE.search(low):
                continue
            if low.endswith(("а", "я")):  # Кочерга, Зуля: like nouns of the first declension
                soft = low.endswith("я") or low[-2:-1] in "гкхжчшщ"
                stem = word[:-1]
                forms |= {stem + e for e in (("и", "е", "ю", "ей") if low.endswith("я") else
                                             ("и" if soft else "ы", "е", "у", "ой"))}
            elif g == "m" and low.endswith(("ь", "й")):
                stem = word[:-1]
                forms |= {stem + e for e in ("я", "ю", "ем", "е")}
            elif g == "m" and _CONSONANT.search(low):  # Мороз, Шмидт; a woman's «Шмидт» does not change
                forms |= {word + e for e in ("а", "у", "ом", "ым", "е")}
    return forms


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _dictionary_forms(word: str, grammeme: str, gender: str | None) -> set[str]:
    forms = set()
    for parse in _morph().parse(word):
        tags = parse.tag
        if grammeme not in tags or (gender and tags.gender and tags.gender != {"m": "masc", "f": "femn"}[gender]):
            continue
        for case in _CASES:
            inflected = parse.inflect({case, "sing"})
            if inflected:
                forms.add(inflected.word)
    return {_like(f, word) for f in forms}


def _like(form: str, model: str) -> str:
    return form.capitalize() if model[:1].isupper() else form


def gender_of(first: str | None, patronymic: str | None, surname: str) -> str | None:
    if patronymic:
        low = patronymic.lower()
        if low.endswith(("вич", "ич")):
            return "m"
        if low.endswith(("вна", "чна", "шна")):
            return "f"
    low = surname.lower()
    if low.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая")):
        return "f"
    if low.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой")):
        return "m"
    if first:
        for parse in _morph().parse(first):
            if "Name" in parse.tag and parse.tag.gender in ("masc", "femn"):
                return "m" if parse.tag.gender == "masc" else "f"
    return None


def surname_forms(surname: str, gender: str | None) -> set[str]:
    # Double surnames decline part by part: Петрова-Водкина.
    parts = surname.split("-")
    if len(parts) > 1:
        declined = [sorted(surname_forms(p, gender)) for p in parts]
        return {"-".join(p[min(i, len(p) - 1)] for p in declined) for i in range(max(map(len, declined)))} | {surname}
    return _ending_forms(surname, gender)


def given_forms(name: str, gender: str | None) -> set[str]:
    return {name} | _dictionary_forms(name, "Name", gender) | (_ending_forms(name, gender) if gender == "f" else set())


def patronymic_forms(patronymic: str, gender: str | None) -> set[str]:
    low = patronymic.lower()
    if low.endswith("ич"):
        return {patronymic + e for e in ("", "а", "у", "ем")} | {patronymic[:-2] + "иче"}
    if low.endswith("на"):
        stem = patronymic[:-1]
        return {patronymic} | {stem + e for e in ("ы", "е", "у", "ой")}
    return {patronymic}


def split_name(full: str) -> tuple[str, str | None, str | None]:
    """«Фамилия Имя Отчество», the order registries use."""
    parts = full.split()
    return parts[0], (parts[1] if len(parts) > 1 else None), (" ".join(parts[2:]) or None)


def norm(word: str) -> str:
    return word.lower().replace("ё", "е")


@dataclass(frozen=True)
class NameForms:
    """The forms of one person's name, normalised (lower case, «ё» as «е»)."""

    surnames: frozenset[str]
    firsts: frozenset[str]
    patronymics: frozenset[str]
    initials: tuple[str, ...]  # first letters of the given name and patronymic

    @classmethod
    def of(cls, full: str) -> "NameForms":
        surname, first, patronymic = split_name(full)
        gender = gender_of(first, patronymic, surname)
        return cls(
            surnames=frozenset(norm(f) for f in surname_forms(surname, gender)),
            firsts=frozenset(norm(f) for f in given_forms(first, gender)) if first else frozenset(),
            patronymics=frozenset(norm(f) for f in patronymic_forms(patronymic, gender)) if patronymic else frozenset(),
            initials=tuple(norm(p[0]) for p in (first, patronymic) if p),
        )
