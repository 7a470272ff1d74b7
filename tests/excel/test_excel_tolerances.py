"""Issue 3, point 1–3: registry files as schools really keep them are read without a manual step."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from generator.excel.profiles import load_profiles
from generator.pipeline import check, prepare
from tests.excel.books import MENTOR_HEADINGS, MENTOR_ROWS, REGISTRIES, book, district, messages, read


def _mentors(doc) -> dict[str, dict]:
    return {r["name"]: r for r in doc.data["mentors"]}


def test_title_rows_and_row_number_column(tmp_path):
    path = book(tmp_path / "mentors.xlsx", {"Наставники": [
        ["База наставников МАОУ «Лицей № 4», 2023/2024 учебный год"],
        ["(по состоянию на 12.09.2023)"],
        [],
        MENTOR_HEADINGS, *MENTOR_ROWS]}, {"Наставники": ["A1:G1"]})
    found, errors, warnings = read(path)
    assert not errors and not warnings, messages(errors) + messages(warnings)
    doc = found["mentors"]
    assert [r["name"] for r in doc.data["mentors"]] == [row[1] for row in MENTOR_ROWS]
    assert doc.data["updated"] == dt.date(2023, 9, 12)
    assert "№ п/п" not in str(doc.data)


def test_heading_over_two_rows_with_merged_cells(tmp_path):
    rows = [["№ п/п", "ФИО наставника", "Контактные данные", None, "Согласие на публикацию"],
            [None, None, "телефон", "e-mail", None],
            [1, 2, 3, 4, 5],  # the row of column numbers under the heading
            [1, "Громова Лидия Павловна", "+7 900 111-22-33", "gromova@school.example", "полностью"]]
    path = book(tmp_path / "m.xlsx", {"Наставники": rows}, {"Наставники": ["A1:A2", "B1:B2", "C1:D1", "E1:E2"]})
    found, errors, warnings = read(path)
    assert not errors and not warnings, messages(errors) + messages(warnings)
    [mentor] = found["mentors"].data["mentors"]
    assert mentor["phone"] == "+7 900 111-22-33" and mentor["email"] == "gromova@school.example"
    assert mentor["consent"] == "full"


@pytest.mark.parametrize("heading", ["ФИО\nнаставника", "ФИО  наставника", "фио НАСТАВНИКА:", "Ф.И.О. наставника",
                                     "Ф. И. О. наставника.", "1. ФИО наставника", "ФИО наставника (полностью)",
                                     "Фамилия, имя, отчество наставника"])
def test_heading_spelling_does_not_matter(tmp_path, heading):
    path = book(tmp_path / "m.xlsx", {"Наставники": [[heading, "Место работы/ учёбы", "Интересы"],
                                                      ["Громова Лидия Павловна", "МБОУ СОШ № 1", "шахматы"]]})
    found, errors, warnings = read(path)
    assert not errors and not warnings
    assert found["mentors"].data["mentors"][0]["workplace"] == "МБОУ СОШ № 1"


def test_yo_and_e_are_the_same_in_headings(tmp_path):
    path = book(tmp_path / "m.xlsx", {"Лист1": [["ФИО наставника", "Место работы/учёбы", "Ключевые компетенции"],
                                                 ["Громова Лидия Павловна", "МБОУ СОШ № 1", "проекты"]]})
    found, _, warnings = read(path)
    assert found["mentors"].data["mentors"][0]["workplace"] == "МБОУ СОШ № 1" and not warnings


def test_columns_in_any_order(tmp_path):
    order = list(range(len(MENTOR_HEADINGS)))
    random.Random(3).shuffle(order)
    rows = [[row[i] for i in order] for row in [MENTOR_HEADINGS, *MENTOR_ROWS]]
    found, errors, _ = read(book(tmp_path / "m.xlsx", {"Наставники": rows}))
    straight, _, _ = read(book(tmp_path / "n.xlsx", {"Наставники": [MENTOR_HEADINGS, *MENTOR_ROWS]}))
    assert not errors
    assert found["mentors"].data == straight["mentors"].data


def test_extra_column_is_a_warning_once_with_file_sheet_and_heading(tmp_path):
    rows = [[*MENTOR_HEADINGS, "Стаж работы"], *[[*r, 12] for r in MENTOR_ROWS]]
    found, errors, warnings = read(book(tmp_path / "mentors.xlsx", {"Наставники": rows}))
    assert not errors and len(found["mentors"].data["mentors"]) == 3
    assert messages(warnings) == [
        "mentors.xlsx, лист «Наставники», ячейка H1: столбец «Стаж работы» не относится ни к одному полю формы "
        "«База наставников» и не прочитан\n    подсказка: если эти сведения нужны сайту, добавьте такое написание "
        "заголовка в site_config/forms/mentors.yml; если нет — удалите столбец"]


def test_values_in_a_column_without_heading_are_a_warning(tmp_path):
    rows = [MENTOR_HEADINGS, [*MENTOR_ROWS[0], None, "что-то"]]
    _, _, warnings = read(book(tmp_path / "m.xlsx", {"Наставники": rows}))
    assert ["в столбце I есть значения, но нет заголовка" in w for w in messages(warnings)] == [True]


def test_empty_rows_between_records_and_a_long_empty_tail(tmp_path):
    rows = [MENTOR_HEADINGS, MENTOR_ROWS[0], [], [], MENTOR_ROWS[1], [None] * 7, MENTOR_ROWS[2]]
    path = book(tmp_path / "m.xlsx", {"Наставники": rows})
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    workbook = load_workbook(path)
    for r in range(10, 3000):  # formatted, empty: what a sheet «prepared for 3000 rows» looks like
        workbook.active.cell(r, 2).font = Font(bold=True)
    workbook.save(path)
    found, errors, _ = read(path)
    assert not errors and len(found["mentors"].data["mentors"]) == 3


@pytest.mark.parametrize("typed, expected", [
    (dt.datetime(2023, 9, 12), dt.date(2023, 9, 12)), ("12.09.2023", dt.date(2023, 9, 12)),
    ("12.09.23", dt.date(2023, 9, 12)), ("сентябрь 2023", dt.date(2023, 9, 1)),
    ("12 сентября 2023 г.", dt.date(2023, 9, 12)), ("2023-09-12", dt.date(2023, 9, 12)),
    (45181, dt.date(2023, 9, 12)), ("09.2023", dt.date(2023, 9, 1))])
def test_dates_as_excel_dates_or_as_text(tmp_path, typed, expected):
    rows = [["ФИО наставляемого", "Дата вхождения в программу"], ["Шишкин Тимур Русланович", typed]]
    found, errors, _ = read(book(tmp_path / "u.xlsx", {"Наставляемые": rows}))
    assert not errors, messages(errors)
    assert found["mentees"].data["mentees"][0]["joined"] == expected


def test_numbers_stored_as_text_and_text_stored_as_numbers(tmp_path):
    rows = [["ФИО наставляемого", "Возраст", "Класс", "Год рождения", "Телефон"],
            ["Шишкин Тимур Русланович", "13 лет", 7, "2012", 89001112233],
            ["Котова Ева Игоревна", "12", "6Б", 2013.0, "+7 900 222-33-44"]]
    found, errors, _ = read(book(tmp_path / "u.xlsx", {"Наставляемые": rows}))
    assert not errors
    first, second = found["mentees"].data["mentees"]
    assert (first["age"], first["grade"], first["birth_year"], first["phone"]) == (13, "7", 2012, "89001112233")
    assert (second["age"], second["grade"], second["birth_year"]) == (12, "6Б", 2013)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_in_utf8_with_or_without_bom_and_in_windows_1251(tmp_path, encoding, delimiter):
    lines = [delimiter.join(["ФИО наставника", "Должность", "Согласие на публикацию"]),
             delimiter.join(["Громова Лидия Павловна", "учитель биологии", "полностью"]),
             delimiter.join(["Зорин Аркадий Ильич", "учитель истории", ""])]
    path = tmp_path / "наставники.csv"
    path.write_bytes("\r\n".join(lines).encode(encoding))
    found, errors, warnings = read(path)
    assert not errors and not warnings
    assert _mentors(found["mentors"])["Громова Лидия Павловна"]["consent"] == "full"
    assert "consent" not in _mentors(found["mentors"])["Зорин Аркадий Ильич"]


@pytest.mark.parametrize("typed, consent", [("полностью", "full"), ("инициалы", "initials"), ("нет", "none"),
                                            ("Да", "full"), ("только инициалы", "initials"), (None, None)])
def test_consent_column_feeds_the_consent_field(tmp_path, typed, consent):
    rows = [["ФИО наставника", "Согласие на публикацию"], ["Громова Лидия Павловна", typed]]
    found, _, _ = read(book(tmp_path / "m.xlsx", {"Наставники": rows}))
    assert found["mentors"].data["mentors"][0].get("consent") == consent


def test_consent_in_a_form_decides_what_is_published(tmp_path):
    data = district(tmp_path)
    book(data / "schools" / "alpha" / "mentors.xlsx", {"Наставники": [MENTOR_HEADINGS, *MENTOR_ROWS]})
    published, _ = prepare(data, dt.date(2026, 11, 23), schools=["alpha"])
    labels = [p.label for p in published.district.schools[0].mentors]
    assert labels[0] == "Громова Лидия Павловна" and labels[2] == "Лебедева И. О."
    assert labels[1].startswith("Наставник ")


def test_section_rows_give_the_category_and_pupils_are_never_named(tmp_path):
    rows = [["№", "ФИО наставника", "Согласие на публикацию"],
            ["Педагоги"], [1, "Громова Лидия Павловна", "полностью"],
            ["Обучающиеся-наставники"], [2, "Лисичкин Ярослав Денисович", "полностью"]]
    path = book(tmp_path / "m.xlsx", {"Наставники": rows}, {"Наставники": ["A2:C2", "A4:C4"]})
    found, errors, _ = read(path)
    people = _mentors(found["mentors"])
    assert not errors and len(people) == 2
    assert people["Лисичкин Ярослав Денисович"]["category"] == "pupil"
    assert people["Громова Лидия Павловна"]["category"] == "teacher"


def test_name_in_three_columns(tmp_path):
    rows = [["Фамилия", "Имя", "Отчество", "Должность"], ["Громова", "Лидия", "Павловна", "учитель"]]
    found, errors, _ = read(book(tmp_path / "наставники.xlsx", {"Лист1": rows}))
    assert not errors and found["mentors"].data["mentors"][0]["name"] == "Громова Лидия Павловна"


def test_each_sheet_is_recognised_by_its_heading(tmp_path):
    sheets = {
        "Лист1": [["ФИО наставляемого", "Класс", "Ключевые запросы", "Дата вхождения в программу"],
                  ["Шишкин Тимур Русланович", "6В", "математика", "20.09.2025"]],
        "Лист2": [MENTOR_HEADINGS, *MENTOR_ROWS],
        "Лист3": [["Код пары", "ФИО наставника", "ФИО наставляемого", "Форма наставничества", "Дата начала"],
                  ["p-1", "Громова Л. П.", "Шишкин Тимур Русланович", "учитель – ученик", "20.09.2025"]],
        "Лист4": [["№ п/п", "Мероприятие", "Сроки", "Ответственные"],
                  [1, "Приказ о внедрении", "сентябрь", "директор"]],
        "Лист5": [["Дата", "Название", "Место проведения"], ["15.10.2025", "Фестиваль наставников", "актовый зал"]],
    }
    found, errors, _ = read(book(tmp_path / "Дорожная карта 2025-2026.xlsx", sheets))
    assert not errors, messages(errors)
    assert set(found) == {"mentees", "mentors", "pairs", "roadmap", "events"}
    assert found["roadmap"].data["academic_year"] == "2025/2026"


def test_a_sheet_that_could_be_two_forms_asks_for_a_name(tmp_path):
    rows = [["ФИО", "Должность", "Согласие на публикацию"], ["Громова Лидия Павловна", "учитель", "полностью"]]
    found, errors, _ = read(book(tmp_path / "list.xlsx", {"Лист1": rows}))
    assert not found
    assert "не понятно, какая это форма" in messages(errors)[0] and "«Наставники»" in messages(errors)[0]
    named, errors, _ = read(book(tmp_path / "list2.xlsx", {"Наставники": rows}))
    assert not errors and "mentors" in named


def test_every_model_field_has_a_column():
    from generator import model as m

    for kind, model in (("mentors", m.Mentor), ("mentees", m.Mentee), ("pairs", m.Pair),
                        ("roadmap", m.RoadmapItem), ("events", m.Event)):
        fields = {c.field for c in load_profiles()[kind].columns if c.target == "record"}
        nested = {"photos", "attachments"}  # lists of records (file, alt text …): written in YAML only
        assert set(model.model_fields) - nested <= fields, kind


def test_pairs_implied_by_a_mentee_form(tmp_path):
    data = district(tmp_path)
    book(data / "schools" / "alpha" / "mentors.xlsx", {"Наставники": [MENTOR_HEADINGS, *MENTOR_ROWS]})
    book(data / "schools" / "alpha" / "mentees.xlsx", {"Наставляемые": [
        ["ФИО наставляемого", "Класс", "Дата вхождения в программу", "ФИО наставника", "Форма наставничества"],
        ["Шишкин Тимур Русланович", "6В", "20.09.2025", "Громова Л. П.", "учитель – ученик"],
        ["Котова Ева Игоревна", "6В", "20.09.2025", "Громова Лидия Павловна", "учитель-ученик"],
        ["Рябов Олег Петрович", "8А", "01.10.2025", "Громова Л. П.", "учитель – ученик"],
        ["Сомов Иван Ильич", "5А", "01.10.2025", "Зорин А. И.", "учитель – ученик"]]})
    school = check(data).schools["alpha"]
    names = {p.id: p.name for p in [*school.mentors.mentors, *school.mentees.mentees]}
    pairs = sorted(([names[i] for i in p.mentors], sorted(names[i] for i in p.mentees), p.start)
                   for p in school.pairs.pairs)
    assert pairs == [
        (["Громова Лидия Павловна"], ["Котова Ева Игоревна", "Шишкин Тимур Русланович"], dt.date(2025, 9, 20)),
        (["Громова Лидия Павловна"], ["Рябов Олег Петрович"], dt.date(2025, 10, 1)),
        (["Зорин Аркадий Ильич"], ["Сомов Иван Ильич"], dt.date(2025, 10, 1))]


def test_pairs_sheet_groups_rows_under_merged_cells_and_finds_the_order_by_number(tmp_path):
    data = district(tmp_path, keep=("mentees.yml",))
    alpha = data / "schools" / "alpha"
    (alpha / "documents.yml").write_text(
        "documents:\n  - id: pary-2025\n    type: order_pairs\n    number: 112-од\n    date: 2025-09-15\n",
        encoding="utf-8")
    (alpha / "mentees.yml").write_text(
        "mentees:\n  - {id: u-1, name: Шишкин Тимур Русланович, grade: 6В}\n"
        "  - {id: u-2, name: Котова Ева Игоревна, grade: 6В}\n", encoding="utf-8")
    book(alpha / "mentors.xlsx", {"Наставники": [MENTOR_HEADINGS, *MENTOR_ROWS]})
    book(alpha / "pairs.xlsx", {"Пары": [
        ["Наставник", "Наставляемые", "Форма наставничества", "Дата начала", "Приказ"],
        ["Громова Л.П.", "Шишкин Тимур Русланович", "учитель – ученик", "20.09.2025", "№ 112-од от 15.09.2025"],
        [None, "Котова Ева Игоревна"]]}, {"Пары": ["A2:A3", "C2:C3", "D2:D3", "E2:E3"]})
    [pair] = check(data).schools["alpha"].pairs.pairs
    assert pair.mentees == ["u-1", "u-2"] and pair.order == "pary-2025" and len(pair.mentors) == 1


def test_district_folder_reads_its_roadmap_and_events_from_a_workbook(tmp_path):
    data = district(tmp_path, keep=REGISTRIES)
    book(data / "мероприятия.xlsx", {"Мероприятия": [["Дата", "Вид", "Название"],
                                                      ["15.10.2025", "мероприятие", "Фестиваль наставников"]]})
    [event] = check(data).events
    assert (event.kind, event.title, event.date) == ("event", "Фестиваль наставников", dt.date(2025, 10, 15))


def test_a_workbook_saved_with_the_extension_xls_is_still_read(tmp_path):
    path = book(tmp_path / "m.xlsx", {"Наставники": [MENTOR_HEADINGS, *MENTOR_ROWS]})
    found, errors, _ = read(path.rename(tmp_path / "наставники.xls"))
    assert not errors and len(found["mentors"].data["mentors"]) == 3


def test_consent_to_processing_is_not_consent_to_publish(tmp_path):
    rows = [["ФИО наставника", "Согласие на обработку персональных данных (да/нет)"], ["Громова Лидия Павловна", "да"]]
    found, errors, warnings = read(book(tmp_path / "m.xlsx", {"Наставники": rows}))
    assert not errors and "consent" not in found["mentors"].data["mentors"][0]
    assert "не на их публикацию" in messages(warnings)[0]
