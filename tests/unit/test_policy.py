"""generator/policy.py: what of every person may be published."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import model as m
from generator.policy import Policy, apply_policy, initials, withheld_names

FULL = "Иванова Анна Петровна"


@pytest.fixture
def policy(cfg, today):
    return Policy(cfg, today)


@pytest.fixture
def make(cfg):
    ctx = {"vocabulary": cfg.vocabulary}
    return lambda model, **data: model.model_validate(data, context=ctx)


def public(policy, record, label="Наставник 2"):
    withheld: set[str] = set()
    return policy.person(record, label, withheld), withheld


def test_initials_helper():
    assert initials(FULL) == "Иванова А. П."
    assert initials("Иванова Анна") == "Иванова А."


def test_withheld_names_variants():
    assert withheld_names(FULL, FULL) == set()
    assert withheld_names(FULL, "Иванова А. П.") == {FULL, "Иванова Анна"}
    assert {FULL, "Иванова Анна", "Иванова А. П.", "Иванова А.П.", "А. П. Иванова"} <= withheld_names(FULL, None)


def test_no_consent_gives_a_label_and_withholds_the_name(policy, make):
    person, withheld = public(policy, make(m.Mentor, id="m-2", name=FULL, position="учитель"))
    assert person.label == "Наставник 2" and not person.named
    assert FULL in withheld and "Иванова А. П." in withheld
    assert all(v is None for v in person.details.values())


def test_initials_consent(policy, make):
    person, withheld = public(policy, make(m.Mentor, id="m", name=FULL, consent="initials", position="учитель"))
    assert person.label == "Иванова А. П." and person.named
    assert FULL in withheld and "Иванова Анна" in withheld
    assert person.label not in withheld
    assert person.details["position"] is None  # initials publish no professional details


def test_full_consent_publishes_name_and_professional_fields(policy, make):
    person, withheld = public(policy, make(
        m.Mentor, id="m", name=FULL, consent="full", position="учитель математики", subject="математика",
        competences=["олимпиады"], phone="+7 900 000-00-01", email="a@school.ru"))
    assert person.label == FULL and person.named and not person.minor
    assert person.details["position"] == "учитель математики"
    assert person.details["competences"] == ["олимпиады"]
    assert FULL not in withheld
    assert {"+7 900 000-00-01", "a@school.ru"} <= withheld  # contacts are never published


def test_expired_consent_counts_as_none(policy, make, today):
    ended = today - dt.timedelta(days=1)
    person, withheld = public(policy, make(m.Mentor, id="m", name=FULL, consent="full", consent_until=ended))
    assert not person.named and person.label == "Наставник 2"
    assert FULL in withheld


def test_consent_until_today_is_still_valid(policy, make, today):
    person, _ = public(policy, make(m.Mentor, id="m", name=FULL, consent="full", consent_until=today))
    assert person.named


@pytest.mark.parametrize("model, fields, group", [
    (m.Mentee, {"category": "pupil"}, None),
    (m.Mentee, {"category": "pupil", "grade": "10А"}, "10 класс"),
    (m.Mentor, {"category": "student", "grade": "11 Б"}, "11 класс"),
    (m.Mentor, {"category": "student", "age": 16}, "15–17 лет"),
    (m.Mentee, {"category": "student", "age": 12}, "10–14 лет"),
    (m.Mentee, {"category": "student", "age": 8}, "младше 10 лет"),
    (m.Mentor, {"category": "student", "birth_year": 2008}, "15–17 лет"),  # at most 17 in 2026
])
def test_minors_are_never_named_even_with_full_consent(policy, make, model, fields, group):
    person, withheld = public(policy, make(model, id="x", name=FULL, consent="full", position="староста", **fields),
                              label="Наставляемый 1")
    assert person.minor and not person.named
    assert person.label == "Наставляемый 1"
    assert person.group == group
    assert FULL in withheld and "Иванова А. П." in withheld
    assert person.details["position"] is None


def test_birth_year_that_may_be_adult_is_adult(policy, make):
    person, _ = public(policy, make(m.Mentor, id="x", name=FULL, consent="full", category="student",
                                    birth_year=2007))
    assert not person.minor and person.named


def test_adult_teacher_mentee_with_consent_is_named(policy, make):
    person, _ = public(policy, make(m.Mentee, id="u", name=FULL, consent="full", category="teacher",
                                    position="молодой специалист"), label="Наставляемый 1")
    assert person.named and person.details["position"] == "молодой специалист"


@pytest.mark.parametrize("consent, label, position, contacts", [
    ("none", None, None, False),
    ("initials", "Иванова А. П.", "куратор", False),
    ("full", FULL, "куратор", True),
])
def test_curator_contacts_only_with_full_consent(policy, make, consent, label, position, contacts):
    withheld: set[str] = set()
    curator = policy.curator(make(m.Curator, name=FULL, consent=consent, position="куратор",
                                  phone="+7 900 1", email="k@school.ru"), withheld)
    assert curator.label == label and curator.position == position
    assert (curator.phone, curator.email) == (("+7 900 1", "k@school.ru") if contacts else (None, None))
    assert ({"+7 900 1", "k@school.ru"} <= withheld) is not contacts


def test_school_people_labels_and_pairs(published):
    school = published.district.schools[0]
    assert [p.label for p in school.mentors] == [FULL, "Наставник 2", "Сидорова Е. В."]
    (mentee,) = school.mentees
    assert mentee.label == "Наставляемый 1" and mentee.group == "10 класс"
    (pair,) = school.pairs
    assert pair.mentors[0].label == FULL and pair.mentees[0] is mentee
    assert pair.active and pair.order.number == "45-о" and pair.programme == "Подготовка к олимпиаде"
    assert school.mentors[0].forms == ("учитель – ученик",)  # forms derived from the pairs


def test_no_contact_or_withheld_name_reaches_any_public_object(published, strings_of):
    everything = "\n".join(strings_of(published.district))
    forbidden = [
        "Петров Сергей Николаевич", "Петров Сергей", "Петров С. Н.",   # mentor without consent
        "Сидорова Елена Викторовна", "Сидорова Елена",                # mentor with initials only
        "Орлов Дмитрий Андреевич", "Орлов Д. А.",                     # pupil with «full» consent
        "Кузнецова Мария Петровна", "Кузнецова М. П.",                # school curator without consent
        "+7 900 333-44-55", "ivanova@example.org",                    # named mentor's contacts
        "+7 900 555-66-77", "petrov@example.org",
        "+7 900 777-88-99", "+7 900 000-11-22",                       # pupil's and guardian's phones
        "+7 900 222-33-44", "kuznetsova@example.org",
    ]
    leaked = [s for s in forbidden if s in everything]
    assert leaked == []
    # What may be published is there: the check above could fail.
    assert FULL in everything and "Сидорова Е. В." in everything
    assert "+7 900 111-22-33" in everything  # district curator, full consent


def test_withheld_lists_cover_what_was_hidden(published):
    school = published.withheld["sosh-1"]
    assert {"Петров Сергей Николаевич", "Орлов Дмитрий Андреевич", "+7 900 000-11-22",
            "ivanova@example.org", "Кузнецова Мария Петровна"} <= school
    assert FULL not in school
    assert school <= published.withheld["district"]


def test_programme_results_only_when_completed_and_approved(published):
    results = {p.title: p.results for p in published.district.schools[0].programmes}
    assert results == {"Подготовка к олимпиаде": "Призёр муниципального этапа",
                       "Адаптация молодого педагога": None}


@pytest.mark.parametrize("status, approved, shown", [
    ("active", True, False), ("completed", False, False), ("completed", True, True)])
def test_programme_results_rule(make, status, approved, shown):
    programme = make(m.Programme, id="p", title="П", status=status, completion_approved=approved, results="Итог")
    assert (Policy._programme(programme).results == "Итог") is shown


def test_district_regulations_are_inherited_first(published):
    district, school = published.district, published.district.schools[0]
    assert len(district.regulations) == 2
    assert school.regulations[:2] == district.regulations
    assert school.regulations[2].title == "Положение о наставничестве в школе"


def test_pair_activity_depends_on_the_build_date(good_tree, run_check, cfg):
    data, _ = run_check(good_tree)
    before = apply_policy(data, cfg, dt.date(2025, 8, 31)).district.schools[0].pairs[0]
    during = apply_policy(data, cfg, dt.date(2025, 9, 1)).district.schools[0].pairs[0]
    assert not before.active and during.active


def test_published_labels_never_contain_a_withheld_string(good_files, write_tree, tmp_path, run_check, cfg, today):
    files = good_files()
    files["data/schools/sosh-1/mentors.yml"] = (
        "mentors:\n  - id: m-1\n    name: Петров Игорь Сергеевич\n    consent: initials\n")
    files["data/schools/sosh-1/mentees.yml"] = (
        "mentees:\n  - id: u-1\n    name: Петров Иван\n    category: pupil\n")
    write_tree(files)
    data, errors = run_check(tmp_path / "data")
    assert errors == []
    result = apply_policy(data, cfg, today)
    labels = [p.label for p in result.district.schools[0].mentors if p.named]
    assert labels == ["Петров И. С."]
    # «Петров И.» (the pupil's initials) is inside the teacher's published label: verification
    # must know the label is published so that it does not refuse the site (see test_verify).
    assert {w for label in labels for w in result.withheld["sosh-1"] if w in label} == {"Петров И."}
    assert "Петров И. С." in result.shown["sosh-1"]
