"""A district rebuild reads only the schools that changed; the others come from their summaries.

Whatever was read, the output must be byte for byte a full build's, and every check across
schools must still find what a full read finds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import stat
import weakref

import pytest

from generator import load as load_module
from generator import partial, render, workers
from generator.errors import DataErrors
from generator.pipeline import BuildOptions, build, check, state_dir
from tests.minidistrict import make_district
from tests.test_incremental import DATE, _append, built, tree

FEATURED = "featured_cases:\n  - {school: alpha, case: c-1}\n"
ALPHA_DENOMINATOR = "denominators:\n  pupils_10_19: 40\n"
DISTRICT_KPI = """\
kpis:
  - id: mentees-10-19
    compute: mentees_10_19
    indicator: Доля детей от 10 до 19 лет в роли наставляемого
    unit: '%'
    targets: {2025: 50, 2026: 60}
"""


@pytest.fixture
def district(tmp_path, monkeypatch):
    data = make_district(tmp_path, {"district.yml": "name: Учебный район\n" + FEATURED})
    _append(data / "schools/alpha/school.yml", ALPHA_DENOMINATOR)
    out = tmp_path / "site"
    assert not build(data, out, DATE).failed
    return data, out, _reads(monkeypatch)


def _reads(monkeypatch) -> list:
    """Which schools each later read asks for (None: all of them)."""
    reads = []
    real = load_module.load
    monkeypatch.setattr(partial, "load", lambda data_dir, content_dir, only=None:
                        reads.append(only) or real(data_dir, content_dir, only))
    return reads


def _same_as_full(data, out, tmp_path) -> None:
    fresh = tmp_path / "fresh"
    assert not build(data, fresh, DATE).failed
    assert tree(out) == tree(fresh), "the partial read differs from a full one"


def test_one_school_changed_reads_only_that_school(district, tmp_path):
    data, out, reads = district
    _append(data / "schools/beta/cases.yml", "cases:\n  - id: c-9\n    title: Новая практика\n    body: Текст.\n")
    assert built(build(data, out, DATE)) == {"beta", "district"}
    # The changed school, whose new case the district site shows (district_record.py); then the
    # district's own files, with every other school from its summary and beta from the one just made.
    assert reads == [{"beta"}, set()]
    _same_as_full(data, out, tmp_path)  # alpha's case chosen by the district is still there


def test_a_school_without_its_summary_is_read(district, tmp_path):
    data, out, reads = district
    (state_dir(out.resolve()) / "schools/alpha.pickle").unlink()
    _append(data / "schools/beta/school.yml", "address: ул. Новая, 1\n")
    assert built(build(data, out, DATE)) == {"beta", "district"}
    assert reads == [{"beta"}, {"alpha"}]  # beta, which changed; then alpha, whose summary is gone
    _same_as_full(data, out, tmp_path)


def test_namesakes_in_two_schools_each_follow_their_own_consent(district, tmp_path):
    """Each school is its own operator of personal data, and a region has namesakes: another school's
    record of the same name is another record, not an error, and it does not send a full read."""
    data, out, reads = district
    _append(data / "schools/beta/mentors.yml", "mentors:\n  - id: m-1\n    name: Громова Лидия Павловна\n"
                                               "    position: учитель химии\n    consent: none\n")
    assert built(build(data, out, DATE)) == {"beta", "district"}
    # The changed school, whose new mentor the district site shows (district_record.py); then the
    # district's own files, with every other school from its summary and beta from the one just made.
    assert reads == [{"beta"}, set()]
    _same_as_full(data, out, tmp_path)
    named_on = {path.relative_to(out).as_posix() for path in out.rglob("*.html")
                if "Громова Лидия Павловна" in path.read_text(encoding="utf-8")}
    assert any(page.startswith("schools/alpha/") for page in named_on)
    assert not any(page.startswith("schools/beta/") for page in named_on)
    assert any(not page.startswith("schools/") for page in named_on)  # the district names alpha's mentor


def test_a_school_text_naming_its_own_namesake_without_consent_stops_that_school(district):
    """The school's check knows its own people; the district's cannot tell which namesake a text
    names, and a consenting one explains it (docs/soglasiya.md says so)."""
    data, out, _ = district
    _append(data / "schools/beta/mentors.yml", "mentors:\n  - id: m-1\n    name: Громова Лидия Павловна\n"
                                               "    consent: none\n")
    _append(data / "schools/beta/cases.yml", "cases:\n  - id: c-9\n    title: Практика Громовой Лидии Павловны\n"
                                             "    body: Текст.\n")
    report = build(data, out, DATE)
    assert "beta" in report.failed and any("«Громовой»" in p and "cases.yml:3, поле title" in p
                                           for p in report.failed["beta"])
    assert "district" not in report.failed
    assert "Громовой Лидии Павловны" in (out / "cases.html").read_text(encoding="utf-8")


def test_the_district_base_of_mentors_is_made_again_for_a_changed_mentor_only(district, tmp_path, monkeypatch):
    """School by school: a piece's memo key is its base, the school's name and the digest of its mentors
    kept with the summaries. Only the rows of the school whose mentor changed are made again."""
    data, out, _ = district
    made = []  # the schools whose rows were rendered
    real = render._SiteRenderer._mentor_rows

    def rows(self, base, people, first, last):
        made.extend({name for name, _ in people})
        return real(self, base, people, first, last)

    monkeypatch.setattr(render._SiteRenderer, "_mentor_rows", rows)
    _append(data / "schools/beta/cases.yml", "cases:\n  - id: c-9\n    title: Новая практика\n    body: Текст.\n")
    assert built(build(data, out, DATE)) == {"beta", "district"} and made == []
    mentors = data / "schools/alpha/mentors.yml"
    mentors.write_text(mentors.read_text(encoding="utf-8").replace("учитель биологии", "учитель экологии"),
                       encoding="utf-8")
    assert built(build(data, out, DATE)) == {"alpha", "district"} and made and set(made) == {"СШ «Альфа»"}
    assert "учитель экологии" in (out / "mentors.html").read_text(encoding="utf-8")
    _same_as_full(data, out, tmp_path)


def test_a_chosen_case_removed_from_its_school_is_an_error(district):
    data, out, reads = district
    (data / "schools/alpha/cases.yml").write_text("cases: []\n", encoding="utf-8")
    with pytest.raises(DataErrors) as error:
        build(data, out, DATE)
    assert "нет практики «c-1»" in str([e.format() for e in error.value.errors.items])


def test_a_new_district_kpi_counts_every_school_again(district, tmp_path):
    data, out, reads = district
    (data / "kpis.yml").write_text(DISTRICT_KPI, encoding="utf-8")  # summaries hold no counts for it
    assert built(build(data, out, DATE)) == {"district"}
    assert reads == [set(), None]
    assert "Доля детей от 10 до 19 лет" in (out / "kpi.html").read_text(encoding="utf-8")
    _same_as_full(data, out, tmp_path)


def test_summaries_live_beside_the_output_for_the_builder_only(district):
    data, out, _ = district
    state = state_dir(out.resolve())
    assert state.parent == out.resolve().parent and sorted(p.name for p in (state / "schools").iterdir()) == [
        "alpha.pickle", "alpha.site.pickle", "beta.pickle", "beta.site.pickle"]
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert not any(".pickle" in name or "hashes" in name for name in tree(out))


def test_a_new_date_reads_every_school(district):
    data, out, reads = district
    build(data, out, DATE + dt.timedelta(days=1))
    assert reads == [None]


@pytest.fixture
def one_at_a_time(monkeypatch):
    monkeypatch.setattr(partial, "BATCH", 1)


def test_batches_report_every_error(tmp_path, one_at_a_time):
    data = make_district(tmp_path)
    _append(data / "schools/beta/mentors.yml", "mentors:\n  - id: m-1\n    name: Громова Лидия Павловна\n"
                                               "    consent: всегда\n")
    _append(data / "schools/alpha/pairs.yml", "  - id: p-2\n    mentors: [m-9]\n    mentees: [u-1]\n"
                                              "    form: учитель – ученик\n    start: 2025-09-20\n")
    with pytest.raises(DataErrors) as batched:
        build(data, tmp_path / "site", DATE)
    with pytest.raises(DataErrors) as fully:
        check(data)
    assert len(fully.value.errors.sorted()) >= 2
    assert [e.format() for e in batched.value.errors.sorted()] == [e.format() for e in fully.value.errors.sorted()]


def _three_schools(tmp_path):
    data = make_district(tmp_path, {"district.yml": "name: Учебный район\n" + FEATURED})
    shutil.copytree(data / "schools/beta", data / "schools/gamma")  # the same people, the same consents
    return data


@pytest.mark.parametrize("jobs", [1, 2])  # 2: the batches are read in two processes
def test_reading_in_batches_gives_the_full_build(tmp_path, one_at_a_time, jobs):
    data = _three_schools(tmp_path)
    out = tmp_path / "site"
    assert built(build(data, out, DATE, options=BuildOptions(jobs=jobs))) == {"district", "alpha", "beta", "gamma"}
    whole = tmp_path / "whole"
    partial.BATCH = 1000
    assert not build(data, whole, DATE).failed
    assert tree(out) == tree(whole)


@pytest.mark.parametrize("options", [BuildOptions(schools=["beta", "gamma"]), BuildOptions(shard=(1, 1))],
                         ids=["school", "shard"])
def test_schools_built_without_the_district_are_read_in_batches(tmp_path, one_at_a_time, monkeypatch, options):
    """A shard of a region read at once took 4 GB: without the district site too, schools are read
    batch at a time, and each site is the one a full build makes."""
    data = _three_schools(tmp_path)
    whole = tmp_path / "whole"
    assert not build(data, whole, DATE).failed
    reads, out = _reads(monkeypatch), tmp_path / "site"
    wanted = set(options.schools or ["alpha", "beta", "gamma"])
    assert built(build(data, out, DATE, options=options)) == wanted
    assert reads == [{school} for school in sorted(wanted)]
    assert not (out / "index.html").exists()
    for school in wanted:
        assert tree(out / "schools" / school) == tree(whole / "schools" / school)


@pytest.mark.parametrize("whole", [False, True], ids=["shard", "with-district"])
@pytest.mark.parametrize("random", [False, True], ids=["key", "no-key"])
def test_the_schools_views_wait_on_disk_not_in_memory(tmp_path, one_at_a_time, whole, random):
    """Without the district site, the schools read before the last batch leave only their warnings.
    With random labels (no key) too, though no later build can use them: 1000 schools' pages held
    by the parent made a build of 2.25 GB."""
    from generator.config import district_root_of, load_site_config
    from generator.secret import LabelKey
    data = _three_schools(tmp_path)
    prints = {sid: f"print-{sid}" for sid in ("alpha", "beta", "gamma")}
    sources = partial.Sources(data, data.parent / "content", load_site_config(district_root=district_root_of(data)),
                              DATE, LabelKey(b"k", random=random), tmp_path / "state", prints, whole=whole)
    _, published, views, _ = partial.model(sources, set(prints))
    shown = ["alpha", "beta", "gamma"] if whole else ["gamma"]
    assert [school.id for school in published.district.schools] == shown
    assert views.kept == {} and [views.get(sid).public.id for sid in sorted(prints)] == sorted(prints)


def test_batches_read_in_parallel_report_every_error_in_order(tmp_path, one_at_a_time):
    data = _three_schools(tmp_path)
    for school in ("alpha", "beta"):
        _append(data / f"schools/{school}/pairs.yml", "  - id: p-2\n    mentors: [m-9]\n    mentees: [u-1]\n"
                                                      "    form: учитель – ученик\n    start: 2025-09-20\n")
    with pytest.raises(DataErrors) as parallel:
        build(data, tmp_path / "site", DATE, options=BuildOptions(jobs=2))
    with pytest.raises(DataErrors) as fully:
        check(data)
    assert len(fully.value.errors.sorted()) >= 2
    assert [e.format() for e in parallel.value.errors.sorted()] == [e.format() for e in fully.value.errors.sorted()]


def test_a_leak_on_the_district_site_names_the_text_of_a_school_that_brought_it(district, monkeypatch):
    data, out, _ = district
    monkeypatch.chdir(data.parent)  # messages show data/… relative to the working folder
    (data / "schools/alpha/cases.yml").write_text(
        "cases:\n  - id: c-1\n    title: Проект Шишкина Тимура\n    body: Без имён.\n", encoding="utf-8")
    report = build(data, out, DATE)
    # The district keeps each school's typed texts out of memory; its message still finds the one to fix.
    district_problems = [p for p in report.failed.get("district", []) if "«Шишкина" in p]
    assert district_problems, report.failed
    assert all("исправьте: data/schools/alpha/cases.yml:3, поле title" in p for p in district_problems)


def test_the_district_holds_each_school_as_its_site_shows_it_only_to_the_district(tmp_path):
    from generator import summaries
    from generator.pipeline import prepare
    published, _ = prepare(make_district(tmp_path, {"district.yml": "name: Учебный район\n" + FEATURED}), DATE)
    alpha = next(s for s in published.district.schools if s.id == "alpha")
    slim, named = summaries.for_district(alpha, published.disclosures["alpha"])
    assert alpha.regulations and alpha.pages is not None and alpha.cases[0].body
    assert (slim.regulations, slim.documents, slim.programmes, slim.pages, slim.roadmap) == ([], [], [], [], None)
    assert slim.events == alpha.events

    def shown(person):  # what the district shows of a person: the details of its tables only
        return dataclasses.replace(person, details={k: person.details[k] for k in summaries._DISTRICT_DETAILS})

    assert slim.mentors == [shown(p) for p in alpha.mentors] and slim.mentees == [shown(p) for p in alpha.mentees]
    assert any(p.details["position"] for p in slim.mentors) and "workplace" in alpha.mentors[0].details
    assert [dataclasses.replace(p, order=None, mentors=tuple(map(shown, p.mentors)),
                                mentees=tuple(map(shown, p.mentees))) for p in alpha.pairs] == slim.pairs
    # The pairs hold the very people of the lists, as in the school's view (one object each in a summary).
    people = {id(p) for p in [*slim.mentors, *slim.mentees]}
    assert all(id(p) in people for pair in slim.pairs for p in [*pair.mentors, *pair.mentees])
    assert [(c.id, c.title, c.form, c.role_model, c.year, c.summary) for c in slim.cases] == \
        [(c.id, c.title, c.form, c.role_model, c.year, c.summary) for c in alpha.cases]
    assert not hasattr(slim.cases[0], "body") and all(p.order is None for p in slim.pairs)
    assert named.names == published.disclosures["alpha"].names and named.texts == []


def test_the_schools_texts_are_read_from_their_files_once():
    """Every leaked name searches every typed text for the one to fix: the files are read once."""
    from generator import summaries
    from generator.policy import FreeText
    got = []
    view = summaries.SiteView("f", None, summaries.Disclosure(texts=[FreeText("где", "текст")]))
    views = summaries.Views(None, {}, {"alpha": view, "beta": view}, {})
    views.get = lambda sid, real=views.get: got.append(sid) or real(sid)
    texts = summaries.TextsOf([FreeText("район", "свой")], views, ["alpha", "beta"])
    assert [t.where for t in texts] == ["район", "где", "где"] and got == ["alpha", "beta"]
    assert [t.where for t in texts] == ["район", "где", "где"] and got == ["alpha", "beta"]


def test_summaries_made_in_another_working_folder_are_not_used(district, tmp_path, monkeypatch):
    data, out, reads = district
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the summaries' messages name files from the folder they were made in
    _append(data / "schools/beta/school.yml", "address: ул. Новая, 1\n")
    assert built(build(data, out, DATE)) == {"beta", "district"}
    assert reads == [{"beta"}, {"alpha"}]  # every school read again: beta first, as it changed


@pytest.fixture
def apart(monkeypatch):
    """Every build of the district site with a school's builds it after the schools, as a region's does."""
    monkeypatch.setattr(workers, "DISTRICT_APART", 0)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_region_builds_its_district_site_after_the_schools_the_same(tmp_path, one_at_a_time, apart, jobs,
                                                                      monkeypatch):
    data = _three_schools(tmp_path)
    out, ended = tmp_path / "site", []
    report = build(data, out, DATE, options=BuildOptions(jobs=jobs), progress=lambda result: ended.append(result.id))
    assert sorted(ended[:-1]) == ["alpha", "beta", "gamma"] and ended[-1] == "district" and not report.failed
    monkeypatch.setattr(workers, "DISTRICT_APART", 100)
    together = tmp_path / "together"
    assert not build(data, together, DATE, options=BuildOptions(jobs=jobs)).failed
    assert tree(out) == tree(together)


def _models_at_engine(monkeypatch) -> dict:
    """Site id → the district's model as the engine starts on the site (None: it is gone)."""
    models, at_engine = {}, {}
    real_render, real_engine = workers._render, workers.engine.build

    def render(job, site_id, memo):
        models[site_id] = weakref.ref(job.published.district)
        return real_render(job, site_id, memo)

    def engine(spec, *args, **kwargs):
        at_engine[spec.id] = models[spec.id]()
        return real_engine(spec, *args, **kwargs)

    monkeypatch.setattr(workers, "_render", render)
    monkeypatch.setattr(workers.engine, "build", engine)
    return at_engine


