"""The build, stage after stage: load → validate → policy → render → engine → verify → publish.

Data flows one way. All data is read and checked before anything is written; each
site is built in a temporary folder and replaces the published one only when the
engine and the verification found nothing wrong.
"""

from __future__ import annotations

import calendar
import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator import engine
from generator.compliance import Checklist, assess, load_items
from generator.config import SiteConfig, district_root_of, load_site_config
from generator.dataset import DistrictData
from generator.errors import DataErrors
from generator.load import load
from generator.policy import Published, apply_policy
from generator.publish import recover, replace_dir, replace_district
from generator.roadmap_status import roadmap_warnings
from generator.render import SiteSpec, render_sites
from generator.secret import NO_KEY_WARNING, LabelKey, load_key
from generator.validate import validate
from generator.verify import unchecked_files, verify_site


class UsageError(Exception):
    """The command was asked for something that cannot be (exit code 2)."""


@dataclass
class BuildReport:
    built: list[SiteSpec] = field(default_factory=list)
    failed: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def check(data_dir: Path, content_dir: Path | None = None, cfg: SiteConfig | None = None,
          today: dt.date | None = None) -> DistrictData:
    """Load and validate everything; raises DataErrors with every problem found.

    With the date of the check, the warnings also name roadmap items that are overdue on it
    and deadlines that could not be understood."""
    cfg = cfg or load_site_config(district_root=district_root_of(data_dir))
    raw, errors = load(data_dir, content_dir)
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


def _epoch(day: dt.date) -> int:
    return calendar.timegm(day.timetuple())


def _unchecked_warnings(spec: SiteSpec, site_dir: Path) -> list[str]:
    return [f"{spec.out or '.'}/{name}: текст вложения не удалось прочитать (скан или старый формат), "
            "проверка на персональные данные его не видит: проверьте файл сами или сохраните его как PDF с текстом"
            for name in unchecked_files(site_dir)]


def _publish(spec: SiteSpec, site_dir: Path, out_dir: Path) -> None:
    if spec.out:
        replace_dir(site_dir, out_dir / spec.out)
    else:
        replace_district(site_dir, out_dir)


def build(data_dir: Path, out_dir: Path, today: dt.date, schools: list[str] | None = None,
          content_dir: Path | None = None, progress=lambda spec, problems: None, strict: bool = False) -> BuildReport:
    cfg = load_site_config(district_root=district_root_of(data_dir))
    data = check(data_dir, content_dir, cfg, today)
    published, specs = prepare(data_dir, today, schools, content_dir, cfg, data=data)
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    recover(out_dir)  # what a killed build left: previous versions back in place, temporary folders gone
    report = BuildReport(warnings=[w.format() for w in data.warnings])
    report.warnings += [NO_KEY_WARNING] if published.random_labels else []
    for spec in specs:
        work = Path(tempfile.mkdtemp(prefix=f".nastavnik-{spec.id}-", dir=out_dir))
        try:
            problems = engine.build(spec, work, cfg.base_mkdocs, _epoch(today))
            problems += verify_site(spec, work / "site", published.disclosures[spec.id])
            problems += _unchecked_warnings(spec, work / "site") if strict else []  # --strict: not published
            if problems:
                report.failed[spec.id] = problems
            else:
                report.warnings += _unchecked_warnings(spec, work / "site")
                _publish(spec, work / "site", out_dir)
                report.built.append(spec)
            progress(spec, problems)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return report



def verify_output(data_dir: Path, out_dir: Path, today: dt.date, content_dir: Path | None = None) -> dict[str, list[str]]:
    """The verification of a build, run on output that already exists: site id → problems."""
    published, specs = prepare(data_dir, today, None, content_dir)
    problems = {}
    for spec in specs:
        site_dir = Path(out_dir) / spec.out
        if not site_dir.is_dir():
            problems[spec.id] = [f"сайт не найден: {site_dir}"]
        else:
            # Published in place, the district site has the school sites inside it: they answer for themselves.
            found = verify_site(spec, site_dir, published.disclosures[spec.id], () if spec.out else ("schools",))
            if found:
                problems[spec.id] = found
    return problems
