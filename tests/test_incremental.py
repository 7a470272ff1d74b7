"""Incremental builds: a site is skipped only when nothing it is built from changed.

Each kind of input is changed in turn; the incremental build must rebuild exactly the
sites that show it, and its output must be byte for byte what a full build of the
changed data gives: a stale page would show up as a difference.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

from generator import fingerprint, hashcache
from generator.config import PROJECT_ROOT
from generator.errors import DataErrors
from generator.pipeline import BuildOptions, build
from generator.secret import LabelKey
from tests.minidistrict import make_district

DATE = dt.date(2026, 11, 23)
real_hash = hashcache.file_hash
ALL = {"district", "alpha", "beta"}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fingerprint_state(out: Path) -> Path:
    from generator.pipeline import state_dir
    return state_dir(out.resolve())


def built(report) -> set[str]:
    return {r.id for r in report.built}


@pytest.fixture
def district(tmp_path):
    data = make_district(tmp_path)
    out = tmp_path / "site"
    report = build(data, out, DATE)
    assert not report.failed and built(report) == ALL
    return data, out


def _append(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


CHANGES = {
    # what changes → which sites must be rebuilt
    "school data": (lambda d: _append(d / "schools/alpha/cases.yml",
                                      "  - id: c-2\n    title: Новый кейс\n    body: Текст.\n"), {"alpha", "district"}),
    # The district site is made of what it shows of each school (district_record.py), not of the school's
    # files: an attachment, a free page, a case's text, a detail withheld without consent leave it alone.
    "school attachment": (lambda d: _append(d / "schools/beta/files/plan.txt", "план"), {"beta"}),
    "school free page": (lambda d: _append(d.parent / "content/schools/alpha/kontakty.md", "# Контакты\n\nТекст.\n"),
                         {"alpha"}),
    "school case text": (lambda d: _replace(d / "schools/alpha/cases.yml", "исследование пруда", "опыт с ряской"),
                         {"alpha"}),
    "position of a mentor without consent": (lambda d: _replace(d / "schools/alpha/mentors.yml", "учитель истории",
                                                                "учитель обществознания"), {"alpha"}),
    "position of a mentor with consent": (lambda d: _replace(d / "schools/alpha/mentors.yml", "учитель биологии",
                                                             "учитель химии"), {"alpha", "district"}),
    "case title": (lambda d: _replace(d / "schools/alpha/cases.yml", "Проект по экологии", "Проект о пруде"),
                   {"alpha", "district"}),
    "new school": (lambda d: _append(d / "schools/gamma/school.yml", "name: Школа «Гамма»\n"),
                   {"gamma", "district"}),
    "district file every school shows": (lambda d: _append(d / "district.yml", "site_url: https://rmc.example.ru/\n"),
                                         ALL),
    "district regulations": (lambda d: _append(d / "regulations.yml", """\
  - level: municipal
    title: О наставничестве в районе
    number: "15"
    date: 2024-01-10
"""), ALL),
    "district-only file": (lambda d: _append(d / "events.yml", """\
events:
  - id: e-1
    title: Районный семинар наставников
    date: 2026-10-01
"""), {"district"}),
    # A district repository may override the tool's settings (issue 10): its copy counts as an input.
    "district's own settings": (lambda d: _append(d.parent / "site_config/publication.yml",
                                                  (PROJECT_ROOT / "site_config/publication.yml").read_text("utf-8")),
                                ALL),
    # The district's downloads and calendar are kept for its next build (generator/memo.py): remade here.
    "school mentor": (lambda d: _append(d / "schools/alpha/mentors.yml", """\
  - id: m-3
    name: Осокина Вера Игоревна
    position: учитель музыки
    consent: full
"""), {"alpha", "district"}),
    "school event": (lambda d: _append(d / "schools/beta/events.yml", """\
events:
  - id: e-7
    kind: event
    title: Встреча наставников гимназии
    date: 2026-12-10
