"""--strict: every warning fails `check` and `build`, and a strict build publishes nothing new."""

from __future__ import annotations

import pytest

import datetime as dt

from generator.cli import main
from generator.pipeline import build
from tests.minidistrict import make_district
from tests.test_corpus import tree_digest

DATE = "2026-11-23"
# A mentors' table with a column no form knows: read, with a warning.
MENTORS_CSV = "ФИО наставника;Должность;Любимый цвет\nГромова Лидия Павловна;учитель биологии;зелёный\n"


@pytest.fixture
def district(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return make_district(tmp_path)


def _with_unknown_column(data):
    (data / "schools/alpha/mentors.yml").unlink()
    (data / "schools/alpha/mentors.csv").write_text(MENTORS_CSV, encoding="utf-8")
    (data / "schools/alpha/pairs.yml").write_text("pairs: []\n", encoding="utf-8")


def test_check_strict_fails_on_a_warning(district, capsys):
    _with_unknown_column(district)
    assert main(["check", "--data", "data"]) == 0
    assert "предупреждение: data/schools/alpha/mentors.csv" in capsys.readouterr().err
    assert main(["check", "--data", "data", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "ошибка (--strict): data/schools/alpha/mentors.csv, ячейка C1: столбец «Любимый цвет»" in err
    assert "предупреждение:" not in err


def test_check_strict_passes_clean_data(district, capsys):
    assert main(["check", "--data", "data", "--strict"]) == 0


def test_build_strict_leaves_the_published_site(district, capsys):
    assert main(["build", "--data", "data", "--out", "site", "--date", DATE]) == 0
    before = tree_digest(district.parent / "site")
    _with_unknown_column(district)
    assert main(["build", "--data", "data", "--out", "site", "--date", DATE, "--strict"]) == 1
    assert "ошибка (--strict):" in capsys.readouterr().err
    assert tree_digest(district.parent / "site") == before


def test_build_strict_does_not_publish_a_site_with_an_unreadable_attachment(district, capsys):
    assert main(["build", "--data", "data", "--out", "site", "--date", DATE]) == 0
    before = tree_digest(district.parent / "site/schools/alpha")
    (district / "schools/alpha/documents.yml").write_text(
        "documents:\n  - {id: o-1, type: regulation, file: files/old.doc}\n", encoding="utf-8")
    (district / "schools/alpha/files").mkdir()
    (district / "schools/alpha/files/old.doc").write_bytes(b"\xd0\xcf\x11\xe0 binary word 97 document")
    assert main(["build", "--data", "data", "--out", "site", "--date", DATE, "--strict"]) == 1
    assert tree_digest(district.parent / "site/schools/alpha") == before
    report = build(district, district.parent / "site", dt.date(2026, 11, 23), strict=True)
    assert any("files/old.doc: текст вложения не удалось прочитать" in p for p in report.failed["alpha"])
    assert tree_digest(district.parent / "site/schools/alpha") == before


def test_build_strict_fails_without_a_key(district, capsys, monkeypatch):
    monkeypatch.delenv("NASTAVNIK_KEY")
    assert main(["build", "--data", "data", "--out", "site", "--date", DATE, "--strict"]) == 1
    assert "ошибка (--strict): ключ для условных обозначений не задан" in capsys.readouterr().err
    assert not (district.parent / "site").exists()


@pytest.mark.parametrize("schools", [None, ["beta"]], ids=["all", "one-school"])
def test_build_strict_counts_the_warnings_of_schools_taken_from_their_summaries(district, capsys, monkeypatch,
                                                                                 schools):
    """A strict build reads in batches and takes unchanged schools from their summaries: their warnings
    still fail it, even when only another school's site is asked for."""
    from generator import partial
    _with_unknown_column(district)
    assert main(["build", "--data", "data", "--out", "site", "--date", DATE]) == 0  # a warning only
    reads, real = [], partial.load
    monkeypatch.setattr(partial, "load", lambda data_dir, content_dir, only=None:
                        reads.append(only) or real(data_dir, content_dir, only))
    before = tree_digest(district.parent / "site")
    (district / "schools/beta/school.yml").write_text("name: Гимназия «Бета»\naddress: ул. Новая, 1\n",
                                                      encoding="utf-8")
    report = build(district, district.parent / "site", dt.date(2026, 11, 23), schools, strict=True)
    assert any("mentors.csv" in w for w in report.warnings) and not report.built
    assert reads == [{"beta"}]  # alpha, unchanged, from its summary
    assert tree_digest(district.parent / "site") == before
    assert main(["build", "--data", "data", "--out", "site", "--date", DATE, "--strict"]) == 1
    assert "ошибка (--strict): data/schools/alpha/mentors.csv" in capsys.readouterr().err
