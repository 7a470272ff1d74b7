"""The build, stage after stage: load → validate → policy → render → engine → verify → publish.

Data flows one way. All data is read and checked before anything is written; each
site is built in a temporary folder and replaces the published one only when the
engine and the verification found nothing wrong.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator import buildlock, district_record, fingerprint, partial, shard, workers
from generator.compliance import Checklist, assess, load_items
from generator.config import SiteConfig, district_root_of, load_site_config
from generator.dataset import DistrictData
from generator.errors import DataErrors
from generator.hashcache import HashCache
from generator.load import load
from generator.policy import Published, apply_policy
from generator.publish import recover
from generator.region import Region, check_region, verify_region
from generator.roadmap_status import roadmap_warnings
from generator.render import SiteSpec, render_sites
from generator.secret import NO_KEY_WARNING, LabelKey, load_key
from generator.validate import validate
from generator.workers import DISTRICT


class UsageError(Exception):
    """The command was asked for something that cannot be (exit code 2)."""


@dataclass
class BuildReport:
    built: list[workers.SiteResult] = field(default_factory=list)
    failed: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0  # sites left as they were: nothing they are built from changed
    unchecked: list[str] = field(default_factory=list)  # attachments the leak check could not read
    seconds: dict[str, float] = field(default_factory=dict)  # stage → time, summed over sites and workers
    progress: Callable[[workers.SiteResult], None] = lambda result: None

    def add(self, result: workers.SiteResult) -> None:
        if result.problems:
            self.failed[result.id] = result.problems
        else:
            self.built.append(result)
            self.unchecked += result.warnings
        for stage, seconds in result.seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
        self.progress(result)


def check(data_dir: Path, content_dir: Path | None = None, cfg: SiteConfig | None = None,
          today: dt.date | None = None, only: set[str] | None = None) -> DistrictData:
    """Load and validate everything (or the district and only these schools); raises DataErrors
    with every problem found.

    With the date of the check, the warnings also name roadmap items that are overdue on it
    and deadlines that could not be understood."""
    cfg = cfg or load_site_config(district_root=district_root_of(data_dir))
    raw, errors = load(data_dir, content_dir, only)
    data, invalid = validate(raw, cfg)
    errors.extend(invalid)
    if errors:
        raise DataErrors(errors, raw.warnings)
    if today is not None:
        raw.warnings.extend(roadmap_warnings(data, today))
    data.warnings = raw.warnings.sorted()
    return data


def assess_compliance(data_dir: Path, today: dt.date, content_dir: Path | None = None,
                      cfg: SiteConfig | None = None, data: DistrictData | None = None) -> Checklist:
    """The checklist of every school's section; raises DataErrors when the data is invalid."""
    cfg = cfg or load_site_config(district_root=district_root_of(data_dir))
    data = data or check(data_dir, content_dir, cfg)
    return assess(data.schools, load_items(cfg.compliance_file), data.regulations, today)


def repository_of(data_dir: Path) -> Path:
    """The folder under version control that holds the data (a key must never be inside it)."""
    data_dir = Path(data_dir).resolve()
    for folder in [data_dir, *data_dir.parents]:
        if (folder / ".git").exists():
            return folder
    return data_dir.parent


def prepare(data_dir: Path, today: dt.date, schools: list[str] | None = None,
            content_dir: Path | None = None, cfg: SiteConfig | None = None,
            key: LabelKey | None = None, data: DistrictData | None = None) -> tuple[Published, list[SiteSpec]]:
    """Everything before the engine: the published view and the Markdown of every site."""
    cfg = cfg or load_site_config(district_root=district_root_of(data_dir))
    key = key or load_key(repository_of(data_dir))
    data = data or check(data_dir, content_dir, cfg)
    unknown = sorted(set(schools or []) - set(data.schools))
    if unknown:
        raise UsageError("нет такой школы: " + ", ".join(unknown) +
                         f"; есть: {', '.join(sorted(data.schools)) or 'ни одной'}")
    checklist = assess_compliance(data_dir, today, content_dir, cfg, data)
    published = apply_policy(data, cfg, today, key, checklist)
    folders = {sid: school.folder for sid, school in data.schools.items()}
    specs = render_sites(published, cfg, today, data.folder, folders,
                         schools=set(schools) if schools else None, with_district=not schools)
    return published, specs