"""), {"beta", "district"}),
    "district free page": (lambda d: _append(d.parent / "content/district/o-rajone.md", "# О районе\n\nТекст.\n"),
                           {"district"}),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_rebuilds_exactly_the_sites_that_show_it(district, tmp_path, change):
    data, out = district
    edit, expected = CHANGES[change]
    edit(data)
    report = build(data, out, DATE)
    assert not report.failed, report.failed
    assert built(report) == expected
    assert report.skipped == len((ALL | expected) - expected)

    fresh = tmp_path / "fresh"
    assert not build(data, fresh, DATE).failed
    assert tree(out) == tree(fresh), "the incremental build differs from a full one: a stale page survived"


def test_a_rebuilt_district_site_converts_only_the_pages_that_changed(district):
    data, out = district
    CHANGES["school data"][0](data)  # a new case of one school: the district's bank of cases shows it
    [site] = [r for r in build(data, out, DATE).built if r.id == "district"]
    assert site.reused is not None and 0 < site.reused < site.pages, (site.reused, site.pages)


def test_nothing_changed_builds_nothing_and_reads_no_data(district, monkeypatch):
    data, out = district
    before = tree(out)
    monkeypatch.setattr("generator.pipeline.check", lambda *a, **k: pytest.fail("data read though nothing changed"))
    report = build(data, out, DATE)
    assert report.built == [] and report.skipped == 3
    assert tree(out) == before


def test_force_rebuilds_everything(district):
    data, out = district
    assert built(build(data, out, DATE, options=BuildOptions(force=True))) == ALL


def test_force_reuses_nothing_earlier_builds_made_and_keeps_what_it_makes(district):
    data, out = district
    state = fingerprint_state(out)
    kept = sorted(p.relative_to(state).as_posix() for p in state.glob("*/*.pickle") if p.parent.name != "schools")
    assert {name.split("/")[0] for name in kept} >= {"render", "engine"}
    seen = []
    real = Path.unlink

    def unlink(path, missing_ok=False):
        seen.append(path.relative_to(state).as_posix() if path.is_relative_to(state) else None)
        return real(path, missing_ok=missing_ok)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "unlink", unlink)
        build(data, out, DATE, options=BuildOptions(force=True))
    assert set(kept) <= set(seen)  # forgotten before the sites were built again
    assert all((state / name).is_file() for name in kept)  # and made anew


def test_another_date_or_key_rebuilds_everything(district, monkeypatch):
    data, out = district
    assert built(build(data, out, DATE + dt.timedelta(days=1))) == ALL
    monkeypatch.setenv("NASTAVNIK_KEY", "another-test-key")
    assert built(build(data, out, DATE + dt.timedelta(days=1))) == ALL


def test_without_a_key_every_build_is_new(district, monkeypatch):
    data, out = district
    monkeypatch.delenv("NASTAVNIK_KEY")
    assert built(build(data, out, DATE)) == ALL
    assert built(build(data, out, DATE)) == ALL  # labels are random: no page can be kept


def test_a_site_that_failed_is_tried_again(district):
    data, out = district
    (data / "schools/alpha/cases.yml").write_text(
        "cases:\n  - id: c-1\n    title: Проект\n    body: Руководил Зорин Аркадий Ильич.\n", encoding="utf-8")
    assert list(build(data, out, DATE).failed) == ["alpha"]
    report = build(data, out, DATE)
    assert list(report.failed) == ["alpha"] and built(report) == set()


def test_a_lost_record_rebuilds_that_site(district):
    data, out = district
    (out / "schools/beta" / fingerprint.FILE_NAME).unlink()
    (out / "schools/beta/index.html").write_text("испорчено", encoding="utf-8")
    assert built(build(data, out, DATE)) == {"beta"}
    assert "испорчено" not in (out / "schools/beta/index.html").read_text(encoding="utf-8")


def _project(root: Path) -> Path:
    for name in ("site_config", "theme"):
        (root / name).mkdir(parents=True)
        (root / name / "x.yml").write_text("a: 1\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return root


KEY = LabelKey(b"k", random=False)


@pytest.mark.parametrize("edit", ["site_config/x.yml", "theme/x.yml", "mkdocs.yml", "site_config/new.yml",
                                  "tool code", "date", "key"])
def test_every_shared_input_changes_the_environment(tmp_path, monkeypatch, edit):
    root = _project(tmp_path / "project")
    tool = tmp_path / "tool"
    (tool / "templates").mkdir(parents=True)
    (tool / "templates/page.md.j2").write_text("{{ x }}", encoding="utf-8")
    monkeypatch.setattr(fingerprint, "TOOL_DIR", tool)
    before = fingerprint.environment(root, DATE, KEY)
    assert fingerprint.environment(root, DATE, KEY) == before
    date, key = DATE, KEY
    if edit == "tool code":
        (tool / "templates/page.md.j2").write_text("{{ y }}", encoding="utf-8")
    elif edit == "date":
        date = DATE + dt.timedelta(days=1)
    elif edit == "key":
        key = LabelKey(b"other", random=False)
    else:
        (root / edit).write_text("a: 2\n", encoding="utf-8")
    assert fingerprint.environment(root, date, key) != before


def test_package_versions_are_part_of_the_environment(tmp_path, monkeypatch):
    root = _project(tmp_path)
    before = fingerprint.environment(root, DATE, KEY)
    monkeypatch.setattr(fingerprint, "_versions", lambda: ["mkdocs==9.9.9"])
    assert fingerprint.environment(root, DATE, KEY) != before


def test_a_package_found_twice_counts_once(monkeypatch):
    """python -m generator in a checkout finds the tool's egg-info as well as its installed copy."""
    class Found:
        def __init__(self, name, version):
            self.text = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nName: not a header\n"

        def read_text(self, file):
            return self.text if file == "METADATA" else None

    found = [Found("nastavnik", "0.1.0"), Found("mkdocs", "1.6.1"), Found("nastavnik", "0.1.0")]
    monkeypatch.setattr(fingerprint.importlib.metadata, "distributions", lambda: iter(found))
    assert fingerprint._versions.__wrapped__() == ["mkdocs==1.6.1", "nastavnik==0.1.0"]


