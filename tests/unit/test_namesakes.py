"""The index of namesakes judges a mention exactly as asking every bearer of the surname in turn.

The plain way below is the name check as it was before the index (leaks.py): a token object for
each word, and for a surname in the text, every person with that form of surname asked how the
words around fit them.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import namesakes
from generator.leaks import Finding, Scanner, _Token
from generator.nameforms import (NameForms, gender_of, given_forms, norm, patronymic_forms, split_name,
                                 surname_forms)
from generator.namesakes import ALLOWS, RANK
from generator.policy import NameRule

FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Few names, so that people share surnames, given names, initials, or the whole name (one person
# at several schools), and texts put their forms side by side often.
names = st.builds(lambda s, f, p: " ".join(x for x in (s, f, p) if x), st.sampled_from(["Иванова", "Иванов", "Петрова"]),
                  st.sampled_from([None, "Анна", "Иван"]), st.sampled_from([None, "Петровна", "Иванович"]))
rules = st.lists(st.builds(NameRule, names, st.sampled_from(["none", "initials", "full"]),
                           st.sampled_from(["a.yml:1", "b.yml:2"])), min_size=1, max_size=10)
SURNAME_FORMS = ["Иванова", "Ивановой", "ивановой", "Иванов", "Петрова"]
# A name as texts write it: the surname first or last, the given name and patronymic in full or as initials.
ORDERS = [(0, 1, 2), (1, 2, 0), (1, 0), (0, 1), (0,), (0, 1, 2)]
phrases = st.tuples(st.sampled_from(SURNAME_FORMS), st.sampled_from(["Анна", "Анне", "Иван", "А.", "И.", ""]),
                    st.sampled_from(["Петровна", "Иванович", "П.", ""]), st.sampled_from(ORDERS),
                    st.sampled_from(["", "", "ул."])).map(
    lambda p: [w for w in (p[4], *(p[:3][k] for k in p[3])) if w])
tokens = st.lists(st.tuples(phrases, st.lists(st.sampled_from([False, False, True]), min_size=4, max_size=4), st.integers(1, 3)),
                  max_size=5).map(lambda items: [
    _Token(w.lower().replace("ё", "е"), w, line, apart[k]) for words, apart, line in sorted(items, key=lambda i: i[2])
    for k, w in enumerate(words)])


def plain_forms(full: str) -> NameForms:
    """NameForms.of as it was: each name declined on its own."""
    surname, first, patronymic = split_name(full)
    gender = gender_of(first, patronymic, surname)
    return NameForms(frozenset(norm(f) for f in surname_forms(surname, gender)),
                     frozenset(norm(f) for f in given_forms(first, gender)) if first else frozenset(),
                     frozenset(norm(f) for f in patronymic_forms(patronymic, gender)) if patronymic else frozenset(),
                     tuple(norm(p[0]) for p in (first, patronymic) if p))


def _word(tokens: list[_Token], i: int) -> str:
    return tokens[i].word if 0 <= i < len(tokens) else ""


def _initials(tokens: list[_Token], i: int) -> list[str]:
    after = []
    for t in tokens[i + 1: i + 3]:
        if not t.word.endswith(".") or t.apart:
            break
        after.append(t.word[0])
    if after:
        return after
    before = []
    for j in range(i - 1, max(-1, i - 3), -1):
        if not tokens[j].word.endswith(".") or tokens[j + 1].apart:
            break
        before.insert(0, tokens[j].word[0])
    return before


def _around(tokens: list[_Token], i: int, taken: set[int]):
    joined_before = not tokens[i].apart and i - 1 not in taken
    joined_after = i + 1 < len(tokens) and not tokens[i + 1].apart
    before = _word(tokens, i - 1) if joined_before else ""
    two_before = _word(tokens, i - 2) if before and not tokens[i - 1].apart else ""
    return before, _word(tokens, i + 1) if joined_after else "", two_before, tuple(_initials(tokens, i))


def _evidence(around, forms: NameForms):
    before, after, two_before, initials = around
    if after in forms.firsts or before in forms.firsts or (before in forms.patronymics and two_before in forms.firsts):
        return "full"
    if initials:
        if initials != forms.initials[: len(initials)]:
            return None
        return "initials" if len(initials) > 1 else "initial"
    return "surname"


def _judge(people, candidates, token, previous=""):
    if not candidates:
        return []
    best = max(RANK[e] for _, e in candidates)
    top = [people[i][0] for i, e in candidates if RANK[e] == best]
    if any(ALLOWS[rule.allowed] >= best for rule in top):
        return []
    if best == RANK["surname"] and (not token.text[:1].isupper() or previous in {"им", "ул"}):
        return []
    return top


def plain_names_in(scanner: Scanner, tokens: list[_Token], line: int | None = None) -> list[Finding]:
    people = [(rule, plain_forms(rule.name)) for rule in scanner.people.all_rules]
    by_surname, by_first = {}, {}
    for i, (_, forms) in enumerate(people):
        for s in forms.surnames:
            by_surname.setdefault(s, []).append(i)
        for f in forms.firsts:
            by_first.setdefault(f, []).append(i)
    findings, taken = [], set()
    for i, token in enumerate(tokens):
        if token.word in by_surname:
            mine = line is None or token.line == line
            around = _around(tokens, i, taken) if mine else None
            candidates = [(p, e) for p in by_surname[token.word] if mine
                          and (e := _evidence(around, people[p][1])) is not None]
            if i + 1 < len(tokens) and not tokens[i + 1].apart:
                first = tokens[i + 1].word
                patronymic = tokens[i + 2].word if i + 2 < len(tokens) and not tokens[i + 2].apart else ""
                for p in by_surname[token.word]:
                    if first in people[p][1].firsts:
                        taken.add(i + 1)
                        if patronymic in people[p][1].patronymics:
                            taken.add(i + 2)
            previous = tokens[i - 1].word if i > 0 else ""
            findings += [Finding(token.line, token.text, "имя", r) for r in _judge(people, candidates, token, previous)]
        elif token.word in by_first and i + 1 < len(tokens) and i not in taken and (line is None or token.line == line):
            nxt = tokens[i + 1].word if not tokens[i + 1].apart else ""
            candidates = [(p, "full") for p in by_first[token.word] if nxt in people[p][1].patronymics]
            findings += [Finding(token.line, f"{token.text} {tokens[i + 1].text}", "имя", r)
                         for r in _judge(people, candidates, token)]
    return findings


def _words(text: str) -> list[_Token]:
    return [_Token(w.lower(), w, 1) for w in text.split()]


@FUZZ
@given(rules, tokens, st.sampled_from([None, 1, 2]))
# The patronymic taken by the first Иванова is no evidence for the second one.
@example([NameRule("Иванова Анна Петровна", "initials", "a"), NameRule("Иванова Анна", "none", "b")],
         _words("Иванова Анна Петровна Иванова"), None)
# Nothing stands two words before the second word: not even the last word of the text.
@example([NameRule("Иванова Анна Петровна", "initials", "a")],
         [*_words("Петровна Иванова"), _Token("анна", "Анна", 1, apart=True)], None)
def test_the_index_finds_what_asking_every_namesake_finds_in_the_same_order(people, words, line):
    # Both ways of asking a surname's kinds: in turn (up to _LOOKED_AT_IN_TURN kinds), by indexes (more).
    for in_turn in (namesakes._LOOKED_AT_IN_TURN, 0):
        saved, namesakes._LOOKED_AT_IN_TURN = namesakes._LOOKED_AT_IN_TURN, in_turn
        try:
            scanner = Scanner(people, [])
            assert scanner.names_in(words, line) == plain_names_in(scanner, words, line)
        finally:
            namesakes._LOOKED_AT_IN_TURN = saved


def test_a_surname_of_many_kinds_is_asked_through_indexes_and_of_few_in_turn():
    few = Scanner([NameRule("Иванова Анна", "none", "a")], []).people
    many = Scanner([NameRule(f"Иванова {first} {patronymic}", "none", "a") for first in ("Анна", "Мария", "Ольга")
                    for patronymic in ("Петровна", "Ивановна", "Сергеевна", "Олеговна")], []).people
    saved, namesakes._LOOKED_AT_IN_TURN = namesakes._LOOKED_AT_IN_TURN, 11
    try:
        assert type(few.bearers("иванова")).__name__ == "_Bearers"
        assert type(many.bearers("иванова")).__name__ == "_IndexedBearers"
        assert many.bearers("иванова").with_first("ольге") == [8, 9, 10, 11]
    finally:
        namesakes._LOOKED_AT_IN_TURN = saved


@FUZZ
@given(st.lists(names, max_size=20))
def test_names_declined_together_are_declined_as_one_by_one(full_names):
    assert NameForms.of_all(full_names) == [plain_forms(name) for name in full_names]
