"""generator/policy.py: what of every person may be published."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator import model as m
from generator.leaks import Scanner
from generator.policy import Disclosure, NameRule, Policy, apply_policy, initials

FULL = "Иванова Анна Петровна"


@pytest.fixture
def policy(cfg, today, key):
    return Policy(cfg, today, key)


@pytest.fixture
def make(cfg):
    ctx = {"vocabulary": cfg.vocabulary}
    return lambda model, **data: model.model_validate(data, context=ctx)


def public(policy, record, label="Наставник 7KX3P", what="наставник m"):
    """The public person and the policy's decision about them: (PublicPerson, NameRule, contacts)."""
    out = Disclosure()
    person = policy.person(record, label, what, out)
    (rule,) = out.names
    return person, rule, {c.value for c in out.contacts}


def test_initials_helper():
    assert initials(FULL) == "Иванова А. П."
    assert initials("Иванова Анна") == "Иванова А."


def test_no_consent_gives_a_label_and_withholds_the_name(policy, make):
    person, rule, _ = public(policy, make(m.Mentor, id="m-2", name=FULL, position="учитель"),
                             what="наставник m-2")
    assert person.label == "Наставник 7KX3P" and not person.named
    assert rule == NameRule(FULL, "none", "наставник m-2", minor=False)
    assert all(v is None for v in person.details.values())


def test_initials_consent(policy, make):
    person, rule, _ = public(policy, make(m.Mentor, id="m", name=FULL, consent="initials", position="учитель"))
    assert person.label == "Иванова А. П." and person.named
    assert rule.name == FULL and rule.allowed == "initials"  # the full name stays withheld
    assert person.details["position"] is None  # initials publish no professional details


def test_full_consent_publishes_name_and_professional_fields(policy, make):
    person, rule, contacts = public(policy, make(
        m.Mentor, id="m", name=FULL, consent="full", position="учитель математики", subject="математика",
        competences=["олимпиады"], phone="+7 900 000-00-01", email="a@school.ru"))
    assert person.label == FULL and person.named and not person.minor
    assert person.details["position"] == "учитель математики"
    assert person.details["competences"] == ["олимпиады"]
    assert rule.allowed == "full"
    assert contacts == {"+7 900 000-00-01", "a@school.ru"}  # contacts are never published


def test_expired_consent_counts_as_none(policy, make, today):
    ended = today - dt.timedelta(days=1)
    person, rule, _ = public(policy, make(m.Mentor, id="m", name=FULL, consent="full", consent_until=ended))
    assert not person.named and person.label == "Наставник 7KX3P"
    assert rule.allowed == "none"


def test_consent_until_today_is_still_valid(policy, make, today):
    person, rule, _ = public(policy, make(m.Mentor, id="m", name=FULL, consent="full", consent_until=today))
    assert person.named and rule.allowed == "full"


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
    person, rule, _ = public(policy, make(model, id="x", name=FULL, consent="full", position="староста",
                                          **fields), label="Наставляемый 7KX3P")
    assert person.minor and not person.named
    assert person.label == "Наставляемый 7KX3P"
    assert person.group == group
    assert rule.allowed == "none" and rule.minor
    assert person.details["position"] is None


def test_birth_year_that_may_be_adult_is_adult(policy, make):
    person, _, _ = public(policy, make(m.Mentor, id="x", name=FULL, consent="full", category="student",
                                       birth_year=2007))
    assert not person.minor and person.named


def test_adult_teacher_mentee_with_consent_is_named(policy, make):
    person, _, _ = public(policy, make(m.Mentee, id="u", name=FULL, consent="full", category="teacher",
                                       position="молодой специалист"), label="Наставляемый 7KX3P")
    assert person.named and person.details["position"] == "молодой специалист"


@pytest.mark.parametrize("consent, label, position, contacts", [
    ("none", None, None, False),
    ("initials", "Иванова А. П.", "куратор", False),
    ("full", FULL, "куратор", True),
])
def test_curator_contacts_only_with_full_consent(policy, make, consent, label, position, contacts):
    out = Disclosure()
    curator = policy.curator(make(m.Curator, name=FULL, consent=consent, position="куратор",
                                  phone="+7 900 1", email="k@school.ru"), out)
    assert curator.label == label and curator.position == position
    assert (curator.phone, curator.email) == (("+7 900 1", "k@school.ru") if contacts else (None, None))
    assert [(r.name, r.allowed) for r in out.names] == [(FULL, consent)]
    withheld = {c.value for c in out.contacts}
    assert withheld == (set() if contacts else {"+7 900 1", "k@school.ru"})
    assert out.shown_contacts == ({"+7 900 1", "k@school.ru"} if contacts else set())


def test_school_people_labels_and_pairs(published, key):
    school = published.district.schools[0]
    mentor_code, mentee_code = key.code("sosh-1|mentor|m-2"), key.code("sosh-1|mentee|u-1")
    assert [p.label for p in school.mentors] == [FULL, f"Наставник {mentor_code}", "Сидорова Е. В."]
    (mentee,) = school.mentees
    assert mentee.label == f"Наставляемый {mentee_code}" and mentee.group == "10 класс"
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


