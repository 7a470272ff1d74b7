"""Issue 3, point 4: every problem names file, sheet and cell in Russian; a file that cannot be read says why."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.excel import sheets
from tests.conftest import ROOT
from tests.excel.books import MENTOR_HEADINGS, MENTOR_ROWS, book, district, messages, read


def _run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NASTAVNIK_KEY": "test"})


def _mentors_with(tmp_path, *rows, name="mentors.xlsx"):
    return book(tmp_path / name, {"Наставники": [["ФИО наставника", "Должность", "Согласие на публикацию",
                                                   "Согласие действует до", "Категория", "Возраст"], *rows]})


def test_impossible_date_names_file_sheet_and_cell(tmp_path):
    rows = [[f"Громова Лидия Павловна{i}", "учитель", "полностью", None] for i in range(12)]
    path = _mentors_with(tmp_path, *rows, ["Зорин Аркадий Ильич", "учитель", "полностью", "31.02.2024"])
    _, errors, _ = read(path)
    assert messages(errors) == ["mentors.xlsx, лист «Наставники», ячейка D14: дата «31.02.2024» не существует"
                                "\n    подсказка: проверьте день и месяц"]


@pytest.mark.parametrize("column, typed, message", [
    (3, "в сентябре", "ячейка D2: не удалось прочитать дату «в сентябре»"),
    (5, "двенадцать", "ячейка F2: ожидается целое число, а записано «двенадцать»"),
    (4, "директор школы", "ячейка E2: неизвестная категория «директор школы»"),
])
def test_unreadable_values_are_reported_at_their_cell(tmp_path, column, typed, message):
    row = ["Громова Лидия Павловна", "учитель", None, None, None, None]
    row[column] = typed
    _, errors, _ = read(_mentors_with(tmp_path, row))
    assert [m.split("\n")[0] for m in messages(errors)] == [f"mentors.xlsx, лист «Наставники», {message}"]


def test_problems_the_model_finds_point_to_cells_and_speak_of_columns(tmp_path):
    data = district(tmp_path)
    alpha = data / "schools" / "alpha"
    _mentors_with(alpha, ["Громова Лидия Павловна", "учитель", "согласна частично", None])
    book(alpha / "pairs.xlsx", {"Пары": [
        ["ФИО наставника", "ФИО наставляемого", "Форма наставничества", "Дата начала"],
        ["Громова Л. П.", "Шишкин Тимур Русланович", "учитель-учениик", "01.09.2025"],
        ["Громова Л. П.", "Шишкин Тимур Русланович", "учитель – ученик", None],
        ["Сидоров П. П.", "Шишкин Тимур Русланович", "учитель – ученик", "01.09.2025"]]})
    book(alpha / "mentees.xlsx", {"Наставляемые": [["ФИО наставляемого", "Класс"], ["Шишкин Тимур Русланович", "6В"]]})
    result = _run("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    err = result.stderr
    where = "data/schools/alpha/"
    assert (f"{where}mentors.xlsx, лист «Наставники», ячейка C2: непонятное согласие на публикацию "
            "«согласна частично»") in err
    assert f"{where}pairs.xlsx, лист «Пары», ячейка C2: неизвестная форма наставничества «учитель-учениик»" in err
    assert f"{where}pairs.xlsx, лист «Пары», строка 3: не указано обязательное поле «Дата начала»" in err
    assert f"{where}pairs.xlsx, лист «Пары», ячейка A4: наставника «Сидоров П. П.» нет в базе наставников" in err
    assert "Найдено ошибок: 4" in err


def test_all_problems_of_all_files_at_once(tmp_path):
    data = district(tmp_path)
    alpha = data / "schools" / "alpha"
    _mentors_with(alpha, ["Громова Лидия Павловна", "учитель", None, "30.02.2026"])
    book(alpha / "mentees.xlsx", {"Наставляемые": [["ФИО наставляемого", "Дата вхождения в программу"],
                                                    ["Шишкин Тимур Русланович", "32.01.2025"]]})
    (data / "schools" / "beta" / "pairs.xlsx").write_bytes(b"not a workbook at all")
    result = _run("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "mentors.xlsx, лист «Наставники», ячейка D2: дата «30.02.2026» не существует" in result.stderr
    assert "mentees.xlsx, лист «Наставляемые», ячейка B2: дата «32.01.2025» не существует" in result.stderr
    assert "beta/pairs.xlsx: файл не является книгой Excel (.xlsx)" in result.stderr
    assert "Найдено ошибок: 3" in result.stderr


@pytest.mark.parametrize("name, content, message, hint", [
    ("mentors.xlsx", b"<html>not a workbook</html>", "файл не является книгой Excel (.xlsx)", "сохраните как"),
    ("mentors.xlsx", b"PK\x03\x04broken zip" + b"\0" * 100, "файл повреждён или это не книга Excel", "сохраните как"),
    ("mentors.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "файл в старом формате Excel 97–2003 (.xls)",
     "«Книга Excel (*.xlsx)»"),
    ("mentors.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200 + "EncryptedPackage".encode("utf-16-le")
     + b"\0" * 200, "файл защищён паролем, его нельзя прочитать", "снимите пароль"),
    ("mentors.ods", b"PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
     "таблица OpenDocument (.ods) не читается", "сохраните её как"),
    ("mentors.xlsx", b"", "файл пуст", "заполните"),
])
def test_a_file_that_cannot_be_read_gets_one_line_of_what_to_do(tmp_path, name, content, message, hint):
    path = tmp_path / name
    path.write_bytes(content)
    _, errors, _ = read(path)
    [error] = errors.sorted()
    assert error.message == message and hint in error.hint
    assert str(error.location) == name


def test_too_large_a_file(tmp_path, monkeypatch):
    path = _mentors_with(tmp_path, ["Громова Лидия Павловна", "учитель"])
    monkeypatch.setattr(sheets, "MAX_BYTES", 100)
    _, errors, _ = read(path)
    assert [e.message for e in errors.sorted()] == ["файл больше 0 МБ"]


def test_too_many_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 3)
    path = _mentors_with(tmp_path, *[[f"Громова Лидия {i}", "учитель"] for i in range(5)])
    _, errors, _ = read(path)
    [error] = errors.sorted()
    assert error.message.startswith("больше 3 заполненных строк") and error.location.sheet == "Наставники"


def test_a_workbook_with_no_form_says_which_headings_are_looked_for(tmp_path):
    path = book(tmp_path / "отчёт.xlsx", {"Лист1": [["Показатель", "Значение"], ["Доля", 12]]})
    _, errors, _ = read(path)
    [error] = errors.sorted()
    assert error.message.startswith("не найдено ни одной формы") and "«ФИО наставника»" in error.hint
    assert "files/" in error.hint


def test_same_kind_from_two_sources_names_both(tmp_path):
    data = district(tmp_path, keep=("mentors.yml",))
    book(data / "schools" / "alpha" / "наставники.xlsx", {"Наставники": [MENTOR_HEADINGS, *MENTOR_ROWS]})
    result = _run("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 1
    assert ("data/schools/alpha/наставники.xlsx, лист «Наставники»: «База наставников» уже есть в "
            "data/schools/alpha/mentors.yml") in result.stderr
    assert "оставьте одно из двух" in result.stderr


def test_registries_belong_to_a_school_not_to_the_district(tmp_path):
    data = district(tmp_path, keep=("mentors.yml", "mentees.yml", "pairs.yml"))
    book(data / "mentors.xlsx", {"Наставники": [MENTOR_HEADINGS, *MENTOR_ROWS]})
    result = _run("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 1 and "ведёт каждая школа в своей папке" in result.stderr


def test_namesakes_without_codes(tmp_path):
    _, errors, _ = read(_mentors_with(tmp_path, ["Громова Лидия Павловна", "учитель"],
                                      ["Громова  Лидия Павловна", "педагог-организатор"]))
    [error] = errors.sorted()
    assert error.location.cell == "A3" and "уже есть в строке 2" in error.message and "«Код»" in error.hint


def test_warnings_do_not_change_the_exit_code(tmp_path):
    data = district(tmp_path)
    book(data / "schools" / "alpha" / "mentors.xlsx",
         {"Наставники": [[*MENTOR_HEADINGS, "Стаж"], *[[*row, 3] for row in MENTOR_ROWS]]})
    result = _run("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "предупреждение: data/schools/alpha/mentors.xlsx, лист «Наставники», ячейка H1: столбец «Стаж»" \
        in result.stderr
