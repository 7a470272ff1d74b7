"""generator/verify_memo.py, search_entries.py: a rebuilt site's leak check scans only what changed."""

from __future__ import annotations

import json
import pickle
import stat

import pytest

from generator import site_assets, verify
from generator.leaks import Scanner
from generator.pipeline import build, state_dir
from generator.policy import ContactRule, Disclosure, NameRule
from generator.render import SiteSpec
from generator.search_entries import split_index
from generator.verify import verify_site
from tests.minidistrict import make_district
from tests.unit.test_verify import DATE, LEAKY_CASE, NAME, SOURCE, withheld

CLEAN = "<html><body><p>Страница</p></body></html>"
LEAKY = f"<html><body><p>Наставник: {NAME}</p></body></html>"


@pytest.fixture
def site(tmp_path):
    """A built site with two pages; returns (spec, site_dir, write, memo)."""
    site_dir = tmp_path / "site"
    spec = SiteSpec(id="sosh-1", out="schools/sosh-1", name="Сайт", nav=[{"Главная": "index.md"}],
                    pages={"index.md": "", "cases.md": ""})

    def write(name: str, text: str = CLEAN) -> None:
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    write("index.html")
    write("cases.html")
    return spec, site_dir, write, tmp_path / "state" / "verify" / "sosh-1.pickle"


@pytest.fixture
def scanned(monkeypatch):
    """The names of the files and the texts of the search entries the leak scan reads."""
    seen = []
    scan_file, scan_raw = verify._scan_file, Scanner.scan_raw
    monkeypatch.setattr(verify, "_scan_file", lambda scanner, file: seen.append(file.name) or scan_file(scanner, file))
    monkeypatch.setattr(Scanner, "scan_raw", lambda self, raw: seen.append(raw) or scan_raw(self, raw))
    return seen


def test_a_clean_check_writes_a_private_memo_of_digests(site):
    spec, site_dir, _, memo = site
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) == []
    assert stat.S_IMODE(memo.parent.stat().st_mode) == 0o700
    data = memo.read_bytes()
    assert "Петров".encode() not in data and b"cases.html" not in data  # digests only
    assert len(pickle.loads(data)[2]) == 4  # both pages: found clean, and their links leading somewhere


def test_unchanged_files_are_not_scanned_again(site, scanned, monkeypatch):
    spec, site_dir, write, memo = site
    write("search/search_index.json", _index("Раздел"))
    verify_site(spec, site_dir, withheld(NAME), memo=memo)
    scanned.clear()
    monkeypatch.setattr(verify, "Scanner", lambda *args: pytest.fail("nothing to scan: no scanner is needed"))
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) == []
    assert scanned == []


def test_a_leak_planted_in_a_file_the_memo_knew_clean_is_found(site, scanned):
    spec, site_dir, write, memo = site
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) == []
    write("cases.html", LEAKY)
    scanned.clear()
    problems = verify_site(spec, site_dir, withheld(NAME), memo=memo)
    assert problems and all(p.startswith("cases.html:1: опубликованы персональные данные: имя «") for p in problems)
    assert "cases.html" in scanned and "index.html" not in scanned


@pytest.mark.parametrize("before, after", [
    (Disclosure(), withheld(NAME)),  # a name newly withheld
    (Disclosure(names=[NameRule(NAME, "full", SOURCE)]), withheld(NAME)),  # consent taken back
    (withheld(contacts=["+7 900 555-66-77"], shown=["+7 900 555-66-77"]), withheld(contacts=["+7 900 555-66-77"])),
    (Disclosure(), withheld(contacts=["petrov@example.org"])),
])
def test_a_change_of_the_rules_scans_unchanged_files_again(site, before, after):
    spec, site_dir, write, memo = site
    write("cases.html", f"<p>Наставник: {NAME}, 8 (900) 555-66-77, petrov@example.org</p>")
    assert verify_site(spec, site_dir, before, memo=memo) == []
    assert memo.is_file()
    assert verify_site(spec, site_dir, after, memo=memo) != []


def test_rules_worded_otherwise_keep_the_memo(site, scanned):
    """A data file that gains a line moves every source after it: the verdicts stay the same."""
    spec, site_dir, _, memo = site
    verify_site(spec, site_dir, withheld(NAME), memo=memo)
    scanned.clear()
    moved = Disclosure(names=[NameRule(NAME, "none", "data/schools/sosh-1/mentors.yml:11 (наставник m-2)")])
    assert verify_site(spec, site_dir, moved, memo=memo) == []
    assert scanned == []


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps((1, b"x", {"a"})),
                                     pickle.dumps(("other", None))])
