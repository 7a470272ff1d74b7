"""`check` and `verify` read a region in batches, as a build does, and say what a whole read says."""

from __future__ import annotations

import textwrap

import pytest

from generator import partial, workers
from generator.cli import main
from generator.compliance_report import as_json
from generator.errors import DataErrors
from generator.pipeline import assess_compliance, build, check, check_whole, state_dir, verify_output
from tests.test_incremental import DATE, _append
from tests.test_partial import FEATURED, _reads, _three_schools
from tests.unit.test_roadmap_status import ROADMAP



@pytest.fixture
def batches(monkeypatch):
    monkeypatch.setattr(partial, "BATCH", 1)
    return _reads(monkeypatch)


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_reads_batches_and_warns_as_a_whole_read(tmp_path, batches, jobs):
    data = _three_schools(tmp_path)
    (data / "schools/beta/roadmap.yml").write_text(textwrap.dedent(ROADMAP), encoding="utf-8")
    whole = check(data, today=DATE)
    checked = check_whole(data, DATE, jobs=jobs)
    assert checked.schools == ["alpha", "beta", "gamma"]
    assert [w.format() for w in checked.warnings] == [w.format() for w in whole.warnings]
    assert any("beta/roadmap.yml" in w.format() and "просрочен" in w.format() for w in checked.warnings)
    assert as_json(checked.checklist) == as_json(assess_compliance(data, DATE))
    if jobs == 1:  # the readers of two processes report to the monkeypatch of their own
        assert {"alpha"} in batches and {"gamma"} in batches and None not in batches


def test_check_reports_every_error_of_every_batch_as_a_whole_read(tmp_path, batches):
    data = _three_schools(tmp_path)
    _append(data / "schools/alpha/pairs.yml", "  - id: p-2\n    mentors: [m-9]\n    mentees: [u-1]\n"
                                              "    form: учитель – ученик\n    start: 2025-09-20\n")
    (data / "district.yml").write_text("name: Учебный район\n" + FEATURED.replace("c-1", "c-404"), encoding="utf-8")
    with pytest.raises(DataErrors) as batched:
        check_whole(data, DATE)
    with pytest.raises(DataErrors) as fully:
        check(data)
    assert len(fully.value.errors.sorted()) >= 2
    assert [e.format() for e in batched.value.errors.sorted()] == [e.format() for e in fully.value.errors.sorted()]


def test_check_command_counts_the_schools_and_ignores_a_broken_key(tmp_path, batches, monkeypatch, capsys):
    data = _three_schools(tmp_path)
    monkeypatch.setenv("NASTAVNIK_KEY_FILE", str(tmp_path / "no-such-key"))  # labels are not shown by check
    assert main(["check", "--data", str(data), "--date", DATE.isoformat(), "--jobs", "2"]) == 0
    assert "район и 3 школы проверены" in capsys.readouterr().out


@pytest.mark.parametrize("apart", [False, True], ids=["district", "region"])
@pytest.mark.parametrize("jobs", [1, 2])
def test_verify_reads_batches_checks_every_site_and_writes_nothing_beside_the_output(tmp_path, batches, jobs, apart,
                                                                                      monkeypatch):
    """A region's district site is checked last and alone, its model let go before its pages are (region.py)."""
    if apart:
        monkeypatch.setattr(workers, "DISTRICT_APART", 0)
    data = _three_schools(tmp_path)
    out = tmp_path / "site"
    assert not build(data, out, DATE).failed
    for kept in sorted(state_dir(out).rglob("*"), reverse=True):  # the build's state: verify must not need it
        kept.unlink() if kept.is_file() else kept.rmdir()
    state_dir(out).rmdir()
    assert verify_output(data, out, DATE, jobs=jobs) == {}
    for name in ("schools/alpha/mentees.html", "index.html"):
        page = out / name
        page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>Тимур Шишкин</p></body>"),
                        encoding="utf-8")
    (out / "schools/beta/pairs.html").unlink()
    order = []
    problems = verify_output(data, out, DATE, jobs=jobs, checked=lambda site_id, found: order.append(site_id))
    assert sorted(problems) == ["alpha", "beta", "district"]
    assert any("«Шишкин» — обучающийся" in p for p in problems["alpha"])
    assert any("«Шишкин» — обучающийся" in p for p in problems["district"])
    assert (order[-1] if apart else order[0]) == "district" and sorted(order) == ["alpha", "beta", "district", "gamma"]
    assert not state_dir(out).exists()


def test_verify_says_a_site_is_missing(tmp_path, batches):
    data = _three_schools(tmp_path)
    out = tmp_path / "site"
    assert not build(data, out, DATE).failed
    for path in sorted((out / "schools/alpha").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (out / "schools/alpha").rmdir()
    found = verify_output(data, out, DATE)
    assert list(found) == ["alpha"] and found["alpha"][0].startswith("сайт не найден")


def test_the_build_tells_how_many_schools_it_read_after_each_batch(tmp_path, batches):
    data = _three_schools(tmp_path)
    told = []
    assert not build(data, tmp_path / "site", DATE, reading=lambda done, total: told.append((done, total))).failed
    assert told == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_check_tells_its_reading_on_stderr_and_keeps_a_json_report_clean(tmp_path, batches, monkeypatch, capsys):
    import json

    from generator import build_flags
    monkeypatch.setattr(build_flags, "_READ_QUIETLY", 0)  # a region's many schools, as three
    data = _three_schools(tmp_path)
    args = ["--data", str(data), "--date", DATE.isoformat(), "--jobs", "1"]
    assert main(["check", *args]) == 0
    said = capsys.readouterr()
    assert "… прочитано школ: 1 из 3 [1/3, осталось ≈ " in said.err and "прочитано школ: 3 из 3" in said.err
    assert "прочитано" not in said.out
    assert main(["check", "--compliance", "--format", "json", *args]) == 0
    assert json.loads(capsys.readouterr().out)


def test_a_district_of_a_few_schools_is_read_without_a_word(tmp_path, batches, capsys):
    data = _three_schools(tmp_path)
    assert main(["check", "--data", str(data), "--date", DATE.isoformat()]) == 0
    assert "прочитано" not in capsys.readouterr().err
