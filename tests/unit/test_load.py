"""generator/load.py: reading a district's folders and content pages."""

from __future__ import annotations

from generator.load import load


def messages(errors):
    return [e.format() for e in errors.sorted()]


def test_good_tree_is_read_completely(good_tree):
    raw, errors = load(good_tree)
    assert not errors
    assert set(raw.district.docs) == {"district.yml", "regulations.yml"}
    assert set(raw.schools) == {"sosh-1"}
    assert "pairs.yml" in raw.schools["sosh-1"].docs
    assert raw.schools["sosh-1"].docs["mentors.yml"].data["mentors"][0]["id"] == "m-1"


def test_missing_data_folder(tmp_path):
    raw, errors = load(tmp_path / "nope")
    assert len(errors) == 1
    assert "папка данных не найдена" in errors.items[0].message
    assert raw.schools == {}


def test_missing_district_file(write_tree, in_tmp):
    write_tree({"data/schools/a/school.yml": "name: Школа\n"})
    _, errors = load(in_tmp / "data")
    assert messages(errors)[0].startswith("data/district.yml: нет файла района district.yml")


def test_unknown_data_file_suggests_the_known_one(good_files, write_tree, in_tmp):
    files = good_files()
    files["data/schools/sosh-1/mentor.yml"] = "mentors: []\n"
    write_tree(files)
    raw, errors = load(in_tmp / "data")
    (error,) = errors.items
    assert str(error.location) == "data/schools/sosh-1/mentor.yml"
    assert error.message == "неизвестный файл данных «mentor.yml»"
    assert error.hint == "возможно, «mentors.yml»"
    assert "mentor.yml" not in raw.schools["sosh-1"].docs


def test_non_yaml_files_are_ignored(good_files, write_tree, in_tmp):
    files = good_files()
    files["data/schools/sosh-1/files/prikaz.pdf"] = b"%PDF-1.4"
    files["data/README.txt"] = "заметки"
    write_tree(files)
    _, errors = load(in_tmp / "data")
    assert not errors


def test_school_folder_without_school_yml(good_files, write_tree, in_tmp):
    files = good_files()
    files["data/schools/sosh-2/mentors.yml"] = "mentors: []\n"
    write_tree(files)
    raw, errors = load(in_tmp / "data")
    (error,) = errors.items
    assert str(error.location) == "data/schools/sosh-2/school.yml"
    assert error.message == "в папке школы нет файла school.yml"
    assert "sosh-2" in raw.schools  # the rest of the folder is still read and checked


def test_school_folder_name_must_be_a_slug(good_files, write_tree, in_tmp):
    files = good_files()
    files["data/schools/Школа 2/school.yml"] = "name: Школа\n"
    write_tree(files)
    raw, errors = load(in_tmp / "data")
    assert any("не годится для адреса сайта" in e.message for e in errors.items)
    assert "Школа 2" not in raw.schools


def test_errors_of_several_files_are_all_collected(good_files, write_tree, in_tmp):
    files = good_files()
    files["data/district.yml"] = "name: А\nname: Б\n"
    files["data/schools/sosh-1/pairs.yml"] = "pairs:\n\t- id: p\n"
    write_tree(files)
    _, errors = load(in_tmp / "data")
    where = sorted(str(e.location) for e in errors.items)
    assert where == ["data/district.yml:2", "data/schools/sosh-1/pairs.yml:2"]


def test_content_pages_are_read(good_tree, write_tree):
    write_tree({
        "content/district/kontakty.md": "# Контакты\n\nТекст\n",
        "content/schools/sosh-1/cases/index.md": "Вступление к практикам\n",
    })
    raw, errors = load(good_tree)
    assert not errors
    assert [(p.name, p.text) for p in raw.district_pages] == [("kontakty.md", "# Контакты\n\nТекст\n")]
    assert [p.name for p in raw.school_pages["sosh-1"]] == ["cases/index.md"]


def test_content_page_with_bom_and_bad_encoding(good_tree, write_tree):
    write_tree({
        "content/district/a.md": "\ufeff# Страница\n".encode("utf-8"),
        "content/district/b.md": "# Страница\n".encode("cp1251"),
    })
    raw, errors = load(good_tree)
    assert [p.text for p in raw.district_pages] == ["# Страница\n"]
    assert [e.message for e in errors.items] == ["файл не в кодировке UTF-8"]


def test_content_for_unknown_school(good_tree, write_tree):
    write_tree({"content/schools/sosh-9/index.md": "текст\n"})
    _, errors = load(good_tree)
    (error,) = errors.items
    assert "sosh-9" in error.message and "нет в data/schools" in error.message


def test_explicit_content_folder(good_tree, write_tree, tmp_path):
    write_tree({"elsewhere/district/about.md": "# О нас\n"})
    raw, _ = load(good_tree, tmp_path / "elsewhere")
    assert [p.name for p in raw.district_pages] == ["about.md"]
