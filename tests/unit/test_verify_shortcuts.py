"""The shortcuts that make verification cheap find exactly what the plain way finds.

The plain way: every readable line of a file scanned word by word with its neighbours
(leaks.py before the shortcuts), every page parsed by html.parser, every file leak-scanned.
The shortcuts: lines judged once per site and only suspect ones looked at closely, long lines
looked at in parts, html.parser skipping what holds no link, the theme's own files not scanned.
"""

from __future__ import annotations

import shutil
from collections import Counter
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import leaks, site_assets, verify
from generator.leaks import Scanner, _Token, readable_lines
from generator.nameforms import norm
from generator.policy import ContactRule, Disclosure, NameRule
from generator.render import SiteSpec
from generator.shipped import ShippedFiles
from generator.verify import page_links, site_files, verify_site

PUPIL = NameRule("Иванова Анна Петровна", "none", "mentees.yml:3 (pupil)", minor=True)
TEACHER = NameRule("Петров Сергей Николаевич", "initials", "mentors.yml:5 (mentor)")
NAMESAKE = NameRule("Иванова Мария Сергеевна", "full", "mentors.yml:9 (mentor)")
CONTACTS = [ContactRule("+7 900 555-12-34", "mentees.yml:4"), ContactRule("anna@example.ru", "mentees.yml:4")]
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of pages: names in several cases and spellings, markup that hides or splits them,
# references, separators, numbers that are or are not a withheld phone, a СНИЛС.
PIECES = ["Иванова", "Ивановой", "ИВАНОВУ", "иванова", "Анна", "Анне", "Петровна", "Петровне", "А.", "П.",
          "Петров", "Петрову", "С.", "Н.", "Сергей", "Мария", "Сергеевна", "Ёлкина", "им.", "ул.",
          "Ива", "нова", "&#1048;ванова", "Иван&shy;ова", "&laquo;", "&amp;", "&#10;", "\\u0418ванова",
          "\\u000a", "<p>", "</p>", "<td>", "<br>", "<b>", "</b>", "<a href=\"x.html\">", "</a>",
          '<img alt="', '">', "title='", "'", '"', "=", " ", " ", " ", "\n", "\n", ";", ",", "|", "(", ")",
          "-", ".", ":", "+7 900", " 555-12-34", "8(900)5551234", "900", "555", "12-34", "123-456-789 01",
          "123-456-", "789 01", "anna@", "example.ru", "anna@example.ru", "@", "1", "20", "<", ">"]


def _plain_tokens(lines: list[str], first: int, last: int) -> list[_Token]:
    """Tokens as leaks.py cut them before the shortcuts."""
    tokens = []
    for number in range(max(first, 0), min(last, len(lines))):
        end = 0
        for m in leaks._TOKEN.finditer(lines[number]):
            apart = bool(leaks._SEPARATOR.search(lines[number][end:m.start()]))
            tokens.append(_Token(norm(m.group()), m.group(), number + 1, apart))
            end = m.end()
    return tokens


def plain_scan(scanner: Scanner, raw: str) -> Counter:
    """Every readable line of raw, each with its neighbours, word by word; then every contact."""
    lines = readable_lines(raw)
    findings = []
    for index in range(len(lines)):
        findings += [f for f in scanner.names_in(_plain_tokens(lines, index - 1, index + 2)) if f.line == index + 1]
    for number, line in enumerate(lines, 1):
        findings += scanner._contacts(line, number)
    return Counter((f.line, f.found, f.what, f.rule) for f in findings)


def scanner() -> Scanner:
    return Scanner([PUPIL, TEACHER, NAMESAKE], CONTACTS)


pages = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@FUZZ
@given(pages)
def test_scan_raw_finds_what_the_plain_scan_finds(raw):
    assert Counter((f.line, f.found, f.what, f.rule) for f in scanner().scan_raw(raw)) == plain_scan(scanner(), raw)


@FUZZ
@given(st.lists(pages, min_size=1, max_size=4))
def test_lines_judged_once_per_scanner_do_not_change_what_is_found(files):
    shared = scanner()  # as in a site: the second file's lines may have been judged in the first
    for raw in files:
        assert Counter((f.line, f.found, f.what, f.rule) for f in shared.scan_raw(raw)) == plain_scan(shared, raw)


@FUZZ
@given(st.lists(pages, min_size=1, max_size=12), st.integers(0, 3))
def test_a_long_line_looked_at_in_parts_gives_what_the_whole_line_gives(parts, lines_before):
    # A search index is one line of a hundred thousand characters: long runs of filler with names in them.
    filler = "слово " * 60
    raw = "\n" * lines_before + filler.join(p.replace("\n", " ") for p in parts) + filler * 30
    assert len(raw) > leaks._LONG_LINE
    assert Counter((f.line, f.found, f.what, f.rule) for f in scanner().scan_raw(raw)) == plain_scan(scanner(), raw)


