"""generator/validate.py and generator/crosscheck.py: Russian, located, collected errors."""

from __future__ import annotations

import pytest

SCHOOL = "data/schools/sosh-1/"


@pytest.fixture
def errors_for(good_files, write_tree, in_tmp, run_check):
    """Write the valid district with some files replaced (None removes one); return its errors."""
    def run(changes: dict) -> list[str]:
        files = good_files()
        for name, text in changes.items():
            files.pop(name, None)
            if text is not None:
                files[name] = text
        write_tree(files)
        return run_check(in_tmp / "data")[1]
    return run


def pairs_file(*body: str) -> str:
    return "pairs:\n" + "".join(line + "\n" for line in body)


def test_good_data_has_no_errors(good_tree, run_check):
    data, errors = run_check(good_tree)
    assert errors == []
    school = data.schools["sosh-1"]
    assert [m.id for m in school.mentors.mentors] == ["m-1", "m-2", "m-3"]
    assert school.pairs.pairs[0].form == "учитель – ученик"
    assert data.district.name == "Муниципальный район Тестовый"


def test_misspelled_form_is_located_with_suggestion(errors_for):
    errors = errors_for({SCHOOL + "pairs.yml": pairs_file(
        "  - id: p-1",                 # 2
        "    mentors: [m-1]",          # 3
        "    mentees: [u-1]",          # 4
        "    form: учитель-учениик",   # 5
        "    start: 2025-09-01",       # 6
    )})
    assert errors == [SCHOOL + "pairs.yml:5: неизвестная форма наставничества «учитель-учениик»\n"
                      "    подсказка: возможно, «учитель – ученик»"]


def test_unknown_key_suggests_nearest_field(errors_for):
    errors = errors_for({SCHOOL + "mentors.yml": (
        "mentors:\n"
        "  - id: m-1\n"
        "    name: Иванова Анна Петровна\n"
        "    positon: учитель\n"
    ), SCHOOL + "pairs.yml": None})
    assert errors == [SCHOOL + "mentors.yml:4: неизвестное поле «positon»\n    подсказка: возможно, «position»"]


def test_unknown_key_in_nested_curator(errors_for):
    errors = errors_for({"data/district.yml": "name: Район\ncurator:\n  name: А Б\n  emial: a@b.ru\n"})
    assert errors == ["data/district.yml:4: неизвестное поле «emial»\n    подсказка: возможно, «email»"]


def test_missing_required_field_points_at_the_record(errors_for):
    errors = errors_for({SCHOOL + "mentors.yml": (
        "mentors:\n"
        "  - id: m-1\n"
        "    name: Иванова Анна Петровна\n"
        "  - id: m-2\n"
        "    position: учитель\n"
    ), SCHOOL + "pairs.yml": None})
    assert errors == [SCHOOL + "mentors.yml:4: не указано обязательное поле «name»"]


def test_impossible_russian_date_in_text(errors_for):
    errors = errors_for({SCHOOL + "pairs.yml": pairs_file(
        "  - id: p-1", "    mentors: [m-1]", "    mentees: [u-1]",
        "    form: учитель – ученик",
        "    start: 31.02.2024",  # 6
    )})
    assert len(errors) == 1
    assert errors[0].startswith(SCHOOL + "pairs.yml:6: несуществующая дата «31.02.2024»")


def test_impossible_iso_date_in_required_field_gives_one_error(errors_for):
    errors = errors_for({SCHOOL + "pairs.yml": pairs_file(
        "  - id: p-1", "    mentors: [m-1]", "    mentees: [u-1]",
        "    form: учитель – ученик",
        "    start: 2024-02-31",
    )})
    assert len(errors) == 1, errors
    assert errors[0].startswith(SCHOOL + "pairs.yml:6: несуществующая дата «2024-02-31»")


def test_type_error_is_translated(errors_for):
    errors = errors_for({SCHOOL + "programmes.yml": (
        "programmes:\n  - id: pr-1\n    title: П\n    tasks:\n      key: value\n"
    ), SCHOOL + "pairs.yml": None})
    assert errors == [SCHOOL + "programmes.yml:4: поле «tasks»: ожидается список, а записано набор полей «ключ: значение»\n"
                      "    подсказка: каждый элемент списка начинается с новой строки с «- »"]


