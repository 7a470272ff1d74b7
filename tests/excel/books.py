"""Workbooks and CSV files for the Excel tests, made with openpyxl inside each test (no binaries in git).

All people are fictional. `book()` writes sheets of rows (None leaves a cell empty) with
optional merged ranges; `read()` reads a file the way the build does; `district()` is the
minidistrict with school «alpha»'s YAML registries replaced by the given files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from generator.cli import main
from generator.errors import ErrorList
from generator.excel.read import read_table_file
from tests.minidistrict import make_district

DAY = dt.date(2026, 11, 23)
REGISTRIES = ("mentors.yml", "mentees.yml", "pairs.yml")

# A mentor form as a school of another region might keep it (R-145 columns, own wording).
MENTOR_HEADINGS = ["№ п/п", "ФИО наставника", "Должность", "Ключевые компетенции", "Согласие на публикацию",
                   "Форма наставничества", "Дата рождения"]
MENTOR_ROWS = [
    [1, "Громова Лидия Павловна", "учитель биологии", "экология; проекты", "полностью", "учитель – ученик",
     dt.date(1979, 3, 2)],
    [2, "Зорин Аркадий Ильич", "учитель истории", "краеведение", "нет", "педагог – педагог", "14.05.1985"],
    [3, "Лебедева Инна Олеговна", "учитель музыки", None, "инициалы", "учитель – ученик", None],
]


def book(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None,
         hidden: tuple[str, ...] = ()) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        ws = workbook.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    ws.cell(r, c, value)
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
        if name in hidden:
            ws.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def read(path: Path, kinds: list[str] | None = None):
    """(found forms by kind, errors, warnings) of one file, as the build reads it."""
    errors, warnings = ErrorList(), ErrorList()
    found = read_table_file(path, path.name, errors, warnings, kinds)
    return {profile.kind: doc for profile, doc in found}, errors, warnings


def messages(errors: ErrorList) -> list[str]:
    return [e.format() for e in errors.sorted()]


def district(root: Path, keep: tuple[str, ...] = ()) -> Path:
    """The minidistrict without school alpha's registries (except keep); returns the data folder."""
    data = make_district(root)
    for name in REGISTRIES:
        if name not in keep:
            (data / "schools" / "alpha" / name).unlink()
    return data


def run(argv: list[str]) -> int:
    """The exit code of the nastavnik command: main() returns it, argparse raises it."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code