def test_a_long_line_still_finds_a_withheld_name_by_its_neighbours():
    line = "слово " * 1000 + "Благодарим Иванову Анну за помощь; " + "слово " * 1000 + "Иванова М. С. пришла"
    found = [(f.found, f.rule) for f in scanner().scan_raw(line)]
    assert found == [("Иванову", PUPIL)]  # «Иванова М. С.» is the consenting namesake


class _PlainLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        self.found += [(value, self.getpos()[0]) for name, value in attrs if name in ("href", "src") and value]


def plain_links(text: str) -> list[tuple[str, int]]:
    parser = _PlainLinks()
    parser.feed(text)
    parser.close()
    return parser.found


MARKUP = ["<a href=\"a.html\">", "<a HREF='b.html' class=\"x\">", "<a href=c.html>", "<a href=d.html/>",
          "<img src=\"e.png\" alt=\"x\"/>", "<img src=f.png />", "</a>", "<p>", "</p>", "<br/>", "<div class=\"y\">",
          "<script>", "<script src=\"g.js\">", "</script>", "<style>", "</style>", "<!--", "-->", "<!doctype html>",
          "<?xml ?>", "<div title=\"<a href='h.html'>\">", "<a\xa0href=i.html>", "<a href=j.html\xa0title=k>",
          "<a title=\">\" href=\"l.html\">", "<a href=\"m&amp;n.html\">", "<a href=o&lt;p>", "<a href>",
          "<a href=\"\">", "<a data-x=1 src=q.png>", "<A SRC=r.png>", "<a b=c=d href=s.html>", "<a b = \"t\">",
          "</div >", "</>", "< a>", "<", ">", "=", "\"", "'", "/", " ", "\n", "\n", "text ", "&amp;", "&", "x",
          "<span\nclass=\"z\"\nhref=\"u.html\">", "<link href=\"v.css\" rel=stylesheet>", "<a href='w.html'/ >",
          "<a href==z.html>", "<a href = \"y.html\">", "<a\nsrc\n=\n'x.png'>", "<a href=\"unterminated>",
          "<a href=\"aa.html\"bb.html>", "<a href=`cc.html`>", "<a data-href=\"dd.html\">"]


@FUZZ
@given(st.lists(st.sampled_from(MARKUP), max_size=40).map("".join))
def test_page_links_are_those_html_parser_finds(html):
    assert page_links(html) == plain_links(html)


def test_page_links_of_a_real_page_keep_their_lines():
    html = '<html>\n<head><script>var a = "<a href=\'no.html\'>";</script></head>\n<body>\n' \
           '<!-- <a href="neither.html"> -->\n<p class="x">Текст <a href="yes.html">да</a></p>\n' \
           '<img\n  src="pic.png" alt="y">\n</body>\n</html>\n'
    assert page_links(html) == plain_links(html) == [("yes.html", 5), ("pic.png", 6)]


# --- the theme's own files ------------------------------------------------------------------------------

def _site(tmp_path, script: bytes):
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "index.html").write_text("<p>Главная</p>", encoding="utf-8")
    (site / "assets" / "javascripts" / "theme.js").write_bytes(script)
    spec = SiteSpec(id="sosh-1", out="schools/sosh-1", name="Сайт", nav=[{"Главная": "index.md"}],
                    pages={"index.md": ""})
    return spec, site


def _theme(tmp_path, script: bytes) -> ShippedFiles:
    theme = tmp_path / "theme"
    (theme / "assets" / "javascripts").mkdir(parents=True)
    (theme / "assets" / "javascripts" / "theme.js").write_bytes(script)
    return ShippedFiles((theme,))


# A theme file that happens to hold a withheld name: only a real theme file may go unscanned.
SCRIPT = "var x = 'Иванова Анна';\n//# sourceMappingURL=theme.js.map\n".encode()
WITHHELD = Disclosure(names=[PUPIL])


def test_a_file_identical_to_the_theme_file_is_not_leak_scanned(tmp_path):
    spec, site = _site(tmp_path, SCRIPT)
    assert verify_site(spec, site, WITHHELD, shipped=_theme(tmp_path, SCRIPT)) == []
    assert verify_site(spec, site, WITHHELD) != []  # without the theme's list it is scanned


