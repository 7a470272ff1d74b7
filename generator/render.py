"""Stage 4: the public view → Markdown pages and an engine-neutral description of each site."""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import jinja2

from generator.academic import academic_year
from generator.archive import archive, current_events, current_mentees, current_pairs
from generator.charts import kpi_chart
from generator.config import PageSpec, SiteConfig
from generator.district_totals import DistrictTotals
from generator.excel.downloads import DISTRICT_DOWNLOADS, SCHOOL_DOWNLOADS, downloads
from generator.jinja_cache import bytecode_cache
from generator.memo import Memo, digest
from generator.policy import PublicDistrict, PublicSchool, PublicSite, Published
from generator.news import own_pages, template_globals
from generator.news_feed import feeds
from generator.roadmap_status import roadmap_view
from generator.textfilters import FILTERS, engine_safe, markdown, ru_date

TEMPLATES = Path(__file__).parent / "templates"
_ROWS_AT_ONCE = 2000  # of the district's base of mentors: see _render_mentor_tables


@dataclass
class SiteSpec:
    """Everything an engine needs to build one site; nothing engine-specific."""

    id: str  # "district" or the school id
    out: str  # where the site goes inside the output folder: "" or "schools/<id>"
    name: str
    pages: dict[str, str]  # path inside the site → Markdown
    nav: list
    assets: dict[str, Path] = field(default_factory=dict)  # path inside the site → source file
    extra: dict = field(default_factory=dict)
    # Relative links that leave this site on purpose (district ↔ schools): not broken links.
    outside_links: set[str] = field(default_factory=set)
    generated: dict[str, bytes] = field(default_factory=dict)  # path inside the site → file made here (downloads)


