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

from generator import buildlock, fingerprint, partial, shard, workers
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


def _stale(data_dir: Path, content_dir: Path, out_dir: Path, today: dt.date, key: LabelKey,
           cfg: SiteConfig, options: BuildOptions,
           strict: bool) -> tuple[list[str], list[str], dict[str, str], str]:
    """The sites asked for, those of them whose inputs changed, every one's fingerprint, and the
    environment's (fingerprint.environment)."""
    hashes = HashCache(state_dir(out_dir) / "hashes")
    inputs = fingerprint.Inputs(data_dir, content_dir, hashes)
    targets = _targets(inputs, options)
    environment = fingerprint.environment(cfg.root, today, key, cfg.district_root, hashes.hash)
    # With the district site, or --strict, every school's fingerprint: it keys the school's summary
    # (generator/summaries.py), which lets an unchanged school go unread.
    sites = [DISTRICT, *inputs.school_ids()] if DISTRICT in targets or strict else targets
    prints = {sid: fingerprint.fingerprint(environment, inputs.of_district() if sid == DISTRICT
                                           else inputs.of_school(sid)) for sid in sites}
    stale = [sid for sid in targets
             if options.force or fingerprint.recorded(workers.site_dir(out_dir, sid)) != prints[sid]]
    if hashes.hashed:
        hashes.save()
    return targets, stale, prints, environment


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
    targets, stale, prints, environment = _stale(data_dir, content_dir, out_dir, today, key, cfg, options, strict)
    report = BuildReport(skipped=len(targets) - len(stale), progress=progress)
    report.seconds["fingerprints"] = time.perf_counter() - clock
    if not stale and data_dir.is_dir() and not strict:
        return report  # nothing to read: every site was built from exactly these inputs
    # In batches, whatever is built: a region read at once took 4 GB. With the district site, or --strict
    # (a warning anywhere counts), every school: unchanged ones from their summaries, which keep their
    # warnings. Without it, only the schools to build: their pages never show another school's data.
    whole = DISTRICT in stale or strict
    apart = DISTRICT in stale and len(stale) - 1 > workers.DISTRICT_APART
    sources = partial.Sources(data_dir, content_dir, cfg, today, key, state_dir(out_dir),
                              {sid: value for sid, value in prints.items()
                               if sid != DISTRICT and (whole or sid in stale)}, options.jobs, whole, reading,
                              keep=not apart)
    data, published, views, seconds = partial.model(sources, set(stale) - {DISTRICT})
    report.seconds.update(seconds)
    report.warnings = [w.format() for w in data.warnings] + ([NO_KEY_WARNING] if key.random else [])
    if (strict and report.warnings) or not stale:
        return report  # --strict: a warning in the data is a failure (or nothing changed: only checked)
    folders = {sid: data_dir / "schools" / sid for sid in sources.prints}  # read or summarised
    out_dir.mkdir(parents=True, exist_ok=True)
    job = workers.Job(published, views, cfg, today, data.folder, folders, out_dir, prints, strict,
                      state_dir(out_dir), environment, reuse=not options.force)
    # Sites are made from the public view: the checked data goes before the workers are forked,
    # and the job holds the only reference to the model (see Job.release).
    del data, published, views
    started(len(stale))
    if apart:
        workers.run(job, [sid for sid in stale if sid != DISTRICT], options.jobs, report.add)
        _district_after(job, sources, report)
    else:
        job.release = len(stale) == 1  # built in this process: the district site's CI job lets its model go
        workers.run(job, stale, options.jobs, report.add)
    report.built.sort(key=lambda r: r.out)
    report.warnings += sorted(report.unchecked)
    return report


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