def test_the_district_model_goes_once_the_district_pages_are_rendered(tmp_path, one_at_a_time, apart, monkeypatch):
    """The engine and the leak check of a region's district site reuse the memory of its model."""
    at_engine = _models_at_engine(monkeypatch)
    assert not build(_three_schools(tmp_path), tmp_path / "site", DATE).failed
    assert at_engine["district"] is None, "something still holds the district's model"
    assert all(at_engine[school] is not None for school in ("alpha", "beta", "gamma"))  # shared by the schools


def test_the_district_job_of_a_ci_lets_its_model_go_too(tmp_path, monkeypatch):
    data = _three_schools(tmp_path)
    at_engine = _models_at_engine(monkeypatch)
    assert built(build(data, tmp_path / "site", DATE, options=BuildOptions(district=True))) == {"district"}
    assert at_engine == {"district": None}


def test_a_region_checks_every_school_before_it_builds_any(tmp_path, one_at_a_time, apart):
    """The schools' sites come first, but not before every school and the district's choice are checked:
    a case the district chose is looked for among the ids the build kept of a school read earlier."""
    data = _three_schools(tmp_path)
    out = tmp_path / "site"
    assert not build(data, out, DATE).failed
    published = tree(out)
    (data / "schools/alpha/cases.yml").write_text("cases: []\n", encoding="utf-8")  # read in the first batch
    _append(data / "schools/beta/pairs.yml", "  - id: p-2\n    mentors: [m-9]\n    mentees: [u-1]\n"
                                             "    form: учитель – ученик\n    start: 2025-09-20\n")
    with pytest.raises(DataErrors) as error:
        build(data, out, DATE + dt.timedelta(days=1))
    messages = str([e.format() for e in error.value.errors.items])
    assert "нет практики «c-1»" in messages and "schools/beta/pairs.yml" in messages
    assert tree(out) == published


