"""Render, build, verify and publish sites one at a time, in warm worker processes.

The parent process loads, validates and applies the policy once, then forks the workers:
they inherit the published model of the district without copying or pickling it, and receive
only site ids. A school's whole view is taken from where the build left it (generator/summaries.py:
Views), so that the parent need not hold every school's pages. Each worker renders one site's
Markdown, hands it to the engine, verifies the result and publishes it, then forgets it: memory
holds one site's output per worker, whatever the number of schools. Workers live for the whole
build, so whatever the engine caches (compiled theme templates, the theme's file list) serves
every site after the first.
"""

from __future__ import annotations

import calendar
import contextlib
import dataclasses
import datetime as dt
import gc
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator import engine, fingerprint
from generator.config import SiteConfig
from generator.forked import fork_map
from generator.memo import Memo
from generator.policy import Disclosure, Published
from generator.publish import replace_dir, replace_district
from generator.render import SiteSpec, render_sites
from generator.shipped import shipped_files
from generator.summaries import Views, relink
from generator.verify import unchecked_files, verify_site

DISTRICT = "district"
# With more schools than this, the district site is built (and verified) after the schools, alone in the
# main process, which lets its model go once its pages are rendered (Job.release): a region's full or
# daily build peaked at 0.9 GB so, 0.5 GB since. A district's, or one school's change in a region, builds
# it beside them, faster by the district site's time on one core.
DISTRICT_APART = 100


@dataclass
class Job:
    """What every site of one build shares; set before the workers are forked."""

    published: Published | None  # the district, with each school as the district site shows it
    views: Views  # each school's whole view, for its own site
    cfg: SiteConfig
    today: dt.date
    district_folder: Path
    school_folders: dict[str, Path]
    out_dir: Path
    fingerprints: dict[str, str]  # site id → what it is built from, recorded with the site
    strict: bool = False  # --strict: an attachment the leak check cannot read keeps the site unpublished
    state: Path | None = None  # the build's state folder (pipeline.state_dir): what later builds may reuse
    environment: str = ""  # fingerprint.environment: what the state of another environment is not valid for
    reuse: bool = True  # False (--force): nothing earlier builds made is reused; what this one makes is kept
    # The one site of this job is built in this process, and the job holds the only reference to the
    # model: once the site's pages are rendered, the model goes (a region's district site, see
    # pipeline._district_after).
    release: bool = False


@dataclass
class SiteResult:
    id: str
    out: str  # "" for the district site, "schools/<id>" for a school
    pages: int
    problems: list[str] = field(default_factory=list)
    reused: int | None = None  # pages the engine took unchanged from the site's last build (None: no memo)
    warnings: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # stage → time spent on this site


_job: Job | None = None


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = now - self.last
        self.last = now


def site_dir(out_dir: Path, site_id: str) -> Path:
    return out_dir if site_id == DISTRICT else out_dir / "schools" / site_id


def _state_file(job: Job, kind: str, site_id: str) -> Path | None:
    """Where the build keeps what its next build of the site may reuse (generator/memo.py, the engine's
    and the leak check's memos); with --force, what is there is forgotten first: nothing is reused."""
    if job.state is None:
        return None
    path = job.state / kind / f"{site_id}.pickle"
    if not job.reuse:
        path.unlink(missing_ok=True)
    return path


def _render(job: Job, site_id: str, memo: Memo) -> tuple[SiteSpec, Disclosure]:
    """The site's pages, and what its leak check must know."""
    published = job.published
    if site_id != DISTRICT:
        view = job.views.get(site_id)
        district = published.district
        school = relink(view.public, district.regulations)
        published = Published(dataclasses.replace(district, schools=[school]), {site_id: view.disclosure})
    [spec] = render_sites(published, job.cfg, job.today, job.district_folder, job.school_folders,
                          schools={site_id} - {DISTRICT}, with_district=site_id == DISTRICT, memo=memo)
    return spec, published.disclosures[site_id]


