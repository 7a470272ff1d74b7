"""The build's progress: a bar with a count and a time estimate on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io

from generator.progress import Progress, interactive


def test_plain_lines_count_the_sites_and_estimate_the_rest():
    out, err = io.StringIO(), io.StringIO()
    progress = Progress(3, bar=False, out=out, err=err)
    progress.site("сайт района", 13, [])
    progress.site("schools/alpha", 40, ["нет страницы index.html"])
    progress.site("schools/beta", 42, [])
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("✓ сайт района: 13 стр. [1/3, осталось ≈ ")
    assert lines[1].startswith("✓ schools/beta: 42 стр. [3/3, осталось ≈ 0:00]")
    assert err.getvalue() == "✗ schools/alpha: не опубликован\n    нет страницы index.html\n"


def test_the_bar_shows_count_and_time_left_and_keeps_failures():
    err = io.StringIO()
    progress = Progress(2, bar=True, out=io.StringIO(), err=err)
    progress.site("schools/alpha", 40, ["нет страницы index.html"])
    progress.site("schools/beta", 42, [])
    progress.close()
    text = err.getvalue()
    assert "2/2" in text and "осталось" in text
    assert "✗ schools/alpha: не опубликован" in text


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_ci_gets_plain_lines_even_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert interactive(_Terminal())
    monkeypatch.setenv("CI", "true")
    assert not interactive(_Terminal())
    assert not interactive(io.StringIO())


def test_a_rebuilt_site_says_how_many_of_its_pages_changed():
    out = io.StringIO()
    progress = Progress(2, bar=False, out=out, err=io.StringIO())
    progress.site("сайт района", 22, [], reused=21)
    progress.site("schools/alpha", 53, [], reused=None)  # no memo: nothing to compare with
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("✓ сайт района: 22 стр., из них изменилось 1 [1/2")
    assert lines[1].startswith("✓ schools/alpha: 53 стр. [2/2")


def test_a_verification_counts_the_sites_checked_and_leaves_problems_to_its_report():
    out, err = io.StringIO(), io.StringIO()
    progress = Progress(2, bar=False, out=out, err=err, desc="Проверка")
    progress.checked("сайт района", 0)
    progress.checked("schools/alpha", 2)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("✓ сайт района: проверен [1/2, осталось ≈ ")
    assert lines[1].startswith("✗ schools/alpha: проблем 2 [2/2")
    assert err.getvalue() == ""
    terminal = io.StringIO()
    bar = Progress(2, bar=True, out=io.StringIO(), err=terminal, desc="Проверка")
    bar.checked("сайт района", 0)
    bar.close()
    assert "Проверка: 1/2" in terminal.getvalue()


def test_reading_in_batches_counts_up_to_the_total_once():
    out = io.StringIO()
    progress = Progress(40, bar=False, out=out, err=io.StringIO(), desc="Чтение школ")
    for done in (20, 20, 40):  # a full read after a partial one tells the same counts again
        progress.reach(done, "прочитано школ")
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].startswith("… прочитано школ: 20 из 40 [20/40, осталось ≈ ")
    assert lines[1].startswith("… прочитано школ: 40 из 40 [40/40")
