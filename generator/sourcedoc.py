"""What the stages after loading need of a data file, whichever form it was typed in.

A registry may come from YAML (generator/yamlio.py) or from a sheet of a workbook or a
CSV file (generator/excel/table.py). Validation and the consistency checks only need the
data, shaped like the YAML file of that kind, and a way to say where a value was written.
"""

from __future__ import annotations

from typing import Any, Protocol

from generator.errors import Location

# Path of a value inside a document: keys and list indices from the root.
DataPath = tuple[Any, ...]


class SourceDoc(Protocol):
    file: str  # as shown to the user
    data: Any

    def location(self, path: DataPath = ()) -> Location:
        """Where the value at path (or the nearest enclosing one) was written."""

    def place(self, path: DataPath) -> str:
        """The same, inside the file, as words for a message: «строка 12», «ячейка B7»."""

    def label(self, path: DataPath) -> str | None:
        """What the user calls the field at path (a column heading), or None for the key itself."""
