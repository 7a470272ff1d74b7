"""Issue 3, points 5–6: blank forms to fill, and forms converted to the project's YAML."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from openpyxl import load_workbook

from generator import model as m
from generator.config import load_site_config
from generator.excel.convert import import_table
from generator.excel.profiles import KINDS, load_profiles
from generator.excel.table import derived_id
from generator.excel.template import HEADING_ROW, template_book
from generator.excel.writer import workbook_bytes
from tests.excel.books import DAY, book, read, run

CFG = load_site_config()
MODELS = {"mentors": m.Mentor, "mentees": m.Mentee, "pairs": m.Pair, "roadmap": m.RoadmapItem, "events": m.Event}
FILLED = {  # what a school types into each form (template headings → values), fictional people
    "mentors": [{"ФИО наставника": "Громова Лидия Павловна", "Категория": "педагог", "Должность": "учитель биологии",
                 "Ключевые компетенции": "экология; проектная деятельность", "Форма наставничества":
                 "учитель – ученик; педагог – педагог", "Телефон": "+7 900 111-22-33", "Согласие на публикацию":
                 "полностью", "Согласие действует до": dt.date(2027, 8, 31), "Год рождения": 1979},
                {"ФИО наставника": "Лисичкин Ярослав Денисович", "Категория": "обучающийся", "Класс": "10А",
                 "Возраст": 16, "Согласие на публикацию": "инициалы"}],
    "mentees": [{"ФИО наставляемого": "Шишкин Тимур Русланович", "Класс": "6В", "Возраст": 12,
                 "Дата вхождения в программу": dt.date(2025, 9, 20), "Отметка о прохождении программы": "нет",
                 "Контакты законных представителей": "мама, +7 900 333-44-55"},
                {"ФИО наставляемого": "Новикова Дарья Сергеевна", "Категория": "педагог", "Молодой специалист": "да",
                 "Должность": "учитель ИЗО", "Согласие на публикацию": "полностью",
                 "Дата вхождения в программу": dt.date(2025, 9, 1), "Дата завершения программы": dt.date(2026, 5, 29)}],
    "pairs": [{"Код пары": "p-01", "ФИО наставника": "Громова Лидия Павловна", "ФИО наставляемого":
               "Шишкин Тимур Русланович", "Форма наставничества": "учитель – ученик", "Ролевая модель":
               "педагог – одарённый обучающийся", "Вид наставничества": "в группе; виртуальное",
               "Дата начала": dt.date(2025, 9, 20), "Результат": "призёр муниципального этапа"}],
    "roadmap": [{"№ п/п": "1", "Этап": "подготовительный", "Мероприятие": "Положение о наставничестве",
                 "Сроки": "сентябрь 2025"},
                {"№ п/п": "1.10", "Мероприятие": "Приказ о закреплении пар", "Ответственные": "директор"}],
    "events": [{"Дата": dt.date(2025, 10, 15), "Вид": "мероприятие", "Название": "Фестиваль наставников",
                "Место проведения": "актовый зал"}],
}


def _filled(tmp_path, kind: str):
    workbook = template_book(kind, CFG.vocabulary, DAY)
    ws = workbook.active
    headings = [c.value for c in ws[HEADING_ROW]]
    for r, record in enumerate(FILLED[kind], HEADING_ROW + 1):
        for heading, value in record.items():
            ws.cell(r, headings.index(heading) + 1, value)
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(workbook_bytes(workbook, DAY))
    return path


@pytest.mark.parametrize("kind", KINDS)
def test_template_is_a_form_ready_to_fill(tmp_path, kind):
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(workbook_bytes(template_book(kind, CFG.vocabulary, DAY), DAY))
    workbook = load_workbook(path)
    profile = load_profiles()[kind]
    ws = workbook[profile.sheet]
    assert [c.value for c in ws[HEADING_ROW]] == [c.header for c in profile.template_columns()]
    assert ws.freeze_panes == f"A{HEADING_ROW + 1}"
    assert all(ws.column_dimensions[chr(65 + i)].width > 5 for i in range(len(profile.template_columns())))
    help_sheet = workbook["Пояснения"]
    assert [c.value for c in help_sheet[1]] == ["Столбец", "Что писать", "Обязательно", "Пример"]
    found, errors, warnings = read(path)
    assert not errors and not warnings and list(found) == [kind]


def test_template_lists_and_formats_come_from_the_vocabulary(tmp_path):
    workbook = template_book("pairs", CFG.vocabulary, DAY)
    ws = workbook["Пары"]
    lists = workbook["Списки"]
    assert lists.sheet_state == "hidden"
    columns = {c.value: c.column_letter for c in ws[HEADING_ROW]}
    by_cell = {str(v.sqref).split(":")[0]: v for v in ws.data_validations.dataValidation}
    form_list = by_cell[f"{columns['Форма наставничества']}{HEADING_ROW + 1}"]
    letter = form_list.formula1.split("!$")[1][0]
    values = [c.value for c in lists[letter]][1:len(CFG.vocabulary.forms.names()) + 1]
    assert values == CFG.vocabulary.forms.names()
    assert by_cell[f"{columns['Вид наставничества']}{HEADING_ROW + 1}"].errorStyle == "warning"  # several kinds
    assert by_cell[f"{columns['Дата начала']}{HEADING_ROW + 1}"].type == "date"
    assert ws[f"{columns['Дата начала']}{HEADING_ROW + 1}"].number_format == "DD.MM.YYYY"
    consent = template_book("mentors", CFG.vocabulary, DAY)
    assert "обучающиеся" in " ".join(str(c.value) for c in consent["Пояснения"]["A"] if c.value).lower()


@pytest.mark.parametrize("kind", KINDS)
def test_filled_template_imports_with_no_warnings_and_the_same_records(tmp_path, kind):
    path = _filled(tmp_path, kind)
    found, errors, warnings = read(path)
    assert not errors and not warnings
    imported_kind, text, warnings = import_table(path, None, CFG)
    # Pairs alone name people whose registries are elsewhere: their ids are derived, and that is said.
    assert imported_kind == kind and all("код выведен из ФИО" in w.message for w in warnings.items)
    assert bool(warnings.items) == (kind == "pairs")
    data = yaml.safe_load(text)
    key = "items" if kind == "roadmap" else kind
    assert len(data[key]) == len(FILLED[kind])
    profile = load_profiles()[kind]
    headers = {c.header: c for c in profile.template_columns()}
    for record, typed in zip(FILLED[kind], data[key], strict=True):
        for heading, value in record.items():
            column = headers[heading]
            if column.target == "record":
                default = MODELS[kind].model_fields[column.field].default  # a default value is not written
                assert _same(typed.get(column.field, default), value, column.type, column.field), (heading, typed)


def _same(imported, typed, kind: str, field: str = "") -> bool:
    if kind == "people":  # a name becomes the id derived from it
        return imported == [derived_id("m" if field == "mentors" else "u", n) for n in typed.split(";")]
    words = {"полностью": "full", "инициалы": "initials", "педагог": "teacher", "обучающийся": "pupil",
             "да": True, "нет": False, "мероприятие": "event"}
    if kind in ("list", "forms"):
        return imported == [part.strip() for part in typed.split(";")]
    return imported == words.get(typed, typed)


def test_import_of_a_mentee_form_also_gives_its_pairs(tmp_path):
    path = book(tmp_path / "u.xlsx", {"Наставляемые": [
        ["ФИО наставляемого", "Класс", "Дата вхождения в программу", "ФИО наставника", "Форма наставничества"],
        ["Шишкин Тимур Русланович", "6В", "20.09.2025", "Громова Лидия Павловна", "учитель – ученик"],
        ["Котова Ева Игоревна", "6В", "20.09.2025", "Громова Лидия Павловна", "учитель – ученик"]]})
    kind, text, warnings = import_table(path, None, CFG)
    assert kind == "mentees" and len(yaml.safe_load(text)["mentees"]) == 2
    kind, text, warnings = import_table(path, "pairs", CFG)
    [pair] = yaml.safe_load(text)["pairs"]
    assert len(pair["mentees"]) == 2 and pair["start"] == dt.date(2025, 9, 20)
    assert "нет в этой книге: код выведен из ФИО" in warnings.items[0].message


def test_cli_template_and_import(tmp_path, capsys):
    out = tmp_path / "наставники.xlsx"
    assert run(["template", "--kind", "mentors", "--out", str(out)]) == 0
    assert run(["template", "--kind", "mentors", "--out", str(out)]) == 2  # never overwrites a filled form
    assert "уже есть" in capsys.readouterr().err
    workbook = load_workbook(out)
    workbook["Наставники"].cell(HEADING_ROW + 1, 1, "Громова Лидия Павловна")
    workbook.save(out)
    target = tmp_path / "mentors.yml"
    assert run(["import", str(out), "--out", str(target)]) == 0
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["mentors"][0]["name"] == "Громова Лидия Павловна"
    assert run(["template", "--kind", "mentors", "--out", str(tmp_path / "x.csv")]) == 2


def test_cli_import_of_a_broken_form_writes_nothing(tmp_path, capsys):
    path = book(tmp_path / "m.xlsx", {"Наставники": [["ФИО наставника", "Согласие действует до"],
                                                      ["Громова Лидия Павловна", "31.02.2026"]]})
    assert run(["import", str(path), "--out", str(tmp_path / "m.yml")]) == 1
    err = capsys.readouterr().err
    assert "ячейка B2: дата «31.02.2026» не существует" in err and "Traceback" not in err
    assert not (tmp_path / "m.yml").exists()
