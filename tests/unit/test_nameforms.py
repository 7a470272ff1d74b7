"""generator/nameforms.py: every usual written form of a Russian personal name."""

from __future__ import annotations

import pytest

from generator.nameforms import NameForms, gender_of, given_forms, norm, patronymic_forms, split_name, surname_forms

# (surname, gender) → the six case forms: nominative, genitive, dative, accusative, instrumental, prepositional.
SURNAMES = [
    ("Иванов", "m", ["Иванов", "Иванова", "Иванову", "Иванова", "Ивановым", "Иванове"]),
    ("Иванова", "f", ["Иванова", "Ивановой", "Ивановой", "Иванову", "Ивановой", "Ивановой"]),
    ("Лебедев", "m", ["Лебедев", "Лебедева", "Лебедеву", "Лебедева", "Лебедевым", "Лебедеве"]),
    ("Лебедева", "f", ["Лебедева", "Лебедевой", "Лебедевой", "Лебедеву", "Лебедевой", "Лебедевой"]),
    ("Пушкин", "m", ["Пушкин", "Пушкина", "Пушкину", "Пушкина", "Пушкиным", "Пушкине"]),
    ("Пушкина", "f", ["Пушкина", "Пушкиной", "Пушкиной", "Пушкину", "Пушкиной", "Пушкиной"]),
    ("Достоевский", "m", ["Достоевский", "Достоевского", "Достоевскому", "Достоевского", "Достоевским",
                          "Достоевском"]),
    ("Достоевская", "f", ["Достоевская", "Достоевской", "Достоевской", "Достоевскую", "Достоевской",
                          "Достоевской"]),
    ("Толстой", "m", ["Толстой", "Толстого", "Толстому", "Толстого", "Толстым", "Толстом"]),
    ("Толстая", "f", ["Толстая", "Толстой", "Толстой", "Толстую", "Толстой", "Толстой"]),
    ("Мороз", "m", ["Мороз", "Мороза", "Морозу", "Мороза", "Морозом", "Морозе"]),
    ("Шмидт", "m", ["Шмидт", "Шмидта", "Шмидту", "Шмидта", "Шмидтом", "Шмидте"]),
    ("Гоголь", "m", ["Гоголь", "Гоголя", "Гоголю", "Гоголя", "Гоголем", "Гоголе"]),
    ("Кочерга", "m", ["Кочерга", "Кочерги", "Кочерге", "Кочергу", "Кочергой", "Кочерге"]),
    ("Ёлкин", "m", ["Ёлкин", "Ёлкина", "Ёлкину", "Ёлкина", "Ёлкиным", "Ёлкине"]),
]


@pytest.mark.parametrize("surname, gender, cases", SURNAMES, ids=[f"{s}-{g}" for s, g, _ in SURNAMES])
def test_surname_declension(surname, gender, cases):
    assert set(cases) <= surname_forms(surname, gender)


@pytest.mark.parametrize("surname, gender", [
    ("Шмидт", "f"), ("Мороз", "f"),          # a woman's consonant-final surname does not change
    ("Шевченко", "m"), ("Шевченко", "f"), ("Бойко", "f"),  # -ко
    ("Черных", "f"), ("Седых", "m"), ("Долгих", "m"),       # -ых/-их
    ("Гюго", "m"), ("Гюго", "f"),                          # vowel-final foreign surnames
])
def test_indeclinable_surnames_stay_as_they_are(surname, gender):
    assert surname_forms(surname, gender) == {surname}


def test_masculine_forms_are_not_feminine_ones():
    assert "Ивановой" not in surname_forms("Иванов", "m")
    assert "Ивановым" not in surname_forms("Иванова", "f")


def test_unknown_gender_takes_both():
    assert {"Иванову", "Ивановым", "Ивановой"} <= surname_forms("Иванов", None) | surname_forms("Иванова", None)
    assert {"Мороза", "Морозу", "Мороз"} <= surname_forms("Мороз", None)


def test_double_surname_declines_part_by_part():
    assert {"Петрова-Водкина", "Петровой-Водкиной", "Петрову-Водкину"} <= surname_forms("Петрова-Водкина", "f")
    assert {"Петров-Водкин", "Петрова-Водкина", "Петрову-Водкину", "Петровым-Водкиным",
            "Петрове-Водкине"} <= surname_forms("Петров-Водкин", "m")
    assert {"Ивановой-Шмидт", "Иванову-Шмидт"} <= surname_forms("Иванова-Шмидт", "f")
    assert "Петрова-Водкиной" not in surname_forms("Петрова-Водкина", "f")  # parts agree in case


def test_double_surname_with_parts_of_different_types():
    forms = surname_forms("Римский-Корсаков", "m")
    assert {"Римского-Корсакова", "Римскому-Корсакову", "Римским-Корсаковым", "Римском-Корсакове"} <= forms
    assert {"Мамина-Сибиряка", "Мамину-Сибиряку", "Маминым-Сибиряком"} <= surname_forms("Мамин-Сибиряк", "m")


