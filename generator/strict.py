"""--strict: for CI, every warning is a failure, and the sites stay as they were.

Warnings the data gives (an unknown column, a row read with a guess …) are known before
anything is built: the pipeline's strict switch stops the build there, after reading the
data once. Warnings that only a built site can give (an attachment whose text cannot be
checked) keep that site from being published. Any warning a build reports ends it with code 1.
"""

from __future__ import annotations

import sys

from generator.errors import DataError

MARK = "ошибка (--strict): "


def report(warnings: list[str] | list[DataError]) -> int:
    """Print warnings as errors; the exit code: 1 when there were any."""
    for warning in warnings:
        print(MARK + (warning.format() if isinstance(warning, DataError) else warning), file=sys.stderr)
    if warnings:
        print(f"\nПредупреждений: {len(warnings)}; с --strict каждое считается ошибкой. "
              "Опубликованные сайты не изменены.", file=sys.stderr)
    return 1 if warnings else 0
