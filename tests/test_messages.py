"""What a user sees when the data is wrong: every error at once, with file and line, in Russian."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT
from tests.minidistrict import make_district


def _run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_three_mistakes_reported_together_with_file_and_line(tmp_path):
    make_district(tmp_path, {
        "schools/alpha/pairs.yml": """
            pairs:
              - id: p-1
                mentors: [m-1]
                mentees: [u-1]
                form: учитель-учениик
                start: 2025-09-20
            """,
        "schools/alpha/mentees.yml": """
            mentees:
              - id: u-1
                name: Шишкин Тимур Русланович
                grade: 6В
                grade: 7В
                joined: 31.02.2025
            """,
    })
    result = _run("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 1
    err = result.stderr
    assert "Traceback" not in err
    assert ("data/schools/alpha/pairs.yml:5: неизвестная форма наставничества «учитель-учениик»"
            in err)
    assert "возможно, «учитель – ученик»" in err
    assert "data/schools/alpha/mentees.yml:5: ключ «grade» повторяется (первый раз — в строке 4)" in err
    assert "data/schools/alpha/mentees.yml:6: несуществующая дата «31.02.2025»" in err
    assert "Найдено ошибок: 3" in err


def test_unknown_key_suggests_the_meant_one(tmp_path):
    make_district(tmp_path, {"schools/beta/school.yml": "name: Гимназия\nshort_nme: Г\n"})
    result = _run("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 1
    assert "data/schools/beta/school.yml:2: неизвестное поле «short_nme»" in result.stderr
    assert "возможно, «short_name»" in result.stderr


def test_good_data_passes_and_wrong_usage_is_exit_2(tmp_path):
    make_district(tmp_path)
    assert _run("check", "--data", "data", cwd=tmp_path).returncode == 0
    bad = _run("build", "--date", "23.11.2026", cwd=tmp_path)
    assert bad.returncode == 2 and "ГГГГ-ММ-ДД" in bad.stderr
    assert _run("frobnicate", cwd=tmp_path).returncode == 2


def test_data_error_writes_nothing(tmp_path):
    make_district(tmp_path, {"schools/beta/school.yml": "short_name: без названия\n"})
    result = _run("build", "--data", "data", "--out", "site", "--date", "2026-11-23", cwd=tmp_path)
    assert result.returncode == 1
    assert "не указано обязательное поле «name»" in result.stderr
    assert not (tmp_path / "site").exists()