def test_the_theme_file_as_finished_by_site_assets_is_still_the_theme_file(tmp_path):
    trimmed = max(site_assets.finished_forms("assets/javascripts/theme.js", SCRIPT) - {SCRIPT}, key=len)
    assert b"sourceMappingURL" not in trimmed
    spec, site = _site(tmp_path, trimmed)
    assert verify_site(spec, site, WITHHELD, shipped=_theme(tmp_path, SCRIPT)) == []


def test_a_changed_copy_of_a_theme_file_is_scanned_and_its_leak_found(tmp_path):
    spec, site = _site(tmp_path, SCRIPT + b"var y = 1;\n")
    problems = verify_site(spec, site, WITHHELD, shipped=_theme(tmp_path, SCRIPT))
    # Twice: the quoted text reads like an attribute value too, which a reader may be shown.
    assert problems == verify_site(spec, site, WITHHELD) != []
    assert all(p.startswith("assets/javascripts/theme.js:1: опубликованы персональные данные: имя «Иванова»")
               for p in problems)


def test_only_scripts_and_styles_under_assets_count_as_theme_files(tmp_path):
    spec, site = _site(tmp_path, SCRIPT)
    theme = tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "index.html").write_text("<p>Иванова Анна</p>", encoding="utf-8")
    (theme / "assets" / "data.json").write_text("Иванова Анна", encoding="utf-8")
    for name in ("index.html", "assets/data.json"):
        shutil.copyfile(theme / name, site / name)
    problems = verify_site(spec, site, WITHHELD, shipped=ShippedFiles((theme,)))
    assert sorted({p.split(":")[0] for p in problems}) == ["assets/data.json", "assets/javascripts/theme.js", "index.html"]


def test_site_files_are_walked_once_in_path_order_without_skipped_folders(tmp_path):
    for name in ("a-b/x.html", "a/x.html", "a/b/y.html", "schools/s/index.html", "z.html", "schools.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    expected = [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*"))  # as verify walked it
                if p.is_file() and p.relative_to(tmp_path).parts[0] != "schools"]
    assert [f.name for f in site_files(tmp_path, ("schools",))] == expected


@FUZZ
@given(pages)
def test_names_spelt_in_letters_the_fast_pattern_leaves_out_take_the_word_pattern(raw):
    # Greek sigma lowers by its neighbours: such names are looked for word by word, as before.
    greek = Scanner([PUPIL, TEACHER, NameRule("Σοφίας Ελένη", "none", "mentees.yml:7")], CONTACTS)
    assert greek._runs is None
    found = Counter((f.line, f.found, f.what, f.rule) for f in greek.scan_raw(raw + " Σοφίας Ελένη"))
    assert found == plain_scan(greek, raw + " Σοφίας Ελένη")



# --- loads of other hosts ---------------------------------------------------------------------------------

LOADING = ["<img", "<IMG", "<script", "<link", "<a", "<iframe", " src", " SRC", " href", " data-src", " srcset", "=",
           "= ", '"', "'", "//", "//x.ru", "https:", "HTTPS:", "http:", "hTtp:", ">", "<", " ", "\n", "url(", "URL(",
           "uRl", "(", ")", "x", "/", 'style="background:', "<b>", "ſ"]


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LOADING), max_size=40).map("".join))
def test_loads_found_at_the_places_that_may_hold_them_are_those_the_patterns_find(html):
    assert _spans(verify._tag_loads(html)) == _spans(verify._LOADS.finditer(html))
    assert _spans(verify._css_loads(html)) == _spans(verify._CSS_URL.finditer(html))


# Enough people that a long line holds more than a few forms of their names: the places of the forms
# are then found in one pass over the line's words.
MANY = Scanner([NameRule(f"{surname} {first}", "none", "mentees.yml:1", minor=True)
                for surname in ("Иванова", "Петрова", "Сидорова", "Козлова", "Орлова", "Волкова")
                for first in ("Анна", "Мария")], [])
FORMS = sorted(MANY.keys)


@FUZZ
@given(st.lists(st.sampled_from([*FORMS, "слово", "", "-", ",", "ё", "Иванова-Петрова", "x"]),
                min_size=20, max_size=200).map(" ".join))
def test_the_places_of_many_forms_are_the_places_of_the_words_that_are_forms(text):
    places = MANY._places(text)
    low = norm(text)
    forms = set(MANY._runs.findall(low)) & MANY.keys
    if places is not None and len(forms) > 16:
        assert places == [m.start() for m in MANY._runs.finditer(low) if m.group() in forms]
    elif places is not None:  # a few forms: every place where one is written, inside a longer word too
        assert set(places) == {at for form in forms for at in leaks._find_all(low, form)}
