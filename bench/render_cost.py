"""The CPU cost of the render stage alone, two versions of the code side by side (not a test).

    python -m bench.render_cost DATA [--rounds 5] [--base TREE] [--school-reps 20]

Each version (this tree, and TREE: another checkout, e.g. `git archive` of an older commit)
runs in its own worker process that reads DATA, applies the policy once, then renders when
asked: the district site (pages, downloads, feeds), and one school site --school-reps times.
The driver asks the two workers in turn, round after round, so that a busy machine slows
both alike, and prints the median CPU seconds of each, and whether both rendered the same
bytes (a hash of every page, menu, attachment and generated file of every rendered site).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-11-23"


def digest(specs) -> str:
    """One hash of everything the render stage hands to the engine."""
    h = hashlib.sha256()
    for spec in specs:
        h.update(json.dumps([spec.id, spec.out, spec.name, spec.nav, spec.extra, sorted(spec.outside_links),
                             sorted((k, str(v)) for k, v in spec.assets.items())],
                            ensure_ascii=False, sort_keys=True, default=str).encode())
        for name, text in sorted(spec.pages.items()):
            h.update(name.encode() + b"\0" + text.encode() + b"\0")
        for name, data in sorted(spec.generated.items()):
            h.update(name.encode() + b"\0" + data + b"\0")
    return h.hexdigest()


def _worker() -> None:
    """Reads DATA once, then answers each «district»/«school N» line with CPU seconds and a hash."""
    import datetime as dt

    from generator.config import load_site_config
    from generator.pipeline import assess_compliance, check, repository_of
    from generator.policy import apply_policy
    from generator.render import render_sites
    from generator.secret import load_key

    data_dir, today = Path(sys.argv[2]), dt.date.fromisoformat(DATE)
    cfg = load_site_config()
    data = check(data_dir, cfg=cfg)
    published = apply_policy(data, cfg, today, load_key(repository_of(data_dir)),
                             assess_compliance(data_dir, today, cfg=cfg, data=data))
    folders = {sid: s.folder for sid, s in data.schools.items()}
    first = sorted(folders)[0]
    render_sites(published, cfg, today, data.folder, folders, schools={first}, with_district=False)  # warm
    print("ready", flush=True)
    for line in sys.stdin:
        what, reps = line.split()
        start = time.process_time()
        for _ in range(int(reps)):
            if what == "district":
                specs = render_sites(published, cfg, today, data.folder, folders, schools=set())
            else:
                specs = render_sites(published, cfg, today, data.folder, folders, schools={first},
                                     with_district=False)
        seconds = (time.process_time() - start) / int(reps)
        print(json.dumps({"seconds": seconds, "hash": digest(specs)}), flush=True)


def _start(tree: Path, data: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(tree), "NASTAVNIK_KEY": os.environ.get("NASTAVNIK_KEY", "bench-only-key")}
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker", str(data)], cwd=tree,
                            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _ask(proc: subprocess.Popen, what: str, reps: int) -> dict:
    proc.stdin.write(f"{what} {reps}\n")
    proc.stdin.flush()
    return json.loads(proc.stdout.readline())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--base", type=Path, help="another checkout to compare with")
    parser.add_argument("--school-reps", type=int, default=20)
    args = parser.parse_args()
    trees = {"this": ROOT} | ({"base": args.base.resolve()} if args.base else {})
    workers = {name: _start(tree, args.data.resolve()) for name, tree in trees.items()}
    times = {(name, what): [] for name in trees for what in ("district", "school")}
    hashes = {}
    for _ in range(args.rounds):
        for what, reps in (("district", 1), ("school", args.school_reps)):
            for name, proc in workers.items():
                answer = _ask(proc, what, reps)
                times[name, what].append(answer["seconds"])
                hashes.setdefault((name, what), set()).add(answer["hash"])
    for proc in workers.values():
        proc.stdin.close()
        proc.wait()
    for (name, what), values in times.items():
        print(f"{name:5} {what:8} median {statistics.median(values):.4f} CPU s  "
              f"min {min(values):.4f}  hash {','.join(h[:12] for h in hashes[name, what])}")
    for what in ("district", "school"):
        same = len({h for (name, w), hs in hashes.items() if w == what for h in hs}) == 1
        print(f"{what}: {'same bytes' if same else 'DIFFERENT BYTES'}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        sys.path.insert(0, os.environ["PYTHONPATH"])
        _worker()
    else:
        main()