def test_a_corrupt_memo_is_ignored_and_replaced(site, content):
    spec, site_dir, write, memo = site
    write("cases.html", LEAKY)
    memo.parent.mkdir(parents=True)
    memo.write_bytes(content)
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) != []
    write("cases.html")
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) == []
    assert pickle.loads(memo.read_bytes())[0] == 2


def test_a_memo_that_claims_every_file_clean_under_other_rules_is_ignored(site):
    spec, site_dir, write, memo = site
    write("cases.html", LEAKY)
    assert verify_site(spec, site_dir, Disclosure(), memo=memo) == []  # nothing withheld yet
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) != []


@pytest.mark.parametrize("problem", ["leak", "missing page"])
def test_no_memo_is_written_when_problems_were_found(site, problem):
    spec, site_dir, write, memo = site
    if problem == "leak":
        write("cases.html", LEAKY)
    else:
        (site_dir / "index.html").unlink()
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) != []
    assert not memo.exists()


def test_the_memo_keeps_only_this_builds_files(site):
    spec, site_dir, write, memo = site
    write("old.html")
    verify_site(spec, site_dir, withheld(NAME), memo=memo)
    (site_dir / "old.html").unlink()
    verify_site(spec, site_dir, withheld(NAME), memo=memo)
    assert len(pickle.loads(memo.read_bytes())[2]) == 4  # the two pages, found clean and their links


# --- the search index: entry by entry ---------------------------------------------------------------

def _index(*texts: str, ascii: bool = False) -> str:
    docs = [{"location": f"p{i}.html#s", "title": f"Раздел {i}", "text": f"<p>{t}</p>"} for i, t in enumerate(texts)]
    return json.dumps({"config": {"lang": ["ru"]}, "docs": docs}, ensure_ascii=ascii, separators=(",", ":"))


def test_a_leak_in_a_changed_entry_of_the_search_index_is_found_with_its_entry(site, scanned):
    spec, site_dir, write, memo = site
    write("search/search_index.json", _index("Первый раздел", "Второй раздел", "Третий раздел"))
    site_assets.finish(site_dir)  # and the script beside it
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) == []
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) == []  # unchanged: its entries stay known
    write("search/search_index.json", _index("Первый раздел", f"Спасибо {NAME}", "Третий раздел"))
    site_assets.finish(site_dir)
    scanned.clear()
    problems = verify_site(spec, site_dir, withheld(NAME), memo=memo)
    assert {p.split(":", 1)[0] for p in problems} == {"search/search_index.json", "search/search_index.js"}
    assert all(p.startswith(f"{p.split(':', 1)[0]}:1: опубликованы персональные данные: имя «Петров")
               and p.endswith("; запись поиска «p1.html#s»") for p in problems), problems
    entries = [s for s in scanned if s.startswith('{"location"')]
    assert entries and all("Второй" not in s and "Спасибо" in s for s in entries)  # only the changed one


def test_an_entry_leak_is_placed_on_the_line_the_scanner_counts(site):
    """A \\u000a escape breaks a line for the scanner: the entry's line is where a whole scan puts it."""
    spec, site_dir, write, memo = site
    write("search/search_index.json", _index("Первый BREAK раздел", "Второй", f"Спасибо {NAME}")
          .replace("BREAK", "\\u000a"))
    whole = verify_site(spec, site_dir, withheld(NAME))
    problems = verify_site(spec, site_dir, withheld(NAME), memo=memo)
    assert whole and all(p.startswith("search/search_index.json:2: ") for p in whole), whole
    assert problems == [p + "; запись поиска «p2.html#s»" for p in whole]


def test_an_index_of_several_lines_is_scanned_whole(site, scanned):
    spec, site_dir, write, memo = site
    docs = [{"location": "a.html", "text": "Раздел"}, {"location": "b.html", "text": f"Спасибо {NAME}"}]
    write("search/search_index.json", json.dumps({"docs": docs}, ensure_ascii=False, indent=1))
    problems = verify_site(spec, site_dir, withheld(NAME), memo=memo)
    assert problems == verify_site(spec, site_dir, withheld(NAME))
    assert "search/search_index.json" in scanned and not any(s.startswith('{"location"') for s in scanned)


