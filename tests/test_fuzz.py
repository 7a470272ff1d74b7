"""Fuzzing: random and mutated files give data or a located user error, never another exception.

A crash found here is kept as a case in tests/corpus/ (see the README there).
"""

from __future__ import annotations

import io
import textwrap
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import model as m
from generator.config import load_site_config
from generator.errors import ErrorList
from generator.excel.read import read_table_file
from generator.validate import typed_document
from generator.yamlio import parse_yaml, read_yaml
from tests.excel.books import MENTOR_HEADINGS, MENTOR_ROWS, book
from tests.minidistrict import FILES

CFG = load_site_config()
SEEDS = [(name.rsplit("/", 1)[-1], text) for name, text in FILES.items()]
# Characters that matter to YAML's syntax, and some that should never be in data.
YAML_BITS = list(":-[]{}#&*!|>'\"%@`,?\t\n ") + ["\x00", "\x85", "\ufeff", "\ud800", "---", "...", "<<: ", "!!python/"]


def _mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    for position, length, insert in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + length % 4:]
    return text


edits = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 3),
                           st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=4))), max_size=6)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_and_type(text: str, name: str) -> None:
    errors = ErrorList()
    doc = parse_yaml(text, name, errors)
    assert doc is not None or errors, "no data must come with a reason"
    if doc is not None:
        model = m.SCHOOL_FILES.get(name, m.DISTRICT_FILES.get(name, m.RoadmapFile))
        typed_document(doc, model, CFG, errors)
    for error in errors.items:
        assert error.location.file == name and error.message


@FUZZ
@given(st.text(max_size=300))
def test_yaml_loader_on_random_text(text):
    _load_and_type(text, "school.yml")


@FUZZ
@given(st.sampled_from(SEEDS), edits)
def test_yaml_loader_on_mutated_data_files(seed, changes):
    name, text = seed
    _load_and_type(_mutate(textwrap.dedent(text).lstrip(), changes), name)


@FUZZ
@given(st.binary(max_size=400))
def test_yaml_reader_on_random_bytes(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("y") / "mentors.yml"
    path.write_bytes(raw)
    errors = ErrorList()
    read_yaml(path, "mentors.yml", errors)


def _workbook_bytes(tmp_path) -> bytes:
    return book(tmp_path / "m.xlsx", {"Наставники": [MENTOR_HEADINGS, *MENTOR_ROWS]}).read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 100_000), st.binary(min_size=1, max_size=8)), min_size=1, max_size=8))
def test_excel_reader_on_mutated_workbooks(tmp_path, changes):
    raw = bytearray(_workbook_bytes(tmp_path))
    for position, data in changes:
        at = position % len(raw)
        raw[at:at + len(data)] = data
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(bytes(raw))
    errors, warnings = ErrorList(), ErrorList()
    read_table_file(path, "fuzz.xlsx", errors, warnings)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml"]),
       edits)
def test_excel_reader_on_mutated_sheet_xml(tmp_path, part, changes):
    """Valid zip, broken XML inside: what a half-saved or hand-edited workbook looks like."""
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes(tmp_path)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == part:
                data = _mutate(data.decode("utf-8"), changes).encode("utf-8", "surrogatepass")
            target.writestr(item, data)
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(out.getvalue())
    errors, warnings = ErrorList(), ErrorList()
    read_table_file(path, "fuzz.xlsx", errors, warnings)


@FUZZ
@given(st.text(max_size=400), st.sampled_from(["utf-8", "cp1251", "utf-16"]))
def test_csv_reader_on_random_text(tmp_path_factory, text, encoding):
    path = tmp_path_factory.mktemp("c") / "mentors.csv"
    path.write_bytes(("ФИО наставника;Должность\n" + text).encode(encoding, "replace"))
    errors, warnings = ErrorList(), ErrorList()
    read_table_file(path, "mentors.csv", errors, warnings)


def _demo_deadlines() -> list[str]:
    import yaml as pyyaml

    from tests.conftest import DEMO_DATA

    found = set()
    for path in sorted(DEMO_DATA.rglob("roadmap*.yml")):
        for item in (pyyaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("items") or []:
            if isinstance(item.get("deadline"), str):
                found.add(item["deadline"])
    return sorted(found) or ["до 1 октября"]


DEADLINES = _demo_deadlines()


@FUZZ
@given(st.sampled_from(DEADLINES), edits,
       st.one_of(st.none(), st.sampled_from(["0001/0002", "9998/9999", "2025/2026", "2025", "", "abc"])),
       st.one_of(st.none(), st.dates()))
def test_deadline_parser_on_mutated_roadmap_deadlines(seed, changes, academic_year, today):
    """Mutated real «срок» texts, years at the calendar's edges: a period or «not understood», never a crash."""
    from generator.deadline import understand

    period = understand(_mutate(seed, changes), academic_year, today)
    assert period.understood in (True, False)
    if period.start and period.end:
        assert period.start <= period.end
