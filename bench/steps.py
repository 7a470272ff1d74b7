"""What each saving in the engine is worth: one school built again and again in one warm process.

    python -m bench.steps [ROUNDS]

Rounds alternate the variants (every cache on; the theme's Jinja environment made afresh;
the theme's file list walked afresh; the theme's files trimmed afresh; none of these caches),
so that a busy machine slows all of them alike. Prints the median time of each. The engine's
other shortcuts (menu memo, inline patterns, search parser, docs in memory) are not caches
and stay on: tests/test_engine_speedups.py shows how to build without them.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.synth import make_district, school_id
from generator import engine, render
from generator.config import load_site_config
from generator.engine.theme_cache import _ENVIRONMENTS, _THEME_FILES
from generator.engine.trim_assets import _TrimAssets
from generator.pipeline import prepare

VARIANTS = {
    "все кэши": (),
    "без кэша окружения Jinja темы": (_ENVIRONMENTS,),
    "без кэша списка файлов темы": (_THEME_FILES,),
    "без кэша обрезанных файлов темы": (_TrimAssets._theme_files,),
    "без всех трёх кэшей": (_ENVIRONMENTS, _THEME_FILES, _TrimAssets._theme_files),
}


def main(rounds: int) -> None:
    os.environ.setdefault("NASTAVNIK_KEY", "bench-only-key")
    cfg = load_site_config()
    with tempfile.TemporaryDirectory(prefix="nastavnik-steps-") as tmp:
        data = make_district(Path(tmp), 1)
        _, [spec] = prepare(data, dt.date(2026, 11, 23), [school_id(1)], cfg=cfg)
        times: dict[str, list[float]] = {name: [] for name in VARIANTS}
        engine.build(spec, Path(tempfile.mkdtemp(dir=tmp)), cfg.base_mkdocs, 0)  # warm up imports
        for _ in range(rounds):
            for name, caches in VARIANTS.items():
                for cache in caches:
                    cache.clear()
                start = time.perf_counter()
                engine.build(spec, Path(tempfile.mkdtemp(dir=tmp)), cfg.base_mkdocs, 0)
                times[name].append(time.perf_counter() - start)
        render_times = []
        for cached in (True, False) * rounds:
            if not cached:
                render.environment.cache_clear()
            start = time.perf_counter()
            prepare(data, dt.date(2026, 11, 23), [school_id(1)], cfg=cfg)
            render_times.append((cached, time.perf_counter() - start))
    print(f"Одна школа, {len(spec.pages)} страниц, медиана из {rounds}:")
    for name, values in times.items():
        print(f"  MkDocs, {name}: {statistics.median(values):.3f} с")
    for cached in (True, False):
        median = statistics.median(t for c, t in render_times if c == cached)
        print(f"  чтение+политика+Markdown, шаблоны {'скомпилированы' if cached else 'компилируются заново'}: "
              f"{median:.3f} с")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
