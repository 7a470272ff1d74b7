"""The checklist of what a school's section must contain, evaluated on the school's data.

Items and their wording are data (site_config/compliance.yml); each names a rule below.
A rule looks at validated data and the build date only and never at people's names, so
its result may be published as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator import model as m
from generator.academic import academic_year, year_start
from generator.dataset import SchoolData
from generator.errors import DataErrors, ErrorList, display_path
from generator.textfilters import short_date
from generator.yamlio import read_yaml

DONE, PARTIAL, MISSING = "выполнено", "частично", "нет"
_WEIGHT = {DONE: 1.0, PARTIAL: 0.5, MISSING: 0.0}


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    sources: tuple[str, ...]
    rule: str
    params: dict


@dataclass(frozen=True)
class Result:
    item: Item
    status: str
    reason: str


@dataclass
class SchoolReport:
    school: str  # id
    name: str
    results: list[Result] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Per cent of the checklist done; a partly done item counts half."""
        if not self.results:
            return 0.0
        return round(100 * sum(_WEIGHT[r.status] for r in self.results) / len(self.results), 1)


@dataclass
class Checklist:
    items: list[Item]
    date: dt.date
    schools: list[SchoolReport]

    @property
    def share(self) -> float:
        results = [r for s in self.schools for r in s.results]
        return round(100 * sum(_WEIGHT[r.status] for r in results) / len(results), 1) if results else 0.0


def load_items(path: Path) -> list[Item]:
    """The checklist; a district edits this file, so its mistakes are reported, not raised."""
    errors = ErrorList()
    doc = read_yaml(path, display_path(path), errors)
    items = []
    for i, entry in enumerate(doc.data.get("items", []) if doc and isinstance(doc.data, dict) else []):
        where = doc.location(("items", i))
        if not isinstance(entry, dict) or not {"id", "title", "rule"} <= set(entry):
            errors.add(where, "у пункта перечня должны быть id, title и rule")
        elif entry["rule"] not in RULES:
            errors.add(doc.location(("items", i, "rule")), f"неизвестное правило «{entry['rule']}»",
                       "допустимо: " + ", ".join(RULES))
        elif entry["rule"] == "document" and "type" not in entry:
            errors.add(where, "для правила document нужен параметр type (вид документа)")
        else:
            items.append(Item(str(entry["id"]), entry["title"], tuple(entry.get("sources", [])), entry["rule"],
                              {k: v for k, v in entry.items() if k not in ("id", "title", "sources", "rule")}))
    if errors:
        raise DataErrors(errors)
    return items


# --- rules ------------------------------------------------------------------------------

@dataclass
class _Context:
    school: SchoolData
    district_acts: list[m.Act]
    today: dt.date

    @property
    def year(self) -> str:
        return academic_year(self.today)

    def documents(self, kind: str) -> list[m.Document]:
        return [d for d in self.school.documents if d.type == kind]


def _doc_title(doc: m.Document, fallback: str) -> str:
    number = f" № {doc.number}" if doc.number else ""
    date = f" от {short_date(doc.date)}" if doc.date else ""
    return f"{doc.title or fallback}{number}{date}"


def _document(ctx: _Context, item: Item) -> tuple[str, str]:
    docs = ctx.documents(item.params["type"])
    if not docs:
        return MISSING, "документа нет в documents.yml"
    unlinked = [d for d in docs if not (d.url or d.file)]
    if len(unlinked) == len(docs):
        return PARTIAL, "документ указан, но не приложен файл и нет ссылки"
    return DONE, _doc_title(next(d for d in docs if d.url or d.file), "документ")


def _section(ctx: _Context, item: Item) -> tuple[str, str]:
    info = ctx.school.school
    if info and info.section_url:
        return DONE, info.section_url
    return PARTIAL, "раздел собран, но его адрес на сайте школы не указан (section_url в school.yml)"


def _roadmap(ctx: _Context, item: Item) -> tuple[str, str]:
    roadmaps = {r.academic_year: r for r in ctx.school.roadmaps.values()}
    if ctx.year in roadmaps:
        current = roadmaps[ctx.year]
        if not current.items:
            return PARTIAL, f"дорожная карта на {ctx.year} учебный год без мероприятий"
        return DONE, f"на {ctx.year} учебный год, {len(current.items)} пунктов"
    if roadmaps:
        return PARTIAL, f"устарело: последняя дорожная карта — на {max(roadmaps)} учебный год"
    return MISSING, "дорожной карты нет (roadmap.yml)"


def _programme(ctx: _Context, item: Item) -> tuple[str, str]:
    if any(d.url or d.file for d in ctx.documents("programme")):
        return DONE, "программа наставничества опубликована"
    if ctx.school.programmes or ctx.documents("programme"):
        return PARTIAL, "программы есть в данных, но текст программы ОО не приложен"
    return MISSING, "нет ни программы ОО, ни персонализированных программ"


def _curator(ctx: _Context, item: Item) -> tuple[str, str]:
    order = any(d.url or d.file for d in ctx.documents("order_curator"))
    curator = ctx.school.school.curator if ctx.school.school else None
    contacts = bool(curator and curator.consent.value == "full" and (curator.phone or curator.email)
                    and not (curator.consent_until and curator.consent_until < ctx.today))
    if order and contacts:
        return DONE, "приказ и рабочие контакты куратора опубликованы"
    if order:
        return PARTIAL, "нет рабочих контактов куратора с согласием на публикацию"
    if contacts:
        return PARTIAL, "нет приказа о назначении куратора (с файлом или ссылкой)"
    return MISSING, "нет ни приказа о назначении куратора, ни его рабочих контактов"


