"""The engine's memo of pages (generator/engine/render_memo.py), measured (not a test).

    python -m bench.engine_memo N [--rounds 3]

Makes a synthetic district of N schools, builds its district site once with a memo, changes one
school's case text (as bench.rebuild does), then builds the district site again in turn without
the memo and with the memo the first build left: CPU seconds of engine.build alone, median of the
rounds, and whether both made the same bytes. Then a school site's first build, without a memo
and with a memo not yet there: what writing the memo costs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.rebuild import _touch_school
from bench.run import DATE
from bench.synth import make_district
from generator import engine
from generator.config import load_site_config
from generator.pipeline import assess_compliance, check, prepare, repository_of
from generator.policy import apply_policy
from generator.render import render_sites
from generator.secret import load_key


def _engine_seconds(spec, work: Path, base: Path, memo: Path | None) -> float:
    shutil.rmtree(work, ignore_errors=True)
    start = time.process_time()
    warnings = engine.build(spec, work, base, 0, memo)
    seconds = time.process_time() - start
    assert warnings == [], warnings
    return seconds


def _district_spec(data_dir: Path, today: dt.date, cfg):
    data = check(data_dir, cfg=cfg)
    published = apply_policy(data, cfg, today, load_key(repository_of(data_dir)),
                             assess_compliance(data_dir, today, cfg=cfg, data=data))
    folders = {sid: school.folder for sid, school in data.schools.items()}
    [spec] = render_sites(published, cfg, today, data.folder, folders, schools=set(), with_district=True)
    return spec


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _alternate(rounds: int, variants: dict, before=lambda name: None) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, run in variants.items():
            before(name)
            times[name].append(run())
    return times


def _print(title: str, times: dict[str, list[float]], same: bool) -> None:
    cells = ", ".join(f"{name} {statistics.median(values):.2f} s" for name, values in times.items())
    print(f"{title}: {cells} (CPU, median of {len(next(iter(times.values())))}); same bytes: {same}", flush=True)


def district(root: Path, n: int, rounds: int) -> Path:
    data, cfg, today = make_district(root / "data", n), load_site_config(), dt.date.fromisoformat(DATE)
    memo, kept = root / "state" / "district.pickle", root / "district.kept"
    before = _district_spec(data, today, cfg)
    _engine_seconds(before, root / "warm", cfg.base_mkdocs, memo)
    shutil.copyfile(memo, kept)
    _touch_school(data, 1)
    after = _district_spec(data, today, cfg)
    runs = {"no memo": lambda: _engine_seconds(after, root / "plain", cfg.base_mkdocs, None),
            "memo": lambda: _engine_seconds(after, root / "memo", cfg.base_mkdocs, memo)}
    # Each round starts from the memo of the build before the change, as the next real build would.
    times = _alternate(rounds, runs, lambda name: shutil.copyfile(kept, memo))
    _print(f"district of {n}, one school's case changed", times,
           _tree(root / "plain" / "site") == _tree(root / "memo" / "site"))
    return data


def first_school(root: Path, data: Path, rounds: int) -> None:
    cfg, today = load_site_config(), dt.date.fromisoformat(DATE)
    _, [spec] = prepare(data, today, [sorted(p.name for p in (data / "schools").iterdir())[0]],
                        cfg=cfg)
    memo = root / "state" / "school.pickle"
    runs = {"no memo": lambda: _engine_seconds(spec, root / "plain", cfg.base_mkdocs, None),
            "memo not yet there": lambda: _engine_seconds(spec, root / "memo", cfg.base_mkdocs, memo)}
    times = _alternate(rounds, runs, lambda name: memo.unlink(missing_ok=True))
    _print("a school site's first build", times, _tree(root / "plain" / "site") == _tree(root / "memo" / "site"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.engine_memo", description=__doc__.split("\n\n")[0])
    parser.add_argument("schools", type=int)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nastavnik-memo-") as folder:
        data = district(Path(folder), args.schools, args.rounds)
        first_school(Path(folder), data, args.rounds * 3)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
