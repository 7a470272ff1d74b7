"""News and events of a site: what is upcoming, what is past, and where each item's page is.

A news item dated after the build date is not published yet: it appears on no page, in
no feed and no calendar until a build on or after that day. The district site shows its
own items and every school's; a school's item keeps its page on the school's site.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import format_date

from generator import model as m
from generator.archive import current_events
from generator.policy import PublicDistrict, PublicSchool, PublicSite


@dataclass(frozen=True)
class Item:
    event: m.Event
    site: str  # the site the item belongs to: "district" or a school id
    school: PublicSchool | None  # on the district site: the school the item comes from
    page: str  # the item's page from the site root: news/<id>.md, or schools/<id>/news/<id>.html

    @property
    def last_day(self) -> dt.date:
        return self.event.end_date or self.event.date

    @property
    def uid(self) -> str:
        """Stable across builds and the same on the school's and the district's site."""
        return f"{self.site}/{self.event.id}"

    @property
    def html(self) -> str:
        return self.page[:-3] + ".html" if self.page.endswith(".md") else self.page


def page_of(event: m.Event) -> str:
    return f"news/{event.id}.md"


def published(events: list[m.Event], today: dt.date) -> list[m.Event]:
    """Events are announced in advance; news waits for its date."""
    return [e for e in events if e.kind == "event" or e.date <= today]


def _items(site: PublicSite, today: dt.date, events) -> list[Item]:
    items = [Item(e, site.id, None, page_of(e)) for e in published(events(site), today)]
    if isinstance(site, PublicDistrict):
        for school in site.schools:
            items += [Item(e, school.id, school, f"schools/{school.id}/news/{e.id}.html")
                      for e in published(events(school), today)]
    return sorted(items, key=lambda i: (i.event.date, i.uid), reverse=True)


def all_items(site: PublicSite, today: dt.date) -> list[Item]:
    """Every published item of the site, newest first (feeds and calendars)."""
    return _items(site, today, lambda s: s.events)


def upcoming(site: PublicSite, today: dt.date) -> list[Item]:
    """Events that have not ended, the soonest first."""
    found = [i for i in all_items(site, today) if i.event.kind == "event" and i.last_day >= today]
    return sorted(found, key=lambda i: (i.event.date, i.uid))


def past(site: PublicSite, today: dt.date) -> list[Item]:
    """News and ended events of the current academic year, newest first (earlier ones are in the archive)."""
    items = _items(site, today, lambda s: current_events(s, today))
    return [i for i in items if i.event.kind == "news" or i.last_day < today]


def own_pages(site: PublicSite, today: dt.date) -> list[tuple[str, str, dict]]:
    """The page of each published item of the site itself: (file, template, context)."""
    return [(page_of(e), "common/event_page.md.j2", {"e": e}) for e in published(site.events, today)]


def month_title(day: dt.date) -> str:
    """«Сентябрь 2023»: a heading of the news of one month."""
    return format_date(day, "LLLL y", locale="ru").capitalize()


def by_month(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """Consecutive items of the same month under one heading, in the order given."""
    groups: list[tuple[str, list[Item]]] = []
    for item in items:
        title = month_title(item.event.date)
        if not groups or groups[-1][0] != title:
            groups.append((title, []))
        groups[-1][1].append(item)
    return groups


def when(event: m.Event) -> str:
    """«15 октября 2025 г., 10:00», «16–17 апреля 2026 г.», «30 сентября – 2 октября 2026 г.»."""
    first, last = event.date, event.end_date or event.date
    full = format_date(last, "d MMMM y 'г.'", locale="ru")
    if last == first:
        text = full
    elif (first.year, first.month) == (last.year, last.month):
        text = f"{first.day}–{full}"
    elif first.year == last.year:
        text = f"{format_date(first, 'd MMMM', locale='ru')} – {full}"
    else:
        text = format_date(first, "d MMMM y 'г.'", locale="ru") + f" – {full}"
    if event.time:
        text += f", {event.time}" + (f"–{event.end_time}" if event.end_time else "")
    return text


def template_globals(site: PublicSite, today: dt.date) -> dict:
    """What the news and events templates call."""
    return {"upcoming_items": upcoming(site, today), "past_items": past(site, today), "by_month": by_month,
            "when": when}


def plain(markdown: str | None) -> str:
    """A body typed in Markdown as plain text for calendars and feeds: links keep their address."""
    if not markdown:
        return ""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", markdown.strip())
    text = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r"\1 (\2)", text)
    return re.sub(r"(\*\*|__|`)", "", text)
