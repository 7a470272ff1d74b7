"""`nastavnik init`: a district started in an empty folder builds at once, a school is added,
its Excel form filled in reaches the site, and nothing that exists is ever overwritten."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.conftest import DEMO_DATE, ROOT

FEDERAL = ("Р-145", "3273-р", "АЗ-1128/08", "1264-р")


def run(*args: str, cwd: Path, python: str = sys.executable, pythonpath: str = str(ROOT)):
    env = {"PYTHONPATH": pythonpath, "PATH": "/usr/bin:/bin", "NASTAVNIK_KEY": "tests-only-key-not-a-secret"}
    return subprocess.run([python, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, env=env)


def fill_mentor(form: Path, row: dict[str, str]) -> None:
    """Type one row under the headings of a blank form, as a curator would in Excel."""
    book = openpyxl.load_workbook(form)
    sheet = book.worksheets[0]
    headings = {cell.value: cell.column for cell in sheet[2] if cell.value}
    for heading, value in row.items():
        sheet.cell(row=3, column=headings[heading], value=value)
    book.save(form)


@pytest.fixture()
def district(tmp_path) -> Path:
    result = run("init", "district", "rayon", "--name", "Учебный муниципальный район", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "rayon"


def test_new_district_has_its_files_and_builds(district):
    for name in ("README.md", ".gitignore", "requirements.txt", ".github/workflows/nastavnik.yml",
                 ".gitlab-ci.yml", "data/district.yml", "data/regulations.yml", "site_config/README.md",
                 "site_config/schema/school.json", "data/schools/primer/school.yml",
                 "data/schools/primer/mentors.xlsx"):
        assert (district / name).is_file(), name
    assert (district / "data/district.yml").read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../site_config/schema/district.json\n")
    assert (district / "data/schools/primer/school.yml").read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../../../site_config/schema/school.json\n")
    acts = yaml.safe_load((district / "data/regulations.yml").read_text("utf-8"))["regulations"]
    assert sorted(a["number"] for a in acts) == sorted(FEDERAL)
    assert all(a["level"] == "federal" and "url" not in a for a in acts)  # no address is made up

    result = run("build", "--date", DEMO_DATE.isoformat(), cwd=district)
    assert result.returncode == 0, result.stderr
    normative = (district / "site/schools/primer/normative.html").read_text("utf-8")
    for number in FEDERAL:
        assert number in normative
    assert "Учебный муниципальный район" in (district / "site/index.html").read_text("utf-8")


def test_school_added_and_its_excel_form_reaches_the_site(district):
    result = run("init", "school", "sosh-2", "--name", "МБОУ «СОШ № 2»", cwd=district)
    assert result.returncode == 0, result.stderr
    assert "sosh-2" in result.stdout
    fill_mentor(district / "data/schools/sosh-2/mentors.xlsx", {
        "ФИО наставника": "Лаврова Ирина Савельевна", "Должность": "учитель химии",
        "Согласие на публикацию": "полностью"})
    result = run("build", "--date", DEMO_DATE.isoformat(), cwd=district)
    assert result.returncode == 0, result.stderr
    mentors = (district / "site/schools/sosh-2/mentors.html").read_text("utf-8")
    assert "Лаврова Ирина Савельевна" in mentors and "учитель химии" in mentors
    assert "МБОУ «СОШ № 2»" in (district / "site/schools.html").read_text("utf-8")


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_never_overwrites(district):
    (district / "data/district.yml").write_text("name: Наш район\n", encoding="utf-8")
    before = _contents(district)
    again = run("init", "district", ".", cwd=district)
    assert again.returncode == 2
    assert "уже есть" in again.stderr and "ничего не записано" in again.stderr and "Traceback" not in again.stderr
    school = run("init", "school", "primer", cwd=district)
    assert school.returncode == 2 and "data/schools/primer/school.yml" in school.stderr
    assert _contents(district) == before


def test_init_school_refuses_a_bad_id_or_a_missing_district(tmp_path, district):
    bad = run("init", "school", "Школа 2", cwd=district)
    assert bad.returncode == 2 and "латинские" in bad.stderr
    lost = run("init", "school", "sosh-3", cwd=tmp_path)
    assert lost.returncode == 2 and "nastavnik init district" in lost.stderr
    assert not (tmp_path / "data").exists()


def test_a_district_may_replace_one_setting(district):
    """Its own site_config/structure.yml renames a page; the other settings stay the tool's."""
    text = (ROOT / "site_config/structure.yml").read_text("utf-8").replace(
        "title: Нормативная база,", "title: Нормативные документы,")
    (district / "site_config/structure.yml").write_text(text, encoding="utf-8")
    result = run("build", "--date", DEMO_DATE.isoformat(), cwd=district)
    assert result.returncode == 0, result.stderr
    assert "Нормативные документы" in (district / "site/schools/primer/index.html").read_text("utf-8")


def test_installed_wheel_builds_a_new_district_outside_the_source_tree(tmp_path):
    """The gap init had to close: an installed nastavnik finds its settings, theme and mkdocs.yml."""
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "wheel", "--no-deps",
                            "-w", str(wheels), str(ROOT)], capture_output=True, text=True, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    target = tmp_path / "installed"
    installed = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "install",
                                "--no-deps", "--target", str(target), *map(str, wheels.glob("*.whl"))],
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    where = run("--version", cwd=tmp_path, pythonpath=str(target))
    assert str(target / "generator" / "base") in where.stdout, where.stdout
    assert run("init", "district", "rayon", cwd=tmp_path, pythonpath=str(target)).returncode == 0
    result = run("build", "--date", DEMO_DATE.isoformat(), cwd=tmp_path / "rayon", pythonpath=str(target))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rayon/site/schools/primer/index.html").is_file()
    assert not (Path(os.getcwd()) / "rayon").exists()