def test_top_level_list_instead_of_fields(errors_for):
    errors = errors_for({"data/district.yml": "- name: Район\n"})
    assert errors[0].startswith("data/district.yml:1: ожидается набор полей «ключ: значение»")


def test_all_errors_are_collected_at_once(errors_for):
    errors = errors_for({
        SCHOOL + "mentors.yml": (
            "mentors:\n"
            "  - id: m-1\n"
            "    name: Иванова Анна Петровна\n"
            "    consent: может быть\n"            # 4: consent
            "  - id: m-2\n"
            "    name: Петров Сергей\n"
            "    age: 3\n"                          # 7: too small
        ),
        SCHOOL + "pairs.yml": pairs_file(
            "  - id: p-1", "    mentors: [m-1]", "    mentees: [u-1]",
            "    form: учитель – ученик",
            "    kind: скоростной",                 # 6: unknown kind
            "    start: 2025-09-01",
        ),
    })
    assert [e.split(": ", 1)[0] for e in errors] == [
        SCHOOL + "mentors.yml:4", SCHOOL + "mentors.yml:7", SCHOOL + "pairs.yml:6"]


def test_unknown_mentor_in_pair_is_located_at_the_id(errors_for):
    errors = errors_for({SCHOOL + "pairs.yml": pairs_file(
        "  - id: p-1",
        "    mentors:",
        "      - m-1",
        "      - m-9",   # 5
        "    mentees: [u-1]",
        "    form: учитель – ученик",
        "    start: 2025-09-01",
    )})
    assert errors == [SCHOOL + "pairs.yml:5: наставника «m-9» нет в mentors.yml\n"
                      "    подсказка: проверьте идентификатор или добавьте запись в mentors.yml"]


def test_unknown_mentee_in_pair(errors_for):
    errors = errors_for({SCHOOL + "pairs.yml": pairs_file(
        "  - id: p-1", "    mentors: m-1", "    mentees: u-7", "    form: учитель – ученик", "    start: 2025-09-01",
    )})
    assert len(errors) == 1
    assert errors[0].startswith(SCHOOL + "pairs.yml:4: наставляемого «u-7» нет в mentees.yml")


def test_duplicate_ids(errors_for):
    errors = errors_for({SCHOOL + "mentors.yml": (
        "mentors:\n"
        "  - id: m-1\n"
        "    name: Иванова Анна\n"
        "  - id: m-1\n"       # 4
        "    name: Петров Сергей\n"
    )})
    assert errors == [SCHOOL + "mentors.yml:4: наставник с идентификатором «m-1» уже есть (строка 2)\n"
                      "    подсказка: у каждой записи должен быть свой идентификатор"]


def test_end_before_start(errors_for):
    errors = errors_for({SCHOOL + "pairs.yml": pairs_file(
        "  - id: p-1", "    mentors: [m-1]", "    mentees: [u-1]", "    form: учитель – ученик",
        "    start: 2025-09-01",
        "    end: 2025-05-31",   # 7
    )})
    assert len(errors) == 1
    assert errors[0].startswith(
        SCHOOL + "pairs.yml:7: пара: дата окончания 31.05.2025 раньше даты начала 01.09.2025")


def test_roadmap_item_without_parent_section(errors_for):
    errors = errors_for({"data/roadmap.yml": (
        "academic_year: 2025/2026\n"
        "items:\n"
        "  - number: '1'\n"
        "    activity: Подготовка\n"
        "  - number: '2.1'\n"        # 5
        "    activity: Отбор наставников\n"
        "  - number: '1'\n"          # 7
        "    activity: Повтор\n"
    )})
    assert [e.split("\n")[0] for e in errors] == [
        "data/roadmap.yml:5: у пункта 2.1 нет раздела 2",
        "data/roadmap.yml:7: пункт 1 дорожной карты повторяется",
    ]


def test_pair_order_must_be_a_pairs_order(errors_for):
    errors = errors_for({SCHOOL + "documents.yml": (
        "documents:\n  - id: d-pairs\n    type: regulation\n"
    )})
    assert len(errors) == 1
    assert "нет приказа о закреплении пар «d-pairs»" in errors[0]
    assert "type: order_pairs" in errors[0]


