"""Rebuild benchmark (not a test): CPU time and memory of the rebuilds a district makes every day.

    python -m bench.rebuild 10 100 [--jobs 2]

For each size: a full build, a rebuild with nothing changed, a rebuild after one school's data
changed, and once more after another school's data changed. Each is a separate process, like
the command a user types; CPU seconds (user + system, summed over the process and its workers)
are what a shared machine does not blur, wall seconds are printed beside them.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.run import DATE, PYTHON, run
from bench.synth import ROOT, make_district, school_id


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(data: Path, out: Path, jobs: int) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak PSS (MB) of one `nastavnik build`."""
    cpu = _cpu()
    wall, peak, _ = run([PYTHON, "-m", "generator", "build", "--data", str(data), "--out", str(out),
                         "--date", DATE, "--jobs", str(jobs)])
    return wall, _cpu() - cpu, peak


def _touch_school(data: Path, number: int) -> None:
    cases = data / "schools" / school_id(number) / "cases.yml"
    cases.write_text(cases.read_text(encoding="utf-8").replace("практика 1)", "практика 1, изменено)", 1),
                     encoding="utf-8")


def bench_size(n: int, root: Path, jobs: int) -> None:
    data = make_district(root / f"n{n}", n)
    out = root / f"n{n}" / "site"
    rows = [("полная сборка", measure(data, out, jobs))]
    time.sleep(2.1)  # files written by the build's own start are "racily clean" for the hash cache
    rows.append(("без изменений", measure(data, out, jobs)))
    _touch_school(data, 1)
    rows.append(("одна школа", measure(data, out, jobs)))
    _touch_school(data, 2)
    rows.append(("другая школа", measure(data, out, jobs)))
    for what, (wall, cpu, peak) in rows:
        print(f"| {n} | {what} | {wall:.2f} | {cpu:.2f} | {peak:.0f} |", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.rebuild", description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ.setdefault("NASTAVNIK_KEY", "bench-only-key")
    print("| школ | сборка | стена, с | ЦП, с | пик PSS, МБ |\n|---|---|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory(prefix="nastavnik-rebuild-") as tmp:
        for n in args.sizes:
            bench_size(n, Path(tmp), args.jobs)
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
