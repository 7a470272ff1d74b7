"""Issue 3, points 7–8: downloads hold exactly the page's public rows; the district export stays internal."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from generator.excel.downloads import SCHOOL_DOWNLOADS, one_table, tables
from generator.excel.writer import workbook_bytes
from generator.pipeline import check, prepare
from generator.verify import find_leaks
from tests.conftest import DEMO_DATA, DEMO_DATE
from tests.excel.books import run


@pytest.fixture(scope="module")
def prepared():
    return prepare(DEMO_DATA, DEMO_DATE)


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as a Russian Excel opens it
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_rows(content: bytes) -> list[list[str]]:
    ws = load_workbook(io.BytesIO(content)).active
    return [["" if v is None else v.strftime("%d.%m.%Y") if hasattr(v, "strftime") else str(v) for v in row]
            for row in ws.iter_rows(values_only=True)]


def test_downloads_hold_exactly_the_rows_of_their_page(prepared):
    _, specs = prepared
    checked = 0
    for spec in specs:
        wanted = SCHOOL_DOWNLOADS if spec.out else {"mentors.md": "mentors"}
        for page, name in wanted.items():
            found = tables(spec.pages[page])
            if not found:
                assert f"{name}.csv" not in spec.generated
                continue
            table = one_table(found)
            assert _csv_rows(spec.generated[f"{name}.csv"]) == table, (spec.id, page)
            assert _xlsx_rows(spec.generated[f"{name}.xlsx"]) == table, (spec.id, page)
            assert f"({name}.xlsx)" in spec.pages[page] and f"({name}.csv)" in spec.pages[page]
            checked += 1
    assert checked >= 12


def test_downloads_name_nobody_the_policy_withholds(prepared):
    published, specs = prepared
    for spec in specs:
        text = "\n".join(content.decode("utf-8-sig") if not name.endswith(".xlsx") else  # csv, ics, xml
                         "\n".join(zipfile.ZipFile(io.BytesIO(content)).read(n).decode("utf-8")
                                   for n in zipfile.ZipFile(io.BytesIO(content)).namelist())
                         for name, content in spec.generated.items())
        for rule in published.disclosures[spec.id].names:
            if rule.allowed == "none":
                assert rule.name not in text, (spec.id, rule.source)
        for contact in published.disclosures[spec.id].contacts:
            assert contact.value not in text


def test_the_leak_check_reads_downloads(tmp_path, prepared):
    published, specs = prepared
    school = next(s for s in specs if s.id == "sosh-5")
    withheld = next(r for r in published.disclosures["sosh-5"].names if r.allowed == "none" and r.minor)
    (tmp_path / "mentees.csv").write_text(f"№;Наставляемый\n1;{withheld.name}\n", encoding="utf-8-sig")
    problems = find_leaks(tmp_path, published.disclosures[school.id])
    assert problems and problems[0].startswith("mentees.csv:2: опубликованы персональные данные")


def test_workbooks_are_the_same_bytes_whenever_they_are_made(prepared):
    from generator.excel.template import template_book
    from generator.config import load_site_config

    vocabulary = load_site_config().vocabulary
    first = workbook_bytes(template_book("pairs", vocabulary, DEMO_DATE), DEMO_DATE)
    import time

    time.sleep(1.1)  # openpyxl stamps the second of saving
    assert workbook_bytes(template_book("pairs", vocabulary, DEMO_DATE), DEMO_DATE) == first
    assert prepare(DEMO_DATA, DEMO_DATE, schools=["dshi"])[1][0].generated == \
        next(s for s in prepared[1] if s.id == "dshi").generated


# --- district export -------------------------------------------------------------------------

def test_export_consolidates_every_school_and_says_it_holds_personal_data(tmp_path, capsys):
    out = tmp_path / "внутреннее" / "наставники.xlsx"
    assert run(["export", "--kind", "mentors", "--data", str(DEMO_DATA), "--out", str(out)]) == 0
    assert "персональные данные" in capsys.readouterr().err
    workbook = load_workbook(out)
    ws = workbook.active
    assert "ПЕРСОНАЛЬНЫЕ ДАННЫЕ" in ws["A2"].value and "персональные данные" in workbook.properties.keywords
    data = check(DEMO_DATA)
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == sum(len(s.mentors.mentors) for s in data.schools.values())
    headings = [c.value for c in ws[3]]
    assert headings[0] == "Организация" and "Телефон" in headings and "Согласие на публикацию" in headings
    pupil = next(m for s in data.schools.values() for m in s.mentors.mentors if m.category == "pupil")
    assert pupil.name in {row[1] for row in rows}  # internal: everybody, with names


@pytest.mark.parametrize("kind", ["mentees", "pairs"])
def test_export_of_mentees_and_pairs(tmp_path, kind):
    out = tmp_path / f"{kind}.xlsx"
    assert run(["export", "--kind", kind, "--data", str(DEMO_DATA), "--out", str(out)]) == 0
    ws = load_workbook(out).active
    data = check(DEMO_DATA)
    expected = sum(len(getattr(s, kind).__getattribute__(kind)) for s in data.schools.values())
    assert len(list(ws.iter_rows(min_row=4))) == expected
    if kind == "pairs":
        mentors = [row[2] for row in ws.iter_rows(min_row=4, values_only=True)]
        assert all(not str(name).startswith("m-") for name in mentors)  # people by name, not by id


def test_export_refuses_the_site_output_and_the_data_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    built = tmp_path / "public"
    (built / "search").mkdir(parents=True)
    (built / "search" / "search_index.json").write_text("{}")
    for out, extra in [("site/mentors.xlsx", []), ("site/schools/a/m.xlsx", []), ("www/m.xlsx", ["--site", "www"]),
                       (str(DEMO_DATA / "m.xlsx"), []), ("public/files/m.xlsx", []), ("m.csv", [])]:
        code = run(["export", "--kind", "mentors", "--data", str(DEMO_DATA), "--out", out, *extra])
        assert code == 2, out
        assert not (tmp_path / out).exists()
    assert "персональные данные" in capsys.readouterr().err


def test_csv_is_written_as_excel_reads_it():
    from generator.excel.downloads import _csv

    table = [["№", "Наставник", "Компетенции"], ["1", "Иванова А. П.", "ОГЭ; «текст» с \"кавычками\"\nи строкой"],
             ["2", "Ёлкин", ""]]
    content = _csv(table)
    assert content == ("\ufeff№;Наставник;Компетенции\r\n1;Иванова А. П.;\"ОГЭ; «текст» с \"\"кавычками\"\"\nи строкой\"\r\n"
                       "2;Ёлкин;\r\n").encode("utf-8")
    assert _csv_rows(content) == table


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_export_reads_schools_in_batches_and_holds_every_row(tmp_path, monkeypatch, jobs):
    """A region read whole took 2.5 GB: schools are read a batch at a time, rows written as they come."""
    from generator import load as load_module
    from generator import partial

    monkeypatch.setattr(partial, "BATCH", 1)
    reads = []
    real = load_module.load
    monkeypatch.setattr("generator.excel.export.load", lambda data_dir, content_dir, only=None:
                        reads.append(only) or real(data_dir, content_dir, only))
    out = tmp_path / "pairs.xlsx"
    assert run(["export", "--kind", "pairs", "--data", str(DEMO_DATA), "--out", str(out), "--jobs", jobs]) == 0
    data = check(DEMO_DATA)
    rows = list(load_workbook(out).active.iter_rows(min_row=4, values_only=True))
    assert [row[0] for row in rows] == [(s.school.short_name or s.school.name) for _, s in sorted(data.schools.items())
                                        for _ in s.pairs.pairs]
    if jobs == "1":  # the readers of two processes note their reads in their own memory
        assert reads == [{sid} for sid in sorted(data.schools)]  # the district: read once, by the check


def test_export_of_invalid_data_writes_nothing(tmp_path, capsys):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA, data)
    school = sorted((data / "schools").iterdir())[-1]
    (school / "pairs.yml").write_text("pairs:\n  - id: p-1\n    mentors: [nobody]\n", encoding="utf-8")
    out = tmp_path / "pairs.xlsx"
    assert run(["export", "--kind", "pairs", "--data", str(data), "--out", str(out)]) == 1
    assert not out.exists() and "pairs.yml" in capsys.readouterr().err


def test_export_keeps_a_text_that_looks_like_a_formula_as_text(tmp_path):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA, data)
    mentors = sorted((data / "schools").iterdir())[0] / "mentors.yml"
    text = mentors.read_text(encoding="utf-8")
    position = next(line for line in text.splitlines() if line.strip().startswith("position:"))
    mentors.write_text(text.replace(position, position.split(":")[0] + ": \"=HYPERLINK(1)\"", 1), encoding="utf-8")
    out = tmp_path / "mentors.xlsx"
    assert run(["export", "--kind", "mentors", "--data", str(data), "--out", str(out)]) == 0
    cells = [c for row in load_workbook(out).active.iter_rows(min_row=4) for c in row if c.value == "=HYPERLINK(1)"]
    assert len(cells) == 1 and cells[0].data_type == "s"
