"""generator/scan_chunks.py, line_chunks.py: a changed big file is scanned chunk by chunk, finding what a whole scan finds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import line_chunks, verify
from generator.leaks import Scanner
from generator.policy import ContactRule, NameRule
from generator.render import SiteSpec
from generator.scan_chunks import scan_changed
from generator.verify_memo import CleanMemo
from tests.unit.test_verify import NAME, withheld

RULES = [NameRule("Петров Сергей Николаевич", "none", "m-1"), NameRule("Шишкин Тимур", "none", "m-2", True),
         NameRule("Петрова Анна Ивановна", "full", "m-3"), NameRule("Зайцева Ольга Павловна", "initials", "m-4")]
CONTACTS = [ContactRule("+7 900 123-45-67", "m-1"), ContactRule("petrov@example.ru", "m-1")]
# Words that end a chunk, begin or complete a name, part one, or say nothing: lines made of them put
# names across the boundaries of chunks, which are cut at every line or two below.
WORDS = ["Петров", "Петрову", "Сергей", "Сергею", "Николаевич", "С.", "Н.", "Шишкин", "Тимур", "Тимуру",
         "Петрова", "Анна", "Ивановна", "Зайцева", "Ольга", "О.", "П.", "учитель", "школа", "имени", ";", "|",
         "<td>", "</td>", "+7 900", "123-45-67", "petrov@example.ru", "&amp;", "\\u0410"]
lines_of_words = st.lists(st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join), min_size=1, max_size=40)


def scanner() -> Scanner:
    return Scanner(RULES, CONTACTS)


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of one or two lines: every boundary of a test's few lines is tried."""
    monkeypatch.setattr(line_chunks, "_MIN_LINES", 1)
    monkeypatch.setattr(line_chunks, "_CUT", 1)


def whole(lines: list[str]) -> list:
    return scanner().scan_lines_of(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=lines_of_words, changed=st.integers(0, 39), new=st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join))
def test_chunk_by_chunk_finds_what_a_whole_scan_finds_before_and_after_a_change(small_chunks, lines, changed, new):
    memo = CleanMemo(b"rules")
    assert scan_changed(scanner, lines, memo)[0] == whole(lines)
    known = CleanMemo(b"rules", frozenset(memo.clean))
    edited = list(lines)
    edited[changed % len(lines)] = new
    assert scan_changed(scanner, edited, known)[0] == whole(edited)  # the chunks beside the change are scanned again


def test_chunks_cover_every_line_and_a_line_added_moves_no_far_boundary():
    lines = [f"строка {n}; наставник {n * 7919 % 1000}" for n in range(5000)]
    cut = line_chunks.chunks(lines)
    assert cut[0][0] == 0 and cut[-1][1] == len(lines) and all(a[1] == b[0] for a, b in zip(cut, cut[1:]))
    assert 30 < len(lines) / len(cut) < 130  # about 64 lines each
    moved = line_chunks.chunks(["новая строка", *lines])
    later = {(a, b) for a, b in cut if a > 200}
    assert later <= {(a - 1, b - 1) for a, b in moved}


def test_a_changed_row_of_a_big_download_is_scanned_with_its_chunk_only(monkeypatch):
    lines = [f"Раздел;СШ № {n % 40};Наставник {n};учитель;математика" for n in range(20000)]
    memo = CleanMemo(b"rules")
    assert scan_changed(scanner, lines, memo)[0] == []
    scanned = []
    real = Scanner.scan_lines_of
    monkeypatch.setattr(Scanner, "scan_lines_of", lambda self, lines, numbers=None: scanned.append(numbers) or real(self, lines, numbers))
    lines[12345] = "Раздел;СШ № 5;Петрову Сергею Николаевичу;учитель;математика"
    findings, _ = scan_changed(scanner, lines, CleanMemo(b"rules", frozenset(memo.clean)))
    assert [(f.line, f.found) for f in findings] == [(12346, "Петрову")]  # numbered as in the whole file
    assert len(scanned) == 1 and 12345 in scanned[0] and len(scanned[0]) < 3 * line_chunks._MAX_LINES // 8


