"""The leak scan of a big export (the district's base of 70,000 mentors) finds what it found when it
took the whole text at once, without holding a word object per word of it."""

from __future__ import annotations

import random
import tracemalloc

import pytest

from generator import leaks, nameforms
from generator.leaks import Scanner, readable_lines
from generator.policy import NameRule

WITHHELD = [NameRule("Барлова Агния Миронова", "none", "реестр школы 1", False),
            NameRule("Зарецкий Тихон Фадеевич", "none", "реестр школы 2", True),
            NameRule("Кортова Злата Ильинична", "initials", "реестр школы 3", False)]
WORDS = ["наставник", "учитель", "математики", "Σίσυφος", "ΟΔΟΣ", "ёлка", "Ёж", "класс", "7-А", ";", "|",
         "Иван", "Петрович", "Барлова", "Барловой", "Зарецким", "Тихон", "Кортова", "З.", "И.", "Злата"]


def _text(seed: int, lines: int, words: int) -> str:
    rng = random.Random(seed)
    return "\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, words))) for _ in range(lines))


@pytest.mark.parametrize("size", [1, 7, 64])
def test_norm_in_slices_is_norm_at_once(monkeypatch, size):
    text = _text(size, 40, 30) + " " + "Σ" * 50 + "ΣΑΣ Ё" + "х" * 100
    whole = text.lower().replace("ё", "е")
    monkeypatch.setattr(nameforms, "_SLICE", size)
    assert nameforms.norm(text) == whole


def _findings(text: str) -> list[tuple]:
    found = Scanner(WITHHELD, []).scan_raw(text)
    return sorted((f.line, f.found, f.what, f.rule.name) for f in found)


@pytest.mark.parametrize("seed", range(6))
def test_scan_in_parts_finds_what_a_whole_scan_finds(monkeypatch, seed):
    # Short lines (a CSV) and one long line (the shared strings of an .xlsx): both kinds of parts.
    text = _text(seed, 300, 12) + "\n" + _text(seed + 100, 1, 3000).replace("\n", " ") + "\n" + _text(seed, 20, 5)
    reference = sorted((f.line, f.found, f.what, f.rule.name)
                       for f in Scanner(WITHHELD, []).scan_lines(readable_lines(text)))
    assert reference, "the text must hold leaks, or the comparison shows nothing"
    assert _findings(text) == reference
    monkeypatch.setattr(leaks, "_PART", 50)
    monkeypatch.setattr(nameforms, "_SLICE", 40)
    assert _findings(text) == reference


def test_scanning_a_long_line_does_not_take_memory_by_the_word():
    # About 3 million characters on one line, as an .xlsx's shared strings: lowering it at once takes
    # 12 bytes a character, a list of its words as much again (26 bytes a character in all before).
    cells = ["учитель математики Барлов Иван Петрович, наставник"] * 60_000
    cells[::6_000] = ["Барлова Агния, наставник"] * 10
    line = " ".join(cells)
    scanner = Scanner(WITHHELD, [])
    tracemalloc.start()
    try:
        found = scanner.scan_raw(line)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [f.found for f in found] == ["Барлова"] * 10
    assert peak < 15 * len(line), f"{peak / 2**20:.0f} MB for {len(line) / 1e6:.1f} million characters"


def test_the_lines_of_a_download_are_judged_again_not_remembered(monkeypatch):
    """A text of more than _REMEMBERED characters leaves no lines in the scanner's memory (they were
    30 MB of the district's check); scanned again, or after other files, it finds the same."""
    monkeypatch.setattr(leaks, "_REMEMBERED", 2000)
    big, small = _text(3, 300, 12), _text(4, 10, 5)
    scanner = Scanner(WITHHELD, [])
    first = scanner.scan_raw(big)
    assert first and len(scanner._seen) == 0
    scanner.scan_raw(small)
    assert scanner._seen and all(line in small.split("\n") for line in scanner._seen)
    assert scanner.scan_raw(big) == first == Scanner(WITHHELD, []).scan_raw(big)


@pytest.mark.parametrize("size", [1, 2, 5, 64, 1 << 20])
def test_the_text_of_an_office_file_read_in_pieces_is_the_whole_one(size):
    """Each tag a space, as the whole XML with _TAG.sub: a tag cut between two pieces, a «<» never
    closed, a «>» alone, a character cut in its bytes."""
    import io
    from generator.verify import _TAG, without_tags
    rng = random.Random(size)
    pieces = ["<", ">", "a", " ", "ж", "\n", '<c r="A1" t="inlineStr">', "</t>", "€", "Барлова"]
    for _ in range(400):
        data = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 80))).encode("utf-8")
        data = data[:rng.randint(0, len(data))]  # may end inside a character
        assert without_tags(io.BytesIO(data), size) == _TAG.sub(" ", data.decode("utf-8", "replace"))


@pytest.mark.parametrize("seed", range(4))
def test_texts_scanned_as_joined_find_what_their_joined_text_finds(seed):
    rng = random.Random(seed)
    texts = [_text(seed * 10 + i, rng.randint(0, 6), 8) for i in range(5)]
    texts[1] += " \\u0411\\u0430\\u0440\\u043b\\u043e\\u0432\\u0430 Агния"  # «Барлова» written as JSON escapes
    whole = Scanner(WITHHELD, []).scan_raw("\n".join(texts))
    assert whole, "the texts must hold leaks, or the comparison shows nothing"
    assert Scanner(WITHHELD, []).scan_joined(texts) == whole