@dataclass
class BuildOptions:
    """Which sites to build and how; the defaults build everything that changed, in one process."""

    schools: list[str] | None = None  # only these schools, not the district site
    shard: tuple[int, int] | None = None  # (K, N): the K-th of N stable shares of the schools, no district
    district: bool = False  # only the district site
    jobs: int = 1
    force: bool = False  # rebuild even the sites whose fingerprint did not change


def _targets(inputs: fingerprint.Inputs, options: BuildOptions) -> list[str]:
    """Site ids to consider, the district first; asking for a school that does not exist is a usage error."""
    if options.district and (options.schools or options.shard):
        raise UsageError("--district собирает только сайт района: его нельзя сочетать с --school и --shard")
    if options.district:
        return [DISTRICT]
    existing = inputs.school_ids()
    unknown = sorted(set(options.schools or []) - set(existing))
    if unknown:
        raise UsageError("нет такой школы: " + ", ".join(unknown) + f"; есть: {', '.join(existing) or 'ни одной'}")
    schools = sorted(set(options.schools)) if options.schools else existing
    if options.shard:
        return shard.select(schools, options.shard)
    return schools if options.schools else [DISTRICT, *schools]


def state_dir(out_dir: Path) -> Path:
    """What builds remember between runs. Beside the output, never in it: the output is published
    as it is, and the state names data files and holds withheld names."""
    return out_dir.parent / f".nastavnik-cache-{out_dir.name}"


@dataclass
class _Plan:
    """What a build is asked for and what of it is stale, before any data is read."""

    targets: list[str]
    stale: list[str]
    prints: dict[str, str]  # site id → fingerprint; the district site's once its inputs are known
    environment: str  # fingerprint.environment
    own: str = ""  # with the district site: the fingerprint of its own inputs (district_record.py)
    record: district_record.Record | None = None
    # Schools whose files changed since the district site was built: whether it shows the change is
    # known once they are read (district_record.py); the district site is then stale or left alone.
    pending: tuple[str, ...] = ()


def _stale(data_dir: Path, content_dir: Path, out_dir: Path, today: dt.date, key: LabelKey,
           cfg: SiteConfig, options: BuildOptions, strict: bool) -> _Plan:
    """The sites asked for, those of them whose inputs changed, and every school's fingerprint."""
    hashes = HashCache(state_dir(out_dir) / "hashes")
    inputs = fingerprint.Inputs(data_dir, content_dir, hashes)
    targets = _targets(inputs, options)
    environment = fingerprint.environment(cfg.root, today, key, cfg.district_root, hashes.hash)
    own = fingerprint.fingerprint(environment, inputs.district_own()) if DISTRICT in targets else ""
    # With the district site, or --strict, every school's fingerprint: it keys the school's summary
    # (generator/summaries.py), which lets an unchanged school go unread.
    schools = inputs.school_ids() if DISTRICT in targets or strict else targets
    prints = {sid: fingerprint.fingerprint(environment, inputs.of_school(sid)) for sid in schools}
    stale = [sid for sid in targets if sid != DISTRICT
             and (options.force or fingerprint.recorded(workers.site_dir(out_dir, sid)) != prints[sid])]
    if hashes.hashed:
        hashes.save()
    plan = _Plan(targets, stale, prints, environment, own)
    if DISTRICT in targets:
        plan.record = district_record.load(state_dir(out_dir))
        verdict = district_record.judge(plan.record, fingerprint.recorded(out_dir), own, prints)
        if options.force or verdict.stale:
            stale.insert(0, DISTRICT)
        plan.pending = () if options.force else verdict.pending
    return plan


