"""generator/leaks.py: withheld names in any written form, contacts and СНИЛС in published text."""

from __future__ import annotations

import pytest

from generator.leaks import Scanner, readable_lines
from generator.policy import ContactRule, NameRule

ANNA = "Иванова Анна Петровна"


def found(text: str, *rules: NameRule, contacts=(), shown=()) -> list[str]:
    scanner = Scanner(list(rules), [ContactRule(c, "источник") for c in contacts], set(shown))
    return [f.found for f in scanner.scan_text(text)]


def person(name=ANNA, allowed="none", minor=False) -> NameRule:
    return NameRule(name, allowed, f"mentors.yml:1 ({name})", minor)


# --- a person who may not be named at all ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Благодарим Иванову Анну Петровну за помощь",
    "Работа Ивановой Анны Петровны",
    "Руководитель: А. П. Ивановой",
    "Иванова А.П.",
    "Иванова А. П.",
    "Наставник Анна Иванова",
    "ИВАНОВА АННА",
    "иванова анна",                      # the given name next to it: a name even in lower case
    "Анна Петровна провела урок",        # given name and patronymic without the surname
    "Анне Петровне вручили грамоту",
    "Ивановой",                          # the surname alone, capitalised
])
def test_withheld_person_is_found_in_any_form(text):
    assert found(text, person()), text


@pytest.mark.parametrize("written, name", [
    ("Ёлкиной Вере", "Елкина Вера Сергеевна"),
    ("Елкиной Вере", "Ёлкина Вера Сергеевна"),
    ("ЁЛКИНА", "Елкина Вера Сергеевна"),
    ("Семёну Петровичу", "Орлов Семен Петрович"),
])
def test_yo_and_ye_are_the_same_letter(written, name):
    assert found(written, person(name))


def test_name_split_over_two_lines():
    scanner = Scanner([person()], [])
    (finding,) = scanner.scan_text("Отдельное спасибо Ивановой\nАнне за помощь")
    assert finding.line == 1 and finding.found == "Ивановой" and finding.rule == person()
    findings = scanner.scan_text("Работа\nА. П.\nИвановой")
    assert [(f.line, f.found) for f in findings] == [(3, "Ивановой")]


def test_surname_alone_only_when_capitalised():
    frost = person("Мороз Иван Петрович")
    assert found("Стоял мороз, морозы держались неделю.", frost) == []
    assert found("Выступил Мороз.", frost) == ["Мороз"]
    assert found("В гости к Морозу", frost) == ["Морозу"]


def test_other_initials_are_another_person():
    assert found("Иванова Б. В.", person()) == []
    assert found("Б. В. Иванова", person()) == []


def test_unrelated_text_and_lookalike_words():
    assert found("Ивановка — посёлок. Иванович пришёл. Анна Каренина.", person()) == []


# --- consent to initials: initials may appear, the spelled-out name may not ----------------------------

@pytest.mark.parametrize("text", ["Иванова А. П.", "Иванова А.П.", "А. П. Иванова", "Ивановой А. П.",
                                  "Иванова А.", "Ивановой", "Иванова"])
def test_initials_consent_allows_initials(text):
    assert found(text, person(allowed="initials")) == []


@pytest.mark.parametrize("text", ["Иванова Анна Петровна", "Ивановой Анне", "Анна Иванова", "Анна Петровна",
                                  "ИВАНОВА АННА", "Ивановой\nАнне"])
def test_initials_consent_forbids_the_spelled_out_given_name(text):
    assert found(text, person(allowed="initials"))


@pytest.mark.parametrize("text", ["Иванова Анна Петровна", "Ивановой Анне", "А. П. Иванова", "Анна Петровна",
                                  "Иванова"])
def test_full_consent_allows_everything(text):
    assert found(text, person(allowed="full")) == []


# --- namesakes ------------------------------------------------------------------------------------------

def test_consenting_namesake_explains_a_mention():
    pupil = person("Петров Иван", minor=True)
    teacher = person("Петров Иван Сергеевич", allowed="full")
    assert found("Наставник Петров Иван Сергеевич", pupil, teacher) == []
    assert found("Наставник Петров И. С.", pupil, teacher) == []


def test_namesake_with_initials_consent_explains_only_initials():
    pupil = person("Петров Иван", minor=True)
    teacher = person("Петров Игорь Сергеевич", allowed="initials")
    assert found("Петров И. С.", pupil, teacher) == []
    assert found("Петров Иван", pupil, teacher) == ["Петров"]
    scanner = Scanner([pupil, teacher], [])
    assert [f.rule for f in scanner.scan_text("Петров Иван")] == [pupil]


def test_namesake_of_another_name_does_not_explain():
    pupil = person("Петров Иван", minor=True)
    other = person("Петрова Ольга Сергеевна", allowed="full")
    assert found("Петров Иван", pupil, other) == ["Петров"]


