"""generator/yamlio.py: safe YAML with lines, duplicate keys, no aliases or tags."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import ErrorList
from generator.yamlio import parse_yaml, read_yaml


def parse(text: str):
    errors = ErrorList()
    doc = parse_yaml(text, "f.yml", errors)
    return doc, errors


def only_error(errors: ErrorList):
    assert len(errors) == 1, [e.format() for e in errors.items]
    return errors.items[0]


def read_bytes(tmp_path, raw: bytes):
    path = tmp_path / "x.yml"
    path.write_bytes(raw)
    errors = ErrorList()
    return read_yaml(path, "x.yml", errors), errors


def test_plain_document_is_read_with_types():
    doc, errors = parse("name: Школа\ncount: 3\nshare: 2.5\nok: true\nday: 2024-09-01\nnothing:\n")
    assert not errors
    assert doc.data == {"name": "Школа", "count": 3, "share": 2.5, "ok": True,
                        "day": dt.date(2024, 9, 1), "nothing": None}


def test_timestamp_with_time_becomes_a_date():
    doc, errors = parse("at: 2024-09-01 10:30:00\n")
    assert not errors
    assert doc.data["at"] == dt.date(2024, 9, 1)


def test_duplicate_key_is_an_error_naming_both_lines():
    doc, errors = parse("name: первая\nshort_name: x\nname: вторая\n")
    error = only_error(errors)
    assert error.location.line == 3
    assert error.message == "ключ «name» повторяется (первый раз — в строке 1)"
    assert doc.data["name"] == "первая"  # the second does not silently replace the first


def test_duplicate_key_inside_a_list_item():
    _, errors = parse("mentors:\n  - id: m-1\n    name: А\n    id: m-2\n")
    error = only_error(errors)
    assert error.location.line == 4
    assert "ключ «id» повторяется (первый раз — в строке 2)" in error.message


def test_same_key_in_different_mappings_is_fine():
    _, errors = parse("a:\n  id: 1\nb:\n  id: 2\n")
    assert not errors


def test_tab_in_indentation_gives_a_located_error():
    doc, errors = parse("a:\n  b: 1\n\tc: 2\n")
    error = only_error(errors)
    assert doc is None
    assert error.location == error.location.__class__("f.yml", 3)


def test_tab_in_indentation_is_named_as_such():
    _, errors = parse("a:\n  b: 1\n\tc: 2\n")
    assert only_error(errors).message == "в отступе стоит символ табуляции"


def test_unclosed_quote():
    doc, errors = parse("a: 1\nb: \"abc\n")
    assert doc is None
    assert only_error(errors).message == "не закрыта кавычка"


def test_unclosed_quote_points_at_the_opening_line():
    _, errors = parse("a: 1\nb: \"abc\nc: 3\nd: 4\ne: 5\n")
    assert only_error(errors).location.line == 2


def test_colon_inside_value_is_reported_in_russian():
    _, errors = parse("title: Приказ: о наставничестве\n")
    error = only_error(errors)
    assert error.message == "лишнее двоеточие или неверный отступ"
    assert error.location.line == 1


def test_anchor_and_alias_are_rejected():
    doc, errors = parse("a: &x значение\nb: *x\n")
    error = only_error(errors)
    assert "ссылки YAML" in error.message
    assert doc.data["b"] is None  # the alias is not expanded


def test_alias_to_a_mapping_is_rejected():
    _, errors = parse("a: &x {k: 1}\nb: *x\n")
    assert any("ссылки YAML" in e.message for e in errors.items)


def test_merge_key_is_reported_as_merge():
    doc, errors = parse("a: &x {k: 1}\nb:\n  <<: *x\n  z: 2\n")
    assert any("слияние словарей YAML" in e.message for e in errors.items)
    assert None not in doc.data["b"]


@pytest.mark.parametrize("text", [
    "a: !!python/object:os.system {}\n",
    "a: !!python/object/apply:os.system [ls]\n",
    "a: !custom значение\n",
    "a: !!set {x, y}\n",
])
def test_custom_and_python_tags_are_rejected(text):
    doc, errors = parse(text)
    error = only_error(errors)
    assert "тег YAML" in error.message and "не допускается" in error.message
    assert doc.data["a"] is None


@pytest.mark.parametrize("text", ["a: !!bool maybe\n", "a: !!int abc\n"])
def test_standard_tag_with_bad_value_is_a_data_error(text):
    _, errors = parse(text)
    assert len(errors) == 1


def test_bad_explicit_int_is_not_called_a_date():
    _, errors = parse("a: !!int abc\n")
    assert "дата" not in only_error(errors).message


def test_impossible_date_is_kept_as_text_for_the_model_to_judge():
    # The model's date check reports it once, in the context of the field (see test_validate).
    doc, errors = parse("id: x\nstart: 2024-02-31\n")
    assert not errors
    assert doc.data["start"] == "2024-02-31"


def test_empty_file():
    for text in ("", "\n\n", "# только комментарий\n"):
        doc, errors = parse(text)
        assert doc is None
        assert only_error(errors).message == "файл пуст"


def test_line_of_nested_paths():
    text = (
        "updated: 2025-09-01\n"      # 1
        "mentors:\n"                 # 2
        "  - id: m-1\n"              # 3
        "    name: Иванова\n"        # 4
        "  - id: m-2\n"              # 5
        "    name: Петров\n"         # 6
        "    forms:\n"               # 7
        "      - учитель – ученик\n"  # 8
        "      - педагог – педагог\n"  # 9
    )
    doc, errors = parse(text)
    assert not errors
    assert doc.line_of(("mentors",)) == 2
    assert doc.line_of(("mentors", 0)) == 3
    assert doc.line_of(("mentors", 1)) == 5
    assert doc.line_of(("mentors", 1, "name")) == 6
    assert doc.line_of(("mentors", 1, "forms", 1)) == 9
    # A path below a known value (e.g. a missing field) gives the nearest known line.
    assert doc.line_of(("mentors", 1, "email")) == 5
    assert doc.location(("mentors", 0, "name")).line == 4
    assert str(doc.location(("mentors", 0, "name"))) == "f.yml:4"


def test_utf8_bom_is_accepted(tmp_path):
    doc, errors = read_bytes(tmp_path, b"\xef\xbb\xbf" + "name: Школа\n".encode())
    assert not errors
    assert doc.data == {"name": "Школа"}


def test_windows_1251_is_reported_with_line(tmp_path):
    doc, errors = read_bytes(tmp_path, "id: x\nname: Школа\n".encode("cp1251"))
    error = only_error(errors)
    assert doc is None
    assert error.message == "файл не в кодировке UTF-8"
    assert error.location.line == 2
    assert "UTF-8" in error.hint


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_reported(tmp_path, encoding):
    doc, errors = read_bytes(tmp_path, "name: Школа\n".encode(encoding))
    assert doc is None
    assert "UTF-16" in only_error(errors).message


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    import generator.yamlio as yamlio

    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 10)
    doc, errors = read_bytes(tmp_path, b"name: a very long value\n")
    assert doc is None
    assert "файл больше" in only_error(errors).message


def test_lone_surrogate_in_text_is_a_user_error():
    # Found by tests/test_fuzz.py: text handed over directly (not read from a file) crashed libyaml.
    errors = ErrorList()
    assert parse_yaml("name: a\nb: \ud800\n", "f.yml", errors) is None
    assert [e.format().split("\n")[0] for e in errors.items] == ["f.yml:2: в файле недопустимый символ"]


@pytest.mark.parametrize("text, line, message", [
    ("просто текст\n---\nname: x\n", 2, "в файле несколько документов, разделённых строкой «---»"),
    ("a: 1\n--- [\n", 3, "ошибка разметки YAML"),  # the whole text is parsed before documents are counted
    ("a: &x 1\nb: &x 2\n", 2, "ошибка разметки YAML"),
    ("a: *нет\n", 1, "ошибка разметки YAML"),
    ("a: 1\n---\n" + "[" * 41 + "]" * 41 + "\n", 3, "слишком глубокая вложенность: больше 40 уровней"),
])
def test_what_composing_refuses_is_reported_once_with_its_line(text, line, message):
    doc, errors = parse(text)
    assert doc is None
    error = only_error(errors)
    assert (error.location.line, error.message) == (line, message)


def test_an_alias_names_the_line_of_its_anchor_and_is_left_out():
    doc, errors = parse("people:\n  - &p\n    name: x\n  - y\n  - *p\n")
    assert [e.location.line for e in errors.items] == [2]
    assert doc.data == {"people": [{"name": "x"}, "y", None]}
    assert ("people", 2) in doc.rejected and doc.line_of(("people", 0, "name")) == 3