@pytest.mark.parametrize("patronymic, cases", [
    ("Петрович", ["Петрович", "Петровича", "Петровичу", "Петровичем", "Петровиче"]),
    ("Никитич", ["Никитич", "Никитича", "Никитичу", "Никитичем", "Никитиче"]),
    ("Петровна", ["Петровна", "Петровны", "Петровне", "Петровну", "Петровной"]),
    ("Ильинична", ["Ильинична", "Ильиничны", "Ильиничне", "Ильиничну", "Ильиничной"]),
    ("Ильич", ["Ильич", "Ильича", "Ильичу", "Ильиче"]),
])
def test_patronymic_declension(patronymic, cases):
    assert set(cases) <= patronymic_forms(patronymic, None)


@pytest.mark.parametrize("patronymic", ["Ильич", "Кузьмич", "Фомич", "Лукич"])
def test_stressed_ich_patronymic_instrumental(patronymic):
    assert patronymic + "ом" in patronymic_forms(patronymic, "m")


@pytest.mark.parametrize("name, gender, cases", [
    ("Павел", "m", ["Павел", "Павла", "Павлу", "Павлом", "Павле"]),  # fleeting vowel
    ("Лев", "m", ["Лев", "Льва", "Льву", "Львом", "Льве"]),
    ("Пётр", "m", ["Пётр", "Петра", "Петру", "Петром"]),
    ("Илья", "m", ["Илья", "Ильи", "Илье", "Илью"]),
    ("Никита", "m", ["Никита", "Никиты", "Никите", "Никиту", "Никитой"]),
    ("Анна", "f", ["Анна", "Анны", "Анне", "Анну", "Анной"]),
    ("Мария", "f", ["Мария", "Марии", "Марию", "Марией"]),
    ("Любовь", "f", ["Любовь", "Любови", "Любовью"]),
    ("Ильдар", "m", ["Ильдар", "Ильдара", "Ильдару", "Ильдаром"]),  # not every name is in a dictionary
    ("Гульнара", "f", ["Гульнара", "Гульнары", "Гульнаре", "Гульнару", "Гульнарой"]),
])
def test_given_name_declension(name, gender, cases):
    assert set(cases) <= given_forms(name, gender)


def test_given_name_forms_keep_the_gender():
    assert "Саши" in given_forms("Саша", None)
    assert not any(f.startswith("Павл") for f in given_forms("Павел", "f"))


@pytest.mark.parametrize("first, patronymic, surname, gender", [
    ("Анна", "Петровна", "Иванова", "f"),
    ("Павел", "Ильич", "Шмидт", "m"),
    (None, "Ильинична", "Мороз", "f"),      # the patronymic decides
    (None, "Саввич", "Черных", "m"),
    (None, None, "Иванова", "f"),           # the surname decides
    (None, None, "Толстой", "m"),
    (None, None, "Достоевская", "f"),
    ("Анна", None, "Шмидт", "f"),           # the given name decides
    ("Павел", None, "Шевченко", "m"),
    ("Гульнара", None, "Черных", "f"),
    (None, None, "Шевченко", None),          # nothing to tell by
])
def test_gender_detection(first, patronymic, surname, gender):
    assert gender_of(first, patronymic, surname) == gender


def test_given_name_outweighs_an_ambiguous_surname():
    assert gender_of("Павел", None, "Дубина") == "m"
    assert {"павла", "павлу"} <= NameForms.of("Дубина Павел").firsts


def test_split_name():
    assert split_name("Иванова Анна Петровна") == ("Иванова", "Анна", "Петровна")
    assert split_name("Иванова Анна") == ("Иванова", "Анна", None)
    assert split_name("Алиев Рашид Мамед оглы") == ("Алиев", "Рашид", "Мамед оглы")
    assert split_name("Иванова") == ("Иванова", None, None)


def test_name_forms_of_a_person_are_normalised():
    forms = NameForms.of("Ёлкина Алёна Семёновна")
    assert {"елкина", "елкиной", "елкину"} <= forms.surnames
    assert {"алена", "алены", "алене", "алену", "аленой"} <= forms.firsts
    assert {"семеновна", "семеновны", "семеновне"} <= forms.patronymics
    assert forms.initials == ("а", "с")
    assert all(f == norm(f) for f in forms.surnames | forms.firsts | forms.patronymics)


def test_name_forms_use_the_detected_gender():
    woman, man = NameForms.of("Шмидт Анна Павловна"), NameForms.of("Шмидт Павел Петрович")
    assert woman.surnames == {"шмидт"}
    assert {"шмидта", "шмидту", "шмидтом"} <= man.surnames
    assert {"павла", "павлу", "павлом"} <= man.firsts
    assert NameForms.of("Иванова").firsts == frozenset() and NameForms.of("Иванова").initials == ()
