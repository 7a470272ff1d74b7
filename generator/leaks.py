"""Finds personal data that the policy withheld in any text: names in any written form, contacts.

A name is found by its surname in any grammatical case, then judged by what stands next
to it: the given name or patronymic (the full name), initials, or nothing (the surname
alone). A mention is a leak unless a person allowed to be named that way explains it:
«Петров И. С.», who consented, is not a leak of the pupil «Петров Иван».
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass

from generator.nameforms import NameForms, norm
from generator.policy import ContactRule, NameRule

_TOKEN = re.compile(r"[^\W\d_]\.|[^\W\d_]+(?:-[^\W\d_]+)*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d\s\-()‐–]{5,}\d")
_SNILS = re.compile(r"\b\d{3}-\d{3}-\d{3}[ -]\d{2}\b")
_TAG = re.compile(r"<[^>]*>")
# Cells, items and paragraphs part names: «| Петрова Анна | Иванова А. П. |» is two people.
_BLOCK_TAG = re.compile(r"</?(?:td|th|tr|li|p|div|br|h[1-6]|table|thead|tbody|tfoot|ul|ol|dt|dd|caption|"
                        r"figcaption|option|label|section|article|header|footer|nav|aside)\b[^>]*>", re.I)
_ATTR = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")
_SEPARATOR = re.compile(r"[;,|()/:]")
_MAY_HOLD_CONTACT = re.compile(r"[@\d]")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
# Words after which a lone surname names a street, a school or a prize, not a person.
_PLACE_WORDS = {"им", "имени", "ул", "улица", "улице", "улицы", "пр", "проспект", "пер", "переулок", "пл",
                "площадь", "бульвар", "б-р", "премия", "премии", "стипендия", "стипендии"}
# How specific a mention is; a consenting person explains a mention up to their level.
_RANK = {"surname": 0, "initial": 1, "initials": 2, "full": 3}
_ALLOWS = {"none": -1, "initials": _RANK["initials"], "full": _RANK["full"]}


@dataclass(frozen=True)
class Finding:
    line: int
    found: str
    what: str  # «имя», «телефон», «e-mail», «СНИЛС»
    rule: NameRule | ContactRule | None


@dataclass
class _Token:
    word: str  # normalised
    text: str  # as written
    line: int
    apart: bool = False  # a separator («;», «,», a table cell …) stands before it


def _digits(value: str) -> str | None:
    digits = re.sub(r"\D", "", value)
    return digits[-10:] if len(digits) >= 6 else None


def readable_lines(raw: str) -> list[str]:
    """What a reader, a search engine or a screen reader gets of each line: text and attributes."""
    raw = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)
    lines = []
    for line in raw.split("\n"):
        attributes = " | ".join(a or b for a, b in _ATTR.findall(line))
        text = _TAG.sub(" ", _BLOCK_TAG.sub(" | ", line))
        lines.append(html.unescape(f"{text} | {attributes}" if attributes else text))
    return lines


class Scanner:
    def __init__(self, names: list[NameRule], contacts: list[ContactRule], shown_contacts: set[str] = frozenset()):
        self.people = [(rule, NameForms.of(rule.name)) for rule in names if len(rule.name.split()) >= 1]
        self.by_surname: dict[str, list[int]] = defaultdict(list)
        self.by_first: dict[str, list[int]] = defaultdict(list)
        for i, (_, forms) in enumerate(self.people):
            for s in forms.surnames:
                self.by_surname[s].append(i)
            for f in forms.firsts:
                self.by_first[f].append(i)
        shown = {norm(c) for c in shown_contacts} | {_digits(c) for c in shown_contacts if _digits(c)}
        self.emails = {}
        self.phones = {}
        for rule in contacts:
            for email in _EMAIL.findall(rule.value):
                if norm(email) not in shown:
                    self.emails[norm(email)] = rule
            for phone in _PHONE.findall(rule.value):
                key = _digits(phone)
                if key and key not in shown:
                    self.phones[key] = rule

    # --- names ----------------------------------------------------------------------

    @staticmethod
    def _word(tokens: list[_Token], i: int) -> str:
        return tokens[i].word if 0 <= i < len(tokens) else ""

    def _evidence(self, tokens: list[_Token], i: int, forms: NameForms, taken: set[int]) -> str | None:
        """How the tokens around a surname identify this person; None if they contradict it."""
        # The given name stands right beside the surname (a patronymic may follow it): in
        # «Петрова Анна; Иванова А. П.» Анна belongs to Петрова, not to Иванова; nor in a
        # flattened table «Петрова Анна Иванова А. П.», where the name is already taken.
        joined_before = not tokens[i].apart and i - 1 not in taken
        joined_after = i + 1 < len(tokens) and not tokens[i + 1].apart
        before, after = self._word(tokens, i - 1), self._word(tokens, i + 1)
        if (joined_after and after in forms.firsts) or (joined_before and before in forms.firsts) or (
                joined_before and before in forms.patronymics and not tokens[i - 1].apart
                and self._word(tokens, i - 2) in forms.firsts):
            return "full"
        initials = self._adjacent_initials(tokens, i)
        if initials:
            if tuple(initials) != forms.initials[: len(initials)]:
                return None
            return "initials" if len(initials) > 1 else "initial"
        return "surname"

    @staticmethod
    def _adjacent_initials(tokens: list[_Token], i: int) -> list[str]:
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

    def _judge(self, candidates: list[tuple[int, str]], token: _Token, previous: str = "") -> list[NameRule]:
        """The withheld people a mention reveals, or nobody when a consenting person explains it."""
        if not candidates:
            return []
        best = max(_RANK[e] for _, e in candidates)
        top = [self.people[i][0] for i, e in candidates if _RANK[e] == best]
        if any(_ALLOWS[rule.allowed] >= best for rule in top):
            return []
        if best == _RANK["surname"] and (not token.text[:1].isupper() or previous in _PLACE_WORDS):
            return []  # «мороз» is weather; «школа имени Королёва», «ул. Королёва» name no pupil
        return top

    def _take_given_name(self, tokens: list[_Token], i: int, people: list[int], taken: set[int]) -> None:
        """Mark the given name (and patronymic) that follow a surname as belonging to it."""
        if i + 1 < len(tokens) and not tokens[i + 1].apart:
            for p in people:
                forms = self.people[p][1]
                if tokens[i + 1].word in forms.firsts:
                    taken.add(i + 1)
                    if i + 2 < len(tokens) and not tokens[i + 2].apart and tokens[i + 2].word in forms.patronymics:
                        taken.add(i + 2)

    def names_in(self, tokens: list[_Token]) -> list[Finding]:
        findings = []
        taken: set[int] = set()
        for i, token in enumerate(tokens):
            if token.word in self.by_surname:
                candidates = [(p, e) for p in self.by_surname[token.word]
                              if (e := self._evidence(tokens, i, self.people[p][1], taken)) is not None]
                self._take_given_name(tokens, i, self.by_surname[token.word], taken)
                for rule in self._judge(candidates, token, self._word(tokens, i - 1)):
                    findings.append(Finding(token.line, token.text, "имя", rule))
            elif token.word in self.by_first and i + 1 < len(tokens) and i not in taken:
                # «Анна Петровна» without a surname still names a teacher to everyone at school.
                nxt = tokens[i + 1].word if not tokens[i + 1].apart else ""
                candidates = [(p, "full") for p in self.by_first[token.word] if nxt in self.people[p][1].patronymics]
                for rule in self._judge(candidates, token):
                    findings.append(Finding(token.line, f"{token.text} {tokens[i + 1].text}", "имя", rule))
        return findings

    def _phones_in(self, digits: str) -> set[str]:
        """Withheld numbers anywhere in a run of digits: a table cell or a list may follow a phone."""
        lengths = {len(k) for k in self.phones}
        return {digits[i:i + n] for n in lengths for i in range(len(digits) - n + 1)
                if digits[i:i + n] in self.phones}

    # --- everything -----------------------------------------------------------------

    def _tokens(self, lines: list[str], first: int, last: int) -> list[_Token]:
        tokens = []
        for number in range(max(first, 0), min(last, len(lines))):
            end = 0  # a line break alone does not part a name: paragraphs wrap
            for m in _TOKEN.finditer(lines[number]):
                apart = bool(_SEPARATOR.search(lines[number][end:m.start()]))
                tokens.append(_Token(norm(m.group()), m.group(), number + 1, apart))
                end = m.end()
        return tokens

    def scan_lines(self, lines: list[str]) -> list[Finding]:
        findings = []
        keys = self.by_surname.keys() | self.by_first.keys()
        for index, line in enumerate(lines):
            # Most lines name nobody: look closely only where a known form of a name stands.
            if keys.isdisjoint(_TOKEN.findall(norm(line))):
                continue
            local = self._tokens(lines, index - 1, index + 2)  # a name may wrap onto the next line
            findings += [f for f in self.names_in(local) if f.line == index + 1]
        for number, line in enumerate(lines, 1):
            if not _MAY_HOLD_CONTACT.search(line):  # one regex, not a Python loop per character
                continue
            for email in _EMAIL.findall(line):
                if norm(email) in self.emails:
                    findings.append(Finding(number, email, "e-mail", self.emails[norm(email)]))
            for phone in _PHONE.findall(line):
                for key in self._phones_in(re.sub(r"\D", "", phone)):
                    findings.append(Finding(number, phone.strip(), "телефон", self.phones[key]))
            for snils in _SNILS.findall(line):
                findings.append(Finding(number, snils, "СНИЛС", None))
        return findings

    def scan_text(self, text: str) -> list[Finding]:
        return self.scan_lines(text.split("\n"))