def test_disclosures_cover_what_was_hidden(published):
    school = published.disclosures["sosh-1"]
    allowed = {r.name: r.allowed for r in school.names}
    assert allowed == {FULL: "full", "Петров Сергей Николаевич": "none", "Сидорова Елена Викторовна": "initials",
                       "Орлов Дмитрий Андреевич": "none", "Кузнецова Мария Петровна": "none"}
    assert [r.name for r in school.names if r.minor] == ["Орлов Дмитрий Андреевич"]
    contacts = {c.value for c in school.contacts}
    assert {"+7 900 000-11-22", "+7 900 777-88-99", "ivanova@example.org", "petrov@example.org",
            "+7 900 222-33-44", "kuznetsova@example.org"} <= contacts
    assert school.shown_contacts == set()  # the school curator did not consent
    # Every withheld datum has a source: file:line and which record.
    source = next(r.source for r in school.names if r.name == "Петров Сергей Николаевич")
    assert source.endswith("data/schools/sosh-1/mentors.yml:10 (наставник m-2)"), source
    # The district site shows everything the schools show, plus its own curator.
    district = published.disclosures["district"]
    assert set(school.names) <= set(district.names) and set(school.contacts) <= set(district.contacts)
    assert district.shown_contacts == {"+7 900 111-22-33", "smirnova@example.org"}
    assert ("Смирнова Ольга Ивановна", "full") in {(r.name, r.allowed) for r in district.names}


def test_free_texts_say_which_field_to_correct(published):
    texts = {t.where.split("data/", 1)[-1]: t.text for t in published.disclosures["sosh-1"].texts}
    assert texts["schools/sosh-1/cases.yml:7, поле body"] == "Подробный рассказ о практике."
    assert texts["schools/sosh-1/programmes.yml:6, поле results"] == "Призёр муниципального этапа"


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


def test_pair_activity_depends_on_the_build_date(good_tree, run_check, cfg, key):
    data, _ = run_check(good_tree)
    before = apply_policy(data, cfg, dt.date(2025, 8, 31), key).district.schools[0].pairs[0]
    during = apply_policy(data, cfg, dt.date(2025, 9, 1), key).district.schools[0].pairs[0]
    assert not before.active and during.active


def test_labels_are_keyed_codes_stable_and_unlinkable(good_tree, run_check, cfg, today):
    """Labels are HMAC codes of site|role|id: the same under one key, different under another,
    and not a running number that tells the order of the list."""
    from generator.secret import LabelKey

    data, _ = run_check(good_tree)

    def labels(key):
        school = apply_policy(data, cfg, today, key).district.schools[0]
        return [p.label for p in school.mentors + school.mentees if not p.named]

    first, again = labels(LabelKey(b"k", random=False)), labels(LabelKey(b"k", random=False))
    other = labels(LabelKey(b"other", random=False))
    assert first == again and first != other
    assert all(re.fullmatch(r"(Наставник|Наставляемый) [2-9A-HJ-NP-Z]{5}", label) for label in first + other)
    assert not any(label.endswith((" 1", " 2")) for label in first)


def test_published_labels_never_contain_a_withheld_string(good_files, write_tree, tmp_path, run_check, cfg,
                                                          today, key):
    files = good_files()
    files["data/schools/sosh-1/mentors.yml"] = (
        "mentors:\n  - id: m-1\n    name: Петров Игорь Сергеевич\n    consent: initials\n")
    files["data/schools/sosh-1/mentees.yml"] = (
        "mentees:\n  - id: u-1\n    name: Петров Иван\n    category: pupil\n")
    write_tree(files)
    data, errors = run_check(tmp_path / "data")
    assert errors == []
    result = apply_policy(data, cfg, today, key)
    labels = [p.label for p in result.district.schools[0].mentors if p.named]
    assert labels == ["Петров И. С."]
    # «Петров И.» (the pupil's initials) is inside the teacher's published label: the policy tells
    # verification that the teacher may be named by initials, so the label explains the mention.
    rules = {r.name: (r.allowed, r.minor) for r in result.disclosures["sosh-1"].names}
    assert rules["Петров Игорь Сергеевич"] == ("initials", False)
    assert rules["Петров Иван"] == ("none", True)
    d = result.disclosures["sosh-1"]
    assert Scanner(d.names, d.contacts, d.shown_contacts).scan_text("Наставник: Петров И. С.") == []


def test_a_summary_holds_the_values_its_people_share_once(policy, make):
    """The policy makes shared values one object: pickle writes them once per school's summary, and
    reading a region's summaries needs no call per value."""
    import pickle

    def mentor(number: int) -> m.Mentor:
        # Values read apart, as two records of a file are: equal, not the same objects.
        return make(m.Mentor, id=f"m-{number}", name=FULL, consent="full", position="".join(["учитель ", "математики"]),
                    subject="".join(["мате", "матика"]), competences=["".join(["ОГЭ ", "по математике"])],
                    forms=["".join(["учитель – ", "ученик"])])

    first, second = (public(policy, mentor(n))[0] for n in (1, 2))
    assert first.details["subject"] is second.details["subject"] and first.forms[0] is second.forms[0]
    assert first.details["competences"][0] is second.details["competences"][0]
    read = pickle.loads(pickle.dumps([first, second]))
    assert read == [first, second]
    assert read[0].details["position"] is read[1].details["position"] and read[0].category is read[1].category


def test_pairs_and_rules_read_back_as_they_were():
    import pickle

    from generator.policy import ContactRule, PublicPair, PublicPerson

    person = PublicPerson("Наставник 1", False, "Педагог", False)
    pair = PublicPair(3, (person,), (person,), "учитель – ученик", None, ("индивидуальная",), dt.date(2025, 9, 1),
                      None, True, "Программа", None)
    rules = [NameRule("Иванова Анна Петровна", "initials", "mentors.yml:3", True), ContactRule("+7 900", "x")]
    read = pickle.loads(pickle.dumps([pair, *rules]))
    assert read == [pair, *rules]
    assert read[0].mentors[0] is read[0].mentees[0]  # one person, as written
