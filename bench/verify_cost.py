"""What the verify stage costs, this code against an older commit's, alternately in one process.

    python -m bench.verify_cost SCHOOLS [ROUNDS] [--old REV] [--leaky none|initials]

Builds a synthetic district of SCHOOLS schools once (the district site and one school's site),
then times verify_site on both sites, old code and new code in turn, in CPU seconds. Both are
loaded the same way, from git and from the working tree, as modules of their own: the package's
own modules ran some 5 % slower than such copies of the very same code. Before every
timing the name-form caches are emptied, as in a fresh worker process (the dictionary stays loaded:
both variants load it alike). Prints the medians and whether both variants found the same problems.
A synthetic district has no leak; --leaky takes the consent of two people in three back (none) or
down to initials, so that both variants report thousands of names, which must be the same.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

from bench.synth import make_district, school_id
from generator import engine
from generator.config import load_site_config
from generator.pipeline import prepare
from generator.shipped import shipped_files

DATE = dt.date(2026, 11, 23)
# The old modules import each other by these names; loaded from git in this order.
_MODULES = ("nameforms", "namesakes", "leaks", "verify")


def _source(rev: str | None, name: str) -> str | None:
    if rev is None:
        path = Path(__file__).parent.parent / "generator" / f"{name}.py"
        return path.read_text(encoding="utf-8") if path.exists() else None
    shown = subprocess.run(["git", "show", f"{rev}:generator/{name}.py"], capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else None


def _modules(rev: str | None, prefix: str) -> dict[str, types.ModuleType]:
    """The verify stage's modules of a commit (None: the working tree), each importing the others as loaded."""
    loaded = {}
    for name in _MODULES:
        source = _source(rev, name)
        if source is None:
            continue  # not there yet in that commit
        for other in loaded:
            source = source.replace(f"from generator.{other} import", f"from {prefix}_{other} import")
        module = types.ModuleType(f"{prefix}_{name}")
        sys.modules[module.__name__] = module
        exec(compile(source, f"old:{name}.py", "exec"), module.__dict__)
        loaded[name] = module
    return loaded


def _clear_caches(*modules: types.ModuleType) -> None:
    for module in modules:
        for value in vars(module).values():
            if hasattr(value, "cache_clear") and getattr(value, "__name__", "") != "_morph":
                value.cache_clear()


def _built(tmp: Path, schools: int):
    cfg = load_site_config()
    data = make_district(tmp, schools)
    clock = time.process_time()
    published, specs = prepare(data, DATE, None, cfg=cfg)
    print(f"prepare: {time.process_time() - clock:.1f} CPU s", flush=True)
    sites = []
    for spec in specs:
        if spec.out and spec.id != school_id(1):
            continue
        work = Path(tempfile.mkdtemp(dir=tmp))
        clock = time.process_time()
        engine.build(spec, work, cfg.base_mkdocs, 0)
        print(f"engine {spec.id or 'district'}: {time.process_time() - clock:.1f} CPU s", flush=True)
        sites.append((spec, work / "site", published.disclosures[spec.id]))
    return sites, shipped_files(engine.shipped_theme_folders(cfg.theme_dir))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("schools", type=int)
    parser.add_argument("rounds", type=int, nargs="?", default=3)
    parser.add_argument("--old", default="cd7f086")
    parser.add_argument("--leaky", choices=["none", "initials"])
    args = parser.parse_args()
    os.environ.setdefault("NASTAVNIK_KEY", "bench-only-key")
    variants = {name: (modules["verify"], [modules["nameforms"]])
                for name, modules in (("old", _modules(args.old, "old")), ("new", _modules(None, "new")))}
    with tempfile.TemporaryDirectory(prefix="nastavnik-verify-") as tmp:
        sites, shipped = _built(Path(tmp), args.schools)
        for spec, site, disclosure in sites:
            if args.leaky:
                disclosure = dataclasses.replace(disclosure, names=[
                    dataclasses.replace(rule, allowed=args.leaky) if i % 3 else rule
                    for i, rule in enumerate(disclosure.names)])
            times: dict[str, list[float]] = {name: [] for name in variants}
            found = {}
            for round in range(args.rounds):
                # Each variant first in every other round: what the first leaves (garbage, caches) is shared.
                for name, (module, caches) in list(variants.items())[::1 if round % 2 == 0 else -1]:
                    _clear_caches(*caches)
                    clock = time.process_time()
                    found[name] = module.verify_site(spec, site, disclosure, shipped=shipped)
                    times[name].append(time.process_time() - clock)
            label = f"{spec.id} ({len(disclosure.names)} names)"
            print(f"{label}: " + ", ".join(f"{name} {statistics.median(values):.3f} CPU s (min {min(values):.3f})"
                                           for name, values in times.items())
                  + f"; same problems: {found['old'] == found['new']} ({len(found['new'])})", flush=True)


if __name__ == "__main__":
    main()
