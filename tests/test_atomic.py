"""A site that fails verification is not published, and the previous version stays in place."""

from __future__ import annotations

import datetime as dt

from generator.fingerprint import FILE_NAME
from generator.pipeline import BuildOptions, build
from tests.minidistrict import make_district

DATE = dt.date(2026, 11, 23)


def test_leak_in_free_text_fails_that_school_only(tmp_path):
    data = make_district(tmp_path)
    out = tmp_path / "site"
    assert not build(data, out, DATE).failed
    before = (out / "schools/alpha/cases/c-1.html").read_text(encoding="utf-8")

    # Зорин gave no consent; a curator types his full name into a case description.
    (data / "schools/alpha/cases.yml").write_text(
        "cases:\n  - id: c-1\n    title: Проект по экологии\n"
        "    body: Руководил проектом Зорин Аркадий Ильич.\n", encoding="utf-8")
    (data / "schools/beta/school.yml").write_text("name: Гимназия «Бета», обновлено\n", encoding="utf-8")
    report = build(data, out, DATE)

    assert list(report.failed) == ["alpha"]
    assert any("«Зорин" in p and "mentors.yml" in p for p in report.failed["alpha"])
    assert (out / "schools/alpha/cases/c-1.html").read_text(encoding="utf-8") == before
    assert "обновлено" in (out / "schools/beta/index.html").read_text(encoding="utf-8")
    leftovers = [p for p in out.iterdir() if p.name.startswith(".") and p.name != FILE_NAME]
    assert not leftovers, "no temporary folders left"


def test_rebuilding_one_school_leaves_the_rest(tmp_path):
    data = make_district(tmp_path)
    out = tmp_path / "site"
    build(data, out, DATE)
    district_index = (out / "index.html").stat().st_mtime_ns
    beta = (out / "schools/beta/index.html").stat().st_mtime_ns
    # Nothing changed, so only --force makes it build alpha again.
    report = build(data, out, DATE, options=BuildOptions(schools=["alpha"], force=True))
    assert [s.id for s in report.built] == ["alpha"]
    assert (out / "index.html").stat().st_mtime_ns == district_index
    assert (out / "schools/beta/index.html").stat().st_mtime_ns == beta