@pytest.mark.parametrize("text, leaks", [
    ("Благодарим Петрова Сергея Николаевича", True), (f"Наставник {NAME} и Петров С. Н.", True),
    ("Звоните 8 (900) 555-66-77", True), ("СНИЛС 112-233-445 95", True), ("Петров", True),
    ("ул. Петрова", False), ("Сергей Николаевич", True), ("&#1055;етров Сергей", True),
    ("Петров</p><p>Сергей", True), ("Разделы без имён", False),
])
@pytest.mark.parametrize("ascii", [False, True])
def test_entries_scanned_one_by_one_find_what_the_whole_index_finds(site, text, leaks, ascii):
    spec, site_dir, write, memo = site
    write("search/search_index.json", _index("Начало", text, f"{text} в конце", "Конец", ascii=ascii))
    if not ascii:
        site_assets.finish(site_dir)  # and the script beside it; ascii: \u escapes as a plain json.dumps writes
    rules = withheld(NAME, contacts=["+7 900 555-66-77"])
    whole = verify_site(spec, site_dir, rules)
    by_entry = verify_site(spec, site_dir, rules, memo=memo)
    assert bool(whole) == leaks, whole
    assert [p.split("; запись поиска")[0] for p in by_entry] == whole


def test_the_script_is_scanned_too_as_its_escapes_read_differently(site):
    """search_index.js is the JSON with «</» written «<\\/»: a closing </p> no longer parts two words."""
    spec, site_dir, write, memo = site
    rules = Disclosure(names=[NameRule("Петрова Анна Сергеевна", "none", SOURCE),
                              NameRule("Петрова Мария Ивановна", "full", SOURCE)])
    write("search/search_index.json", _index("Петрова</p>Анна"))
    site_assets.finish(site_dir)
    problems = verify_site(spec, site_dir, rules, memo=memo)
    assert problems and {p.split(":", 1)[0] for p in problems} == {"search/search_index.js"}
    assert problems == verify_site(spec, site_dir, rules, memo=memo)  # not remembered as clean


def test_an_index_with_attribute_values_is_scanned_whole(site, scanned):
    spec, site_dir, write, memo = site
    write("search/search_index.json", _index("код x='Петров' и y='им'"))
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) != []
    assert "search/search_index.json" in scanned and not any(s.startswith('{"location"') for s in scanned)


def test_split_index_cuts_the_files_own_characters_into_entries_and_rest():
    text = _index("а", "б</p>в", ascii=True)
    script = "var __index = " + text.replace("</", "<\\/") + ";\n"
    for body in (text, script, json.dumps(json.loads(text), indent=2)):
        index = split_index(body)
        assert [json.loads(e.text)["location"] for e in index.entries] == ["p0.html#s", "p1.html#s"]
        assert [e.location for e in index.entries] == ["p0.html#s", "p1.html#s"]
        assert all(body[e.start:e.start + len(e.text)] == e.text for e in index.entries)
        assert len(index.rest) + sum(len(e.text) for e in index.entries) == len(body)


@pytest.mark.parametrize("body", ["", "[]", '{"docs":[]}', '{"docs":{}}', '{"docs":[1]}', '{"docs":[{}] x',
                                  'var __index = {"docs":[{}]}; alert(1)', '{"docs":[{},]}', "{'docs':[{}]}"])
def test_split_index_refuses_what_is_not_an_index(body):
    assert split_index(body) is None


def test_a_rebuild_after_a_planted_leak_fails_and_a_clean_build_leaves_memos(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = make_district(tmp_path)
    out = tmp_path / "site"
    assert build(data, out, DATE).failed == {}
    memos = state_dir(out) / "verify"
    assert (memos / "district.pickle").is_file() and (memos / "alpha.pickle").is_file()
    assert stat.S_IMODE(memos.stat().st_mode) == 0o700
    (data / "schools/alpha/cases.yml").write_text(LEAKY_CASE, encoding="utf-8")
    report = build(data, out, DATE)
    assert "alpha" in report.failed
    assert any("«Шишкину»" in p for p in report.failed["alpha"]), report.failed


def test_links_of_an_unchanged_page_among_the_same_files_are_not_read_again(site, monkeypatch):
    spec, site_dir, write, memo = site
    write("index.html", '<html><body><a href="cases.html">Практики</a></body></html>')
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) == []
    parsed = []
    real = verify.page_links
    monkeypatch.setattr(verify, "page_links", lambda text: parsed.append(text) or real(text))
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) == [] and parsed == []
    write("news.html")  # another file: where a link leads may have changed, every page is read again
    assert verify_site(spec, site_dir, withheld(NAME), memo=memo) == [] and len(parsed) == 3
    (site_dir / "cases.html").unlink()
    spec.pages.pop("cases.md")
    problems = verify_site(spec, site_dir, withheld(NAME), memo=memo)
    assert problems == ["index.html:1: ссылка «cases.html» ведёт на файл, которого нет на сайте"]
