"""Finds personal data that the policy withheld in any text: names in any written form, contacts.

A name is found by its surname in any grammatical case, then judged by what stands next
to it: the given name or patronymic (the full name), initials, or nothing (the surname
alone). A mention is a leak unless a person allowed to be named that way explains it:
«Петров И. С.», who consented, is not a leak of the pupil «Петров Иван».
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from itertools import accumulate, compress
from dataclasses import dataclass

from generator.namesakes import RANK, Namesakes
from generator.nameforms import norm, slices
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
_WORDY = re.compile(r"[^\W_]")
_MAY_HOLD_CONTACT = re.compile(r"[@\d]")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
# The same patterns kept within one line, for one pass over a whole file instead of one per line.
_TAG_IN_LINE = re.compile(r"<[^>\n]*>")
_BLOCK_TAG_IN_LINE = re.compile(_BLOCK_TAG.pattern.replace("[^>]", "[^>\\n]"), re.I)
_PHONE_IN_LINE = re.compile(r"\+?\d(?:[\d\-()‐–]|[^\S\n]){5,}\d")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_TOKEN_OR_BREAK = re.compile("\n|" + _TOKEN.pattern)
_PART = 1 << 20  # characters of fresh lines looked over at a time: memory stays flat whatever the file
# The lines of a longer text are not remembered as judged: they are the rows of a download, which no
# other file repeats, and the district's base of mentors kept 30 MB of them to the end of its check.
_REMEMBERED = 1 << 20
_LONG_LINE = 2000  # longer lines are looked at in parts, around the forms of names
# Any СНИЛС holds this, without a space: so it stands in the raw line as it does in the readable one.
_SNILS_PART = re.compile(r"-\d{3}-\d{3}")
# Words after which a lone surname names a street, a school or a prize, not a person.
_PLACE_WORDS = {"им", "имени", "ул", "улица", "улице", "улицы", "пр", "проспект", "пер", "переулок", "пл",
                "площадь", "бульвар", "б-р", "премия", "премии", "стипендия", "стипендии"}


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


def _json_unescaped(raw: str) -> str:
    if "\\u" not in raw:
        return raw
    parts = _JSON_ESCAPE.split(raw)  # text, code, text, code …, text
    parts[1::2] = [chr(int(code, 16)) for code in parts[1::2]]
    return "".join(parts)


def _readable_line(line: str) -> str:
    attributes = " | ".join(a or b for a, b in _ATTR.findall(line))
    text = _TAG.sub(" ", _BLOCK_TAG.sub(" | ", line))
    return html.unescape(f"{text} | {attributes}" if attributes else text)


def attribute_words(raw: str) -> bool:
    """Whether readable_lines adds to some line an attribute value that holds a letter or a digit."""
    if "=" not in raw:
        return False
    return any(_WORDY.search(a or b) for line in _json_unescaped(raw).split("\n") for a, b in _ATTR.findall(line))


def decoded_breaks(raw: str) -> int:
    """The line breaks the scanner counts in raw text: a JSON escape may write one."""
    return _json_unescaped(raw).count("\n")


def joined_lines(texts: list[str]) -> list[str]:
    """The lines the scanner reads of texts joined by line breaks. (No JSON escape crosses a line
    break: the texts unescaped one by one are the whole unescaped.)"""
    return [line for text in texts for line in _json_unescaped(text).split("\n")]


def readable_lines(raw: str) -> list[str]:
    """What a reader, a search engine or a screen reader gets of each line: text and attributes."""
    return [_readable_line(line) for line in _json_unescaped(raw).split("\n")]


class _ReadableLines:
    """readable_lines, made only for the lines asked for: most lines of a page name nobody."""

    def __init__(self, raw_lines: list[str]):
        self.raw = raw_lines
        self.made: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.raw)

    def __getitem__(self, number: int) -> str:
        if number not in self.made:
            self.made[number] = _readable_line(self.raw[number])
        return self.made[number]


@dataclass
class _LineWords:
    """One line cut into words: as written, normalised, and the text before each."""

    texts: list[str]
    words: list[str]
    gaps: list[str]

    @classmethod
    def of(cls, line: str) -> "_LineWords":
        parts = _TOKEN_SPLIT.split(line)
        texts = parts[1::2]
        # One lower() for all the words: a line break never changes how a letter is lowered.
        words = norm("\n".join(texts)).split("\n") if texts else []
        return cls(texts, words, parts[0:-1:2])


class _Window:
    """The words of a few lines, as lists the name check reads by position: plain lists, not a token
    object a word, as the check reads a few words around each of tens of thousands of names."""

    def __init__(self, lines: list[tuple[int, _LineWords]]):
        self.texts, self.words, self.gaps, self.lines = [], [], [], []
        for number, cut in lines:
            self.texts += cut.texts
            self.words += cut.words
            self.gaps += cut.gaps
            self.lines += [number] * len(cut.texts)
        self.apart: list[bool] = []

    @classmethod
    def of(cls, tokens: list[_Token]) -> "_Window":
        window = cls([])
        window.texts, window.words = [t.text for t in tokens], [t.word for t in tokens]
        window.apart, window.lines = [t.apart for t in tokens], [t.line for t in tokens]
        return window

    def separate(self, at: list[int]) -> None:
        """Whether a separator stands before each word the check of the names at these positions
        reads (from one before to two after each); the others are never read."""
        self.apart = [False] * len(self.words)
        for j in {j for i in at for j in range(max(i - 1, 0), min(i + 3, len(self.words)))}:
            self.apart[j] = _SEPARATOR.search(self.gaps[j]) is not None

    def __len__(self) -> int:
        return len(self.words)

    def positions(self, words: frozenset[str]) -> list[int]:
        return [i for i, word in enumerate(self.words) if word in words]


class Scanner:
    def __init__(self, names: list[NameRule], contacts: list[ContactRule], shown_contacts: set[str] = frozenset()):
        self.people = Namesakes([rule for rule in names if rule.name.strip()])
        self.keys = self.people.keys
        self._runs = _runs_of(self.keys)
        self._runs_or_breaks = re.compile("\n|" + self._runs.pattern) if self._runs else None
        self._runs_split = re.compile(f"({self._runs.pattern})") if self._runs else None
        self._seen: set[str] = set()  # raw lines judged by scan_raw, and those of them that may hold
        self._suspects: tuple[set[str], set[str]] = (set(), set())  # a name, and a contact
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
    def _word(tokens: _Window, i: int) -> str:
        return tokens.words[i] if 0 <= i < len(tokens.words) else ""

    def _around(self, tokens: _Window, i: int, taken: set[int]) -> tuple[str, str, str, tuple[str, ...]]:
        """The words that may complete the surname at i, the same whoever it names: the one before and
        the one after when joined to it, the one two before when a patronymic may stand between, the
        initials beside it ("" where there is none)."""
        # The given name stands right beside the surname (a patronymic may follow it): in
        # «Петрова Анна; Иванова А. П.» Анна belongs to Петрова, not to Иванова; nor in a
        # flattened table «Петрова Анна Иванова А. П.», where the name is already taken.
        words, apart = tokens.words, tokens.apart
        joined_before = not apart[i] and i - 1 not in taken
        joined_after = i + 1 < len(words) and not apart[i + 1]
        before = words[i - 1] if joined_before and i >= 1 else ""
        two_before = words[i - 2] if before and i >= 2 and not apart[i - 1] else ""
        return before, words[i + 1] if joined_after else "", two_before, \
            tuple(self._adjacent_initials(words, apart, i))

    @staticmethod
    def _adjacent_initials(words: list[str], apart: list[bool], i: int) -> list[str]:
        after = []
        for j in range(i + 1, min(i + 3, len(words))):
            if not words[j].endswith(".") or apart[j]:
                break
            after.append(words[j][0])
        if after:
            return after
        before = []
        for j in range(i - 1, max(-1, i - 3), -1):
            if not words[j].endswith(".") or apart[j + 1]:
                break
            before.insert(0, words[j][0])
        return before

    def _judge(self, rank: int, kinds: list[int], allowed: bool, text: str, previous: str = "") -> list[NameRule]:
        """The withheld people a mention reveals, or nobody when a consenting person explains it."""
        if not kinds or allowed:
            return []
        if rank == RANK["surname"] and (not text[:1].isupper() or previous in _PLACE_WORDS):
            return []  # «мороз» is weather; «школа имени Королёва», «ул. Королёва» name no pupil
        return self.people.rules(kinds)

    def _take_given_name(self, tokens: _Window, i: int, taken: set[int]) -> None:
        """Mark the given name (and patronymic) that follow a surname as belonging to it."""
        words, apart = tokens.words, tokens.apart
        if i + 1 < len(words) and not apart[i + 1]:
            first = words[i + 1]
            patronymic = words[i + 2] if i + 2 < len(words) and not apart[i + 2] else ""
            given, with_patronymic = self.people.takes(words[i], first, patronymic)
            if given:
                taken.add(i + 1)
            if with_patronymic:
                taken.add(i + 2)

    def names_in(self, tokens: list[_Token] | _Window, line: int | None = None,
                 at: list[int] | None = None) -> list[Finding]:
        """Names the tokens reveal (only those on the given line, when one is given).

        at: the positions of the tokens that are a form of some name, when known: no other token
        does anything here, so the others need not be looked at."""
        if not isinstance(tokens, _Window):
            tokens = _Window.of(tokens)
        else:
            tokens.separate(range(len(tokens)) if at is None else at)
        words, texts, lines = tokens.words, tokens.texts, tokens.lines
        by_surname, by_first = self.people.by_surname, self.people.by_first
        findings = []
        taken: set[int] = set()
        for i in range(len(words)) if at is None else at:
            word = words[i]
            if word in by_surname:
                if line is None or lines[i] == line:
                    named = self.people.named(word, self._around(tokens, i, taken))
                    for rule in self._judge(*named, texts[i], self._word(tokens, i - 1)):
                        findings.append(Finding(lines[i], texts[i], "имя", rule))
                self._take_given_name(tokens, i, taken)
            elif word in by_first and i + 1 < len(words) and i not in taken and (line is None or lines[i] == line):
                # «Анна Петровна» without a surname still names a teacher to everyone at school.
                nxt = words[i + 1] if not tokens.apart[i + 1] else ""
                for rule in self._judge(RANK["full"], *self.people.addressed(word, nxt), texts[i]):
                    findings.append(Finding(lines[i], f"{texts[i]} {texts[i + 1]}", "имя", rule))
        return findings

    def _phones_in(self, digits: str) -> set[str]:
        """Withheld numbers anywhere in a run of digits: a table cell or a list may follow a phone."""
        lengths = {len(k) for k in self.phones}
        return {digits[i:i + n] for n in lengths for i in range(len(digits) - n + 1)
                if digits[i:i + n] in self.phones}

    # --- everything -----------------------------------------------------------------

    def _names(self, lines, numbers) -> list[Finding]:
        findings = []
        cut: dict[int, _LineWords] = {}

        def words(number: int) -> _LineWords:
            if number not in cut:
                cut[number] = _LineWords.of(lines[number])
            return cut[number]

        for index in numbers:  # in order: only the lines beside this one are kept cut
            for old in [n for n in cut if n < index - 1]:
                del cut[old]
            line = lines[index]
            pieces = self._pieces(line)
            if pieces is None and self.keys.isdisjoint(words(index).words):
                continue  # most lines name nobody: look closely only where a known form of a name stands
            # A name may wrap onto the next line; a line break alone does not part a name: paragraphs wrap.
            for a, b in [(0, len(line))] if pieces is None else pieces:
                own = words(index) if pieces is None else _LineWords.of(line[a:b])
                window = _Window([*([(index, words(index - 1))] if a == 0 and index > 0 else []), (index + 1, own),
                                  *([(index + 2, words(index + 1))] if b == len(line) and index + 1 < len(lines) else [])])
                findings += self.names_in(window, index + 1, window.positions(self.keys))
        return findings

    def _places(self, text: str) -> list[int] | None:
        """Where the forms of names stand in text; None when the fast way cannot tell exactly."""
        if self._runs is None:
            return None
        places = []
        for offset, part in slices(text, _PART):
            found = self._places_in(part)
            if found is None:
                return None
            places += [offset + at for at in found]
        return places

    def _places_in(self, text: str) -> list[int] | None:
        low = norm(text)
        if len(low) != len(text):
            return None
        parts = self._runs_split.split(low)  # text, run, text, run … text
        forms = set(parts[1::2]) & self.keys
        if len(forms) <= 16:  # a few forms: str.find is fastest; many: one pass, else it grows as their square
            return [at for form in forms for at in _find_all(low, form)]
        # Where each part starts, and of them the runs that are forms: without a Python step per word.
        starts = list(accumulate(map(len, parts), initial=0))
        return list(compress(starts[1::2], map(forms.__contains__, parts[1::2])))

    def _pieces(self, line: str) -> list[tuple[int, int]] | None:
        """Parts of a long line (a search index is one) around every form of a name, each with
        enough words on either side for the name check; None: the line as a whole.

        A part begins and ends at a space, which no word crosses, so its words are the line's.
        A form has at least four whole words before it and three after it in its part, all
        that the check of a name looks at; parts that overlap are joined."""
        if len(line) < _LONG_LINE:
            return None
        places = self._places(line)
        if places is None:
            return None
        pieces: list[tuple[int, int]] = []
        for at in sorted(places):
            # A part starts before its form: one whose form stands inside the last part joins it.
            start = pieces[-1][0] if pieces and at < pieces[-1][1] else _piece_start(line, at)
            if pieces and start < pieces[-1][1]:
                pieces[-1] = (pieces[-1][0], max(_piece_end(line, at), pieces[-1][1]))
            else:
                pieces.append((start, _piece_end(line, at)))
        return pieces

    def _contacts(self, line: str, number: int) -> list[Finding]:
        findings = []
        for email in _EMAIL.findall(line):
            if norm(email) in self.emails:
                findings.append(Finding(number, email, "e-mail", self.emails[norm(email)]))
        for phone in _PHONE.findall(line):
            for key in self._phones_in(re.sub(r"\D", "", phone)):
                findings.append(Finding(number, phone.strip(), "телефон", self.phones[key]))
        for snils in _SNILS.findall(line):
            findings.append(Finding(number, snils, "СНИЛС", None))
        return findings

    def _scan(self, lines, name_lines, contact_lines) -> list[Finding]:
        findings = self._names(lines, name_lines)
        for index in contact_lines:
            line = lines[index]
            if _MAY_HOLD_CONTACT.search(line):  # one regex, not a Python loop per character
                findings += self._contacts(line, index + 1)
        return findings

    def scan_lines(self, lines: list[str]) -> list[Finding]:
        return self._scan(lines, range(len(lines)), range(len(lines)))

    def scan_text(self, text: str) -> list[Finding]:
        return self.scan_lines(text.split("\n"))

    # --- a whole file at once ---------------------------------------------------------

    def scan_raw(self, raw: str) -> list[Finding]:
        """scan_lines(readable_lines(raw)), looking closely only at lines that may hold a finding.

        The lines of a site's pages repeat (menus, icons, footers): each distinct line is
        judged once per scanner, whatever the number of files it is in."""
        return self.scan_joined([raw])

    def scan_joined(self, texts: list[str]) -> list[Finding]:
        """scan_raw("\n".join(texts)), without that string: the text of an office file is its XML parts,
        and the sheet of the district's base of mentors alone is 10 million characters."""
        return self.scan_lines_of(joined_lines(texts))

    def scan_lines_of(self, lines: list[str], numbers: list[int] | None = None) -> list[Finding]:
        """The findings on the lines of these numbers (in order; all when None), each line judged with
        the lines beside it, as in a scan of them all (see generator/scan_chunks.py)."""
        own = lines if numbers is None else [lines[n] for n in numbers]
        fresh = list(set(own) - self._seen)
        for part in _parts(fresh):  # a big export at once would hold a word object per word of it
            for suspects, found in zip(self._suspects, self._suspect_lines("\n".join(part))):
                suspects.update(part if found is None else (part[n] for n in found))
        if sum(map(len, own)) <= _REMEMBERED:
            self._seen.update(fresh)
        numbered = enumerate(lines) if numbers is None else zip(numbers, own)
        if self._suspects[0].isdisjoint(own) and self._suspects[1].isdisjoint(own):
            return []
        names, contacts = [], []
        for n, line in numbered:
            if line in self._suspects[0]:
                names.append(n)
            if line in self._suspects[1]:
                contacts.append(n)
        return self._scan(_ReadableLines(lines), names, contacts) if names or contacts else []

    def _suspect_lines(self, raw: str) -> tuple[set[int] | None, set[int] | None]:
        """Lines where a name form, and those where a contact, may stand, found in one pass over the
        whole text; None: every line (when a character reference decodes to a line break).

        A readable line is its raw line with tags turned into spaces and separators, attribute
        values repeated after it, and character references decoded. Tags are never part of a word,
        an e-mail or a СНИЛС, so they are all in the decoded raw line; only digits of a phone may
        be joined by removing a tag."""
        decoded = html.unescape(raw) if "&" in raw else raw
        breaks = raw.count("\n")
        if decoded.count("\n") != breaks:
            return None, None
        places = [m.start() for m in _SNILS_PART.finditer(decoded)]
        if self.emails:
            places += _find_all(decoded, "@")
        contacts = set()
        if self.phones:
            text = _TAG_IN_LINE.sub(" ", _BLOCK_TAG_IN_LINE.sub(" | ", raw))
            text = html.unescape(text) if "&" in text else text
            if text.count("\n") != breaks:
                return None, None
            contacts = _lines_at(text, [m.start() for m in _PHONE_IN_LINE.finditer(text)])
            places += [m.start() for m in _PHONE_IN_LINE.finditer(decoded)]
        return self._name_lines(decoded), contacts | _lines_at(decoded, places)

    def _name_lines(self, text: str) -> set[int]:
        if self._runs is not None and len(text) > _LONG_LINE * (text.count("\n") + 1):
            # Long lines (a search index is one): each line's words at once, without a step per word.
            return {n for n, line in enumerate(norm(text).split("\n"))
                    if any(not self.keys.isdisjoint(self._runs.findall(part)) for _, part in slices(line, _PART))}
        if self._runs is not None:
            # A letter may lower to two: the lines stay the lines, the places within them not.
            items = self._runs_or_breaks.findall(norm(text))
        else:
            items = norm("\x1f".join(_TOKEN_OR_BREAK.findall(text))).split("\x1f")  # no word holds \x1f
        if self.keys.isdisjoint(items):
            return set()
        found, line = set(), 0
        for item in items:
            if item == "\n":
                line += 1
            elif item in self.keys:
                found.add(line)
        return found


