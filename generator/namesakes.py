"""The withheld and named people of a site, indexed by the forms of their names.

A district site answers for every school's people: a couple of hundred thousand names, among
them thousands who share a surname (Иванова) and tens of thousands who share a given name. The
leak check asks, for a surname in the text, which of its bearers the words around it fit; asking
every bearer in turn makes each question cost as many steps as there are namesakes. Here people
whose names have the same forms are one kind (the same name at several schools, or the same
person named twice), and each form of a surname keeps its kinds by their given name, patronymic
and initials, so that a question costs a few dictionary look-ups. These indexes are made for a
form the first time the text holds it: most forms never stand in a site's text.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from generator.nameforms import NameForms
from generator.policy import NameRule

# How specific a mention is; a consenting person explains a mention up to their level.
RANK = {"surname": 0, "initial": 1, "initials": 2, "full": 3}
ALLOWS = {"none": -1, "initials": RANK["initials"], "full": RANK["full"]}


# Up to this many kinds, a surname's questions look at each kind in turn (a few dozen set look-ups)
# rather than through indexes: a region's base of mentors names nearly all its 15,000 surnames, and
# their indexes took 180 MB (12 KB each) and 5 s to make, most of them asked a handful of questions.
_LOOKED_AT_IN_TURN = 64


class _Bearers:
    """The kinds of people one surname may name, by the words that may stand beside it: each kind
    looked at in turn. Every answer lists kinds in the kinds' order."""

    def __init__(self, kinds: list[int], forms: list[NameForms], allows: list[int]):
        self.kinds, self.forms, self.all_allows = kinds, forms, allows
        self.allows = max((allows[k] for k in kinds), default=-1)

    def with_first(self, word: str) -> list[int]:
        return [k for k in self.kinds if word in self.forms[k].firsts]

    def with_patronymic(self, word: str) -> list[int]:
        return [k for k in self.kinds if word in self.forms[k].patronymics]

    def with_initials(self, initials: tuple[str, ...]) -> list[int]:
        """The kinds whose initials begin with these (one letter or more)."""
        return [k for k in self.kinds if self.forms[k].initials[:len(initials)] == initials]

    def initials_allowed(self, initials: tuple[str, ...]) -> int:
        """What the most consenting person with these initials allows (-1: nobody has them)."""
        return max((self.all_allows[k] for k in self.with_initials(initials)), default=-1)


class _IndexedBearers(_Bearers):
    """The same answers for a surname of many kinds (Иванова in a region), by dictionary look-ups.

    The kinds of a surname share few given names and patronymics, so each index holds one list per
    given name (or patronymic) and all its forms point to it, not one list per form."""

    def __init__(self, kinds: list[int], forms: list[NameForms], allows: list[int]):
        super().__init__(kinds, forms, allows)
        firsts: dict[frozenset[str], list[int]] = defaultdict(list)
        patronymics: dict[frozenset[str], list[int]] = defaultdict(list)
        initials: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for kind in kinds:
            name = forms[kind]
            firsts[name.firsts].append(kind)
            patronymics[name.patronymics].append(kind)
            initials[name.initials].append(kind)
        self.firsts, self.patronymics = _index(firsts), _index(patronymics)
        self.initials = _index({frozenset(letters[:n] for n in range(1, len(letters) + 1)): found
                                for letters, found in initials.items()})
        # Whether someone with the initials consented to be named by them: the same whatever the text.
        self.allowed_initials = {key: max(allows[k] for k in found) for key, found in self.initials.items()}

    def with_first(self, word: str) -> list[int]:
        return self.firsts.get(word, [])

    def with_patronymic(self, word: str) -> list[int]:
        return self.patronymics.get(word, [])

    def with_initials(self, initials: tuple[str, ...]) -> list[int]:
        return self.initials.get(initials, [])

    def initials_allowed(self, initials: tuple[str, ...]) -> int:
        return self.allowed_initials.get(initials, -1)


