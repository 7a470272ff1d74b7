"""One build in this process, for bench/run.py: prints what was built and the time per stage as JSON.

    python -m bench.build_once DATA OUT DATE JOBS [--school ID…] [--export ID…]

--export writes, for each school, its generated Markdown and the MkDocs configuration
the tool would use into OUT/<id>/, so that a plain `mkdocs build` can build the very same site.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path

import yaml

from generator import engine
from generator.config import load_site_config
from generator.pipeline import BuildOptions, build, prepare


def export(data: Path, out: Path, today: dt.date, schools: list[str]) -> dict:
    cfg = load_site_config()
    _, specs = prepare(data, today, schools, cfg=cfg)
    projects, pages = [], 0
    for spec in specs:
        folder = out / spec.id
        shutil.rmtree(folder, ignore_errors=True)
        engine.write_docs(spec, folder / "docs")
        shutil.copyfile(cfg.base_mkdocs, folder / "base.yml")
        os.symlink(cfg.theme_dir, folder / "theme")
        child = {"INHERIT": "base.yml", "site_name": spec.name, "nav": spec.nav, "extra": spec.extra,
                 "docs_dir": "docs", "site_dir": "site"}
        (folder / "mkdocs.yml").write_text(yaml.safe_dump(child, allow_unicode=True), encoding="utf-8")
        projects.append(str(folder))
        pages += len(spec.pages)
    return {"projects": projects, "pages": pages}


def main(argv: list[str]) -> None:
    data, out, day, jobs, *rest = argv
    today = dt.date.fromisoformat(day)
    if rest[:1] == ["--export"]:
        print(json.dumps(export(Path(data), Path(out), today, rest[1:])))
        return
    schools = rest[1:] if rest[:1] == ["--school"] else None
    options = BuildOptions(schools=schools, jobs=int(jobs), force=bool(schools))
    report = build(Path(data), Path(out), today, options=options)
    print(json.dumps({"built": [r.id for r in report.built], "skipped": report.skipped, "failed": report.failed,
                      "pages": sum(r.pages for r in report.built), "seconds": report.seconds}))


if __name__ == "__main__":
    main(sys.argv[1:])
