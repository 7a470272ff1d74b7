"""Academic years: 1 September to 31 August, written «2025/2026»."""

from __future__ import annotations

import datetime as dt


def academic_year(day: dt.date) -> str:
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}/{first + 1}"


def year_start(year: str) -> dt.date:
    return dt.date(int(year[:4]), 9, 1)


def year_end(year: str) -> dt.date:
    return dt.date(int(year[:4]) + 1, 8, 31)


def years_of(start: dt.date, end: dt.date | None, until: dt.date) -> list[str]:
    """Every academic year a period touches, up to the year of «until» for an open period."""
    last = academic_year(end or until)
    years, year = [], academic_year(start)
    while year <= last:
        years.append(year)
        year = f"{int(year[:4]) + 1}/{int(year[:4]) + 2}"
    return years


def current_from(day: dt.date, end: dt.date | None) -> bool:
    """Whether something that ends on «end» still belongs to the academic year of «day»."""
    return end is None or end >= year_start(academic_year(day))
