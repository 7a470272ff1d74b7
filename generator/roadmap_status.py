"""Where each roadmap item stands on the build date, and what `nastavnik check` says about it.

Statuses: «выполнено» comes from the data (done: true, or done_date on or before the build
date); otherwise the item's deadline (generator/deadline.py) decides: after its end it is
«просрочено», before its start «запланировано», in between «в работе». A deadline with
an end and no start («до 20.10.2026») starts with the academic year. An item whose
deadline names no time or cannot be read gets no status («срок не определён»): it is
never called overdue on a guess. The summary counts the items that are not sections
(an item with sub-items is a section); a section shows its own status only when it has
a deadline of its own.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from generator import model as m
from generator.academic import academic_year, year_start
from generator.dataset import DistrictData, SiteData
from generator.deadline import Period, understand
from generator.errors import ErrorList, Location

DONE, ACTIVE, PLANNED, OVERDUE, UNKNOWN = "done", "active", "planned", "overdue", "unknown"
TITLES = {DONE: "выполнено", ACTIVE: "в работе", PLANNED: "запланировано", OVERDUE: "просрочено",
          UNKNOWN: "срок не определён"}
ORDER = (DONE, ACTIVE, PLANNED, OVERDUE, UNKNOWN)


@dataclass(frozen=True)
class Row:
    item: m.RoadmapItem
    section: bool  # has sub-items
    period: Period | None
    status: str | None  # None: a section without its own deadline

    @property
    def title(self) -> str:
        return TITLES.get(self.status, "")


@dataclass
class RoadmapView:
    rows: list[Row] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # status → number of items (sections left out)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def is_done(item: m.RoadmapItem, today: dt.date) -> bool:
    if item.done_date is not None:
        return item.done_date <= today  # a build dated before the day shows the item not yet done
    return item.done


def status(item: m.RoadmapItem, period: Period | None, year: str, today: dt.date) -> str:
    if is_done(item, today):
        return DONE
    if period is None or not period.understood:
        return UNKNOWN
    if period.end is not None and today > period.end:
        return OVERDUE
    start = period.start
    if start is None and period.end is not None and period.end >= year_start(year):
        start = year_start(year)
    if start is not None and today < start:
        return PLANNED
    return ACTIVE


def _sections(items: list[m.RoadmapItem]) -> set[str]:
    numbers = [i.number.rstrip(".") for i in items]
    return {n.rpartition(".")[0] for n in numbers if "." in n}


@functools.lru_cache(maxsize=4096)
def _period(deadline: str, year: str) -> Period:
    """Schools copy the district's model roadmap: the sites one process renders repeat the same
    deadlines, and reading one costs more than the rest of its row. A Period is immutable."""
    return understand(deadline, year)


def roadmap_view(roadmap: m.RoadmapFile, today: dt.date) -> RoadmapView:
    sections = _sections(roadmap.items)
    view = RoadmapView(counts={s: 0 for s in ORDER})
    for item in roadmap.items:
        section = item.number.rstrip(".") in sections
        period = _period(item.deadline, roadmap.academic_year) if item.deadline else None
        if section and not item.deadline and not item.done and item.done_date is None:
            view.rows.append(Row(item, True, None, None))
            continue
        state = status(item, period, roadmap.academic_year, today)
        view.rows.append(Row(item, section, period, state))
        if not section:
            view.counts[state] += 1
    return view


def _current(site: SiteData, today: dt.date) -> list[m.RoadmapFile]:
    """The roadmaps a curator still acts on: this academic year's and later ones."""
    now = academic_year(today)
    return [r for _, r in sorted(site.roadmaps.items()) if r.academic_year >= now]


def _where(item: m.RoadmapItem, field_name: str | None, site: SiteData) -> Location:
    return item.where(field_name) or item.where() or Location(str(site.folder))


def site_warnings(site: SiteData, today: dt.date, warnings: ErrorList) -> None:
    now = academic_year(today)
    for roadmap in _current(site, today):
        for row in roadmap_view(roadmap, today).rows:
            item, period = row.item, row.period
            if period is not None and not period.understood and not period.no_time and item.deadline.strip("-— "):
                warnings.add(_where(item, "deadline", site),
                             f"срок пункта {item.number.rstrip('.')} дорожной карты «{item.deadline}» не понят: "
                             f"{period.explanation.removeprefix('срок не понят: ')}",
                             "запишите срок так: «до 20.10.2026», «Сентябрь – октябрь 2026 г.», «в течение учебного "
                             f"года»; проверка: nastavnik deadline \"{item.deadline}\" --academic-year "
                             f"{roadmap.academic_year}")
            if row.status == OVERDUE and roadmap.academic_year == now:
                warnings.add(_where(item, None, site),
                             f"пункт {item.number.rstrip('.')} дорожной карты просрочен: срок «{item.deadline}» "
                             f"({period.explanation}) прошёл, отметки о выполнении нет",
                             "если мероприятие выполнено, добавьте в пункт done_date: ДД.ММ.ГГГГ (или done: да)")


def roadmap_warnings(data: DistrictData, today: dt.date) -> ErrorList:
    """Unreadable deadlines and overdue items of the roadmaps of this academic year and later ones."""
    warnings = ErrorList()
    for site in [data, *(data.schools[sid] for sid in sorted(data.schools))]:
        site_warnings(site, today, warnings)
    return warnings
