"""A blank form to fill: `nastavnik template --kind mentors --out mentors.xlsx`.

Russian headings from the column profile, a frozen heading row, widths and formats (dates
as dates), drop-down lists built from site_config/vocabulary.yml and _values.yml, a hint
on every heading and a sheet «Пояснения» on each column and the consent rules. A filled
form is read back by the build with no warnings.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.excel.profiles import Column, Profile, Values, load_profiles, load_values
from generator.excel.writer import WRAP, cell_format, heading_row, put
from generator.vocabulary import Vocabulary

FORM_ROWS = 1000  # rows prepared with formats and lists
HEADING_ROW = 2  # row 1 is the title: the build reads «по состоянию на …» and the academic year from it
LISTS_SHEET, HELP_SHEET = "Списки", "Пояснения"

CONSENT_RULES = [
    "Согласие на публикацию (152-ФЗ, ст. 10.1) — отдельное письменное согласие на распространение "
    "персональных данных. Оно хранится в школе; в таблице отмечается только его объём.",
    "«полностью» — на сайте ФИО и сведения о работе (должность, предмет, компетенции, достижения).",
    "«инициалы» — на сайте «Фамилия И. О.».",
    "«нет» или пустая ячейка — имя не публикуется: вместо него условное обозначение («Наставник 7KX3P»).",
    "«Согласие действует до» — после этой даты согласие считается отозванным и имя снимается с сайта.",
    "Обучающиеся (категория «обучающийся», указан класс или возраст до 18 лет) не называются никогда, "
    "даже инициалами и даже с согласием.",
    "Телефоны, почта и контакты законных представителей не публикуются никогда.",
]


def _title(profile: Profile, today: dt.date) -> str:
    if profile.kind == "roadmap":
        start = today.year if today.month >= 9 else today.year - 1
        return f"{profile.title} на {start}/{start + 1} учебный год"
    if profile.kind == "events":
        return profile.title
    return f"{profile.title} (по состоянию на __.__.____)"


def _list_values(name: str, vocabulary: Vocabulary, values: Values) -> list[str]:
    if name == "forms":
        return vocabulary.forms.names()
    if name == "kinds":
        return vocabulary.kinds.names()
    if name == "role_models":
        found = [r.name for form in vocabulary.forms.terms for r in form.children]
        return list(dict.fromkeys(found))
    group = {"consent": "consent", "categories": "categories", "yes_no": "yes_no", "event_kinds": "event_kinds"}[name]
    return list(values.titles[group].values())


class _Form:
    def __init__(self, profile: Profile, vocabulary: Vocabulary, values: Values):
        self.profile, self.vocabulary, self.values = profile, vocabulary, values
        self.book = Workbook()
        self.lists: dict[str, str] = {}  # list name → its range on the lists sheet

    def _list_range(self, name: str) -> str:
        if name not in self.lists:
            sheet = self.book[LISTS_SHEET] if LISTS_SHEET in self.book.sheetnames else self._lists_sheet()
            col = len(self.lists) + 1
            items = _list_values(name, self.vocabulary, self.values)
            put(sheet, 1, col, name)
            for row, item in enumerate(items, 2):
                put(sheet, row, col, item)
            letter = get_column_letter(col)
            self.lists[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(items) + 1}"
        return self.lists[name]

    def _lists_sheet(self) -> Worksheet:
        sheet = self.book.create_sheet(LISTS_SHEET)
        sheet.sheet_state = "hidden"
        return sheet

    def _validation(self, ws: Worksheet, column: Column, letter: str) -> None:
        cells = f"{letter}{HEADING_ROW + 1}:{letter}{HEADING_ROW + FORM_ROWS}"
        several = column.type in ("forms", "people")  # «в группе; виртуальное» must stay possible
        if column.list:
            check = DataValidation(type="list", formula1=f"={self._list_range(column.list)}", allow_blank=True,
                                   errorStyle="warning" if several or column.list == "role_models" else "stop",
                                   errorTitle="Значение не из списка",
                                   error="Выберите значение из списка (стрелка справа от ячейки).")
        elif column.type == "date":
            check = DataValidation(type="date", operator="between", formula1="DATE(1990,1,1)",
                                   formula2="DATE(2100,12,31)", allow_blank=True, errorStyle="warning",
                                   errorTitle="Не дата", error="Введите дату: ДД.ММ.ГГГГ, например 12.09.2025.")
        else:
            check = DataValidation(allow_blank=True)
        if column.help:
            check.promptTitle, check.prompt, check.showInputMessage = column.header[:32], column.help[:255], True
        check.add(cells)
        ws.add_data_validation(check)

    def form_sheet(self, today: dt.date) -> None:
        ws = self.book.active
        ws.title = self.profile.sheet
        put(ws, 1, 1, _title(self.profile, today)).font = Font(bold=True, size=13)
        columns = self.profile.template_columns()
        heading_row(ws, HEADING_ROW, [c.header for c in columns], [c.width for c in columns])
        for col, column in enumerate(columns, 1):
            letter = get_column_letter(col)
            number_format = cell_format(column)
            if number_format:
                ws.column_dimensions[letter].number_format = number_format
                for row in range(HEADING_ROW + 1, HEADING_ROW + FORM_ROWS + 1):
                    ws.cell(row=row, column=col).number_format = number_format
            self._validation(ws, column, letter)

    def help_sheet(self) -> None:
        ws = self.book.create_sheet(HELP_SHEET)
        heading_row(ws, 1, ["Столбец", "Что писать", "Обязательно", "Пример"], [34, 70, 14, 30])
        row = 2
        for column in self.profile.template_columns():
            for col, value in enumerate([column.header, column.help or "", "да" if column.required else "",
                                         column.example or ""], 1):
                put(ws, row, col, value).alignment = WRAP
            row += 1
        if any(c.type == "consent" for c in self.profile.template_columns()):
            put(ws, row + 1, 1, "Согласие на публикацию и защита персональных данных").font = Font(bold=True)
            for offset, rule in enumerate(CONSENT_RULES, row + 2):
                put(ws, offset, 1, rule)


def template_book(kind: str, vocabulary: Vocabulary, today: dt.date) -> Workbook:
    form = _Form(load_profiles()[kind], vocabulary, load_values())
    form.form_sheet(today)
    form.help_sheet()
    form.book.active = 0
    return form.book
