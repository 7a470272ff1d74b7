"""Located, Russian-language data errors (and warnings), collected rather than raised one by one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a YAML file and line, or an Excel file, sheet and cell."""

    file: str
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet is None and self.cell is None:
            return f"{self.file}:{self.line}" if self.line else self.file
        where = self.file + (f", лист «{self.sheet}»" if self.sheet is not None else "")
        if self.cell:
            return f"{where}, ячейка {self.cell}"
        return f"{where}, строка {self.line}" if self.line else where

    def sort_key(self) -> tuple:
        """File, sheet, then row and column: a list of problems reads from top to bottom."""
        match = re.fullmatch(r"([A-Z]+)(\d+)", self.cell or "")
        row = int(match.group(2)) if match else self.line or 0
        column = sum(26 ** i * (ord(ch) - 64) for i, ch in enumerate(reversed(match.group(1)))) if match else 0
        return (self.file, self.sheet or "", row, column)


@dataclass(frozen=True, order=True)
class DataError:
    location: Location
    message: str
    hint: str | None = None

    def format(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.hint:
            text += f"\n    подсказка: {self.hint}"
        return text


@dataclass
class ErrorList:
    """Errors gathered across all stages before anything is written."""

    items: list[DataError] = field(default_factory=list)

    def add(self, location: Location, message: str, hint: str | None = None) -> None:
        self.items.append(DataError(location, message, hint))

    def extend(self, other: "ErrorList") -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[DataError]:
        return sorted(set(self.items), key=lambda e: (e.location.sort_key(), e.message))


class DataErrors(Exception):
    """Raised by a stage when the user's data cannot go further; never a bug."""

    def __init__(self, errors: ErrorList, warnings: ErrorList | None = None):
        super().__init__(f"{len(errors)} data error(s)")
        self.errors = errors
        self.warnings = warnings or ErrorList()


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user typed it: relative to the working directory when possible."""
    path = Path(path)
    for base in (root, Path.cwd()):
        if base is None:
            continue
        # The folder is resolved, the file itself is not: a symbolic link keeps the name the user sees.
        try:
            return (path.parent.resolve() / path.name).relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
