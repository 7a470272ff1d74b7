"""The benchmark (not a test): synthetic districts of N schools, built, timed and weighed.

    python -m bench.run 10 100            # sizes; `make bench` runs 10 and 100, BIG=1 adds 1000
    python -m bench.run 10 --jobs 2 --sample 3

For every size it prints one row: sites, pages, full build (wall time, time per site,
peak memory of the whole process tree, output size), the share of the generator stages,
a rebuild with nothing changed, a rebuild after one school's data changed (a case title, which
the district site shows too; then a case text, which only the school's site shows; then the
position of a mentor who consented, which the district's base of mentors shows); and, side by
side in the same run, a plain `mkdocs build` of the very Markdown the tool generated for a
sample of schools, with the ratio of the two. Builds run as separate processes, like the
command a user types; the machine is shared, so compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.synth import ROOT, make_district, school_id

DATE = "2026-11-23"
PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def _tree_pids(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    parent = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack += children.get(pid, [])
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared by forked workers are counted once, not per worker."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(command: list[str], env: dict | None = None, memory: bool = True) -> tuple[float, float, str]:
    """Runs a command; returns its wall time, the peak memory (MB) of its process tree (0 without
    memory: reading smaps_rollup of a process that holds a region every 50 ms takes a share of one
    of the two cores, which a command of a few seconds feels), and stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], sum(_pss_kb(pid) for pid in _tree_pids(process.pid)))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if memory:
        sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - start
    if memory:
        sampler.join()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err[-3000:]}")
    return wall, peak[0] / 1024, out


def _build(data: Path, out: Path, jobs: int, *extra: str, memory: bool = True) -> tuple[float, float, dict]:
    wall, peak, out_text = run([PYTHON, "-m", "bench.build_once", str(data), str(out), DATE, str(jobs), *extra],
                               memory=memory)
    return wall, peak, json.loads(out_text.strip().splitlines()[-1])


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def plain_mkdocs(data: Path, schools: list[str], work: Path) -> tuple[float, float, int]:
    """`mkdocs build` of the Markdown and configuration the tool makes for these schools.

    Returns the mean wall time per site of plain mkdocs, and of the tool building the same
    sites (one `nastavnik build --school … --force` in a warm process, divided by the sites).
    """
    _, _, info = _build(data, work / "docs-export", 1, "--export", *schools)
    times = []
    for project in info["projects"]:
        wall, _, _ = run([MKDOCS, "build", "-q", "-f", str(Path(project) / "mkdocs.yml")], memory=False)
        times.append(wall)
    return sum(times) / len(times), info["pages"] / len(times), len(times)


def bench_size(n: int, root: Path, jobs: int, sample: int) -> dict:
    data = make_district(root / f"n{n}", n)
    out = root / f"n{n}" / "site"
    wall, peak, info = _build(data, out, jobs)
    assert not info["failed"], info["failed"]
    sites = len(info["built"])
    pages = info["pages"]
    generator = info["seconds"].get("load+validate", 0) + info["seconds"].get("policy", 0) + \
        info["seconds"].get("render", 0) / jobs
    # Only the full build's peak is reported: the other commands are timed without the sampler.
    nochange, _, again = _build(data, out, jobs, memory=False)
    assert again["built"] == [] and again["skipped"] == sites
    cases = data / "schools" / school_id(1) / "cases.yml"
    cases.write_text(cases.read_text(encoding="utf-8").replace("практика 1)", "практика 1, изменено)", 1),
                     encoding="utf-8")
    onechange, _, changed = _build(data, out, jobs, memory=False)
    assert sorted(changed["built"]) == sorted(["district", school_id(1)]), changed["built"]
    # A case's text is only on its school's site: the district site is left alone, no other school read.
    cases = data / "schools" / school_id(min(2, n)) / "cases.yml"
    cases.write_text(cases.read_text(encoding="utf-8").replace("Осенью 2024 года", "Осенью 2024-го", 1),
                     encoding="utf-8")
    unshown, _, changed = _build(data, out, jobs, memory=False)
    assert changed["built"] == [school_id(min(2, n))], changed["built"]
    # A consented mentor's position is in the district's base of mentors: its download, made and
    # leak-checked chunk by chunk, and the school's site.
    _change_consented_position(data / "schools" / school_id(min(3, n)) / "mentors.yml")
    consented, _, changed = _build(data, out, jobs, memory=False)
    assert sorted(changed["built"]) == sorted(["district", school_id(min(3, n))]), changed["built"]
    chosen = [school_id(i) for i in range(2, 2 + min(sample, n - 1))]
    plain, _, count = plain_mkdocs(data, chosen, root / f"n{n}")
    tool_wall, _, tool = _build(data, root / f"n{n}" / "tool-sample", 1, "--school", *chosen, memory=False)
    tool_per_site = sum(tool["seconds"].get(s, 0) for s in ("render", "engine", "verify", "publish")) / count
    row = dict(schools=n, sites=sites, pages=pages, full=wall, per_site=wall * jobs / sites, peak_mb=peak,
               out_mb=_size_mb(out), generator_share=generator / wall, nochange=nochange, onechange=onechange,
               unshown=unshown, consented=consented, plain=plain, tool=tool_per_site, engine=tool["seconds"]["engine"] / count,
               ratio=tool_per_site / plain, stages=info["seconds"])
    shutil.rmtree(root / f"n{n}")
    return row


def _change_consented_position(mentors: Path) -> None:
    """The position of the first mentor who consented to be named in full gains a word."""
    text = mentors.read_text(encoding="utf-8")
    consent = text.index("consent: full")
    item, position = text.rfind("- id:", 0, consent), text.rfind("position:", 0, consent)
    assert item < position, "the mentor has a position"
    end = text.index("\n", position)
    mentors.write_text(text[:end] + " (изменено)" + text[end:], encoding="utf-8")


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    memory = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    load = os.getloadavg()[0]
    return (f"{cpu}, {len(os.sched_getaffinity(0))} ядра, {memory / 1024 ** 2:.0f} ГБ, "
            f"Python {platform.python_version()}, нагрузка в начале {load:.1f}")


HEADER = ("| школ | сайтов | страниц | полная сборка, с | на сайт, с | пик памяти, МБ | вывод, МБ | "
          "генератор, % | без изменений, с | одна школа, с | одна школа, не видна району, с | "
          "строка базы с согласием, с | "
          "mkdocs build, с/сайт | nastavnik, с/сайт | из них MkDocs | отношение |")


def line(r: dict) -> str:
    return (f"| {r['schools']} | {r['sites']} | {r['pages']} | {r['full']:.1f} | {r['per_site']:.2f} | "
            f"{r['peak_mb']:.0f} | {r['out_mb']:.0f} | {100 * r['generator_share']:.1f} | {r['nochange']:.2f} | "
            f"{r['onechange']:.2f} | {r['unshown']:.2f} | {r['consented']:.2f} | {r['plain']:.2f} | {r['tool']:.2f} | {r['engine']:.2f} | "
            f"{r['ratio']:.2f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--sample", type=int, default=3, help="schools built by plain mkdocs for the ratio")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    os.environ.setdefault("NASTAVNIK_KEY", "bench-only-key")
    print(f"Машина: {machine()}; --jobs {args.jobs}", flush=True)
    print(HEADER)
    print("|" + "---|" * (HEADER.count("|") - 1), flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as tmp:
        for n in args.sizes:
            rows.append(bench_size(n, Path(tmp), args.jobs, args.sample))
            print(line(rows[-1]), flush=True)
    for r in rows:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
        print(f"{r['schools']} школ, время по этапам (с, сумма по процессам): {stages}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