def test_a_chunk_with_a_leak_is_not_remembered_clean():
    lines = ["Петров Сергей Николаевич", *[f"строка {n}" for n in range(200)]]
    memo = CleanMemo(b"rules")
    assert scan_changed(scanner, lines, memo)[0]
    again = CleanMemo(b"rules", frozenset(memo.clean))
    assert [f.found for f in scan_changed(scanner, lines, again)[0]] == ["Петров"]


def test_a_big_changed_file_of_a_site_is_scanned_by_chunks(tmp_path, monkeypatch):
    """verify_site: a file over the size scanned by chunks; a leak in it has the line of the whole file."""
    monkeypatch.setattr(verify, "_CHUNKED", 1000)
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("<p>Главная</p>", encoding="utf-8")
    rows = [f"{n};СШ № {n % 7};Наставник {n}" for n in range(3000)]
    (site_dir / "base.csv").write_text("\n".join(rows), encoding="utf-8")
    spec = SiteSpec(id="district", out="", name="Район", nav=[{"Главная": "index.md"}], pages={"index.md": ""})
    memo = tmp_path / "verify.pickle"
    assert verify.verify_site(spec, site_dir, withheld(NAME), memo=memo) == []
    scanned = []
    real = Scanner.scan_lines_of
    monkeypatch.setattr(Scanner, "scan_lines_of", lambda self, lines, numbers=None: scanned.append(numbers) or real(self, lines, numbers))
    rows[2000] = f"2000;СШ № 5;{NAME}"
    (site_dir / "base.csv").write_text("\n".join(rows), encoding="utf-8")
    problems = verify.verify_site(spec, site_dir, withheld(NAME), memo=memo)
    assert len(problems) == 1 and problems[0].startswith("base.csv:2001: опубликованы персональные данные")
    assert len(scanned) == 1 and len(scanned[0]) < 500


def test_a_name_across_two_rows_of_a_workbook_is_found(tmp_path):
    """A sheet is read row by row (a row's end is a line break): a name split over two rows is still read whole."""
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["1", "Петров"])
    book.active.append(["Сергей Николаевич", "учитель"])
    book.save(tmp_path / "base.xlsx")
    file = verify.SiteFile(tmp_path / "base.xlsx", "base.xlsx")
    findings = verify._scan_file(Scanner(withheld(NAME).names, []), file)
    assert [f.found for f in findings] == ["Петров"]


def test_a_big_file_left_unread_keeps_its_chunks_for_a_later_change(tmp_path, monkeypatch):
    """A check that finds the big file unchanged does not read it, yet keeps its chunks in the memo: a
    row changed in the build after that is scanned with its chunk alone, not the whole file again."""
    monkeypatch.setattr(verify, "_CHUNKED", 1000)
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    rows = [f"{n};СШ № {n % 7};Наставник {n}" for n in range(3000)]
    (site_dir / "base.csv").write_text("\n".join(rows), encoding="utf-8")
    spec = SiteSpec(id="district", out="", name="Район", nav=[{"Главная": "index.md"}], pages={"index.md": ""})
    memo = tmp_path / "verify.pickle"
    for page in ("<p>Главная</p>", "<p>Главная, изм.</p>"):  # the second check: only the page changed
        (site_dir / "index.html").write_text(page, encoding="utf-8")
        assert verify.verify_site(spec, site_dir, withheld(NAME), memo=memo) == []
    scanned = []
    real = Scanner.scan_lines_of
    monkeypatch.setattr(Scanner, "scan_lines_of", lambda self, lines, numbers=None: scanned.append(numbers) or real(self, lines, numbers))
    rows[2000] = "2000;СШ № 5;Наставник 2000, изм."
    (site_dir / "base.csv").write_text("\n".join(rows), encoding="utf-8")
    assert verify.verify_site(spec, site_dir, withheld(NAME), memo=memo) == []
    assert len(scanned) == 1 and 2000 in scanned[0] and len(scanned[0]) < 500
