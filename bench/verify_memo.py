"""What the leak check's memo saves on the district site rebuilt after one school's case text changed.

    python -m bench.verify_memo SCHOOLS [ROUNDS]

Builds a synthetic district of SCHOOLS schools, builds its district site, verifies it with a memo
(the first build: none yet, so the memo is written), then changes one school's case text
(bench.rebuild._touch_school), builds the district site again, and times verify_site on it in CPU
seconds: without a memo (as before), with the memo of the first build, and with none yet (the
first build's cost of writing one), in turn in every round. Before every timing the name-form caches
are emptied, as in a fresh worker. Prints the medians and whether every variant found the same problems
(the same lines, whatever entry of the search index they name).

--leaky none|initials then takes the consent of two people in three back or down to initials, as
bench.verify_cost does, and compares what the scanner finds in each search index file scanned whole
and entry by entry: the same thousands of names. (At the scanner: verify_site would spend minutes
saying which typed text brought each name.)
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.rebuild import _touch_school
from bench.synth import make_district
from bench.verify_cost import DATE, _clear_caches
from generator import engine, nameforms
from generator.config import load_site_config
from generator.leaks import Scanner
from generator.pipeline import prepare
from generator.search_entries import split_index
from generator.shipped import shipped_files
from generator.verify import verify_site


def _district_site(data: Path, work: Path, cfg):
    """The district site built from data: (spec, site folder, disclosure)."""
    clock = time.process_time()
    published, specs = prepare(data, DATE, None, cfg=cfg)
    [spec] = [s for s in specs if not s.out]
    engine.build(spec, work, cfg.base_mkdocs, 0)
    print(f"district site built: {time.process_time() - clock:.1f} CPU s", flush=True)
    return spec, work / "site", published.disclosures[spec.id]


def _timed(spec, site, disclosure, shipped, memo: Path | None) -> tuple[float, list[str]]:
    _clear_caches(nameforms)
    clock = time.process_time()
    problems = verify_site(spec, site, disclosure, shipped=shipped, memo=memo)
    return time.process_time() - clock, problems


def _unplaced(problems: list[str]) -> list[str]:
    """The problems without the search entry they name: a whole scan of the index does not name it."""
    return sorted(re.sub(r"; (запись поиска «[^»]*»|вне записей поиска)$", "", p) for p in problems)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("schools", type=int)
    parser.add_argument("rounds", type=int, nargs="?", default=3)
    parser.add_argument("--leaky", choices=["none", "initials"])
    args = parser.parse_args()
    os.environ.setdefault("NASTAVNIK_KEY", "bench-only-key")
    cfg = load_site_config()
    shipped = shipped_files(engine.shipped_theme_folders(cfg.theme_dir))
    with tempfile.TemporaryDirectory(prefix="nastavnik-verify-memo-") as tmp:
        data = make_district(Path(tmp), args.schools)
        first = _district_site(data, Path(tmp) / "first", cfg)
        memo = Path(tmp) / "state" / "verify" / "district.pickle"
        seconds, problems = _timed(*first, shipped, memo)
        print(f"first build, memo absent (written): {seconds:.3f} CPU s, {len(problems)} problems", flush=True)
        kept = memo.read_bytes()
        _touch_school(data, 1)
        spec, site, disclosure = _district_site(data, Path(tmp) / "second", cfg)
        times: dict[str, list[float]] = {"no memo": [], "memo": [], "memo absent": []}
        found = {}
        for round in range(args.rounds):
            for name in list(times)[::1 if round % 2 == 0 else -1]:
                memo.unlink(missing_ok=True)
                if name == "memo":
                    memo.write_bytes(kept)
                seconds, found[name] = _timed(spec, site, disclosure, shipped, None if name == "no memo" else memo)
                times[name].append(seconds)
        print(f"district of {args.schools} schools ({len(disclosure.names)} names), after one school's case "
              "changed: " + ", ".join(f"{name} {statistics.median(v):.3f} CPU s (min {min(v):.3f})"
                                      for name, v in times.items())
              + f"; same problems: {len({tuple(_unplaced(p)) for p in found.values()}) == 1} "
              f"({len(found['memo'])})", flush=True)
        if args.leaky:
            _compare_entries(site, dataclasses.replace(disclosure, names=[
                dataclasses.replace(rule, allowed=args.leaky) if i % 3 else rule
                for i, rule in enumerate(disclosure.names)]))


def _compare_entries(site: Path, disclosure) -> None:
    """The leaks the scanner finds in each search index file, whole and entry by entry."""
    def found(pieces: list[str]) -> collections.Counter:
        scanner = Scanner(disclosure.names, disclosure.contacts, disclosure.shown_contacts)
        return collections.Counter((f.line, f.found, f.what, f.rule) for piece in pieces for f in scanner.scan_raw(piece))

    for name in ("search_index.json", "search_index.js"):
        text = (site / "search" / name).read_text(encoding="utf-8")
        index = split_index(text)
        whole, apart = found([text]), found([e.text for e in index.entries] + [index.rest])
        print(f"{name}: whole {sum(whole.values())} leaks, entry by entry {sum(apart.values())}, "
              f"same: {whole == apart}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
