"""External links in the data, listed for a person to check: nastavnik never fetches them.

Builds must not depend on other hosts (CI has no network, a site may be down for a day), so
whether an address still answers is left to a person with this list: `nastavnik check --links`.
"""

from __future__ import annotations

import dataclasses
import re

from generator import model as m
from generator.dataset import DistrictData, SiteData
from generator.errors import Location

_ADDRESS = re.compile(r"https?://[^\s<>()\"'`»«\]\[]+(?:\([^\s()]*\)[^\s<>()\"'`»«\]\[]*)*", re.I)


def _from_entity(entity: m.Entity, found: set) -> None:
    for name in sorted(entity.model_fields_set):
        value = getattr(entity, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, m.Entity):
                _from_entity(item, found)
            elif isinstance(item, str):
                where = entity.where(name) or Location("?")
                for url in _ADDRESS.findall(item):
                    found.add((where, url.rstrip(".,;:")))


def _from_site(site: SiteData, found: set) -> None:
    for field in dataclasses.fields(site):
        value = getattr(site, field.name)
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, m.Entity):
                _from_entity(item, found)
    for page in site.pages:
        for number, line in enumerate(page.text.splitlines(), 1):
            found.update((Location(page.file, number), url.rstrip(".,;:")) for url in _ADDRESS.findall(line))


def external_links(data: DistrictData) -> list[tuple[Location, str]]:
    """Every http(s) address in the data and content pages, with where it was written."""
    found: set[tuple[Location, str]] = set()
    for site in [data, *(data.schools[sid] for sid in sorted(data.schools))]:
        _from_site(site, found)
    return sorted(found, key=lambda item: (item[0].sort_key(), item[1]))


def print_links(links: list[tuple[Location, str]]) -> None:
    for where, url in links:
        print(f"{where}: {url}")
    print(f"Внешних ссылок: {len(links)}. Они не открывались: проверьте, что адреса живы, в браузере.")
