"""Which form a sheet holds, and where: the heading row and the field of every column.

Real registries have title rows above the heading, headings split over two rows under a
merged group heading («Контактные данные» over «телефон» and «e-mail»), a row of column
numbers under the heading and columns in any order. Every row near the top is tried as
the heading, alone and together with the row below; the reading that recognises the most
columns of some form wins. A sheet's name, its title and the file's name break a tie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from generator.excel.profiles import IGNORE, Column, Profile, Unused, norm_header
from generator.excel.sheets import Sheet
from generator.excel.values import is_blank, text

HEAD_ROWS = 30  # how far down a heading may start
_TITLE_WEIGHT = 2  # a title naming the form is worth two recognised columns


@dataclass
class Layout:
    profile: Profile
    heading_rows: tuple[int, ...]
    first_data: int
    columns: dict[int, Column] = field(default_factory=dict)
    headings: dict[int, str] = field(default_factory=dict)  # column → heading as written
    heading_cells: dict[int, tuple[int, int]] = field(default_factory=dict)  # column → the heading's cell
    ignored: list[int] = field(default_factory=list)
    unused: dict[int, str] = field(default_factory=dict)  # column → why the site does not keep it
    unknown: list[int] = field(default_factory=list)
    title: list[str] = field(default_factory=list)  # texts above the heading


class Ambiguous(Exception):
    def __init__(self, profiles: list[Profile], row: int):
        super().__init__("ambiguous form")
        self.profiles = profiles
        self.row = row


def _candidates(sheet: Sheet, r: int, two_rows: bool, c: int) -> list[tuple[str, tuple[int, int]]]:
    """Possible headings of column c: the lower one, both together, the upper one."""
    top = text(sheet.value(r, c)) if not is_blank(sheet.value(r, c)) else ""
    if not two_rows:
        return [(top, sheet.origin(r, c))] if top else []
    bottom = text(sheet.value(r + 1, c)) if not is_blank(sheet.value(r + 1, c)) else ""
    if not bottom or bottom == top:
        return [(top, sheet.origin(r, c))] if top else []
    found = [(bottom, sheet.origin(r + 1, c))]
    if top:
        found += [(f"{top} {bottom}", sheet.origin(r + 1, c)), (top, sheet.origin(r, c))]
    return found


def _all_candidates(sheet: Sheet, r: int, two_rows: bool) -> dict[int, list[tuple[str, tuple[int, int]]]]:
    return {c: found for c in range(sheet.width) if (found := _candidates(sheet, r, two_rows, c))}


def _read_heading(sheet: Sheet, profile: Profile, r: int, two_rows: bool, typos: bool = False,
                  candidates_of: dict | None = None) -> Layout:
    layout = Layout(profile, (r, r + 1) if two_rows else (r,), r + (2 if two_rows else 1))
    candidates_of = candidates_of if candidates_of is not None else _all_candidates(sheet, r, two_rows)
    for c, candidates in candidates_of.items():
        heading, cell = candidates[0]
        match = None
        for written, where in candidates:
            match = profile.match(written, typos)
            if match is not None:
                heading, cell = written, where
                break
        layout.headings[c], layout.heading_cells[c] = heading, cell
        if isinstance(match, Column):
            layout.columns[c] = match
        elif match == IGNORE:
            layout.ignored.append(c)
        elif isinstance(match, Unused):
            layout.unused[c] = match.note
        else:
            layout.unknown.append(c)
    return layout


def _score(layout: Layout) -> float:
    return len({column.key for column in layout.columns.values()}) + 0.5 * len(layout.unused)


def _named_by(texts: list[str], profiles: list[Profile]) -> Profile | None:
    """The one form a sheet's name, its title or its file's name speaks of, if any."""
    for source in texts:
        source = norm_header(source)
        named = [p for p in profiles if any(re.search(r"(?<!\w)" + re.escape(w), source) for w in p.words)]
        if len(named) == 1:
            return named[0]
    return None


def _title(sheet: Sheet, last: int) -> list[str]:
    lines = []
    for r in range(last):
        for c in range(sheet.width):
            value = sheet.raw(r, c)
            if not is_blank(value):
                lines.append(text(value))
    return lines


def recognise(sheet: Sheet, profiles: list[Profile]) -> Layout | None:
    """The best reading of the sheet as one of the forms, None if it is none; raises Ambiguous on a tie."""
    best: list[tuple[float, int, Layout]] = []
    for r in range(min(HEAD_ROWS, len(sheet.rows))):
        title = _title(sheet, r)
        named = _named_by([sheet.name or "", " ".join(title), PurePath(sheet.file).stem], profiles)
        for two_rows in (False, True):
            candidates_of = _all_candidates(sheet, r, two_rows)
            for profile in profiles:
                layout = _read_heading(sheet, profile, r, two_rows, candidates_of=candidates_of)
                score = _score(layout)
                found = {column.key for column in layout.columns.values()}
                bonus = _TITLE_WEIGHT if profile is named else 0
                if not profile.satisfied(found) or (score < 2 and not bonus):
                    continue
                layout.title = title
                best.append((score + bonus, -int(two_rows), layout))
    if not best:
        return None
    best.sort(key=lambda item: (item[0], item[1]), reverse=True)
    top_score, _, chosen = best[0]
    rivals = [layout.profile for score, _, layout in best[1:] if score == top_score
              and layout.profile is not chosen.profile and layout.heading_rows == chosen.heading_rows]
    if rivals:
        raise Ambiguous([chosen.profile, *rivals], chosen.heading_rows[0])
    # Now that the heading row is known, near misses of headings are worth looking for.
    final = _read_heading(sheet, chosen.profile, chosen.heading_rows[0], len(chosen.heading_rows) == 2, typos=True)
    final.title = chosen.title
    final.first_data = _after_numbering(sheet, final.first_data)
    return final


def _after_numbering(sheet: Sheet, r: int) -> int:
    """Skip the row of column numbers (1, 2, 3 …) many forms have under the heading."""
    values = [sheet.raw(r, c) for c in range(sheet.width) if not is_blank(sheet.raw(r, c))] \
        if r < len(sheet.rows) else []
    numbers = []
    for value in values:
        typed = text(value)
        if not re.fullmatch(r"\d{1,3}\.?", typed):
            return r
        numbers.append(int(typed.rstrip(".")))
    return r + 1 if len(numbers) >= 3 and numbers == sorted(numbers) and numbers[0] == 1 else r