# --- contacts -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["+7 (900) 555-12-34", "8 900 555 12 34", "89005551234", "+79005551234",
                                     "8-900-555-12-34", "900 555-12-34"])
def test_phone_in_any_format(written):
    for withheld in ("+7 (900) 555-12-34", "8 900 555 12 34", "89005551234"):
        assert found(f"Звоните: {written}.", contacts=[withheld]) == [written], (written, withheld)


def test_other_phone_is_not_a_leak():
    assert found("Телефон школы +7 900 555-12-35", contacts=["+7 900 555-12-34"]) == []


@pytest.mark.parametrize("html", ["<tr><td>8 900 555-12-34</td><td>3</td></tr>",
                                  "Телефоны: 89005551234 89005551299"])
def test_phone_followed_by_another_number(html):
    assert found(readable_lines(html)[0], contacts=["+7 900 555-12-34"])


def test_contact_field_with_several_phones_and_words():
    contacts = ["мама, +7 921 777-66-55; папа 8(921)000-11-22"]
    assert found("звоните 8 921 777 66 55", contacts=contacts) == ["8 921 777 66 55"]
    assert found("звоните +7 (921) 000-11-22", contacts=contacts) == ["+7 (921) 000-11-22"]


def test_email_any_case():
    assert found("Пишите: Petrov@Example.ORG", contacts=["petrov@example.org"]) == ["Petrov@Example.ORG"]
    assert found("Пишите: petrova@example.org", contacts=["petrov@example.org"]) == []


def test_shown_contact_is_not_a_leak():
    curator = ["+7 (900) 111-22-33", "smirnova@example.org"]
    assert found("Куратор: 8 900 111 22 33, Smirnova@example.org", contacts=curator,
                 shown={"+7 900 111-22-33", "smirnova@example.org"}) == []


def test_snils():
    assert found("СНИЛС 112-233-445 95") == ["112-233-445 95"]
    assert found("СНИЛС 112-233-445-95") == ["112-233-445-95"]
    assert found("Приказ № 112-233 от 2025 года") == []


def test_finding_says_what_and_which_rule():
    rule = ContactRule("+7 900 555-12-34", "mentors.yml:5 (наставник m-2)")
    (finding,) = Scanner([], [rule]).scan_text("строка\nтел. 89005551234")
    assert (finding.line, finding.what, finding.rule) == (2, "телефон", rule)
    (finding,) = Scanner([person()], []).scan_text("Ивановой Анне")
    assert finding.what == "имя" and finding.rule == person()


# --- what a reader gets of a file ----------------------------------------------------------------------

def test_readable_lines_decode_json_escapes():
    line = '{"text": "\\u0418\\u0432\\u0430\\u043d\\u043e\\u0432\\u043e\\u0439 \\u0410\\u043d\\u043d\\u0435"}'
    (text,) = readable_lines(line)
    assert "Ивановой Анне" in text
    assert found(text, person())


def test_readable_lines_decode_html_entities_and_drop_tags():
    (text,) = readable_lines("<p>&#1048;ванова&nbsp;<em>Анна</em> &laquo;наставник&raquo; А&amp;Б</p>")
    words = [w for w in text.split() if w != "|"]  # block tags may leave a separator
    assert words == ["Иванова", "Анна", "«наставник»", "А&Б"]
    assert "<" not in text and "&" not in text.replace("А&Б", "")


def test_readable_lines_include_attribute_values():
    (text,) = readable_lines('<img src="p.png" alt="Иванова Анна на уроке"><a title=\'А. П. Ивановой\'>x</a>')
    assert "Иванова Анна на уроке" in text and "А. П. Ивановой" in text
    assert found(text, person())


def test_readable_lines_keep_line_numbers():
    assert len(readable_lines("a\n<p>b</p>\nc")) == 3


@pytest.mark.parametrize("text", ["Петрова Анна Сергеевна; Иванова А. П.",
                                  "| Петрова Анна | Педагог |\n| Иванова А. П. | Педагог |"])
def test_a_neighbours_given_name_is_not_this_persons(text):
    neighbour = person("Петрова Анна Сергеевна", allowed="full")
    assert found(text, neighbour, person(allowed="initials")) == []


@pytest.mark.parametrize("text", ["Петрова Анна; Иванова А. П.", "| Петрова Анна | Иванова А. П. |",
                                  "Наставники: Петрова Анна, Иванова А. П."])
def test_a_neighbours_given_name_across_a_separator(text):
    neighbour = person("Петрова Анна", allowed="full")
    assert found(text, neighbour, person(allowed="initials")) == []


def test_given_name_before_the_surname_is_still_found():
    assert found("Наставник Анна Иванова", person(allowed="initials")) == ["Иванова"]
    assert found("Анна Петровна Иванова", person(allowed="initials"))


def test_attribute_value_with_the_other_quote_inside():
    (text,) = readable_lines('<img src="a.png" alt="Д\'Артаньян и Иванова Анна">')
    assert "Иванова Анна" in text
