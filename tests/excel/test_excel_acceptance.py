"""Issue 3 acceptance: registries laid out as another region lays them out are built with no manual step.

The consented mentors appear on the school's registry page and in its downloads; nobody
else's name appears anywhere in the output; a broken copy of the same file is reported
cell by cell. All people are fictional.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from pathlib import Path

from generator.pipeline import build
from tests.conftest import ROOT
from tests.excel.books import book, district

DATE = dt.date(2026, 11, 23)
TITLE = "Реестр педагогов-наставников МБОУ «Гимназия № 7» на 2025–2026 уч. год"
HEADINGS = ["№ п/п", "Фамилия, имя, отчество педагога-наставника", "Занимаемая должность", "Педагогический стаж",
            "Контакты (тел., e-mail)", "Согласие на размещение ПД на сайте ОО (да/нет)", "Формы наставничества",
            "Ключевые компетенции (через ;)"]
MENTORS = [
    [1, "Журавлёва Светлана Игоревна", "учитель химии", 21, "8-900-100-20-30, zhuravleva@g7.example", "да",
     "учитель – ученик", "олимпиадная химия; проекты"],
    [2, "Прохоров Денис Олегович", "учитель физики", 4, "8-900-100-20-31", "нет", "учитель – ученик", "робототехника"],
    [3, "Седова Алла Викторовна", "учитель начальных классов", 30, "sedova@g7.example", None, "педагог – педагог",
     "работа с родителями"],
    [4, "Кравец Марина Юрьевна", "учитель английского языка", 12, None, "Да", "педагог – педагог", "ОГЭ"],
]
MENTEE_HEADINGS = ["№", "ФИО обучающегося", "Класс", "Запрос", "Наставник", "Форма", "Дата включения в программу",
                   "Контакты родителей"]
MENTEES = [
    [1, "Баранов Глеб Ильич", "9А", "химия", "Журавлёва С. И.", "учитель – ученик", "15.09.25", "8-900-555-00-01"],
    [2, "Ершова Ника Павловна", "9А", "химия", "Журавлёва С. И.", "учитель – ученик", "15.09.25", None],
    [3, "Тихонов Марк Артёмович", "7Б", "физика", "Прохоров Д. О.", "Учитель-ученик", "октябрь 2025", None],
]
TEACHER_MENTEES = [[4, "Голубева Анна Романовна", None, "адаптация", "Седова А. В.", "педагог – педагог",
                    "01.09.2025", None]]
WITHHELD = ["Прохоров", "Седова", "Баранов", "Ершова", "Тихонов", "Голубева"]


def _school(tmp_path: Path, mentors=MENTORS, mentees=MENTEES + TEACHER_MENTEES) -> Path:
    data = district(tmp_path)
    alpha = data / "schools" / "alpha"
    book(alpha / "Реестр наставников.xlsx", {"Реестр": [[TITLE], [], HEADINGS, *mentors]}, {"Реестр": ["A1:H1"]})
    book(alpha / "Реестр наставляемых.xlsx", {"Лист1": [["Реестр наставляемых (обучающихся и педагогов)"],
                                                         MENTEE_HEADINGS, *mentees]})
    return data


def _all_text(out: Path) -> str:
    parts = []
    for path in out.rglob("*"):
        if path.suffix in {".xlsx", ".docx"}:
            with zipfile.ZipFile(path) as archive:
                parts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
        elif path.is_file():
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts).lower().replace("ё", "е")


def test_another_regions_registry_is_built_and_publishes_only_the_consented(tmp_path):
    data = _school(tmp_path)
    out = tmp_path / "site"
    report = build(data, out, DATE)
    assert not report.failed, report.failed
    school = out / "schools" / "alpha"
    page = (school / "mentors.html").read_text(encoding="utf-8")
    for name in ("Журавлёва Светлана Игоревна", "Кравец Марина Юрьевна"):
        assert name in page
        assert name in (school / "mentors.csv").read_bytes().decode("utf-8-sig")
        with zipfile.ZipFile(io.BytesIO((school / "mentors.xlsx").read_bytes())) as archive:
            assert name in "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    pairs = (school / "pairs.html").read_text(encoding="utf-8")
    assert pairs.count("<tr>") - 1 == 3  # implied by the mentee form: two groups and one pair
    everything = _all_text(out)
    for surname in WITHHELD:
        assert surname.lower().replace("ё", "е") not in everything, surname
    for contact in ("8-900-100-20-31", "zhuravleva@g7.example", "8-900-555-00-01"):
        assert contact not in everything


def test_a_broken_copy_of_the_same_file_is_reported_cell_by_cell(tmp_path):
    broken = [row[:] for row in MENTORS]
    broken[1][6] = "учитель-учениик"
    broken[2][5] = "частично"
    mentees = [row[:] for row in MENTEES + TEACHER_MENTEES]
    mentees[0][6] = "31.02.25"
    mentees[2][4] = "Петров П. П."
    _school(tmp_path, broken, mentees)
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--data", "data", "--out", "site",
                             "--date", "2026-11-23"], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NASTAVNIK_KEY": "test"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    where = "data/schools/alpha/Реестр"
    expected = [
        f"{where} наставников.xlsx, лист «Реестр», ячейка G5: неизвестная форма наставничества «учитель-учениик»",
        f"{where} наставников.xlsx, лист «Реестр», ячейка F6: непонятное согласие на публикацию «частично»",
        f"{where} наставляемых.xlsx, лист «Лист1», ячейка G3: дата «31.02.25» не существует",
        f"{where} наставляемых.xlsx, лист «Лист1», ячейка E5: наставника «Петров П. П.» нет в базе наставников",
    ]
    for line in expected:
        assert line in result.stderr, result.stderr
    assert not (tmp_path / "site").exists()


def test_a_csv_from_another_region_in_windows_1251(tmp_path):
    data = district(tmp_path)
    lines = ["Сведения о наставниках;;;", "ФИО;Должность;Согласие на публикацию;Категория",
             "Журавлёва Светлана Игоревна;учитель химии;полностью;педагог",
             "Кравец Марина Юрьевна;учитель английского языка;инициалы;",
             "Прохоров Денис Олегович;учитель физики;;"]
    (data / "schools" / "alpha" / "наставники.csv").write_bytes("\r\n".join(lines).encode("cp1251"))
    report = build(data, tmp_path / "site", DATE, schools=["alpha"])
    assert not report.failed
    page = (tmp_path / "site" / "schools" / "alpha" / "mentors.html").read_text(encoding="utf-8")
    assert "Журавлёва Светлана Игоревна" in page and "Кравец М. Ю." in page and "Прохоров" not in page
