"""generator/cli.py: exit codes 0 (done), 1 (data errors), 2 (wrong usage); messages in Russian."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.cli import main
from generator.fingerprint import FILE_NAME

BAD_PAIRS = (
    "pairs:\n"
    "  - id: p-1\n"
    "    mentors: [m-1]\n"
    "    mentees: [u-1]\n"
    "    form: учитель-учениик\n"     # 5
    "    start: 2025-09-01\n"
)


def run(argv):
    """main() returns its code; argparse ends with SystemExit: both give the exit code."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


@pytest.fixture
def bad_tree(good_files, write_tree, in_tmp):
    files = good_files()
    files["data/schools/sosh-1/pairs.yml"] = BAD_PAIRS
    files["data/district.yml"] = "name: Район\nnmae: опечатка\n"
    write_tree(files)
    return in_tmp / "data"


def test_check_good_data(good_tree, capsys):
    assert run(["check", "--data", str(good_tree)]) == 0
    out = capsys.readouterr()
    assert "Ошибок нет" in out.out and "1 школ" in out.out
    assert out.err == ""


def test_check_data_errors(bad_tree, capsys):
    assert run(["check", "--data", "data"]) == 1
    err = capsys.readouterr().err
    assert "data/schools/sosh-1/pairs.yml:5: неизвестная форма наставничества «учитель-учениик»" in err
    assert "подсказка: возможно, «учитель – ученик»" in err
    assert "data/district.yml:2: неизвестное поле «nmae»" in err
    assert "Найдено ошибок: 2." in err
    assert "Traceback" not in err


def test_check_data_errors_as_a_command(bad_tree):
    """The real command: exit status 1 and a Russian report, never a Python traceback."""
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--data", "data"],
                            capture_output=True, text=True, encoding="utf-8", cwd=bad_tree.parent)
    assert result.returncode == 1
    assert "pairs.yml:5: неизвестная форма наставничества" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_data_folder(tmp_path, capsys):
    assert run(["check", "--data", str(tmp_path / "nope")]) == 1
    assert "папка данных не найдена" in capsys.readouterr().err


def test_unknown_option(capsys):
    assert run(["check", "--dta", "data"]) == 2
    assert "неизвестные параметры: --dta" in capsys.readouterr().err


def test_no_command(capsys):
    assert run([]) == 2
    assert "ошибка" in capsys.readouterr().err


def test_bad_build_date(good_tree, capsys):
    assert run(["build", "--data", str(good_tree), "--date", "2026-13-01"]) == 2
    err = capsys.readouterr().err
    assert "дата «2026-13-01» должна быть в виде ГГГГ-ММ-ДД" in err
    assert "Traceback" not in err


def test_build_unknown_school(good_tree, tmp_path, capsys):
    out = tmp_path / "site"
    assert run(["build", "--data", str(good_tree), "--out", str(out), "--school", "nope"]) == 2
    err = capsys.readouterr().err
    assert "нет такой школы: nope" in err and "sosh-1" in err
    assert not out.exists()


def test_build_with_data_errors_writes_nothing(bad_tree, capsys):
    assert run(["build", "--data", "data", "--out", "site"]) == 1
    assert "Ничего не собрано" in capsys.readouterr().err
    assert not (bad_tree.parent / "site").exists()


def test_build_tiny_district(good_tree, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the engine sets it; restored after the test
    out = tmp_path / "site"
    assert run(["build", "--data", str(good_tree), "--out", str(out), "--date", "2026-01-15"]) == 0, \
        capsys.readouterr().err
    assert (out / "index.html").is_file()
    assert (out / "schools/sosh-1/index.html").is_file()
    assert (out / "schools/sosh-1/cases/olymp.html").is_file()
    assert "Готово: 2 сайта" in capsys.readouterr().out
    # No work folders left; the record of what the district site was built from stays.
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [FILE_NAME]