def _rendered(job: Job, site_id: str, memo: Memo) -> tuple[SiteSpec, Disclosure]:
    """_render; then, when the job says so (Job.release), the model goes: it has had its last use,
    and the engine and the leak check take its memory (a region's: 200 MB). The renderer's closures
    hold it in cycles, which only the collector frees (the model itself is frozen: it is not scanned)."""
    spec, disclosure = _render(job, site_id, memo)
    if job.release:
        job.published = None
        gc.collect()
    return spec, disclosure


def _unchecked_warnings(spec: SiteSpec, site: Path) -> list[str]:
    return [f"{spec.out or '.'}/{name}: текст вложения не удалось прочитать (скан или старый формат), "
            "проверка на персональные данные его не видит: проверьте файл сами или сохраните его как PDF с текстом"
            for name in unchecked_files(site)]


def _publish(job: Job, spec: SiteSpec, site: Path) -> None:
    fingerprint.record(site, job.fingerprints[spec.id])  # moves in together with the pages
    if spec.out:
        replace_dir(site, job.out_dir / spec.out)
    else:
        replace_district(site, job.out_dir)


def build_site(site_id: str) -> SiteResult:
    """One site from the published model to its place in the output folder."""
    job = _job
    assert job is not None, "workers.run sets the job"
    clock = _Clock()
    memo = Memo(_state_file(job, "render", site_id), job.environment)
    spec, disclosure = _rendered(job, site_id, memo)
    # Kept now and let go: a region's district site holds tens of megabytes in it, which its engine and
    # its leak check may use. What it keeps was made of its inputs alone, whatever becomes of the site.
    memo.save()
    del memo
    clock.lap("render")
    work = Path(tempfile.mkdtemp(prefix=f".nastavnik-{site_id}-", dir=job.out_dir))
    try:
        site = work / "site"
        problems = engine.build(spec, work, job.cfg.base_mkdocs, calendar.timegm(job.today.timetuple()),
                                _state_file(job, "engine", site_id))
        clock.lap("engine")
        reused = engine.reused_pages()
        shipped = shipped_files(engine.shipped_theme_folders(job.cfg.theme_dir))
        problems += verify_site(spec, site, disclosure, shipped=shipped, memo=_state_file(job, "verify", site_id))
        problems += _unchecked_warnings(spec, site) if job.strict else []
        result = SiteResult(spec.id, spec.out, len(spec.pages), problems, reused=reused)
        if not problems:
            result.warnings = _unchecked_warnings(spec, site)
            clock.lap("verify")
            _publish(job, spec, site)
            clock.lap("publish")
        result.seconds = clock.laps
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def _shared(job: Job, forked: bool):
    """The job set for the sites' functions, which forked workers inherit."""
    global _job
    _job = job
    try:
        if forked:
            # The workers share the parent's model as it is. Frozen, it is left out of their garbage
            # collections, which would otherwise write to (and so copy) every page of it.
            gc.collect()
            gc.freeze()
        yield
    finally:
        gc.unfreeze()
        _job = None


def run(job: Job, site_ids: list[str], jobs: int, on_result: Callable[[SiteResult], None]) -> None:
    """Builds the sites, in jobs processes when more than one; on_result sees each as it ends."""
    with _shared(job, jobs > 1 and len(site_ids) > 1):
        for result in fork_map(build_site, site_ids, jobs, ordered=False):
            on_result(result)


def verify_built(site_id: str) -> tuple[str, list[str]]:
    """A site already built, checked as build_site checks it, against its pages rendered again."""
    job = _job
    assert job is not None, "verify_each sets the job"
    spec, disclosure = _rendered(job, site_id, Memo(None, ""))
    site = site_dir(job.out_dir, site_id)
    if not site.is_dir():
        return site_id, [f"сайт не найден: {site}"]
    shipped = shipped_files(engine.shipped_theme_folders(job.cfg.theme_dir))
    # Published in place, the district site has the school sites inside it: they answer for themselves.
    return site_id, verify_site(spec, site, disclosure, ("schools",) if site_id == DISTRICT else (), shipped)


def verify_each(job: Job, site_ids: list[str], jobs: int) -> Iterator[tuple[str, list[str]]]:
    """(site id, problems) of each site, in the order of site_ids, in jobs processes when more than one."""
    with _shared(job, jobs > 1 and len(site_ids) > 1):
        yield from fork_map(verify_built, site_ids, jobs)
