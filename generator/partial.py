"""Stages 1–3 of every build, reading schools in batches: with the district site, only the schools
that changed are read, and the other schools come from their summaries (generator/summaries.py);
without it (a shard, --school), only the schools to build (Sources.whole). Every check a full read
makes is made here too: each school read is validated in full, the district's chosen cases are
checked against every school's cases. Records of two schools are never taken for one person
(each school is its own operator of personal data, and namesakes are certain in a region), so no
check needs the people of schools not read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from generator import gcpause
from generator import model as m
from generator import summaries
from generator.compliance import Checklist, assess_school, load_items
from generator.config import SiteConfig
from generator.crosscheck import check_chosen
from generator.dataset import DistrictData
from generator.errors import DataErrors, ErrorList
from generator.forked import fork_map
from generator.kpi import SchoolCounts, needed_counts
from generator.load import RawDistrict, load
from generator.policy import Disclosure, Policy, Published
from generator.roadmap_status import roadmap_warnings
from generator.secret import LabelKey
from generator.validate import typed_document, validate

BATCH = 20  # schools read at a time: a reader holds 4–5 MB per school read (50: 250 MB per reader)

# Summaries of the schools read, by id, and the whole views of those whose view could not be stored.
_Made = tuple[dict[str, summaries.SchoolSummary], dict[str, summaries.SiteView]]


@dataclasses.dataclass
class Sources:
    data_dir: Path
    content_dir: Path
    cfg: SiteConfig
    today: dt.date
    key: LabelKey
    state: Path  # the build's state folder
    prints: dict[str, str]  # school id → fingerprint: every school of the district, or only those to build
    jobs: int = 1  # processes that read batches of schools at the same time
    # Whether prints name every school. Without the district site (a shard, --school), only the schools
    # to build: the district's checks across schools are then left to the build that has it.
    whole: bool = True
    # Told (schools read so far, schools to read) after each batch: a region takes half a minute to read.
    reading: Callable[[int, int], None] = lambda done, total: None
    # With whole: whether the read keeps what the district site shows of every school. A region's
    # build that makes the district site after the schools does not (pipeline._build): every school
    # is still checked, but the schools' sites are built beside a model of one batch, not of the region.
    keep: bool = True

    @property
    def keeps_district(self) -> bool:
        return self.whole and self.keep


def _restore_featured(data: DistrictData, raw: RawDistrict, sources: Sources, cached: dict,
                      errors: ErrorList) -> None:
    """A partial read drops the district's chosen cases; with every school's cases known, they are
    checked, and they stay when the build holds the schools the district site shows."""
    doc = raw.district.docs.get("district.yml")
    if data.district is None or doc is None:
        return
    district = typed_document(doc, m.DISTRICT_FILES["district.yml"], sources.cfg, ErrorList())
    if district:
        ids = {sid: set(s.case_ids) for sid, s in cached.items()}
        check_chosen(district, {**ids, **{sid: {c.id for c in school.cases} for sid, school in data.schools.items()}},
                     raw.district, errors)
    if sources.keeps_district:
        data.district = district


def _read(sources: Sources, cached: dict[str, summaries.SchoolSummary]):
    only = set(sources.prints) - set(cached) if cached or not sources.whole else None
    raw, errors = load(sources.data_dir, sources.content_dir, only)
    data, invalid = validate(raw, sources.cfg)
    errors.extend(invalid)
    if cached and sources.whole:
        _restore_featured(data, raw, sources, cached, errors)
    warnings = ErrorList([*raw.warnings.items, *(w for s in cached.values() for w in s.warnings)])
    return data, errors, warnings


def _summarise(sources: Sources, data: DistrictData, warnings: list) -> _Made:
    """The schools read, made public and summarised; their summaries are kept for later builds,
    and each one's whole view too, unless it could not be stored (then the build holds it)."""
    items = load_items(sources.cfg.compliance_file)
    reports = {sid: assess_school(school, items, data.regulations, sources.today) for sid, school in data.schools.items()}
    policy = Policy(sources.cfg, sources.today, sources.key, Checklist(items, sources.today,
                                                                       [reports[sid] for sid in sorted(reports)]))
    needed = needed_counts(data.kpis, sources.cfg.kpi_rules, sources.today)
    store = summaries.Store(sources.state)
    made, kept = {}, {}
    for sid, school in sorted(data.schools.items()):
        disclosure = Disclosure()
        public = policy.school(school, data, disclosure)
        counts = SchoolCounts.of(school, needed, sources.cfg.kpi_rules, sources.today)
        made[sid], view = summaries.make(sources.prints.get(sid, ""), public, disclosure, reports[sid], counts,
                                         school, warnings)
        # Stored even with random labels, which no later build can use (fingerprint.key_identity):
        # the site's worker reads it, and the build does not hold a thousand schools' pages.
        if sid not in sources.prints or not store.save(sid, made[sid], view):
            kept[sid] = view
    return made, kept


