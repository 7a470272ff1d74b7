"""The district site is built from what it shows of each school (generator/district_record.py):
a school change it does not show leaves it alone, without reading any other school, and a change
it shows, or any doubt about what it was built from, rebuilds it. Whatever was skipped, the output
must be byte for byte a full build's."""

from __future__ import annotations

import json

import pytest

from generator import district_record, fingerprint, summaries
from generator.district_record import Record
from generator.errors import DataErrors
from generator.pipeline import BuildOptions, build, state_dir
from tests.test_incremental import DATE, _append, _replace, built
from tests.test_partial import _same_as_full, district  # noqa: F401 (a fixture)

ATTACHMENT = "schools/beta/files/plan.txt"


def _loaded(monkeypatch) -> list[str]:
    """The schools whose summaries later builds load."""
    loaded, real = [], summaries.Store.load
    monkeypatch.setattr(summaries.Store, "load", lambda self, sid, print_: loaded.append(sid) or real(self, sid, print_))
    return loaded


def test_a_change_the_district_does_not_show_reads_that_school_alone(district, tmp_path, monkeypatch):
    data, out, reads = district
    loaded = _loaded(monkeypatch)
    _replace(data / "schools/alpha/cases.yml", "исследование пруда", "опыт с ряской")  # the bank shows no text
    report = build(data, out, DATE)
    assert built(report) == {"alpha"} and report.skipped == 2
    assert reads == [{"alpha"}] and loaded == []  # no other school read, no summary loaded
    assert build(data, out, DATE).built == [] and reads == [{"alpha"}]  # the record knows alpha's new files
    _same_as_full(data, out, tmp_path)


def test_a_change_the_district_shows_rebuilds_it(district, tmp_path):
    data, out, _ = district
    _replace(data / "schools/alpha/cases.yml", "Проект по экологии", "Проект о пруде")
    assert built(build(data, out, DATE)) == {"alpha", "district"}
    assert "Проект о пруде" in (out / "cases.html").read_text(encoding="utf-8")
    _same_as_full(data, out, tmp_path)


@pytest.mark.parametrize("doubt", ["no record", "broken record", "another site", "no site record"])
def test_any_doubt_about_the_district_site_rebuilds_it(district, tmp_path, doubt):
    data, out, _ = district
    record = state_dir(out.resolve()) / "district-record.json"
    if doubt == "no record":
        record.unlink()
    elif doubt == "broken record":
        record.write_text(record.read_text(encoding="utf-8")[:40], encoding="utf-8")
    elif doubt == "another site":  # published by another build than the one recorded
        fingerprint.record(out, "0" * 64)
    else:
        (out / fingerprint.FILE_NAME).unlink()
    _append(data / ATTACHMENT, "план")
    assert built(build(data, out, DATE)) == {"beta", "district"}
    _same_as_full(data, out, tmp_path)


def test_the_district_job_of_a_ci_skips_a_change_it_does_not_show(district, tmp_path):
    data, out, reads = district
    _append(data / ATTACHMENT, "план")
    report = build(data, out, DATE, options=BuildOptions(district=True))
    assert report.built == [] and report.skipped == 1 and reads == [{"beta"}]
    assert built(build(data, out, DATE)) == {"beta"}  # the school's own site is still to be built
    _append(data / "schools/beta/school.yml", "address: ул. Новая, 1\n")  # the directory shows it
    assert built(build(data, out, DATE, options=BuildOptions(district=True))) == {"district"}


def test_errors_of_a_changed_school_come_with_every_error_of_the_region(district, tmp_path):
    """Read alone, alpha's broken case would hide that the district's chosen case is gone with it."""
    data, out, _ = district
    (data / "schools/alpha/cases.yml").write_text("cases:\n  - id: c-2\n    body: Без названия.\n", encoding="utf-8")
    with pytest.raises(DataErrors) as error:
        build(data, out, DATE)
    found = " ".join(e.format() for e in error.value.errors.items)
    assert "нет практики «c-1»" in found and "title" in found


def test_a_district_site_that_failed_is_built_again_for_any_school_change(district, tmp_path):
    data, out, _ = district
    _append(data / "district.yml", "description: Куратор программы — Зорин Аркадий Ильич.\n")  # no consent
    assert list(build(data, out, DATE).failed) == ["district"]
    _replace(data / "district.yml", "Куратор программы — Зорин Аркадий Ильич.", "Районная программа.")
    _append(data / ATTACHMENT, "план")
    assert built(build(data, out, DATE)) == {"alpha", "beta", "district"}  # district.yml: every school shows it
    _same_as_full(data, out, tmp_path)


def test_a_strict_build_settles_the_district_from_its_whole_read(district, tmp_path):
    data, out, reads = district
    _append(data / ATTACHMENT, "план")
    report = build(data, out, DATE, strict=True)
    assert built(report) == {"beta"} and reads == [{"beta"}]  # alpha from its summary: strict needs its warnings
    _same_as_full(data, out, tmp_path)


def test_the_record_names_each_school_by_hashes_only(district):
    data, out, _ = district
    found = json.loads((state_dir(out.resolve()) / "district-record.json").read_text(encoding="utf-8"))
    assert sorted(found["schools"]) == ["alpha", "beta"]
    assert all(len(value) == 64 for pair in found["schools"].values() for value in pair)
    assert found["fingerprint"] == fingerprint.recorded(out)


# The verdict alone, without a build.
PRINTS = {"alpha": "a1", "beta": "b1"}
RECORD = Record("site", "own", {"alpha": ("a1", "da"), "beta": ("b1", "db")})


def test_a_recorded_district_with_the_same_schools_is_fresh():
    assert district_record.judge(RECORD, "site", "own", PRINTS) == district_record.Verdict(False, "site")


@pytest.mark.parametrize("record, recorded, own, prints", [
    (None, "site", "own", PRINTS),
    (RECORD, None, "own", PRINTS),
    (RECORD, "other", "own", PRINTS),
    (RECORD, "site", "other", PRINTS),
    (RECORD, "site", "own", {"alpha": "a1"}),
    (RECORD, "site", "own", {**PRINTS, "gamma": "g1"}),
])
def test_any_doubt_is_stale(record, recorded, own, prints):
    assert district_record.judge(record, recorded, own, prints).stale


def test_changed_schools_are_pending_and_their_digests_settle_the_print():
    verdict = district_record.judge(RECORD, "site", "own", {"alpha": "a2", "beta": "b1"})
    assert verdict == district_record.Verdict(False, None, ("alpha",))
    same = district_record.district_print("own", {"alpha": "da", "beta": "db"})
    assert district_record.settle(RECORD, "own", {"alpha": "da"}) == same
    assert district_record.settle(RECORD, "own", {"alpha": "dx"}) != same


def test_a_record_is_read_back_and_a_broken_one_is_none(tmp_path):
    district_record.save(tmp_path, RECORD)
    assert district_record.load(tmp_path) == RECORD
    for broken in ("", "[]", '{"version": 1}', '{"version": 1, "fingerprint": "x", "own": "y", "schools": {"a": 5}}'):
        (tmp_path / "district-record.json").write_text(broken, encoding="utf-8")
        assert district_record.load(tmp_path) is None, broken
