"""Registries kept in workbooks and CSV files, read into documents like the YAML files.

The load stage hands every .xlsx and .csv file of a folder here. Each sheet is recognised
by its heading row and read into a TableDoc under the name of the YAML file it stands for
(«mentors.yml»), so later stages need not know where the data came from. Two sources of
one kind in a folder is an error naming both: nothing is merged silently.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import ErrorList, display_path
from generator.excel.link import link
from generator.excel.profiles import Profile, load_profiles, load_values
from generator.excel.recognise import Ambiguous, recognise
from generator.excel.rows import SheetReader
from generator.excel.sheets import TABLE_SUFFIXES, Sheet, read_sheets
from generator.excel.table import TableDoc
from generator.sourcedoc import SourceDoc

__all__ = ["TABLE_SUFFIXES", "read_table_file", "add_tables"]

_SHEET_NAMES = "«Наставники», «Наставляемые», «Пары», «Дорожная карта» или «Мероприятия»"


def _where(doc: SourceDoc) -> str:
    sheet = getattr(doc, "sheet", None)
    return f"{doc.file}, лист «{sheet}»" if sheet else doc.file


def _read_sheet(sheet: Sheet, profiles: list[Profile], errors: ErrorList, warnings: ErrorList
                ) -> tuple[Profile, TableDoc] | None | bool:
    """The form a sheet holds; None when it holds none, False when it could be two (reported)."""
    try:
        layout = recognise(sheet, profiles)
    except Ambiguous as tie:
        titles = " и ".join(f"«{p.title}»" for p in tie.profiles)
        errors.add(sheet.location(tie.row), f"не понятно, какая это форма: подходит и {titles}",
                   f"назовите лист по форме: {_SHEET_NAMES}, или озаглавьте таблицу")
        return False
    if layout is None:
        return None
    return layout.profile, SheetReader(sheet, layout, load_values(), errors, warnings).read()


def read_table_file(path: Path, shown: str, errors: ErrorList, warnings: ErrorList,
                    kinds: list[str] | None = None) -> list[tuple[Profile, TableDoc]]:
    """Every form found in one file (kinds: only these forms are looked for)."""
    profiles = [p for kind, p in load_profiles().items() if kinds is None or kind in kinds]
    help_sheets = load_values().help_sheets
    found, unknown, tied = [], [], False
    for sheet in read_sheets(path, shown, errors):
        if sheet.hidden or not sheet.rows or sheet.name in help_sheets:
            continue
        result = _read_sheet(sheet, profiles, errors, warnings)
        if result is False:
            tied = True
        elif result is None:
            unknown.append(sheet)
        else:
            found.append(result)
    if unknown and not found and not tied:
        headings = ", ".join(f"«{p.columns[0].header}»" for p in profiles if p.columns[0].header)
        errors.add(unknown[0].location(), "не найдено ни одной формы: ни в одной строке вверху листа нет "
                   "знакомых заголовков столбцов",
                   f"проверьте строку заголовков (например, {headings}); если это не база, а документ, "
                   "перенесите файл в папку files/")
    elif found:
        for sheet in unknown:
            warnings.add(sheet.location(), "лист не похож ни на одну форму и не прочитан",
                         "если это база, назовите столбцы как в шаблоне (nastavnik template)")
    return found


def add_tables(docs: dict[str, SourceDoc], paths: list[Path], known: dict, errors: ErrorList,
               warnings: ErrorList) -> None:
    """Read table files into a folder's documents, then join the pairs to the registries."""
    for path in paths:
        for profile, doc in read_table_file(path, display_path(path), errors, warnings):
            key = profile.data_file
            if key not in known:
                errors.add(doc.location(), f"«{profile.title}» ведёт каждая школа в своей папке",
                           "перенесите файл в папку школы: data/schools/<школа>/")
            elif key in docs:
                errors.add(doc.location(), f"«{profile.title}» уже есть в {_where(docs[key])}",
                           f"оставьте одно из двух: удалите {_where(docs[key])} или этот "
                           f"{'лист' if doc.sheet else 'файл'}")
            else:
                docs[key] = doc
    link(docs, errors, warnings)
