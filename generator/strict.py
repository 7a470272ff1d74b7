"""--strict: for CI, every warning is a failure, and the sites stay as they were.

Warnings the data gives (an unknown column, a row read with a guess …) are known before
anything is built: a strict build stops there. Warnings that only a built site can give
(an attachment whose text cannot be checked) keep that site from being published (the
pipeline's strict switch). Any other warning a build reports still ends it with code 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.dataset import DistrictData
from generator.errors import DataError
from generator.pipeline import repository_of
from generator.secret import NO_KEY_WARNING, load_key

MARK = "ошибка (--strict): "


def preflight(data: DistrictData, data_dir: Path) -> list[str]:
    """Everything a build would warn about that is known before it starts."""
    found = [w.format() for w in data.warnings]
    if load_key(repository_of(data_dir)).random:
        found.append(NO_KEY_WARNING)
    return found


def report(warnings: list[str] | list[DataError]) -> int:
    """Print warnings as errors; the exit code: 1 when there were any."""
    for warning in warnings:
        print(MARK + (warning.format() if isinstance(warning, DataError) else warning), file=sys.stderr)
    if warnings:
        print(f"\nПредупреждений: {len(warnings)}; с --strict каждое считается ошибкой. "
              "Опубликованные сайты не изменены.", file=sys.stderr)
    return 1 if warnings else 0