@functools.cache
def environment() -> jinja2.Environment:
    """One per process: a warm worker compiles each template once, not once per site."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=bytecode_cache())
    env.filters.update(FILTERS)
    return env


def _title(page: str, text: str) -> str:
    """The menu title of a page: its heading as plain text. The theme unescapes titles and prints
    them into HTML as they are, so angle brackets and quotes are replaced by typographic ones."""
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.M)
    title = html.unescape(re.sub(r"\\(.)", r"\1", match.group(1))) if match else PurePosixPath(page).stem
    return engine_safe(title)


class _SiteRenderer:
    def __init__(self, env: jinja2.Environment, cfg: SiteConfig, today: dt.date, district: PublicDistrict,
                 memo: Memo):
        self.env = env
        self.memo = memo
        self.cfg = cfg
        self.today = today
        self.district = district
        self._last_tables: tuple[object, str] | None = None  # (totals, their tables): see _mentor_tables

    def _attachments(self, site: PublicSite, folder: Path, district_folder: Path) -> tuple[dict, dict]:
        """Maps each attached file to its place in the site; district files go under district/."""
        hrefs, assets = {}, {}
        inherited = {id(act) for act in self.district.regulations} if isinstance(site, PublicSchool) else set()
        for obj in self._linked(site):
            base, prefix = (district_folder, "district/") if id(obj) in inherited else (folder, "")
            if getattr(obj, "file", None):
                target = prefix + PurePosixPath(obj.file).as_posix()
                hrefs[id(obj)] = quote(target)  # «план (1).pdf» would end a Markdown link early
                assets[target] = base / obj.file
        return hrefs, assets

    @staticmethod
    def _linked(site: PublicSite) -> list:
        items = [*site.regulations, *site.documents, *site.events, *site.materials,
                 *(part for e in site.events for part in (*e.photos, *e.attachments))]
        if isinstance(site, PublicSchool):
            items += [*site.programmes, *site.cases]
        return items

    def full_lists(self, site: PublicSite) -> bool:
        """Whether the district pages list every row (see district_full_lists in structure.yml)."""
        return len(getattr(site, "schools", ())) <= self.cfg.district_full_lists

    def render(self, site: PublicSite, specs: list[PageSpec], folder: Path, district_folder: Path,
               out: str, extra_pages: dict, hidden_pages: list = (), wanted: dict[str, str] | None = None) -> SiteSpec:
        """extra_pages: page → its sub-pages in the menu; hidden_pages: pages reached by links only;
        wanted: page → the name of its downloads (see excel/downloads.py)."""
        hrefs, assets = self._attachments(site, folder, district_folder)
        outside_links: set[str] = set()

        def outside(link: str) -> str:
            outside_links.add(link)
            return link

        intros = {p.name: p for p in site.pages}
        pages: dict[str, str] = {}
        shown_intros: dict[str, str | None] = {}
        nav: list = []
        base = self._context(site, hrefs, outside)
        switches = {"school_checklist": self.district.school_checklist}
        all_specs, specs = specs, [spec for spec in specs if not spec.when or switches.get(spec.when)]
        base["sections"] = specs
        for spec in specs:
            # Free pages are Markdown typed by people: Markdown stays, raw HTML and script links do not.
            intro = shown_intros[spec.file] = markdown(intros.pop(spec.file).text) if spec.file in intros else None
            pages[spec.file] = self._page(spec, base, intro)
            children = extra_pages.get(spec.file, [])
            for file, template, context in children:
                pages[file] = self.env.get_template(template).render(**base, **context, root="../" * file.count("/"))
            if children:
                nav.append({spec.title: [spec.file] + [{_title(f, pages[f]): f} for f, _, _ in children]})
            else:
                nav.append({spec.title: spec.file})
        for file, template, context in hidden_pages:
            pages[file] = self.env.get_template(template).render(**base, **context, root="../" * file.count("/"))
        for page in intros.values():  # free pages from content/ that add to the menu
            pages[page.name] = markdown(page.text) + "\n"
            nav.append({_title(page.name, page.text): page.name})
        extra = {"nastavnik": {**base["home"], "date": ru_date(self.today),
                               "section": self.cfg.texts["section_title"], "site_name": site.name}}
        wanted = wanted or {}
        tables = self._tables(specs, wanted, pages, base, shown_intros)
        files = downloads({page: tables.get(page, "") for page in wanted}, wanted,
                          {spec.file: spec.title for spec in all_specs if spec.file in wanted}, self.today, self.memo)
        return SiteSpec(site.id, out, engine_safe(f"{self.cfg.texts['section_title']} — {site.short_name}"),
                        pages, nav, assets, extra, outside_links, files)

    def _context(self, site: PublicSite, hrefs: dict, outside) -> dict:
        """What every template of the site receives."""
        def href(obj, root: str = "") -> str | None:
            if id(obj) in hrefs:
                return root + hrefs[id(obj)]
            return getattr(obj, "url", None)

        return dict(site=site, district=self.district, today=self.today, texts=self.cfg.texts, count=self._count,
                    chart=kpi_chart, min_count=self.cfg.publication["min_count"],
                    current_year=academic_year(self.today), archive=archive(site, self.today),
                    current_pairs=current_pairs, current_mentees=current_mentees, current_events=current_events,
                    vocabulary=self.cfg.vocabulary, href=href, outside=outside, home=self._home(site),
                    roadmap_view=lambda roadmap: roadmap_view(roadmap, self.today), full_lists=self.full_lists(site),
                    totals=DistrictTotals(site) if isinstance(site, PublicDistrict) else None,
                    mentor_tables=self._mentor_tables,
                    **template_globals(site, self.today))

    def _mentor_tables(self, totals: DistrictTotals) -> str:
        """The district's whole base of mentors (DistrictTotals.mentors): 70,000 rows in a region, so
        made school by school, each school's rows of a base kept for the next build while they stay the
        same: a changed row makes its school's rows again, not the region's. The rows follow from the
        school's name and mentors: a piece's memo key is made of its base, the school's name and the
        digest of its mentors, kept with each school's summary, not of the rows.
        The page and its twin with every row (_tables) show the very same tables: made once."""
        if self._last_tables is not None and self._last_tables[0] is totals:
            return self._last_tables[1]
        pieces = []
        for base, people in totals.mentors:
            pieces.append(self._mentor_rows(base, [], True, False))
            for _, rows in itertools.groupby(people, key=lambda row: id(row[0])):  # a school's rows follow each other
                rows = list(rows)
                school = rows[0][0]
                key = (base, school.short_name, school.mentors_digest or digest(school.mentors))
                pieces.append(self.memo.made_from("mentor rows", key, self._mentor_rows, base,
                                                  [(school.short_name, person) for _, person in rows], False, False))
            pieces.append(self._mentor_rows(base, [], False, True))
        tables = "".join(pieces)
        self._last_tables = (totals, tables)
        return tables

    def _mentor_rows(self, base: str, people: list, first: bool, last: bool) -> str:
        """Some rows of a base (first: with the table's heading; last: with its end), rendered a few
        thousand at a time: Jinja holds every piece of what it renders at once, and the pieces of a
        region's 70,000 rows took three times the memory of their text."""
        template = self.env.get_template("district/mentor_tables.md.j2")
        return "".join(template.render(parts=[(base, people[start:start + _ROWS_AT_ONCE], first and not start,
                                                last and start + _ROWS_AT_ONCE >= len(people))])
                       for start in range(0, max(len(people), 1), _ROWS_AT_ONCE))

    def _page(self, spec: PageSpec, base: dict, intro: str | None) -> str:
        return self.env.get_template(spec.template).render(**base, page=spec, root="../" * spec.file.count("/"),
                                                           intro=intro)

    def _tables(self, specs: list[PageSpec], wanted: dict[str, str], pages: dict[str, str], base: dict,
                intros: dict[str, str | None]) -> dict[str, str]:
        """The pages the downloads are made of. A district page that shows a summary per school is
        rendered again with every row: the downloads hold the whole municipal base."""
        if base["full_lists"]:
            return pages
        full = {**base, "full_lists": True, "outside": lambda link: link}  # its links are on no page
        return {spec.file: self._page(spec, full, intros[spec.file]) for spec in specs if spec.file in wanted}

    def _count(self, n: int) -> str:
        """A count of people in a public aggregate; a small one could point at a child."""
        least = self.cfg.publication["min_count"]
        return f"менее {least}" if 0 < n < least else str(n)

    def _home(self, site: PublicSite) -> dict:
        if isinstance(site, PublicSchool):
            url = self.district.site_url or "../../index.html"
            return {"home_url": url, "home_title": f"Сайт района: {self.district.short_name}"}
        return {"home_url": None, "home_title": None}


def render_sites(published: Published, cfg: SiteConfig, today: dt.date, district_folder: Path,
                 school_folders: dict[str, Path], schools: set[str] | None = None,
                 with_district: bool = True, memo: Memo | None = None) -> list[SiteSpec]:
    """Render the district site and the chosen schools (all when schools is None); memo: what an
    earlier build of the site made of inputs it still has (generator/memo.py)."""
    env = environment()
    district = published.district
    memo = memo or Memo(None, "")
    renderer = _SiteRenderer(env, cfg, today, district, memo)
    specs = []
    if with_district:
        specs.append(renderer.render(district, cfg.district_pages, district_folder, district_folder, "", {},
                                     own_pages(district, today), DISTRICT_DOWNLOADS))
        specs[-1].generated.update(feeds(district, district, today, memo))
    for school in district.schools:
        if schools is not None and school.id not in schools:
            continue
        cases = [(f"cases/{case.id}.md", "school/case.md.j2", {"case": case}) for case in school.cases]
        specs.append(renderer.render(school, cfg.school_pages, school_folders[school.id], district_folder,
                                     f"schools/{school.id}", {"cases/index.md": cases}, own_pages(school, today),
                                     SCHOOL_DOWNLOADS))
        specs[-1].generated.update(feeds(school, district, today, memo))
    return specs