def _parts(lines: list[str]) -> list[list[str]]:
    """Consecutive runs of lines of about _PART characters (a longer line alone): every check of
    _suspect_lines looks within one line, so it finds the same in the parts as in the whole."""
    parts, start, length, size = [], 0, 0, _PART
    for end, line in enumerate(lines):
        if length and length + len(line) > size:
            parts.append(lines[start:end])
            start, length = end, 0
        length += len(line) + 1
    return parts + [lines[start:]] if start < len(lines) else parts


def _runs_of(keys: frozenset[str]) -> re.Pattern | None:
    """Runs of the letters the names are written with, for normalised text; None: use _TOKEN.

    A word that is a form of a name is such a run in the normalised text, neither longer nor
    shorter: the letters around it are not its own. The pattern is several times faster than
    _TOKEN, which asks Unicode about every character. Greek sigma lowers by its neighbours
    and a letter that lowers to two characters is not a letter any more: those take _TOKEN."""
    letters = set("".join(keys)) - {"-"}
    if not letters or letters & {"σ", "ς"} or not all(_TOKEN.fullmatch(c) for c in letters):
        return None
    letters = "".join(re.escape(c) for c in sorted(letters))
    return re.compile(f"[{letters}]+(?:-[{letters}]+)*")


def _find_all(text: str, part: str) -> list[int]:
    places = []
    at = text.find(part)
    while at >= 0:
        places.append(at)
        at = text.find(part, at + 1)
    return places


def _piece_start(line: str, at: int) -> int:
    span = 64
    while at - span > 0:
        start = line.rfind(" ", 0, at - span)
        if start < 0:
            break
        if len(_TOKEN.findall(line, start, at)) >= 5:  # the word that holds «at» may be one of them
            return start
        span *= 2
    return 0


def _piece_end(line: str, at: int) -> int:
    span = 64
    while at + span < len(line):
        end = line.find(" ", at + span)
        if end < 0:
            break
        if len(_TOKEN.findall(line, at, end)) >= 4:
            return end
        span *= 2
    return len(line)


def _lines_at(text: str, places: list[int]) -> set[int]:
    """The line numbers (from 0) of places in text."""
    if not places:
        return set()
    starts = [m.end() for m in re.finditer("\n", text)]
    return {bisect_right(starts, at) for at in places}
