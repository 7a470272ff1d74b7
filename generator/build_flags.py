"""The build command's flags for scale: --jobs, --force, --shard K/N, --district."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from generator import shard
from generator.pipeline import BuildOptions, BuildReport
from generator.progress import Progress
from generator.workers import DISTRICT
from generator.textfilters import plural


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"«{text}»: нужно целое число процессов от 1, например 2")
    return int(text)


def _shard(text: str) -> tuple[int, int]:
    try:
        return shard.parse(text)
    except shard.ShardError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def register_jobs(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                        help=f"{what} (по умолчанию по числу ядер: {cores()})")


def register(b: argparse.ArgumentParser) -> None:
    register_jobs(b, "сколько сайтов собирать одновременно")
    b.add_argument("--force", action="store_true",
                   help="пересобрать все сайты с нуля, даже те, для которых ничего не изменилось, "
                        "не пользуясь ничем, что сохранили прошлые сборки")
    b.add_argument("--shard", type=_shard, default=None, metavar="K/N",
                   help="собрать K-ю из N постоянных частей школ (для параллельных заданий CI); "
                        "сайт района тогда не собирается")
    b.add_argument("--district", action="store_true",
                   help="собрать только сайт района (отдельным заданием CI, по данным района и школ)")


def options(args: argparse.Namespace) -> BuildOptions:
    return BuildOptions(schools=args.school, shard=args.shard, district=args.district,
                        jobs=args.jobs or cores(), force=args.force)


# A district's few schools are read in a second or two: their reading is not worth a line.
_READ_QUIETLY = 20


class _SiteProgress:
    """The bar (or log lines) of a build or a verification, started once it knows how many sites it
    has; before it, the reading of a region's schools, which takes half a minute at 1000 schools."""

    def __init__(self, desc: str) -> None:
        self.desc = desc
        self.bar: Progress | None = None
        self.read: Progress | None = None

    def reading(self, done: int, total: int) -> None:
        if total <= _READ_QUIETLY:
            return
        if self.read is None:
            # On stderr, like the bar: a report on stdout (check --compliance --format json) stays clean.
            self.read = Progress(total, desc="Чтение школ", out=sys.stderr)
        self.read.reach(done, "прочитано школ")
        if done >= total:
            self.read.close()

    def start(self, total: int) -> None:
        self.bar = Progress(total, desc=self.desc)

    def site(self, result) -> None:
        if self.bar is None:
            self.start(0)
        self.bar.site(result.out or "сайт района", result.pages, result.problems, result.reused)

    def checked(self, site_id: str, problems: list[str]) -> None:
        if self.bar is None:
            self.start(0)
        self.bar.checked("сайт района" if site_id == DISTRICT else f"schools/{site_id}", len(problems))

    def close(self) -> None:
        for bar in (self.read, self.bar):
            if bar is not None:
                bar.close()


def progress(desc: str = "Сборка") -> _SiteProgress:
    return _SiteProgress(desc)


def summary(report: BuildReport, out: Path, today: dt.date) -> str:
    skipped = f" Без изменений, не пересобрано: {plural(report.skipped, 'сайт', 'сайта', 'сайтов')}." \
        if report.skipped else ""
    return f"Готово: {plural(len(report.built), 'сайт', 'сайта', 'сайтов')} в {out}/ на {today:%d.%m.%Y}.{skipped}"