def build(data_dir: Path, out_dir: Path, today: dt.date, schools: list[str] | None = None,
          content_dir: Path | None = None, progress=lambda result: None,
          options: BuildOptions | None = None, started=lambda total: None, strict: bool = False,
          reading=lambda done, total: None) -> BuildReport:
    """Builds the sites whose inputs changed since they were published.

    With strict, a warning anywhere in the data (an unchanged school's from its summary) stops the
    build before any site is written; a site whose attachments the leak check cannot read is not published.

    started(total) is told how many sites will be built, once the data is checked; progress(result)
    sees each site as it ends, in the order they end; reading(done, total) how many of the schools to
    read were read, after each batch.
    """
    out_dir = Path(out_dir).resolve()
    try:
        with buildlock.held(state_dir(out_dir)):
            return _build(Path(data_dir), out_dir, today, content_dir, progress,
                          options or BuildOptions(schools=schools), started, strict, reading)
    except buildlock.Busy:
        raise UsageError(f"в папку {out_dir} сейчас собирает сайты другой запуск nastavnik; "
                         "дождитесь, пока он закончит, и запустите сборку снова") from None


def _build(data_dir: Path, out_dir: Path, today: dt.date, content_dir: Path | None, progress,
           options: BuildOptions, started, strict: bool, reading) -> BuildReport:
    data_dir, content_dir, cfg = _settings(data_dir, content_dir)
    key = load_key(repository_of(data_dir))
    recover(out_dir)  # what a killed build left: previous versions back in place, temporary folders gone
    clock = time.perf_counter()
    plan = _stale(data_dir, content_dir, out_dir, today, key, cfg, options, strict)
    report = BuildReport(skipped=len(plan.targets) - len(plan.stale), progress=progress)
    report.seconds["fingerprints"] = time.perf_counter() - clock
    if not plan.stale and not plan.pending and data_dir.is_dir() and not strict:
        return report  # nothing to read: every site was built from exactly these inputs
    base = partial.Sources(data_dir, content_dir, cfg, today, key, state_dir(out_dir), {}, options.jobs,
                           reading=reading)
    data, published, views, apart = _read(plan, base, strict, report)
    stale = plan.stale
    report.skipped = len(plan.targets) - len(stale)
    report.warnings = [w.format() for w in data.warnings] + ([NO_KEY_WARNING] if key.random else [])
    if (strict and report.warnings) or not stale:
        return report  # --strict: a warning in the data is a failure (or nothing changed: only checked)
    folders = {sid: data_dir / "schools" / sid for sid in views.prints}  # read or summarised
    out_dir.mkdir(parents=True, exist_ok=True)
    job = workers.Job(published, views, cfg, today, data.folder, folders, out_dir, plan.prints, strict,
                      state_dir(out_dir), plan.environment, reuse=not options.force)
    # Sites are made from the public view: the checked data goes before the workers are forked,
    # and the job holds the only reference to the model (see Job.release).
    digests = views.digests if DISTRICT in stale else {}
    del data, published, views
    started(len(stale))
    if apart:
        workers.run(job, [sid for sid in stale if sid != DISTRICT], options.jobs, report.add)
        _district_after(job, dataclasses.replace(base, prints=job.views.prints), report)
    else:
        job.release = len(stale) == 1  # built in this process: the district site's CI job lets its model go
        workers.run(job, stale, options.jobs, report.add)
    if any(r.id == DISTRICT for r in report.built):
        district_record.save(state_dir(out_dir), district_record.Record(
            plan.prints[DISTRICT], plan.own, {sid: (plan.prints[sid], digests[sid]) for sid in digests}))
    report.built.sort(key=lambda r: r.out)
    report.warnings += sorted(report.unchecked)
    return report