class Namesakes:
    """Every name's rules (each person's consent, in the order of the rules) and forms, by kind."""

    def __init__(self, rules: list[NameRule]):
        self.all_rules = rules
        # People of one name are one kind. Two spellings with the same forms (Ёлкина, Елкина) are two
        # kinds, which every question asks about together: the same answers, one name less to compare.
        kind_of: dict[str, int] = {}
        self.who: list[list[int]] = []  # the people of each kind, in order
        self.allows: list[int] = []  # what the most consenting person of each kind allows
        for person, rule in enumerate(rules):
            kind, allows = kind_of.get(rule.name), ALLOWS[rule.allowed]
            if kind is None:
                kind_of[rule.name] = len(self.who)
                self.who.append([person])
                self.allows.append(allows)
            else:
                self.who[kind].append(person)
                self.allows[kind] = max(self.allows[kind], allows)
        self.forms: list[NameForms] = NameForms.of_all(list(kind_of))
        # Names with one surname share one set of its forms (NameForms.of_all): index the sets, then their forms.
        surnames: dict[frozenset[str], list[int]] = defaultdict(list)
        firsts: dict[frozenset[str], list[int]] = defaultdict(list)
        for kind, forms in enumerate(self.forms):
            surnames[forms.surnames].append(kind)
            firsts[forms.firsts].append(kind)
        self.by_surname, self.by_first = _index(surnames), _index(firsts)
        self._bearers: dict[str, _Bearers] = {}
        self._of_kinds: dict[int, _Bearers] = {}  # by the id of a list of by_surname, which lives as long
        self._addressed: dict[str, dict[str, tuple[list[int], bool]]] = {}

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(self.by_surname) | frozenset(self.by_first)

    def bearers(self, surname: str) -> _Bearers:
        if surname not in self._bearers:
            kinds = self.by_surname[surname]  # one list for the forms of a surname (_index): one _Bearers
            if id(kinds) not in self._of_kinds:
                kind = _Bearers if len(kinds) <= _LOOKED_AT_IN_TURN else _IndexedBearers
                self._of_kinds[id(kinds)] = kind(kinds, self.forms, self.allows)
            self._bearers[surname] = self._of_kinds[id(kinds)]
        return self._bearers[surname]

    def named(self, surname: str, around: tuple[str, str, str, tuple[str, ...]]) -> tuple[int, list[int], bool]:
        """The rank of the mention, the kinds it names most specifically ([]: it fits nobody), and
        whether one of them consented to be named so."""
        before, after, two_before, initials = around
        bearers = self.bearers(surname)
        full = [*bearers.with_first(after), *bearers.with_first(before)]
        if two_before:
            full += [k for k in bearers.with_patronymic(before) if two_before in self.forms[k].firsts]
        if full:
            full = sorted(set(full))
            return RANK["full"], full, any(self.allows[k] >= RANK["full"] for k in full)
        if initials:
            rank = RANK["initials" if len(initials) > 1 else "initial"]
            return rank, bearers.with_initials(initials), bearers.initials_allowed(initials) >= rank
        return RANK["surname"], bearers.kinds, bearers.allows >= RANK["surname"]

    def takes(self, surname: str, first: str, patronymic: str) -> tuple[bool, bool]:
        """Whether a bearer of the surname has this given name, and one of them also this patronymic."""
        kinds = self.bearers(surname).with_first(first)
        if not kinds:
            return False, False
        return True, any(patronymic in self.forms[k].patronymics for k in kinds)

    def addressed(self, first: str, patronymic: str) -> tuple[list[int], bool]:
        """The kinds named by a given name and patronymic without a surname («Анна Петровна»), and
        whether one of them consented to be named in full."""
        if first not in self._addressed:
            by_patronymic: dict[str, list[int]] = defaultdict(list)
            for kind in self.by_first[first]:
                for form in self.forms[kind].patronymics:
                    by_patronymic[form].append(kind)
            self._addressed[first] = {form: (kinds, any(self.allows[k] >= RANK["full"] for k in kinds))
                                      for form, kinds in by_patronymic.items()}
        return self._addressed[first].get(patronymic, ([], False))

    def rules(self, kinds: list[int]) -> list[NameRule]:
        """The rules of the people of these kinds, in the order of the rules."""
        people = self.who[kinds[0]] if len(kinds) == 1 else sorted(p for k in kinds for p in self.who[k])
        return [self.all_rules[p] for p in people]


def _index(groups: dict[frozenset, list[int]]) -> dict:
    """Each form → the kinds whose set of forms holds it, in the kinds' order. Forms of one set share
    its list: nobody may change one."""
    index: dict[str, list[int]] = {}
    merged = set()
    for forms, kinds in groups.items():
        for form in forms:
            if form in index:
                index[form] = index[form] + kinds
                merged.add(form)
            else:
                index[form] = kinds
    for form in merged:
        index[form].sort()
    return index
