"""A recognised sheet as a document of the same shape as the YAML file of its kind.

Validation and the consistency checks work on TableDoc exactly as on YamlDoc: they read
data ({"updated": …, "mentors": [{…}, …]}) and ask where a value was written, which here
is a sheet and a cell. Rows of a registry carry no ids; a person's id is derived from the
name, so the label that stands for an unnamed person does not change when rows move.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from generator.errors import Location
from generator.sourcedoc import DataPath


def name_key(name: str) -> str:
    """A name as compared: case, «ё», spacing and «А.П.» against «А. П.» do not matter."""
    name = re.sub(r"(?<=\b\w)\.(?=\w)", ". ", str(name))
    return " ".join(name.lower().replace("ё", "е").split())


def derived_id(prefix: str, *parts: Any) -> str:
    key = "|".join(name_key(p.isoformat() if hasattr(p, "isoformat") else p) for p in parts)
    return f"{prefix}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}"


@dataclass
class Record:
    """One record read from one or several rows: its values and the cell of each."""

    row: Location
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[tuple, Location] = field(default_factory=dict)  # (field,) or (field, index) → cell
    names: set[str] = field(default_factory=set)  # fields that hold people's names, not yet their ids

    def cell(self, *path: Any) -> Location:
        path = tuple(path)
        while path:
            if path in self.cells:
                return self.cells[path]
            path = path[:-1]
        return self.row


@dataclass
class TableDoc:
    """A sheet (or CSV file) read as one data file: implements generator.sourcedoc.SourceDoc."""

    file: str
    sheet: str | None
    key: str  # the list in the document: "mentors", "pairs", "items" …
    records: list[Record] = field(default_factory=list)
    top: dict[str, Any] = field(default_factory=dict)  # other fields of the file: updated, academic_year …
    top_cells: dict[str, Location] = field(default_factory=dict)
    headings: dict[str, str] = field(default_factory=dict)  # field → heading of its column as written
    implied: list[Record] = field(default_factory=list)  # pairs a mentee form implies (before linking)
    mentee_of: list[int] = field(default_factory=list)  # implied pair → index of its mentee record

    @property
    def data(self) -> dict:
        return {**self.top, self.key: [dict(r.values) for r in self.records]}

    def location(self, path: DataPath = ()) -> Location:
        path = tuple(path)
        if len(path) >= 2 and path[0] == self.key and isinstance(path[1], int) and path[1] < len(self.records):
            return self.records[path[1]].cell(*path[2:])
        if path and path[0] in self.top_cells:
            return self.top_cells[path[0]]
        return Location(self.file, sheet=self.sheet)

    def place(self, path: DataPath) -> str:
        where = self.location(path)
        return f"ячейка {where.cell}" if where.cell else f"строка {where.line}" if where.line else "лист"

    def label(self, path: DataPath) -> str | None:
        field_name = next((p for p in reversed(tuple(path)) if isinstance(p, str)), None)
        return self.headings.get(field_name)