def _read(plan: _Plan, base: partial.Sources, strict: bool, report: BuildReport):
    """Stages 1–3 for the build planned: (checked data, public view, views, whether the district site is
    built after the schools). A school change that the district site may show is read first, alone;
    the district site is then left alone, or read in whole. Settles plan.stale and the district's print."""
    must_read = set(plan.stale) - {DISTRICT}
    if plan.pending and not strict:
        narrow = dataclasses.replace(base, whole=False, prints={
            sid: plan.prints[sid] for sid in {*plan.stale, *plan.pending} - {DISTRICT}})
        try:
            data, published, views, seconds = partial.model(narrow, set(plan.stale))
        except DataErrors:
            pass  # read in whole below: every error of the region is told at once, as without the district
        else:
            _add_seconds(report, seconds)
            if not _district_follows(plan, views.digests, base.state):
                return data, published, views, False
            must_read = set()  # read just now, and summarised under the fingerprints they have
    whole = DISTRICT in plan.stale or strict or bool(plan.pending)
    apart = DISTRICT in plan.stale and len(plan.stale) - 1 > workers.DISTRICT_APART
    sources = dataclasses.replace(base, whole=whole, keep=not apart, prints={
        sid: value for sid, value in plan.prints.items() if whole or sid in plan.stale})
    data, published, views, seconds = partial.model(sources, must_read)
    _add_seconds(report, seconds)
    if plan.pending:  # --strict (or errors above): the whole read settles it, built beside the schools
        _district_follows(plan, views.digests, base.state)
    if DISTRICT in plan.stale:
        assert set(views.digests) == set(plan.prints), "the district site's print needs every school's digest"
        plan.prints[DISTRICT] = district_record.district_print(plan.own, views.digests)
    return data, published, views, apart


def _district_follows(plan: _Plan, digests: dict[str, str], state: Path) -> bool:
    """Whether the district site shows a change of the pending schools (then it joins plan.stale);
    if not, the record learns their new fingerprints, and they are not pending next time."""
    assert plan.record is not None, "a school is pending only against a record"
    pending, plan.pending = plan.pending, ()
    if district_record.settle(plan.record, plan.own, {sid: digests[sid] for sid in pending}) != plan.record.fingerprint:
        plan.stale.insert(0, DISTRICT)
        return True
    schools = {**plan.record.schools, **{sid: (plan.prints[sid], digests[sid]) for sid in pending}}
    district_record.save(state, dataclasses.replace(plan.record, schools=schools))
    return False


def _add_seconds(report: BuildReport, seconds: dict[str, float]) -> None:
    for stage, value in seconds.items():
        report.seconds[stage] = report.seconds.get(stage, 0.0) + value


def _district_after(job: workers.Job, sources: partial.Sources, report: BuildReport) -> None:
    """The district site of a region, alone in this process once the schools' sites are built: the
    district's model, read again from the summaries the build has just made, is let go as soon as
    its pages are rendered, so that its engine and its leak check reuse that memory. Built beside
    the schools, it shared the machine's memory with their workers: a thousand schools peaked at
    twice the memory."""
    clock = time.perf_counter()
    quiet = dataclasses.replace(sources, keep=True, reading=lambda done, total: None)
    _, published, views, _ = partial.model(quiet, set())  # every school was checked: reads the district's files
    report.seconds["load+validate"] = report.seconds.get("load+validate", 0.0) + time.perf_counter() - clock
    job = dataclasses.replace(job, published=published, views=views, release=True)
    del published, views
    workers.run(job, [DISTRICT], 1, report.add)


def _settings(data_dir: Path, content_dir: Path | None) -> tuple[Path, Path, SiteConfig]:
    data_dir = Path(data_dir)
    content_dir = Path(content_dir) if content_dir else data_dir.parent / "content"
    return data_dir, content_dir, load_site_config(district_root=district_root_of(data_dir))


def verify_output(data_dir: Path, out_dir: Path, today: dt.date, content_dir: Path | None = None,
                  jobs: int = 1, **progress) -> dict[str, list[str]]:
    """The verification of a build, run on output that already exists: site id → problems.
    Schools are read in batches and sites checked in jobs processes, as a build does (region.py);
    progress: its reading, started and checked."""
    data_dir, content_dir, cfg = _settings(data_dir, content_dir)
    return verify_region(data_dir, content_dir, Path(out_dir).resolve(), cfg, today,
                         load_key(repository_of(data_dir)), jobs, **progress)


def check_whole(data_dir: Path, today: dt.date, content_dir: Path | None = None, jobs: int = 1,
                reading=lambda done, total: None) -> Region:
    """`nastavnik check` of a district or a region, in batches as a build reads it (region.py).
    Labels are not shown: a random key serves, and a key that is set but broken is not this command's business."""
    data_dir, content_dir, cfg = _settings(data_dir, content_dir)
    return check_region(data_dir, content_dir, cfg, today, load_key(data_dir, environ={}), jobs, reading)
