"""The Atom feed (RFC 4287) of a site's news and events, and the files every site publishes for them.

Deterministic for a build date: the feed's «updated» is the build date, entries come newest
first, and ids are urn:uuid values derived from the site and the item, so they stay the same
when the site moves. Links are absolute when the site's address is known (district.yml
site_url; a school's section_url, or its folder under the district's address); without it
they are relative, which feed readers resolve against the feed's own address.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from generator.calendar_feed import calendar_ics, uid_domain
from generator.memo import Memo
from generator.news import Item, all_items, plain, when
from generator.policy import PublicDistrict, PublicSchool, PublicSite

ATOM = "http://www.w3.org/2005/Atom"
CALENDAR_FILE, FEED_FILE = "calendar.ics", "news.xml"
LIMIT = 50  # entries in the feed; older ones stay on the pages and in the archive


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _id(domain: str, key: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"nastavnik:{domain}:{key}").urn


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _entry(feed: ET.Element, item: Item, domain: str, base: str, today: dt.date) -> None:
    e = item.event
    entry = _add(feed, "entry")
    _add(entry, "id", _id(domain, item.uid))
    _add(entry, "title", e.title + (f" ({item.school.short_name})" if item.school else ""))
    # An announcement dated ahead was published by the build date at the latest.
    _add(entry, "updated", _stamp(min(e.date, today)))
    _add(entry, "published", _stamp(min(e.date, today)))
    _add(entry, "link", rel="alternate", type="text/html", href=base + item.html)
    _add(entry, "category", term=e.kind, label="мероприятие" if e.kind == "event" else "новость")
    lead = when(e) + (f", {e.place}" if e.place else "") if e.kind == "event" else None
    summary = "\n\n".join(p for p in (lead, plain(e.body)) if p)
    if summary:
        _add(entry, "summary", summary, type="text")


def atom_feed(title: str, author: str, items: list[Item], today: dt.date, domain: str, site_key: str,
              base_url: str | None) -> bytes:
    base = base_url or ""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "ru"})
    _add(feed, "id", _id(domain, f"{site_key}/news"))
    _add(feed, "title", title)
    _add(feed, "updated", _stamp(today))
    _add(_add(feed, "author"), "name", author)
    _add(feed, "link", rel="alternate", type="text/html", href=base + "news.html")
    if base_url:
        _add(feed, "link", rel="self", type="application/atom+xml", href=base_url + FEED_FILE)
    _add(feed, "generator", "nastavnik")
    for item in items[:LIMIT]:
        _entry(feed, item, domain, base, today)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def site_url(site: PublicSite, district: PublicDistrict) -> str | None:
    """Where the site is published, ending with «/»; None when the data does not say."""
    if isinstance(site, PublicSchool):
        url = site.section_url or (district.site_url.rstrip("/") + f"/schools/{site.id}/"
                                   if district.site_url else None)
    else:
        url = district.site_url
    return url.rstrip("/") + "/" if url else None


@dataclass(frozen=True)
class _From:
    """All the feeds show of the school an item comes from: with nothing else at hand, nothing else
    can change them, and the memo's key (the feeds' inputs) is complete."""

    short_name: str


def feeds(site: PublicSite, district: PublicDistrict, today: dt.date, memo: Memo | None = None) -> dict[str, bytes]:
    """The calendar of events and the news feed of a site: file name → content."""
    items = [dataclasses.replace(i, school=_From(i.school.short_name) if i.school else None)
             for i in all_items(site, today)]
    memo = memo or Memo(None, "")
    return memo.made("feeds", _feeds, items, site.id, site.name, site.short_name, today, district.timezone,
                     uid_domain(district.name, district.site_url), site_url(site, district))


def _feeds(items: list[Item], site_id: str, name: str, short_name: str, today: dt.date, zone: str | None,
           domain: str, base: str | None) -> dict[str, bytes]:
    return {CALENDAR_FILE: calendar_ics(f"Наставничество — {short_name}", items, today, zone, domain, base),
            FEED_FILE: atom_feed(f"Новости наставничества — {short_name}", name, items, today, domain, site_id, base)}