def test_a_region_checks_the_district_choice_against_schools_it_did_not_read(tmp_path, monkeypatch):
    """Schools taken from their summaries, of which a region's build keeps only what it checks: the
    ids of their cases."""
    from generator.config import district_root_of, load_site_config
    from generator.secret import LabelKey
    data = _three_schools(tmp_path)
    prints = {sid: f"print-{sid}" for sid in ("alpha", "beta", "gamma")}
    sources = partial.Sources(data, data.parent / "content", load_site_config(district_root=district_root_of(data)),
                              DATE, LabelKey(b"k", random=False), tmp_path / "state", prints, keep=False)
    partial.model(sources, set(prints))  # every summary made
    reads = _reads(monkeypatch)
    choice = data / "district.yml"
    choice.write_text("name: Учебный район\nfeatured_cases:\n  - {school: alpha, case: c-1}\n", encoding="utf-8")
    partial.model(sources, {"gamma"})  # alpha's case, known from what the build kept of its summary
    choice.write_text("name: Учебный район\nfeatured_cases:\n  - {school: alpha, case: c-404}\n", encoding="utf-8")
    with pytest.raises(DataErrors) as error:
        partial.model(sources, {"gamma"})
    assert reads == [{"gamma"}, {"gamma"}]
    assert "у школы «alpha» нет практики «c-404»" in str([e.format() for e in error.value.errors.items])
