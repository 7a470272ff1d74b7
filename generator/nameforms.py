"""Every usual written form of a Russian personal name, for finding it in published text.

Surnames decline by regular rules (Иванова → Ивановой, Иванову), which also cover surnames
no dictionary knows; given names are irregular (Павел → Павла, Лев → Льва), so they come
from the pymorphy3 dictionary, with the regular endings as a fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

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


def _declension(word: str, gender: str) -> list[str]:
    """The six case forms (nom, gen, dat, acc, ins, prep) of a surname by its ending."""
    low = word.lower()
    for ending, cases in _SURNAME_RULES[gender]:
        if low.endswith(ending):
            stem = word[: len(word) - len(ending)]
            return [stem + c for c in cases]
    if _INDECLINABLE.search(low):
        return [word] * 6
    stem = word[:-1]
    if low.endswith("я"):  # Зуля: like nouns of the first declension
        return [word, stem + "и", stem + "е", stem + "ю", stem + "ей", stem + "е"]
    if low.endswith("а"):  # Кочерга, Дубина
        soft = low[-2:-1] in "гкхжчшщ"
        return [word, stem + ("и" if soft else "ы"), stem + "е", stem + "у", stem + "ой", stem + "е"]
    if gender == "m" and low.endswith(("ь", "й")):
        return [word, stem + "я", stem + "ю", stem + "я", stem + "ем", stem + "е"]
    if gender == "m" and _CONSONANT.search(low):  # Мороз, Шмидт; a woman's «Шмидт» does not change
        return [word, word + "а", word + "у", word + "а", word + "ом", word + "е"]
    return [word] * 6


def _ending_forms(word: str, gender: str | None) -> set[str]:
    """Regular case endings; for an unknown gender both genders' forms are taken."""
    return {form for g in ([gender] if gender else ["m", "f"]) for form in _declension(word, g)}


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)  # a district has a few hundred distinct given names among thousands of people
def _dictionary_forms(word: str, grammeme: str, gender: str | None) -> frozenset[str]:
    forms = set()
    for parse in _morph().parse(word):
        tags = parse.tag
        if grammeme not in tags or (gender and tags.gender and tags.gender != {"m": "masc", "f": "femn"}[gender]):
            continue
        for case in _CASES:
            inflected = parse.inflect({case, "sing"})
            if inflected:
                forms.add(inflected.word)
    return frozenset(_like(f, word) for f in forms)


def _like(form: str, model: str) -> str:
    return form.capitalize() if model[:1].isupper() else form


@lru_cache(maxsize=4096)
def _name_genders(first: str) -> frozenset[str]:
    return frozenset(parse.tag.gender for parse in _morph().parse(first) if "Name" in parse.tag)


def gender_of(first: str | None, patronymic: str | None, surname: str) -> str | None:
    """From the patronymic, else the given name, else the surname (Дубина may be a man)."""
    if patronymic:
        low = patronymic.lower()
        if low.endswith("ич"):
            return "m"
        if low.endswith(("вна", "чна", "шна")):
            return "f"
    if first:
        genders = _name_genders(first)
        if genders == {"masc"}:
            return "m"
        if genders == {"femn"}:
            return "f"
    low = surname.lower()
    if low.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая")):
        return "f"
    if low.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой")):
        return "m"
    return None


def surname_forms(surname: str, gender: str | None) -> set[str]:
    """Double surnames decline part by part, case by case: Римского-Корсакова, Петровой-Водкиной."""
    parts = surname.split("-")
    forms = set()
    for g in ([gender] if gender else ["m", "f"]):
        declined = [_declension(part, g) for part in parts]
        forms |= {"-".join(d[case] for d in declined) for case in range(6)}
    return forms


@lru_cache(maxsize=4096)
def given_forms(name: str, gender: str | None) -> frozenset[str]:
    # Cached: a region has a few hundred given names for a hundred thousand people, and the
    # dictionary lookup costs a millisecond each time.
    return frozenset({name} | _dictionary_forms(name, "Name", gender) |
                     (_ending_forms(name, gender) if gender == "f" else set()))


def patronymic_forms(patronymic: str, gender: str | None) -> set[str]:
    low = patronymic.lower()
    if low.endswith("ич"):
        # Unstressed -вич takes -ем (Ивановичем); stressed Ильич, Кузьмич take -ом (Ильичом).
        return {patronymic + e for e in ("", "а", "у", "ем", "ом", "е")}
    if low.endswith("на"):
        stem = patronymic[:-1]
        return {patronymic} | {stem + e for e in ("ы", "е", "у", "ой")}
    return {patronymic}


def split_name(full: str) -> tuple[str, str | None, str | None]:
    """«Фамилия Имя Отчество», the order registries use."""
    parts = full.split()
    return parts[0], (parts[1] if len(parts) > 1 else None), (" ".join(parts[2:]) or None)


def norm(word: str) -> str:
    if len(word) > _SLICE:
        return "".join(piece.lower().replace("ё", "е") for _, piece in slices(word, _SLICE))
    return word.lower().replace("ё", "е")


# str.lower() of non-ASCII text takes a buffer of 12 bytes a character: 170 MB for a 14-MB export.
_SLICE = 1 << 20


def slices(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) of consecutive pieces of text, of about size characters each, cut at spaces.
    No word holds a space, and the only letter lowered by its neighbours (Greek sigma) looks no
    further than one: the pieces have the words of the text, and lower as it does."""
    start = 0
    while len(text) - start > size and (end := text.find(" ", start + size)) >= 0:
        yield start, text[start:end]
        start = end
    yield start, text[start:]


class NameForms(NamedTuple):
    """The forms of one person's name, normalised (lower case, «ё» as «е»). A tuple: a region's
    district site makes 200,000 of them on every build, and a frozen dataclass takes 4 times as long."""

    surnames: frozenset[str]
    firsts: frozenset[str]
    patronymics: frozenset[str]
    initials: tuple[str, ...]  # first letters of the given name and patronymic

    @classmethod
    def of(cls, full: str) -> "NameForms":
        return cls.of_all([full])[0]

    @classmethod
    def of_all(cls, names: list[str]) -> list["NameForms"]:
        """NameForms.of each name; a name, surname, given name or patronymic that repeats is declined
        once, and names that share a surname (or a given name and patronymic) share one set of its forms.

        A region repeats given names and patronymics by the thousand, and surnames by the hundred."""
        made: dict[tuple, frozenset[str]] = {}

        def forms(kind, word: str, gender: str | None) -> frozenset[str]:
            key = (kind, word, gender)
            if key not in made:
                made[key] = frozenset(norm(f) for f in kind(word, gender))
            return made[key]

        given: dict[tuple, tuple] = {}
        known: dict[str, NameForms] = {}
        for full in names:
            if full in known:
                continue
            surname, first, patronymic = split_name(full)
            gender = gender_of(first, patronymic, surname)
            rest = given.get((first, patronymic, gender))
            if rest is None:
                rest = given[(first, patronymic, gender)] = (
                    forms(given_forms, first, gender) if first else frozenset(),
                    forms(patronymic_forms, patronymic, gender) if patronymic else frozenset(),
                    tuple(norm(p[0]) for p in (first, patronymic) if p))
            known[full] = tuple.__new__(cls, (forms(surname_forms, surname, gender), *rest))
        return [known[full] for full in names]
