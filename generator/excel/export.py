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
from openpyxl.styles import Font

from generator import model as m
from generator.dataset import DistrictData, SchoolData
from generator.excel.profiles import REGISTRIES, Column, Profile, load_profiles, load_values
from generator.excel.writer import DATE_FORMAT, cell_format, form_value, heading_row, put

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


def export_book(data: DistrictData, kind: str, today: dt.date) -> Workbook:
    profile, values = load_profiles()[kind], load_values()
    columns = _columns(profile)
    book = Workbook()
    ws = book.active
    ws.title = profile.sheet
    district = data.district.name if data.district else "район"
    put(ws, 1, 1, f"{profile.title}: все организации ({district}), выгружено {today:%d.%m.%Y}").font = Font(bold=True)
    put(ws, 2, 1, PERSONAL_DATA).font = Font(bold=True, color="C00000")
    heading_row(ws, 3, [c.header for c in columns], [c.width for c in columns])
    row = 4
    for sid, school in sorted(data.schools.items()):
        name = (school.school.short_name or school.school.name) if school.school else sid
        for record in _records(kind, school):
            record["school"] = name
            for col, column in enumerate(columns, 1):
                value = form_value(column, record.get(column.field), values)
                put(ws, row, col, value, DATE_FORMAT if isinstance(value, dt.date) else cell_format(column))
            row += 1
    book.properties.title = f"{profile.title} — выгрузка для методического центра"
    book.properties.subject = "персональные данные"
    book.properties.description = PERSONAL_DATA
    book.properties.keywords = "персональные данные; 152-ФЗ; для служебного пользования"
    return book