def test_versions_are_read_as_the_library_reads_them():
    import importlib.metadata

    assert fingerprint._versions() == sorted({f"{d.metadata['Name']}=={d.version}"
                                              for d in importlib.metadata.distributions()})


def test_the_record_holds_no_key(district, monkeypatch):
    data, out = district
    text = (out / fingerprint.FILE_NAME).read_text(encoding="utf-8")
    assert "tests-only-key" not in text
    assert fingerprint.key_identity(KEY) == fingerprint.key_identity(LabelKey(b"k", random=False))
    assert fingerprint.key_identity(LabelKey(b"k", random=True)) != fingerprint.key_identity(
        LabelKey(b"k", random=True))


def test_jobs_do_not_change_the_output(tmp_path):
    data = make_district(tmp_path)
    one, two = tmp_path / "one", tmp_path / "two"
    assert not build(data, one, DATE, options=BuildOptions(jobs=1)).failed
    report = build(data, two, DATE, options=BuildOptions(jobs=2))
    assert not report.failed and built(report) == ALL
    assert tree(one) == tree(two)


def test_shards_and_district_split_the_build(tmp_path):
    data = make_district(tmp_path)
    out = tmp_path / "site"
    shards = [built(build(data, out, DATE, options=BuildOptions(shard=(k, 3)))) for k in (1, 2, 3)]
    assert sorted(s for shard in shards for s in shard) == ["alpha", "beta"]
    assert not (out / "index.html").exists()
    assert built(build(data, out, DATE, options=BuildOptions(district=True))) == {"district"}
    fresh = tmp_path / "fresh"
    build(data, fresh, DATE)
    assert tree(out) == tree(fresh)
    shutil.rmtree(fresh)


def test_a_shard_reads_only_its_own_schools(district):
    data, out = district
    _append(data / "district.yml", "featured_cases:\n  - {school: beta, case: c-1}\n")  # beta is not read
    (data / "schools/beta/pairs.yml").write_text("pairs: [не список пар\n", encoding="utf-8")
    report = build(data, out, DATE, options=BuildOptions(schools=["alpha"], force=True))
    assert not report.failed and built(report) == {"alpha"}
    with pytest.raises(DataErrors):
        build(data, out, DATE)  # the district site reads every school, and finds the error


def test_a_rebuild_reads_only_files_whose_stat_changed(district, monkeypatch):
    data, out = district
    monkeypatch.setattr(hashcache, "RACY_NS", 0)
    build(data, out, DATE, options=BuildOptions(force=True))  # remembers every hash, none racy now
    read = []
    monkeypatch.setattr(hashcache, "file_hash", lambda path: read.append(path) or real_hash(path))
    assert build(data, out, DATE).built == []
    assert read == []
    _append(data / "schools/beta/files/plan.txt", "план")
    assert built(build(data, out, DATE)) == {"beta"}  # an attachment the district site does not show
    assert [Path(p).name for p in read] == ["plan.txt"]


def test_a_file_rewritten_with_its_old_size_and_mtime_is_rebuilt(district, tmp_path, monkeypatch):
    data, out = district
    monkeypatch.setattr(hashcache, "RACY_NS", 0)
    build(data, out, DATE, options=BuildOptions(force=True))
    cases = data / "schools/alpha/cases.yml"
    text, stat = cases.read_text(encoding="utf-8"), cases.stat()
    time.sleep(0.05)  # past the file system clock's tick, as any later edit by a person is
    changed = text.replace("экологии", "экологиИ", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    cases.write_text(changed, encoding="utf-8")
    os.utime(cases, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert built(build(data, out, DATE)) == {"alpha", "district"}
    fresh = tmp_path / "fresh"
    assert not build(data, fresh, DATE).failed
    assert tree(out) == tree(fresh)


def test_a_school_seen_by_the_district_walk_has_the_fingerprint_of_its_own_walk(district):
    """The district's fingerprint walks the whole region; its schools' are taken from that walk."""
    from generator import fingerprint
    data, _ = district
    _append(data / "schools/beta/files/plan.txt", "план")
    _append(data.parent / "content/schools/alpha/kontakty.md", "# Контакты\n")
    (data / "schools/notes.txt").write_text("не школа", encoding="utf-8")  # beside the schools' folders
    walked = fingerprint.Inputs(data, data.parent / "content")
    whole = walked.of_district()
    assert "data/schools/notes.txt" in whole and "data/schools/beta/files/plan.txt" in whole
    for school in ("alpha", "beta"):
        alone = fingerprint.Inputs(data, data.parent / "content").of_school(school)
        assert walked.of_school(school) == alone and any(f"schools/{school}/" in name for name in alone)