def _registries(ctx: _Context, item: Item) -> tuple[str, str]:
    files = {"наставников": ctx.school.mentors, "наставляемых": ctx.school.mentees}
    empty = [name for name, f in files.items() if not getattr(f, "mentors", None) and not getattr(f, "mentees", None)]
    if len(empty) == 2:
        return MISSING, "баз наставников и наставляемых нет"
    if empty:
        return PARTIAL, f"нет базы {empty[0]}"
    start = year_start(ctx.year)
    stale = [name for name, f in files.items() if not f.updated or f.updated < start]
    if stale:
        return PARTIAL, f"база {' и '.join(stale)} не обновлялась в {ctx.year} учебном году (поле updated)"
    return DONE, f"обновлены {short_date(min(f.updated for f in files.values()))}"


def _pairs_in_year(ctx: _Context) -> list[m.Pair]:
    start = year_start(ctx.year)
    return [p for p in ctx.school.pairs.pairs if p.start <= ctx.today and (p.end is None or p.end >= start)]


def _pair_orders(ctx: _Context, item: Item) -> tuple[str, str]:
    orders = ctx.documents("order_pairs")
    pairs = _pairs_in_year(ctx)
    if not orders:
        return MISSING, "приказов о закреплении пар нет"
    without = [p for p in pairs if not p.order]
    if without:
        return PARTIAL, f"у {len(without)} из {len(pairs)} пар текущего года не указан приказ"
    if not any(d.url or d.file for d in orders):
        return PARTIAL, "приказы указаны, но не приложены файлы и нет ссылок"
    return DONE, f"приказов: {len(orders)}"


def _pair_count(ctx: _Context, item: Item) -> tuple[str, str]:
    pairs = _pairs_in_year(ctx)
    if not pairs:
        return MISSING, "в текущем учебном году нет наставнических пар"
    # The orders that matter now: those of this year and those behind pairs that still run.
    used = {p.order for p in pairs}
    orders = [d for d in ctx.documents("order_pairs") if d.id in used or d.academic_year == ctx.year]
    stated = [d for d in orders if d.pairs_count is not None]
    if not stated:
        return PARTIAL, f"пар в базе: {len(pairs)}; в приказах не указано число пар (pairs_count)"
    for order in stated:
        in_registry = sum(1 for p in ctx.school.pairs.pairs if p.order == order.id)
        if in_registry != order.pairs_count:
            return PARTIAL, f"{_doc_title(order, 'приказ')}: пар по приказу {order.pairs_count}, в базе {in_registry}"
    mentees = {x.id: x for x in ctx.school.mentees.mentees}
    no_start = {i for p in pairs for i in p.mentees if i in mentees and not mentees[i].joined}
    if no_start:
        return PARTIAL, f"у {len(no_start)} наставляемых в парах не указана дата вхождения в программу"
    return DONE, f"пар по приказам и в базе: {sum(d.pairs_count for d in stated)}"


def _cases(ctx: _Context, item: Item) -> tuple[str, str]:
    cases = ctx.school.cases
    if not cases:
        return MISSING, "лучших практик нет (cases.yml)"
    return DONE, f"практик: {len(cases)}"


def _normative(ctx: _Context, item: Item) -> tuple[str, str]:
    levels = {a.level for a in [*ctx.district_acts, *ctx.school.regulations] if a.in_force}
    missing = [name for key, name in (("federal", "федеральных"), ("regional", "региональных")) if key not in levels]
    if len(missing) == 2:
        return MISSING, "нет ни федеральных, ни региональных актов"
    if missing:
        return PARTIAL, f"нет {missing[0]} актов"
    return DONE, "федеральные и региональные акты указаны"


def _news(ctx: _Context, item: Item) -> tuple[str, str]:
    events = ctx.school.events
    if not events:
        return MISSING, "новостей и анонсов нет (events.yml)"
    months = item.params.get("months", 6)
    latest = max(e.date for e in events)
    if (ctx.today - latest).days > months * 31:
        return PARTIAL, f"последняя новость — {short_date(latest)}, старше {months} месяцев"
    return DONE, f"последняя — {short_date(latest)}"


def _monitoring(ctx: _Context, item: Item) -> tuple[str, str]:
    if any(d.url or d.file for d in ctx.documents("monitoring")):
        return DONE, "результаты мониторинга опубликованы"
    actual = [k for k in ctx.school.kpis if k.actual or k.compute]
    if actual:
        return PARTIAL, "есть показатели, но нет документа с результатами мониторинга"
    return MISSING, "результатов мониторинга нет"


RULES: dict[str, Callable[[_Context, Item], tuple[str, str]]] = {
    "section": _section, "document": _document, "roadmap": _roadmap, "programme": _programme,
    "curator": _curator, "registries": _registries, "pair_orders": _pair_orders, "pair_count": _pair_count,
    "cases": _cases, "normative": _normative, "news": _news, "monitoring": _monitoring,
}


def assess_school(school: SchoolData, items: list[Item], district_acts: list[m.Act], today: dt.date) -> SchoolReport:
    ctx = _Context(school, district_acts, today)
    name = school.school.short_name or school.school.name if school.school else school.id
    report = SchoolReport(school.id, name)
    for item in items:
        status, reason = RULES[item.rule](ctx, item)
        report.results.append(Result(item, status, reason))
    return report


def assess(schools: dict[str, SchoolData], items: list[Item], district_acts: list[m.Act],
           today: dt.date) -> Checklist:
    return Checklist(items, today, [assess_school(s, items, district_acts, today)
                                    for _, s in sorted(schools.items())])
