"""`check` and `verify` over a whole region, in the memory and the processes of a build.

Both read every school. Read at once, a region of 1000 schools took 2.3 GB and a minute on one core
for `check`, and `verify` held the Markdown of every site besides. Here schools are read in batches,
in --jobs processes, as a build reads them (partial.model: the same checks, the same errors and
warnings), and `verify` renders and checks one site at a time per worker, as a build does. What the
batches leave for the workers (each school's whole view) goes to a temporary folder, not to the
build's state folder: nothing is written beside the output, and no build's state is trusted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator import partial, workers
from generator.compliance import Checklist
from generator.config import SiteConfig
from generator.fingerprint import Inputs
from generator.policy import Published
from generator.secret import LabelKey
from generator.summaries import Views

_READ = "read by check or verify"  # every school's "fingerprint": the folder is this command's own


@dataclass
class Region:
    """What `check` reports of a region read in batches."""

    name: str  # the district's
    schools: list[str]  # their ids
    warnings: list
    checklist: Checklist | None


@dataclass
class _Read:
    folder: Path  # the district's data folder
    schools: list[str]
    published: Published
    views: Views
    warnings: list


def _read(data_dir: Path, content_dir: Path, cfg: SiteConfig, today: dt.date, key: LabelKey,
          state: Path, jobs: int, reading, keep: bool = True, again: bool = False) -> _Read:
    """Every school read, checked and made public in batches; raises DataErrors as check() does.
    keep: as partial.Sources.keep; again: the schools taken from what a first read left in state."""
    schools = Inputs(data_dir, content_dir).school_ids()
    prints = {sid: _READ for sid in schools}
    sources = partial.Sources(data_dir, content_dir, cfg, today, key, state, prints, jobs, reading=reading, keep=keep)
    data, published, views, _ = partial.model(sources, set() if again else set(prints))
    return _Read(data.folder, schools, published, views, data.warnings)


def check_region(data_dir: Path, content_dir: Path, cfg: SiteConfig, today: dt.date, key: LabelKey,
                 jobs: int = 1, reading=lambda done, total: None) -> Region:
    """The region checked as a build checks it: its warnings, and the checklist of every school.
    reading(done, total): how many schools were read, after each batch."""
    with tempfile.TemporaryDirectory(prefix="nastavnik-check-") as state:
        read = _read(data_dir, content_dir, cfg, today, key, Path(state), jobs, reading)
        district = read.published.district
        return Region(district.name, read.schools, read.warnings, district.checklist)


def verify_region(data_dir: Path, content_dir: Path, out_dir: Path, cfg: SiteConfig, today: dt.date,
                  key: LabelKey, jobs: int = 1, started=lambda total: None,
                  checked=lambda site_id, problems: None, reading=lambda done, total: None) -> dict[str, list[str]]:
    """The verification of sites already built: site id → problems. reading as check_region's;
    started(total) is told how many sites will be checked once the data is read; checked(site id,
    problems) sees each in turn."""
    with tempfile.TemporaryDirectory(prefix="nastavnik-verify-") as state:
        apart = len(Inputs(data_dir, content_dir).school_ids()) > workers.DISTRICT_APART
        read = _read(data_dir, content_dir, cfg, today, key, Path(state), jobs, reading, keep=not apart)
        schools = read.schools
        job = workers.Job(read.published, read.views, cfg, today, read.folder,
                          {sid: data_dir / "schools" / sid for sid in schools}, out_dir, {})
        del read  # the job holds the only reference to the model (workers.Job.release)
        problems: dict[str, list[str]] = {}

        def verify(job: workers.Job, site_ids: list[str], jobs: int) -> None:
            for site_id, found in workers.verify_each(job, site_ids, jobs):
                checked(site_id, found)
                if found:
                    problems[site_id] = found

        started(1 + len(schools))
        if not apart:
            verify(job, [workers.DISTRICT, *schools], jobs)
            return problems
        # A region's district site last and alone, as a build makes it (pipeline._district_after).
        verify(job, schools, jobs)
        again = _read(data_dir, content_dir, cfg, today, key, Path(state), 1, lambda done, total: None, again=True)
        job = dataclasses.replace(job, published=again.published, views=again.views, release=True)
        del again
        verify(job, [workers.DISTRICT], 1)
        return problems