def _policy(sources: Sources, data: DistrictData, every: dict[str, summaries.SchoolSummary],
            views: summaries.Views) -> Published:
    """The public view of the district, with each school as the district site shows it."""
    checklist = Checklist(load_items(sources.cfg.compliance_file), sources.today,
                          [every[sid].report for sid in sorted(every)])
    ready = {sid: (s.public, s.disclosure) for sid, s in every.items()}
    published = Policy(sources.cfg, sources.today, sources.key, checklist).district(
        data, ready, [every[sid].counts for sid in sorted(every)])
    own = published.disclosures["district"]
    own.texts = summaries.TextsOf(own.texts, views, sorted(every))
    return published


def _batch(sources: Sources, batch: list[str]) -> tuple[_Made, ErrorList]:
    """Some schools read, checked and summarised; their data is forgotten at once (memory stays bounded)."""
    raw, errors = load(sources.data_dir, sources.content_dir, set(batch))
    data, invalid = validate(raw, sources.cfg)
    errors.extend(invalid)
    if errors:
        return ({}, {}), errors  # read again with the rest, so that every error is told
    made, unstored = _summarise(sources, data, [*raw.warnings.items, *roadmap_warnings(data, sources.today).items])
    if not sources.keeps_district:
        # No district site to show them now: of the schools read, the build keeps only what it reports
        # and checks. Their views are on disk for the workers, and memory does not grow with the schools.
        made = {sid: s.reduced() for sid, s in made.items()}
    return (made, unstored), errors


_sources: Sources | None = None  # set before the readers are forked, as in workers.py


def _batch_in_reader(batch: list[str]) -> tuple[_Made, ErrorList]:
    assert _sources is not None, "_each_batch sets the sources"
    return _batch(_sources, batch)


def _each_batch(sources: Sources, batches: list[list[str]]):
    """The batches' summaries and errors, in the batches' order: in sources.jobs processes when
    there is more than one, since reading every school is most of a full build's serial time."""
    global _sources
    _sources = sources
    try:
        yield from fork_map(_batch_in_reader, batches, sources.jobs)  # in order: errors stay sorted
    finally:
        _sources = None


def _usable(sources: Sources, must_read: set[str]) -> dict[str, summaries.SchoolSummary]:
    store = summaries.Store(sources.state)
    usable = {}
    for sid, print_ in sorted(sources.prints.items()):
        summary = None if sid in must_read else store.load(sid, print_)
        if summary is not None:  # reduced at once: the build never holds every school's whole summary
            usable[sid] = summary if sources.keeps_district else summary.reduced()
    return usable


@gcpause.kept  # a thousand schools' summaries, read or made: objects that all live on for the whole build
def model(sources: Sources, must_read: set[str],
          batched: bool = True) -> tuple[DistrictData, Published, summaries.Views, dict[str, float]]:
    """The checked data of the schools read last, the published view of the district (each school
    as the district site shows it: summaries.for_district; without the whole district, only the last
    batch's schools), and where each school's whole view is.

    must_read: schools not to take from their summaries (their sites are rebuilt: --force must read);
    the others are read only when their summary is missing or outdated. Schools to read are read
    batch at a time. Raises DataErrors as a full read would."""
    clock = time.perf_counter()
    cached, kept = _usable(sources, must_read), {}
    fresh = sorted(set(sources.prints) - set(cached))
    # In parallel, smaller batches: the last one is read alone, after the others, with the district.
    share = len(fresh) // (4 * sources.jobs) if sources.jobs > 1 else len(fresh)
    errors, batch = ErrorList(), max(1, min(BATCH, share) if batched else len(fresh))
    # Whole batches while more than one batch is left; the last one is read with the district below.
    batches = [fresh[i:i + batch] for i in range(0, len(fresh) - batch, batch)]
    sources.reading(0, len(fresh))  # the clock of an estimate starts here
    for done, ((made, unstored), found) in enumerate(_each_batch(sources, batches), 1):
        cached.update(made)
        kept.update(unstored)
        errors.extend(found)
        sources.reading(done * batch, len(fresh))
    data, found, warnings = _read(sources, cached)
    if fresh:
        sources.reading(len(fresh), len(fresh))
    errors.extend(found)
    needed = needed_counts(data.kpis, sources.cfg.kpi_rules, sources.today)
    if cached and any(not needed <= set(s.counts.counts) for s in cached.values()):
        return model(sources, set(sources.prints), batched=False)  # one full read: its checks decide
    if errors:
        raise DataErrors(errors, warnings)
    warnings.extend(roadmap_warnings(data, sources.today))
    data.warnings = warnings.sorted()
    seconds = {"load+validate": time.perf_counter() - clock}
    clock = time.perf_counter()
    made, unstored = _summarise(sources, data, warnings.items)
    digests = {sid: s.digest for sid, s in {**cached, **made}.items()}
    views = summaries.Views(summaries.Store(sources.state), sources.prints, {**kept, **unstored}, digests)
    # Without the district site, the last batch is enough: school sites show no other school.
    published = _policy(sources, data, {**cached, **made} if sources.keeps_district else made, views)
    seconds["policy"] = time.perf_counter() - clock
    return data, published, views, seconds
