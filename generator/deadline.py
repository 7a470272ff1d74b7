"""The «срок» of a roadmap item, free Russian text → a structured period.

`understand(text, academic_year)` never raises and never guesses silently: a text it
cannot read completely is returned with understood=False and says why. Conventions
(each one is what a curator means in a Russian school roadmap):

- The academic year runs from 1 September to 31 August («2023/2024»).
- A day is that day (start = end); a month is the whole month; a year («2023 г.») is
  the whole calendar year; «2022-2024 гг.» is 1.1.2022–31.12.2024.
- Two years joined by «/» («2023/2024», «2023/24»), or followed by «уч. г.», «учебный
  год», «учебного года», are the academic year, not two calendar years.
- A day, month, quarter or season without a year takes it from the academic year:
  September–December the first year, January–August the second. In a range or list a
  year written once applies to its neighbours in calendar order («сентябрь – октябрь
  2022 г.», «декабрь, май 2024» = декабрь 2023 и май 2024). A range still backwards
  after that («август – сентябрь») starts a year earlier.
- «до …», «в срок до …», «не позднее …», «не позже …», «к …», a leading «по …» give
  an end and no start; the end is the end of what is named («до октября» = 31 октября,
  «до 1 октября» = 1 октября). «до начала …» ends the day before it starts.
- «с …», «со …», «начиная с …», «не ранее …», «после …» give a start and no end;
  «с … по/до …» and «… – …», «… / …», «… по …» are ranges.
- Several periods («декабрь, май», «до 31.10.2025, далее ежеквартально») make one
  period from the earliest start to the latest end.
- «в течение (учебного) года», «в течение всего учебного года», «постоянно», «весь
  учебный год» mean the academic year; so does a bare frequency.
- «ежегодно», «каждый год», «1 раз в год» are a yearly recurrence (recurring="yearly"):
  with a month («Май, ежегодно») the period is that month in the academic year, alone
  it is the academic year. «Сентябрь-ноябрь ежегодно 2021-2024 гг.» spans 1.9.2021–30.11.2024.
- More frequent repetition («ежемесячно», «ежеквартально», «1 раз в четверть», «раз в
  полугодие», «еженедельно», «каждый понедельник», «не позднее 25 числа») is kept in
  `frequency`; the period is what the text names, or the academic year.
- Quarters (квартал) are calendar ones. School terms (четверть): I — сентябрь–октябрь,
  II — ноябрь–декабрь, III — январь–март, IV — апрель–май. A half-year (полугодие) with a
  calendar year is January–June or July–December; without one, or of an academic year,
  it is September–December or January–May (the school's halves).
- Parts of a month: начало / первая декада 1–10, середина / вторая декада 11–20,
  конец / третья декада 21–последний день, первая половина 1–15, вторая половина 16–конец.
- Seasons: осень сентябрь–ноябрь, зима декабрь–февраль, весна март–май, лето июнь–август.
- «начало учебного года» is September; «конец / окончание / итоги учебного года» is May;
  «конец года» (without «учебного») is December.
- Words around the time must all be known; a remark in brackets without a time is
  ignored. Texts that name no time («по отдельному плану», «по мере необходимости», «в
  соответствии со сроками, устанавливаемыми Минпросвещения России») are not understood
  and marked no_time; a text with a time and words the parser does not know («в течение
  2 недель после утверждения», «приказ от 12.03.2022») is not understood either.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from babel.dates import format_date

from generator.academic import academic_year as academic_year_of


@dataclass(frozen=True)
class Period:
    text: str
    academic_year: str
    start: dt.date | None = None
    end: dt.date | None = None
    recurring: str | None = None  # "yearly" or None
    frequency: str | None = None  # repetition inside the period: daily … half-yearly
    understood: bool = False
    no_time: bool = False  # the text names no time on purpose («по отдельному плану»)
    explanation: str = ""

    def as_json(self) -> dict:
        data = asdict(self)
        for key in ("start", "end"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


class _Unreadable(Exception):
    """What part of the text could not be read, in Russian."""


# --- normalisation and phrases --------------------------------------------------------

_MONTHS = [
    (1, r"январ[ьяеюи]\w*|янв\.?"), (2, r"феврал[ьяеюи]\w*|февр?\.?"), (3, r"марта?|марте|марту|мар\.?"),
    (4, r"апрел[ьяеюи]\w*|апр\.?"), (5, r"ма[йяею]|маем"), (6, r"июн[ьяею]\w*|июн\.?"),
    (7, r"июл[ьяею]\w*|июл\.?"), (8, r"август\w*|авг\.?"), (9, r"сентябр[ьяеюи]\w*|сент?\.?"),
    (10, r"октябр[ьяеюи]\w*|окт\.?"), (11, r"ноябр[ьяеюи]\w*|нояб?\.?"), (12, r"декабр[ьяеюи]\w*|дек\.?"),
]
_MONTH_RE = [(n, re.compile(rf"(?:{p})")) for n, p in _MONTHS]
_ORDINALS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
_WEEKDAYS = r"(?:понедельник|вторник|сред[ауы]|четверг|пятниц[ауы]|суббот[ауы]|воскресень[ея])\w*"

# Phrases turned into one marker word before the text is cut into tokens (order matters).
_PHRASES = [
    (r"\(([^()]*)\)", lambda m: f" ( {m.group(1)} ) "),
    (r"не\s+ранее", " @since "), (r"начиная\s+с[о]?", " @since "),
    (r"не\s+позднее|не\s+позже|в\s+срок\s+до|срок\s+до", " @before "),
    (r"до\s+начала", " @before_start "),
    (r"(?:к|до)\s+начал[уа]\s+(?:текущего\s+|нового\s+)?учебного\s+года", " @before_start сентябрь "),
    (r"(?:в\s+)?начал[еоа]\s+(?:текущего\s+)?учебного\s+года", " сентябрь "),
    (r"по\s+(?:отдельному\s+|утвержденному\s+)?(?:плану|графику)|по\s+согласованию|по\s+запросу"
     r"|(?:по\s+мере|при|по)\s+необходимости|по\s+мере\s+\w+", " @note "),
    (r"кажд\w+\s+месяца", " @freq_month "),
    (r"(?:в\s+)?(?:конц[еа]|начал[еа]|по\s+итогам|по\s+окончании)\s+каждо\w+\s+(?:четверти|квартала)",
     " @freq_quarter "),
    (r"(?:в\s+)?(?:конц[еа]|начал[еа]|по\s+итогам|по\s+окончании)\s+каждо\w+\s+полугодия", " @freq_half "),
    (r"(?:в\s+)?начал[еоа]\s+и\s+(?:в\s+)?конц[еа]\s+(?:текущего\s+)?учебного\s+года", " сентябрь, май "),
    (r"(?:в\s+|на\s+)?последн\w+\s+недел\w+", " @part_lastweek "),
    (r"(?:в\s+|на\s+)?(?:течение\s+)?перв\w+\s+недел\w+", " @part_firstweek "),
    (r"(?:в\s+|к\s+|до\s+)?(?:конц[еуа]|окончани[еия]|заверше?ни[еия]|по\s+итогам|по\s+окончании|по\s+завершении)"
     r"\s+(?:текущего\s+)?учебного\s+года", lambda m: " @before май " if m.group(0).lstrip().startswith(("к", "до"))
     else " май "),
    (r"(?:в\s+)?конц[еуа]\s+(?:текущего\s+)?(?:календарного\s+)?года(?!\s*\d)", " декабрь "),
    (r"(?:в\s+течение|на\s+протяжении)\s+(?:всего\s+)?(?:текущего\s+)?(?:учебного\s+)?года(?!\s*\d)", " @acad "),
    (r"(?:в\s+течение\s+)?(?:весь|всего)\s+(?:текущего\s+)?учебн\w+\s+год\w*(?!\s*\d)", " @acad "),
    (r"\bпостоянно\b", " @acad "),
    (r"ежегодно|ежегодн\w+|каждый\s+год|(?:\b1\s+)?раз\s+в\s+год(?!\w)", " @yearly "),
    (r"\b2\s+раза\s+в\s+год(?!\w)|(?:\b1\s+)?раз\s+в\s+(?:полугодие|полгода)|каждое\s+полугодие|по\s+полугодиям",
     " @freq_half "),
    (r"ежеквартально|(?:\b1\s+)?раз\s+в\s+(?:квартал|четверть)|каждый\s+квартал|каждую\s+четверть|по\s+четвертям"
     r"|ежечетвертно|\b4\s+раза\s+в\s+год(?!\w)|по\s+итогам\s+(?:каждой\s+)?четверти", " @freq_quarter "),
    (r"ежемесячно|(?:\b1\s+)?раз\s+в\s+месяц|каждый\s+месяц|\b12\s+раз\s+в\s+год(?!\w)", " @freq_month "),
    (rf"еженедельно|(?:\b1\s+)?раз\s+в\s+неделю|каждую\s+неделю|кажд\w+\s+{_WEEKDAYS}|по\s+{_WEEKDAYS}",
     " @freq_week "),
    (r"ежедневно|каждый\s+день", " @freq_day "),
    (r"(?:в\s+)?(?:перв\w+\s+половин\w+)", " @part_1h "), (r"(?:во?\s+)?(?:втор\w+\s+половин\w+)", " @part_2h "),
    (r"(?:в\s+)?перв\w+\s+декад\w+", " @part_d1 "), (r"(?:во?\s+)?втор\w+\s+декад\w+", " @part_d2 "),
    (r"(?:в\s+)?трет\w+\s+декад\w+", " @part_d3 "),
    (r"\bначал[еоа]\b", " @part_begin "), (r"\bсередин[аеуы]\b", " @part_mid "), (r"\bконц[еауо]?\b|\bконец\b",
                                                                                  " @part_end "),
    (r"\b(?:осень|осенью|осенн\w+\s+период\w*)\b", " @season_autumn "),
    (r"\b(?:зима|зимой|зимн\w+\s+период\w*)\b", " @season_winter "),
    (r"\b(?:весна|весной|весенн\w+\s+период\w*)\b", " @season_spring "),
    (r"\b(?:лето|летом|летн\w+\s+период\w*)\b", " @season_summer "),
]
_PHRASES_RE = [(re.compile(p), r) for p, r in _PHRASES]

# Words that carry no time of their own and may stand around one.
_FILLER = {
    "в", "во", "на", "течение", "срок", "сроки", "срока", "сроков", "г", "гг", "год", "года", "году", "годах",
    "годы", "годов", "не", "позднее", "позже", "чем", "включительно", "месяца", "месяце", "текущего",
    "текущий", "период", "периода", "периоде", "исполнения", "реализации", "проведения", "a", "и", "или",
    "также", "а", "всего", "течении", "протяжении", "календарного", "календарный",
}
_SEASONS = {"autumn": ((9, 1), (11, 30)), "winter": ((12, 1), (2, 0)), "spring": ((3, 1), (5, 31)),
            "summer": ((6, 1), (8, 31))}
_PARTS = {"lastweek": (0, 0), "firstweek": (1, 7), "1h": (1, 15), "2h": (16, 0), "d1": (1, 10), "d2": (11, 20), "d3": (21, 0), "begin": (1, 10),
          "mid": (11, 20), "end": (21, 0)}  # 0: the month's last day
FREQUENCY_WORDS = {"half-yearly": "раз в полугодие", "quarterly": "ежеквартально", "monthly": "ежемесячно",
                   "weekly": "еженедельно", "daily": "ежедневно"}
_FREQUENCIES = {"half": "half-yearly", "quarter": "quarterly", "month": "monthly", "week": "weekly", "day": "daily"}


def _normalise(text: str) -> str:
    t = re.sub(r"<[^>]*>", " ", str(text)).lower().replace("ё", "е").replace("і", "i")
    t = re.sub(r"[«»\"“”„'`]", " ", t)
    t = re.sub(r"[–—‒−‐‑]", "-", t)
    t = re.sub(r"г\s*\.\s*г\b\.?", " гг. ", t)
    t = re.sub(r"уч\s*\.\s*г(?:г|од)?\b\.?", " уч г ", t)
    t = re.sub(r"(\d)\s*-\s*(?:го|й|е|ое|ый|ой|я|ая|ее|ей|ом|ем|м)\b", r"\1", t)
    t = re.sub(r"(\d)([а-яa-z])", r"\1 \2", t)
    t = re.sub(r"([а-яa-z])(\d)", r"\1 \2", t)
    for pattern, repl in _PHRASES_RE:
        t = pattern.sub(repl, t)
    return re.sub(r"\s+", " ", t).strip()


# --- tokens -------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<date>(?<!\d)\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?![\d]))"
    r"|(?P<iso>(?<!\d)\d{4}-\d{2}-\d{2}(?!\d))"
    r"|(?P<monthyear>(?<![\d.])\d{1,2}\.(?:19|20)\d{2}(?![\d.]))"
    r"|(?P<daymonth>(?<!\d)\d{1,2}\.\d{2}(?![\d]))"
    r"|(?P<year>(?<!\d)(?:19|20)\d{2}(?!\d))"
    r"|(?P<num>(?<!\d)\d{1,2}(?!\d))"
    r"|(?P<marker>@\w+)"
    r"|(?P<word>[a-zа-я]+\.?)"
    r"|(?P<dash>-)|(?P<slash>/)|(?P<sep>[,;+])|(?P<open>\()|(?P<close>\))|(?P<dot>[.:])|(?P<other>\S)")


@dataclass
class _Tok:
    kind: str
    value: object = None
    text: str = ""


def _month(word: str) -> int | None:
    for number, pattern in _MONTH_RE:
        if pattern.fullmatch(word):
            return number
    return None


def _ordinal(word: str) -> int | None:
    if word in ("i", "ii", "iii", "iv"):
        return _ORDINALS[word]
    for stem, n in _ORDINALS.items():
        if len(stem) > 3 and word.startswith(stem):
            return n
    return None


_UNITS = [("quarter", r"квартал\w*|кв\.?"), ("half", r"полугоди\w*"), ("term", r"четверт[ьиея]\w*"),
          ("dayofmonth", r"числ[оа]\w*"), ("academic", r"уч|учебн\w*")]


def _word(word: str) -> _Tok:
    bare = word.rstrip(".")
    month = _month(word) or _month(bare)
    if month:
        return _Tok("month", month, word)
    for unit, pattern in _UNITS:
        if re.fullmatch(pattern, word) or re.fullmatch(pattern, bare):
            return _Tok("unit", unit, word)
    if bare in ("до", "к", "ко"):
        return _Tok("op", "before", word)
    if bare in ("с", "со", "после"):
        return _Tok("op", "since", word)
    if bare == "по":
        return _Tok("op", "by", word)
    if bare in ("далее", "затем", "дальнейшем", "потом"):
        return _Tok("sep", "then", word)
    if bare in ("и", "или"):
        return _Tok("sep", "and", word)
    ordinal = _ordinal(bare)
    if ordinal:
        return _Tok("ord", ordinal, word)
    if bare in _FILLER:
        return _Tok("filler", None, word)
    return _Tok("unknown", None, word)


def _tokens(norm: str) -> list[_Tok]:
    tokens = []
    for match in _TOKEN.finditer(norm):
        kind, text = match.lastgroup, match.group()
        if kind == "date":
            d, m, y = text.split(".")
            year = int(y) if len(y) == 4 else 2000 + int(y)
            tokens.append(_Tok("day", (int(d), int(m), year), text))
        elif kind == "iso":
            y, m, d = text.split("-")
            tokens.append(_Tok("day", (int(d), int(m), int(y)), text))
        elif kind == "monthyear":  # «03.2024»
            m, y = text.split(".")
            tokens += [_Tok("month", int(m), text), _Tok("year", int(y), text)]
        elif kind == "daymonth":
            d, m = text.split(".")
            tokens.append(_Tok("day", (int(d), int(m), None), text))
        elif kind in ("year", "num"):
            tokens.append(_Tok(kind, int(text), text))
        elif kind == "marker":
            tokens.append(_Tok("filler" if text == "@note" else "marker", text[1:], text))
        elif kind == "word":
            tokens.append(_word(text))
        elif kind in ("dash", "slash"):
            tokens.append(_Tok("range", kind, text))
        elif kind == "sep":
            tokens.append(_Tok("sep", "and", text))
        elif kind in ("open", "close"):
            tokens.append(_Tok(kind, None, text))
        elif kind == "dot":
            continue
        else:
            tokens.append(_Tok("unknown", None, text))
    return tokens


def _drop_remarks(tokens: list[_Tok]) -> tuple[list[_Tok], list[str]]:
    """A remark in brackets that names no time («(по согласованию)») does not change the period."""
    out, dropped, depth, inner = [], [], 0, []
    for tok in tokens:
        if tok.kind == "open":
            depth += 1
            inner = []
        elif tok.kind == "close" and depth:
            depth -= 1
            if any(t.kind in _TIMELIKE for t in inner):
                out += inner
            elif any(t.kind == "unknown" for t in inner):
                dropped.append(" ".join(t.text for t in inner))
        elif depth:
            inner.append(tok)
        elif tok.kind != "close":
            out.append(tok)
    return out + (inner if depth else []), dropped


_TIMELIKE = {"day", "year", "num", "month", "marker", "unit", "ord"}


# --- atoms: what each piece of the text names ---------------------------------------

@dataclass
class _Atom:
    kind: str  # day, month, year, years, academic, quarter, half, term, season, part, acad_span, dom
    a: int = 0
    b: int = 0
    year: int | None = None
    year2: int | None = None  # the end year of «Сентябрь-ноябрь 2021-2024 гг.»
    calendar_half: bool = False
    key: tuple = ()  # (month, day) of its start, to put yearless atoms in calendar order

    def first_month(self) -> int:
        if self.kind in ("day", "month", "part"):
            return self.b if self.kind in ("day", "part") else self.a
        if self.kind == "quarter":
            return 3 * self.a - 2
        if self.kind == "half":
            return (1 if self.a == 1 else 7) if self.calendar_half else (9 if self.a == 1 else 1)
        if self.kind == "term":
            return {1: 9, 2: 11, 3: 1, 4: 4}[self.a]
        if self.kind == "season":
            return {"autumn": 9, "winter": 12, "spring": 3, "summer": 6}[self.a]
        return 1

    def datable(self) -> bool:
        return self.kind in ("day", "month", "part", "quarter", "half", "term", "season")


@dataclass
class _Term:
    op: str | None  # None, "before", "before_start", "since"
    first: _Atom
    last: _Atom | None = None  # the end of a range


@dataclass
class _Parsed:
    terms: list[_Term] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    then_flags: set[str] = field(default_factory=set)  # repetition after «далее»


class _Parser:
    def __init__(self, tokens: list[_Tok]):
        self.toks = [t for t in tokens if t.kind != "filler"]
        self.i = 0
        self.out = _Parsed()
        self.after_then = False
        self.academic_next = False

    def peek(self, k: int = 0) -> _Tok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def kind(self, k: int = 0) -> str | None:
        tok = self.peek(k)
        return tok.kind if tok else None

    def parse(self) -> _Parsed:
        op = None
        while self.i < len(self.toks):
            tok = self.peek()
            if tok.kind == "marker" and not tok.value.startswith(("part_", "season_", "acad")) \
                    and tok.value not in ("since", "before", "before_start"):
                self.i += 1
                (self.out.then_flags if self.after_then else self.out.flags).add(tok.value)
                continue
            if tok.kind == "sep" or (tok.kind == "range" and op is None):  # «…, далее — ежеквартально»
                self.after_then = self.after_then or tok.value == "then"
                self.i += 1
                continue
            if tok.kind == "unit" and tok.value == "academic":  # «в течение учебного года 2023-2024»
                self.i += 1
                if self.kind() == "year":
                    self.academic_next = True
                else:
                    self.out.terms.append(_Term(op, _Atom("acad_span")))
                    op = None
                continue
            if tok.kind == "op" or (tok.kind == "marker" and tok.value in ("since", "before", "before_start")):
                if op is not None:
                    raise _Unreadable(f"два указания подряд: «{tok.text}»")
                op = {"by": "before"}.get(tok.value, tok.value)
                self.i += 1
                continue
            first = self.atom()
            last = None
            if self.range_follows(op):
                self.i += 1
                if self.kind() == "op":
                    self.i += 1  # «с 1 сентября по 31 мая», «1 – до 15»
                last = self.atom()
            if last is not None and op in ("before", "before_start"):
                raise _Unreadable("«до» перед промежутком")
            self.out.terms.append(_Term(op, first, last))
            op = None
        if op is not None:
            raise _Unreadable("после «до», «с» или «по» нет даты")
        return self.out

    def range_follows(self, op: str | None) -> bool:
        tok = self.peek()
        if tok is None:
            return False
        if tok.kind == "range":
            return True
        if tok.kind == "op" and tok.value == "by":
            return True
        return tok.kind == "op" and tok.value == "before" and op == "since"

    def atom(self) -> _Atom:
        tok = self.peek()
        if tok is None:
            raise _Unreadable("не хватает даты")
        self.i += 1
        if tok.kind == "day":
            d, m, y = tok.value
            return self.with_year(_Atom("day", d, m, y))
        if tok.kind in ("num", "ord"):
            return self.number_atom(tok.value)
        if tok.kind == "month":
            return self.with_year(_Atom("month", tok.value))
        if tok.kind == "year":
            return self.year_atom(tok.value)
        if tok.kind == "marker" and tok.value.startswith("part_"):
            return self.part_atom(tok.value[5:])
        if tok.kind == "marker" and tok.value.startswith("season_"):
            return self.with_year(_Atom("season", tok.value[7:]))
        if tok.kind == "marker" and tok.value == "acad":
            return _Atom("acad_span")
        raise _Unreadable(f"непонятно «{tok.text}»")

    def number_atom(self, n: int) -> _Atom:
        nxt = self.peek()
        if nxt and nxt.kind == "month":
            self.i += 1
            return self.with_year(_Atom("day", n, nxt.value))
        if nxt and nxt.kind == "unit":
            return self.unit_atom(n, nxt, numeric=True)
        # «1 – 15 сентября», «с 1 по 15 сентября»: the month comes after the second day.
        if nxt and (nxt.kind == "range" or (nxt.kind == "op" and nxt.value in ("by", "before"))):
            for k in (1, 2):
                if self.kind(k) == "num" and self.kind(k + 1) == "month":
                    month = self.peek(k + 1).value
                    return _Atom("day", n, month)
            for k in (1, 2):
                if self.kind(k) in ("num", "ord") and self.kind(k + 1) == "unit":
                    return self.unit_atom(n, self.peek(k + 1), numeric=True, consume=False)
        raise _Unreadable(f"непонятно, что значит число {n}")

    def unit_atom(self, n: int, tok: _Tok, numeric: bool = False, consume: bool = True) -> _Atom:
        unit = self.peek() if consume else tok
        if unit is None or unit.kind != "unit" or unit.value in ("academic",):
            raise _Unreadable(f"непонятно «{tok.text}»")
        if consume:
            self.i += 1
        limits = {"quarter": 4, "half": 2, "term": 4, "dayofmonth": 31}
        if not 1 <= n <= limits[unit.value]:
            raise _Unreadable(f"нет такого периода: {n} {unit.text}")
        if unit.value == "dayofmonth":
            return _Atom("dom", n)
        return self.with_year(_Atom(unit.value, n))

    def part_atom(self, part: str) -> _Atom:
        if self.kind() == "year" and part in ("begin", "end"):  # «до конца 2023 года»
            return self.with_year(_Atom("month", 1 if part == "begin" else 12))
        if self.kind() != "month":
            raise _Unreadable("начало, середина или конец — чего? нужен месяц")
        month = self.peek().value
        self.i += 1
        first, last = _PARTS[part]
        return self.with_year(_Atom("part", first * 100 + last, month))

    def year_atom(self, y: int, attached: bool = False) -> _Atom:
        y2 = None
        academic, self.academic_next = self.academic_next, False
        if self.kind() == "range" and self.kind(1) in ("year", "num"):
            second = self.peek(1).value
            if self.kind(1) == "num":
                second = y // 100 * 100 + second
            if second >= y:
                academic = academic or (self.peek().value == "slash" and second == y + 1)
                y2 = second
                self.i += 2
        if self.kind() == "unit" and self.peek().value == "academic":
            self.i += 1
            # «май 2024 уч. г.»: a month's own year stays a calendar one.
            academic = not attached or y2 is not None
        if academic:
            if y2 not in (None, y + 1):
                raise _Unreadable(f"учебный год {y}–{y2} длиннее года")
            return _Atom("academic", year=y)
        return _Atom("years", year=y, year2=y2) if y2 else _Atom("year", year=y)

    def with_year(self, atom: _Atom) -> _Atom:
        """A year written right after the atom («Январь, 2022», «I квартал 2024 г.») belongs to it."""
        while self.kind() == "marker" and self.peek().value in ("yearly",) or (
                self.kind() == "marker" and self.peek().value.startswith("freq_") and self.kind(1) == "year"):
            self.out.flags.add(self.peek().value)  # «Сентябрь-ноябрь ежегодно 2021-2024 гг.»
            self.i += 1
        k = 1 if self.kind() == "sep" and self.peek().text == "," and self.kind(1) == "year" else 0
        if self.kind(k) != "year" or (atom.kind == "day" and atom.year is not None):
            return atom
        self.i += k + 1
        y_atom = self.year_atom(self.peek(-1).value, attached=True)
        if y_atom.kind == "academic":
            atom.year = y_atom.year if atom.first_month() >= 9 else y_atom.year + 1
            return atom
        atom.calendar_half = atom.kind == "half"
        atom.year, atom.year2 = y_atom.year, y_atom.year2
        return atom


# --- from atoms to dates ------------------------------------------------------------

def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _span(atom: _Atom, first_year: int) -> tuple[dt.date, dt.date]:
    """The first and last day an atom names, its year already settled."""
    y = atom.year
    if atom.kind == "day":
        day = dt.date(y, atom.b, atom.a)
        return day, day
    if atom.kind == "part":
        first, last = divmod(atom.a, 100)
        last = last or _last_day(y, atom.b)
        return dt.date(y, atom.b, first or last - 6), dt.date(y, atom.b, last)  # first 0: the last week
    if atom.kind == "month":
        return dt.date(y, atom.a, 1), dt.date(y, atom.a, _last_day(y, atom.a))
    if atom.kind == "year":
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if atom.kind == "years":
        return dt.date(y, 1, 1), dt.date(atom.year2, 12, 31)
    if atom.kind in ("academic", "acad_span", "dom"):
        first = atom.year if atom.kind == "academic" else first_year
        return dt.date(first, 9, 1), dt.date(first + 1, 8, 31)
    if atom.kind == "quarter":
        m = 3 * atom.a - 2
        return dt.date(y, m, 1), dt.date(y, m + 2, _last_day(y, m + 2))
    if atom.kind == "half":
        if atom.calendar_half:
            return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if atom.a == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        return (dt.date(y, 9, 1), dt.date(y, 12, 31)) if atom.a == 1 else (dt.date(y, 1, 1), dt.date(y, 5, 31))
    if atom.kind == "term":
        first, last = {1: (9, 10), 2: (11, 12), 3: (1, 3), 4: (4, 5)}[atom.a]
        return dt.date(y, first, 1), dt.date(y, last, _last_day(y, last))
    if atom.kind == "season":
        (m1, d1), (m2, d2) = _SEASONS[atom.a]
        y2 = y + 1 if m2 < m1 else y
        return dt.date(y, m1, d1), dt.date(y2, m2, d2 or _last_day(y2, m2))
    raise _Unreadable("непонятный срок")


def _key(atom: _Atom) -> tuple:
    if atom.kind == "day":
        return (atom.b, atom.a)
    if atom.kind == "part":
        return (atom.b, atom.a // 100)
    return (atom.first_month(), 0)


def _settle_years(terms: list[_Term], first_year: int) -> None:
    """Give every datable atom without a year one (see the conventions in the module docstring)."""
    atoms = [a for t in terms for a in (t.first, t.last) if a is not None]
    # «Сентябрь-ноябрь ежегодно 2021-2024 гг.»: a range of years after a range of months.
    for term in terms:
        last = term.last
        if last is not None and last.year is not None and last.year2 is not None and term.first.year is None:
            term.first.year, last.year = last.year, last.year2
            last.year2 = None
    datable = [a for a in atoms if a.datable()]
    known = [i for i, a in enumerate(datable) if a.year is not None]
    years = [a for a in atoms if a.kind in ("year", "years", "academic")]
    if not known:
        for atom in datable:
            month = atom.first_month()
            atom.year = first_year if month >= 9 else first_year + 1
            if atom.kind == "half":
                atom.year = first_year if atom.a == 1 else first_year + 1
        for term in terms:  # «август – сентябрь»: the range starts in the August before
            if term.last is not None and term.first.datable() and term.last.datable() \
                    and (term.first.year, _key(term.first)) > (term.last.year, _key(term.last)):
                term.first.year = term.last.year if _key(term.first) <= _key(term.last) else term.last.year - 1
        if years and datable:
            raise _Unreadable("непонятно, к какому году относятся месяцы")
        return
    for i, atom in enumerate(datable):
        if atom.year is not None:
            continue
        before = [j for j in known if j < i]
        if before:
            prev = datable[before[-1]]
            for j in range(before[-1] + 1, i + 1):  # walk forward in calendar order
                step = datable[j]
                if step.year is None:
                    step.year = prev.year if _key(step) >= _key(prev) else prev.year + 1
                prev = step
        else:
            nxt = datable[min(j for j in known if j > i)]
            for j in range(min(j for j in known if j > i) - 1, i - 1, -1):
                step = datable[j]
                if step.year is None:
                    step.year = nxt.year if _key(step) <= _key(nxt) else nxt.year - 1
                nxt = step


def _resolve(parsed: _Parsed, first_year: int) -> tuple[dt.date | None, dt.date | None]:
    terms = list(parsed.terms)
    if not terms or any(f.startswith("freq_") for f in parsed.then_flags):
        terms.append(_Term(None, _Atom("acad_span")))
    _settle_years(terms, first_year)
    starts, ends = [], []
    for term in terms:
        first_start, first_end = _span(term.first, first_year)
        if term.last is not None:
            last_start, last_end = _span(term.last, first_year)
            if last_end < first_start:
                raise _Unreadable("конец промежутка раньше его начала")
            start, end = first_start, last_end
        else:
            start, end = first_start, first_end
        if term.first.kind == "dom":
            pass  # «до 25 числа» is a day of every month in the academic year
        elif term.op == "before":
            start = None
        elif term.op == "before_start":
            start, end = None, first_start - dt.timedelta(days=1)
        elif term.op == "since":
            end = None if term.last is None else end
        starts.append(start)
        ends.append(end)
    start = None if any(s is None for s in starts) else min(starts)
    end = None if any(e is None for e in ends) else max(ends)
    return start, end


# --- the public function ------------------------------------------------------------

def _first_year(academic_year: str) -> int:
    return int(str(academic_year)[:4])


def _describe(period: Period) -> str:
    def day(d: dt.date) -> str:
        return format_date(d, "d MMMM y 'г.'", locale="ru")

    if period.start and period.end:
        text = f"{day(period.start)}" if period.start == period.end else f"с {day(period.start)} по {day(period.end)}"
    elif period.end:
        text = f"до {day(period.end)}"
    else:
        text = f"начиная с {day(period.start)}"
    extra = {"yearly": "ежегодно"}.get(period.recurring or "", "")
    freq = FREQUENCY_WORDS.get(period.frequency or "", "")
    return ", ".join(p for p in (text, extra, freq) if p)


def understand(text: str | None, academic_year: str | None = None, today: dt.date | None = None) -> Period:
    """The period a deadline text names, in the roadmap's academic year (see the module docstring)."""
    year = academic_year or academic_year_of(today or dt.date.today())
    raw = "" if text is None else str(text)
    try:
        first_year = _first_year(year)
        norm = _normalise(raw)
        tokens, remarks = _drop_remarks(_tokens(norm))
        timelike = [t for t in tokens if t.kind in _TIMELIKE]
        unknown = [t.text for t in tokens if t.kind == "unknown"]
        if not timelike:
            blank = not re.search(r"\w", raw)
            why = "срок не указан" if blank else "в тексте не названо время"
            return Period(raw, year, no_time=not blank, explanation=why)
        if unknown:
            raise _Unreadable("непонятные слова: " + ", ".join(f"«{w}»" for w in unknown))
        parsed = _Parser(tokens).parse()
        if parsed.flags & {"yearly"} == set() and not parsed.terms and not (parsed.flags | parsed.then_flags):
            raise _Unreadable("не найдено ни даты, ни месяца, ни года")
        start, end = _resolve(parsed, first_year)
        flags = parsed.flags | parsed.then_flags
        recurring = "yearly" if "yearly" in flags else None
        frequency = next((_FREQUENCIES[f[5:]] for f in ("freq_day", "freq_week", "freq_month", "freq_quarter",
                                                          "freq_half") if f in flags), None)
        if frequency is None and any(a.kind == "dom" for t in parsed.terms for a in (t.first, t.last) if a):
            frequency = "monthly"
        if start and end and start > end:
            raise _Unreadable("начало позже конца")
        if start is None and end is None:  # «до …, с …»: no bound left
            raise _Unreadable("не получилось ни начала, ни окончания")
        period = Period(raw, year, start, end, recurring, frequency, understood=True)
        said = [r.strip() for r in re.findall(r"\(([^()]*)\)", raw) if not re.search(r"\d", r)]
        note = ("; не учтено: " + "; ".join(f"({r})" for r in said)) if remarks and said else ""
        return Period(**{**period.__dict__, "explanation": _describe(period) + note})
    except _Unreadable as exc:
        return Period(raw, year, explanation=f"срок не понят: {exc}")
    except (ValueError, OverflowError, IndexError, KeyError) as exc:
        # An impossible date («31.02.2023») or a part the grammar does not cover.
        reason = "несуществующая дата" if isinstance(exc, ValueError) else "текст не разобран"
        return Period(raw, year, explanation=f"срок не понят: {reason}")
