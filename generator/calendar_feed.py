"""The iCalendar file (RFC 5545) of a site's events, written by the icalendar library.

Deterministic for a build date: DTSTAMP is the build date, not the clock; events come in
date order; UIDs are made of the site and the event id, so a calendar app that subscribed
updates an event instead of adding a copy. An event with a time is written in its time zone
(the event's, else the district's, else Europe/Moscow) with the VTIMEZONE it needs; an event
without a time is an all-day event (DTEND is the day after its last day, as RFC 5545 says).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from generator.news import Item, plain

if TYPE_CHECKING:
    import icalendar

DEFAULT_ZONE = "Europe/Moscow"
PRODID = "-//nastavnik//Целевая модель наставничества//RU"


def uid_domain(district_name: str, site_url: str | None) -> str:
    """The right-hand part of every UID: the district's host, or a stable stand-in for it."""
    if site_url and "//" in site_url:
        return site_url.split("//", 1)[1].split("/", 1)[0]
    return hashlib.sha1(district_name.encode("utf-8")).hexdigest()[:12] + ".nastavnik"


def _clock(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def _times(item: Item, zone: str) -> tuple:
    e = item.event
    last = e.end_date or e.date
    if not e.time:
        return e.date, last + dt.timedelta(days=1)
    tz = ZoneInfo(e.timezone or zone)
    start = dt.datetime.combine(e.date, _clock(e.time), tz)
    if e.end_time:
        end = dt.datetime.combine(last, _clock(e.end_time), tz)
        return start, end if end > start else None
    return start, dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tz) if e.end_date else None


def _event(item: Item, zone: str, stamp: dt.datetime, domain: str, base_url: str | None) -> icalendar.Event:
    import icalendar  # imported when used: see calendar_ics

    e = item.event
    ev = icalendar.Event()
    ev.add("uid", f"{item.site}.{e.id}@{domain}")
    ev.add("dtstamp", stamp)
    start, end = _times(item, zone)
    ev.add("dtstart", start)
    if end is not None:
        ev.add("dtend", end)
    ev.add("summary", e.title + (f" ({item.school.short_name})" if item.school else ""))
    if e.place:
        ev.add("location", e.place)
    url = base_url + item.html if base_url else None
    text = "\n\n".join(p for p in (plain(e.body), f"Подробнее: {url}" if url else None) if p)
    if text:
        ev.add("description", text)
    if url:
        ev.add("url", url)
    return ev


def calendar_ics(name: str, items: list[Item], today: dt.date, zone: str | None, domain: str,
                 base_url: str | None) -> bytes:
    """The calendar of the events among items (news are left out)."""
    # Imported here: icalendar costs a tenth of a second to import, and a rebuild takes most
    # calendars from its memo (generator/memo.py).
    import icalendar

    zone = zone or DEFAULT_ZONE
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", zone)
    stamp = dt.datetime.combine(today, dt.time(0), dt.timezone.utc)
    events = sorted((i for i in items if i.event.kind == "event"), key=lambda i: (i.event.date, i.uid))
    for item in events:
        cal.add_component(_event(item, zone, stamp, domain, base_url))
    if events:  # VTIMEZONE for the years the events touch, not since 1970
        first = dt.date(min(i.event.date for i in events).year - 1, 1, 1)
        last = dt.date(max(i.last_day for i in events).year + 2, 1, 1)
        _add_zones(cal, sorted(cal.get_missing_tzids()), first, last)
    else:  # RFC 5545 wants one component at least: the zone the calendar's events will have
        cal.add_component(_vtimezone(zone, dt.date(today.year - 1, 1, 1), dt.date(today.year + 2, 1, 1)))
    return cal.to_ical()


def _add_zones(cal: icalendar.Calendar, tzids: list[str], first: dt.date, last: dt.date) -> None:
    """As Calendar.add_missing_timezones: before the events, leaving out zones the library does not know."""
    at = len(cal.timezones)
    for tzid in tzids:
        try:
            cal.subcomponents.insert(at, _vtimezone(tzid, first, last))
            at += 1
        except ValueError:
            continue


def _vtimezone(tzid: str, first: dt.date, last: dt.date) -> icalendar.Timezone:
    """A fresh copy of the zone's component: the library computes it from the zone's rules, slowly."""
    return copy.deepcopy(_zone_component(tzid, first, last))


@functools.lru_cache(maxsize=32)
def _zone_component(tzid: str, first: dt.date, last: dt.date) -> icalendar.Timezone:
    import icalendar  # imported when used: see calendar_ics

    return icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last)
