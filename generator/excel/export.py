"""`nastavnik export --kind mentors --out FILE.xlsx`: every school's registry in one workbook.

For the methodological centre's own databases and statistical reports (seed 000 п. 6.3,
5.1). The workbook holds personal data (names, contacts, consents): it is never written
under a site's output or the data folder, and it says so in its first rows and properties.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from generator import model as m
from generator import partial
from generator.config import SiteConfig
from generator.dataset import SchoolData
from generator.errors import DataErrors, ErrorList
from generator.excel.profiles import REGISTRIES, Column, Profile, load_profiles, load_values
from generator.excel.writer import DATE_FORMAT, HEADING_FILL, HEADING_FONT, WRAP, as_is, cell_format, form_value
from generator.forked import fork_map
from generator.load import load
from generator.validate import validate

KINDS = REGISTRIES
PERSONAL_DATA = ("СОДЕРЖИТ ПЕРСОНАЛЬНЫЕ ДАННЫЕ (152-ФЗ). Только для служебного пользования методического центра: "
                 "не размещать на сайте, не пересылать по открытым каналам, хранить с ограниченным доступом.")
_SCHOOL = Column("school", "Организация", width=30)
_CODE = Column("id", "Код", type="id", width=12)


def refusal(out: Path, site_dir: Path, data_dir: Path) -> str | None:
    """Why the workbook may not be written there, or None: personal data never goes where sites are built."""
    out = Path(out).resolve()
    if out.suffix.lower() != ".xlsx":
        return "имя файла выгрузки должно оканчиваться на .xlsx"
    for folder, what in ((site_dir, "папки собранных сайтов"), (data_dir, "папки данных")):
        if out.is_relative_to(Path(folder).resolve()):
            return (f"выгрузка содержит персональные данные и не записывается внутрь {what} ({folder}): "
                    "сохраните её вне сайта и вне репозитория")
    for folder in out.parents:
        if (folder / "search" / "search_index.json").is_file():
            return f"папка {folder} похожа на собранный сайт: выгрузка с персональными данными туда не записывается"
    return None


def _columns(profile: Profile) -> list[Column]:
    own = [c for c in profile.template_columns() if c.target == "record" and c.field != "id"]
    return [_SCHOOL, *(own if profile.kind == "pairs" else [*own, _CODE])]


def _pair_values(pair: m.Pair, school: SchoolData) -> dict[str, Any]:
    names = {p.id: p.name for p in [*school.mentors.mentors, *school.mentees.mentees]}
    documents = {d.id: d for d in school.documents}
    programmes = {p.id: p.title for p in school.programmes}
    order = documents.get(pair.order)
    return {"mentors": [names.get(i, i) for i in pair.mentors], "mentees": [names.get(i, i) for i in pair.mentees],
            "order": (f"№ {order.number}" + (f" от {order.date:%d.%m.%Y}" if order.date else "")
                      if order and order.number else pair.order),
            "programme": programmes.get(pair.programme, pair.programme)}


def _records(kind: str, school: SchoolData) -> list[dict[str, Any]]:
    records = {"mentors": school.mentors.mentors, "mentees": school.mentees.mentees, "pairs": school.pairs.pairs}
    rows = []
    for record in records[kind]:
        values = dict(record)
        if kind == "pairs":
            values.update(_pair_values(record, school))
        rows.append(values)
    return rows


def _name(school: SchoolData) -> str:
    return (school.school.short_name or school.school.name) if school.school else school.id


_job: tuple | None = None  # (data folder, settings, kind): set before the readers are forked, as in partial.py


def _rows_of(batch: list[str]) -> tuple[list[list[Any]], ErrorList]:
    """The workbook's rows of some schools, read and checked (a whole read of a region took 2.5 GB)."""
    assert _job is not None, "export_book sets the job"
    data_dir, cfg, kind = _job
    raw, errors = load(data_dir, None, set(batch))
    data, invalid = validate(raw, cfg)
    errors.extend(invalid)
    profile, values = load_profiles()[kind], load_values()
    columns = _columns(profile)
    rows = []
    for _, school in sorted(data.schools.items()):
        for record in _records(kind, school):
            record["school"] = _name(school)
            rows.append([form_value(column, record.get(column.field), values) for column in columns])
    return ([] if errors else rows), errors


def _cell(ws, value: Any, number_format: str | None) -> WriteOnlyCell:
    return as_is(WriteOnlyCell(ws, value), number_format)


def _frame(ws, profile: Profile, columns: list[Column], district: str, today: dt.date) -> None:
    for col, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(col)].width = column.width
    ws.freeze_panes = "A4"
    title = _cell(ws, f"{profile.title}: все организации ({district}), выгружено {today:%d.%m.%Y}", None)
    warning = _cell(ws, PERSONAL_DATA, None)
    title.font, warning.font = Font(bold=True), Font(bold=True, color="C00000")
    ws.append([title])
    ws.append([warning])
    headings = [_cell(ws, column.header, None) for column in columns]
    for cell in headings:
        cell.font, cell.fill, cell.alignment = HEADING_FONT, HEADING_FILL, WRAP
    ws.append(headings)


def export_book(data_dir: Path, cfg: SiteConfig, kind: str, today: dt.date, district: str, schools: list[str],
                jobs: int = 1) -> Workbook:
    """Every school's registry in one workbook, written row by row (openpyxl's write-only mode): the
    schools are read in batches, in jobs processes, as a build reads them. The data is checked as a
    whole before (region.check_region): errors here mean it changed meanwhile, and stop the export too."""
    global _job
    profile = load_profiles()[kind]
    columns = _columns(profile)
    book = Workbook(write_only=True)
    ws = book.create_sheet(profile.sheet)
    _frame(ws, profile, columns, district, today)
    formats = [cell_format(column) for column in columns]
    errors = ErrorList()
    _job = (data_dir, cfg, kind)
    try:
        batches = [schools[i:i + partial.BATCH] for i in range(0, len(schools), partial.BATCH)]
        for rows, found in fork_map(_rows_of, batches, jobs):
            errors.extend(found)
            for row in rows:
                ws.append([_cell(ws, value, DATE_FORMAT if isinstance(value, dt.date) else fmt)
                           for value, fmt in zip(row, formats)])
    finally:
        _job = None
    if errors:
        raise DataErrors(errors, ErrorList())
    book.properties.title = f"{profile.title} — выгрузка для методического центра"
    book.properties.subject = "персональные данные"
    book.properties.description = PERSONAL_DATA
    book.properties.keywords = "персональные данные; 152-ФЗ; для служебного пользования"
    return book