def test_references_to_programme_and_pair(errors_for):
    errors = errors_for({
        SCHOOL + "programmes.yml": None,
        SCHOOL + "cases.yml": "cases:\n  - id: c\n    title: T\n    pair: p-9\n",
    })
    assert [e.split("\n")[0] for e in errors] == [
        SCHOOL + "cases.yml:4: нет пары «p-9» в pairs.yml",
        SCHOOL + "pairs.yml:9: нет программы «pr-1» в programmes.yml",
    ]


@pytest.mark.parametrize("file, extra, message", [
    ("files/nope.pdf", {}, "файл «files/nope.pdf» не найден"),
    ("../../etc/passwd", {}, "файл «../../etc/passwd» лежит вне папки данных"),
    ("/etc/passwd", {}, "файл «/etc/passwd» лежит вне папки данных"),
    ("files/run.exe", {"data/schools/sosh-1/files/run.exe": b"MZ"}, "файлы вида «.exe» не публикуются"),
])
def test_attachment_problems(errors_for, write_tree, file, extra, message):
    write_tree(extra)
    errors = errors_for({SCHOOL + "regulations.yml": (
        "regulations:\n"
        "  - level: local\n"
        "    title: Положение\n"
        f"    file: {file}\n"        # 4
    )})
    assert len(errors) == 1
    assert errors[0].startswith(SCHOOL + "regulations.yml:4: " + message)


def test_attachment_that_exists_is_accepted(errors_for, write_tree):
    write_tree({SCHOOL + "files/polozhenie.pdf": b"%PDF-1.4"})
    errors = errors_for({SCHOOL + "regulations.yml": (
        "regulations:\n  - level: local\n    title: Положение\n    file: files/polozhenie.pdf\n")})
    assert errors == []


def test_unknown_data_file_is_reported_by_check(errors_for):
    errors = errors_for({SCHOOL + "mentor.yml": "mentors: []\n"})
    assert errors == [SCHOOL + "mentor.yml: неизвестный файл данных «mentor.yml»\n"
                      "    подсказка: возможно, «mentors.yml»"]


def test_school_folder_without_school_yml(errors_for):
    errors = errors_for({SCHOOL + "school.yml": None})
    assert errors == [SCHOOL + "school.yml: в папке школы нет файла school.yml\n"
                      "    подсказка: создайте school.yml хотя бы с полем name — полным названием школы"]


def test_role_model_of_another_form(errors_for):
    errors = errors_for({SCHOOL + "pairs.yml": pairs_file(
        "  - id: p-1", "    mentors: [m-1]", "    mentees: [u-1]",
        "    form: учитель – ученик",
        "    role_model: опытный педагог – молодой специалист",
        "    start: 2025-09-01",
    )})
    assert len(errors) == 1
    assert errors[0].startswith(SCHOOL + "pairs.yml:6: неизвестная ролевая модель "
                                         "«опытный педагог – молодой специалист» для формы «учитель – ученик»")
    assert "педагог – одарённый обучающийся" in errors[0]


def test_role_model_spelling_is_brought_to_the_vocabulary(tmp_path):
    from generator.config import load_site_config
    from generator.load import load
    from generator.validate import validate
    from tests.minidistrict import make_district

    data = make_district(tmp_path, {"schools/alpha/pairs.yml": """
        pairs:
          - id: p-1
            mentors: [m-1]
            mentees: [u-1]
            form: учитель-ученик
            role_model: Педагог-одаренный обучающийся
            start: 2025-09-20
        """})
    raw, _ = load(data)
    district, errors = validate(raw, load_site_config())
    assert not errors, [e.format() for e in errors.items]
    assert district.schools["alpha"].pairs.pairs[0].role_model == "педагог – одарённый обучающийся"


def test_errors_in_one_file_do_not_hide_another_file(errors_for):
    errors = errors_for({"data/district.yml": "name: А\nnmae: Б\n",
                         SCHOOL + "school.yml": "name: Школа\nkind: univer\n"})
    assert [e.split(": ", 1)[0] for e in errors] == ["data/district.yml:2", SCHOOL + "school.yml:2"]
