"""generator/verify.py: a built site is checked before it replaces the published one."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from generator.cli import main
from generator.leaks import readable_lines
from generator.pipeline import build
from generator.policy import ContactRule, Disclosure, FreeText, NameRule
from generator.render import SiteSpec
from generator.verify import find_leaks, verify_site
from tests.minidistrict import make_district

NAME = "Петров Сергей Николаевич"
SOURCE = "data/schools/sosh-1/mentors.yml:10 (наставник m-2)"
DATE = dt.date(2026, 11, 23)


def withheld(*names: str, contacts=(), shown=(), texts=()) -> Disclosure:
    return Disclosure(names=[NameRule(n, "none", SOURCE) for n in names],
                      contacts=[ContactRule(c, SOURCE) for c in contacts], shown_contacts=set(shown),
                      texts=list(texts))


@pytest.fixture
def site(tmp_path):
    """A built site with two pages, both present; returns (spec, site_dir, write)."""
    site_dir = tmp_path / "site"
    spec = SiteSpec(id="sosh-1", out="schools/sosh-1", name="Сайт", nav=[{"Главная": "index.md"},
                    {"Практики": ["cases/index.md", {"Кейс": "cases/a.md"}]}],
                    pages={"index.md": "", "cases/index.md": "", "cases/a.md": ""})

    def write(name: str, text: str = "<html><body><p>Страница</p></body></html>"):
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    for page in ("index.html", "cases/index.html", "cases/a.html"):
        write(page)
    return spec, site_dir, write


def test_clean_site_has_no_problems(site):
    spec, site_dir, _ = site
    assert verify_site(spec, site_dir, withheld(NAME)) == []


def test_missing_page_is_reported(site):
    spec, site_dir, _ = site
    (site_dir / "cases/a.html").unlink()
    assert verify_site(spec, site_dir, Disclosure()) == ["нет страницы cases/a.html"]


def test_page_only_in_nav_is_checked_too(site):
    spec, site_dir, _ = site
    spec.nav.append({"Ещё": "more.md"})
    assert verify_site(spec, site_dir, Disclosure()) == ["нет страницы more.html"]


@pytest.mark.parametrize("html, resource", [
    ('<script src="https://cdn.example/x.js"></script>', "https://cdn.example/x.js"),
    ('<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">', "//fonts.googleapis.com/css?family=Roboto"),
    ("<img alt='лого' src='http://example.org/logo.png'>", "http://example.org/logo.png"),
    ('<iframe width="1" src=https://video.example/embed/1></iframe>', "https://video.example/embed/1"),
])
def test_external_resources_in_html_are_reported(site, html, resource):
    spec, site_dir, write = site
    write("index.html", f"<html><head>{html}</head></html>")
    assert verify_site(spec, site_dir, Disclosure()) == [
        f"index.html: страница загружает ресурс с другого сайта: {resource}"]


def test_external_url_in_css_is_reported(site):
    spec, site_dir, write = site
    write("assets/style.css", "@font-face { src: url('https://fonts.gstatic.com/x.woff2'); }\n"
                              "body { background: url(img/local.png); }")
    assert verify_site(spec, site_dir, Disclosure()) == [
        "assets/style.css: страница загружает ресурс с другого сайта: https://fonts.gstatic.com/x.woff2"]


def test_plain_links_and_local_resources_are_not_reported(site):
    spec, site_dir, write = site
    write("index.html", '<a href="https://minobr.example/prikaz">Приказ</a>'
                        '<script src="assets/js/bundle.js"></script><link href="assets/css/main.css">'
                        '<img src="files/photo.png">')
    for name in ("assets/js/bundle.js", "assets/css/main.css", "files/photo.png"):
        write(name, "")
    assert verify_site(spec, site_dir, Disclosure()) == []


@pytest.mark.parametrize("html", [
    f"<td>{NAME}</td>",
    "<td>Петров <em>Сергей</em>\n  Николаевич</td>",
    "<p>Петров&nbsp;Сергей&nbsp;Николаевич</p>",
    "<p>&#1055;етров Сергей Николаевич</p>",
    "<p>Благодарим Петрова Сергея Николаевича</p>",  # any grammatical case
    '<img src="a.png" alt="Петров С. Н. на занятии">',  # attributes are read too
])
def test_withheld_name_in_html_is_reported(site, html):
    spec, site_dir, write = site
    write("cases/a.html", f"<html><body>{html}</body></html>")
    write("cases/a.png", "")
    problems = verify_site(spec, site_dir, withheld(NAME))
    assert problems, html
    assert all(p.startswith("cases/a.html:1: опубликованы персональные данные: имя «") for p in problems), problems
    assert all(f"— человек без согласия на публикацию, {SOURCE}" in p for p in problems), problems


def test_withheld_name_json_escaped_in_search_index(site):
    spec, site_dir, write = site
    index = json.dumps({"docs": [{"location": "a.html", "text": f"<p>Наставник: {NAME}</p>"}]})
    assert "\\u041f" in index  # ensure_ascii: the name is not there as plain text
    write("search/search_index.json", index)
    problems = verify_site(spec, site_dir, withheld(NAME))
    assert problems and all(p.startswith("search/search_index.json:1: опубликованы персональные данные: имя")
                            for p in problems), problems


def test_withheld_contacts_are_reported_in_any_format_and_short_numbers_ignored(site):
    spec, site_dir, write = site
    write("index.html", "<p>Звоните: 8 (900) 555-66-77, пишите Petrov@Example.org. Экстренно: 112</p>")
    problems = verify_site(spec, site_dir, withheld(contacts=["+7 900 555-66-77", "petrov@example.org", "112"]))
    assert problems == [
        f"index.html:1: опубликованы персональные данные: телефон «8 (900) 555-66-77» не публикуется — {SOURCE}",
        f"index.html:1: опубликованы персональные данные: e-mail «Petrov@Example.org» не публикуется — {SOURCE}"]


def test_shown_contact_is_not_a_leak(site):
    spec, site_dir, write = site
    write("index.html", "<p>Куратор: +7 900 111-22-33, smirnova@example.org</p>")
    disclosure = withheld(contacts=["+7 (900) 111-22-33", "smirnova@example.org"],
                          shown={"+7 900 111-22-33", "smirnova@example.org"})
    assert verify_site(spec, site_dir, disclosure) == []


def test_snils_is_always_reported(site):
    spec, site_dir, write = site
    write("cases/a.html", "<p>СНИЛС 112-233-445 95</p>")
    assert verify_site(spec, site_dir, Disclosure()) == [
        "cases/a.html:1: опубликованы персональные данные: похоже на СНИЛС «112-233-445 95»"]


def test_readable_lines():
    assert [w for w in readable_lines("<p>А&amp;Б</p>\\u0412<br>Г")[0].split() if w != "|"] == ["А&Б", "В", "Г"]
    assert "Петров" in readable_lines('<img alt="Петров" src="x.png">')[0]


def test_published_namesake_does_not_count_as_a_leak(site):
    spec, site_dir, write = site
    disclosure = Disclosure(names=[NameRule("Петров Иван", "none", "наставляемый u-1", minor=True),
                                   NameRule("Петров Игорь Сергеевич", "initials", "наставник m-1")])
    write("index.html", "<p>Наставник: Петров И. С.</p>")
    # «Петров И.» would point at the pupil; «Петров И. С.» is a teacher who consented to initials.
    assert verify_site(spec, site_dir, disclosure) == []
    write("index.html", "<p>Наставник: Петров И. С., наставляемый: Петров Иван</p>")
    (problem,) = verify_site(spec, site_dir, disclosure)
    assert problem == "index.html:1: опубликованы персональные данные: имя «Петров» — обучающийся, наставляемый u-1"


def test_leak_message_names_the_field_to_correct(site):
    spec, site_dir, write = site
    write("cases/a.html", "<p>Спасибо\nПетрову Сергею за помощь</p>")
    texts = [FreeText("data/schools/sosh-1/cases.yml:4, поле title", "Практика"),
             FreeText("data/schools/sosh-1/cases.yml:7, поле body", "Спасибо Петрову Сергею за помощь")]
    (problem,) = verify_site(spec, site_dir, withheld(NAME, texts=texts))
    assert problem == (f"cases/a.html:2: опубликованы персональные данные: имя «Петрову» — человек без согласия "
                       f"на публикацию, {SOURCE}; исправьте: data/schools/sosh-1/cases.yml:7, поле body")


def test_office_document_in_output_is_scanned(site):
    openpyxl = pytest.importorskip("openpyxl")
    spec, site_dir, _ = site
    book = openpyxl.Workbook()
    book.active["A1"] = "Наставник"
    book.active["B2"] = "Петрова Сергея Николаевича"
    (site_dir / "files").mkdir()
    book.save(site_dir / "files/report.xlsx")
    problems = find_leaks(site_dir, withheld(NAME))
    assert problems and all(p.startswith("files/report.xlsx:") and "имя" in p and SOURCE in p for p in problems)
    (site_dir / "files/broken.docx").write_bytes(b"not a zip")  # unreadable: skipped, not a crash
    assert find_leaks(site_dir, withheld(NAME)) == problems


# --- the real build: a planted leak stops the school and says what to correct ----------------------------

LEAKY_CASE = """
    cases:
      - id: c-1
        title: Проект по экологии
        body: >-
          Наставник и ученик вместе провели исследование пруда.
          Отдельное спасибо Шишкину Тимуру за пробы воды.
    """


def test_planted_leak_in_a_case_fails_the_school_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages show data/… relative to the working folder
    data = make_district(tmp_path, {"schools/alpha/cases.yml": LEAKY_CASE})
    out = tmp_path / "site"
    (out / "schools/alpha").mkdir(parents=True)
    (out / "schools/alpha/old.html").write_text("прежняя версия", encoding="utf-8")
    report = build(data, out, DATE, schools=["alpha"])
    assert set(report.failed) == {"alpha"} and report.built == []
    problems = report.failed["alpha"]
    page = [p for p in problems if p.startswith("cases/c-1.html:")]
    assert page, problems
    assert re.fullmatch(r"cases/c-1\.html:\d+: опубликованы персональные данные: имя «Шишкину» — обучающийся, "
                        r"data/schools/alpha/mentees\.yml:2 \(наставляемый u-1\); "
                        r"исправьте: data/schools/alpha/cases\.yml:\d+, поле body", page[0]), page[0]
    line = int(re.search(r"cases\.yml:(\d+), поле body", page[0]).group(1))
    assert (data / "schools/alpha/cases.yml").read_text(encoding="utf-8").splitlines()[line - 1].strip() \
        .startswith("body:")
    assert (out / "schools/alpha/old.html").read_text(encoding="utf-8") == "прежняя версия"
    assert not (out / "schools/alpha/cases").exists()


@pytest.fixture
def built_district(tmp_path, capsys):
    """The mini district built by the command; returns the arguments shared by build and verify."""
    data = make_district(tmp_path)
    args = ["--data", str(data), "--out", str(tmp_path / "site"), "--date", DATE.isoformat()]
    assert main(["build", *args]) == 0, capsys.readouterr().err
    capsys.readouterr()
    return args, tmp_path / "site"


def _plant(page, text="<p>Тимур Шишкин</p>"):
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", text + "</body>"), encoding="utf-8")


def test_verify_command_on_built_output(built_district, capsys):
    args, out = built_district
    assert main(["verify", *args]) == 0, capsys.readouterr().err
    said = capsys.readouterr().out
    assert "нет персональных данных" in said
    assert "✓ сайт района: проверен [1/" in said and "✓ schools/alpha: проверен [" in said  # CI: a line per site

    _plant(out / "schools/alpha/mentees.html")
    assert main(["verify", *args]) == 1
    err = capsys.readouterr().err
    assert "✗ alpha:" in err and "    mentees.html:" in err and "«Шишкин» — обучающийся" in err
    assert "mentees.yml:2 (наставляемый u-1)" in err


def test_verify_command_reports_a_school_leak_once(built_district, capsys):
    args, out = built_district
    _plant(out / "schools/alpha/mentees.html")
    assert main(["verify", *args]) == 1
    err = capsys.readouterr().err
    assert "✗ district:" not in err and "schools/alpha/mentees.html" not in err
    assert "Проблемы на сайтах: 1." in err


def _build_alpha(root, monkeypatch, files: dict):
    monkeypatch.chdir(root)
    return build(make_district(root, files), root / "site", DATE, schools=["alpha"])


def test_a_neighbours_given_name_is_not_a_leak(tmp_path, monkeypatch):
    report = _build_alpha(tmp_path, monkeypatch, {
        "schools/alpha/mentors.yml": "mentors:\n  - {id: m-1, name: Петрова Анна Сергеевна, consent: full}\n",
        "schools/alpha/mentees.yml": "mentees:\n  - {id: t-1, name: Иванова Анна Петровна, category: teacher, "
                                     "consent: initials}\n",
        "schools/alpha/pairs.yml": "pairs:\n  - {id: p-1, mentors: [m-1], mentees: [t-1], form: педагог – педагог, "
                                   "start: 2025-09-01}\n"})
    assert report.failed == {}


def test_school_named_like_a_pupil_can_be_published(tmp_path, monkeypatch):
    report = _build_alpha(tmp_path, monkeypatch, {
        "schools/alpha/school.yml": "name: Средняя школа имени С. П. Королёва\nshort_name: СШ им. Королёва\n"
                                    "kind: school\naddress: г. Учебный, ул. Королёва, 5\n",
        "schools/alpha/mentees.yml": "mentees:\n  - {id: u-1, name: Королёв Артём Игоревич, grade: 6В}\n"})
    assert report.failed == {}


def test_leak_through_a_published_detail_says_which_field(tmp_path, monkeypatch):
    report = _build_alpha(tmp_path, monkeypatch, {
        "schools/alpha/mentors.yml": "mentors:\n  - id: m-1\n    name: Громова Лидия Павловна\n    consent: full\n"
                                     "    position: классный руководитель Шишкина Тимура\n"})
    problems = report.failed["alpha"]
    assert problems and all("исправьте: data/schools/alpha/mentors.yml:5, поле position" in p for p in problems)


def test_a_neighbours_given_name_without_patronymic_is_not_a_leak(tmp_path, monkeypatch):
    report = _build_alpha(tmp_path, monkeypatch, {
        "schools/alpha/mentors.yml": "mentors:\n  - {id: m-1, name: Петрова Анна, consent: full}\n",
        "schools/alpha/mentees.yml": "mentees:\n  - {id: t-1, name: Иванова Анна Петровна, category: teacher, "
                                     "consent: initials}\n",
        "schools/alpha/pairs.yml": "pairs:\n  - {id: p-1, mentors: [m-1], mentees: [t-1], form: педагог – педагог, "
                                   "start: 2025-09-01}\n"})
    assert report.failed == {}


def test_link_to_a_missing_page_or_file_is_reported(site):
    spec, site_dir, write = site
    write("cases/a.html", '<p><a href="../index.html#top">назад</a> <a href="b.html">кейс Б</a>\n'
                          '<a href="../files/plan%20(1).pdf">план</a> <a href="#x">здесь</a>'
                          ' <a href="https://example.ru/x">вне сайта</a> <a href="mailto:a@b.ru">почта</a></p>')
    assert verify_site(spec, site_dir, Disclosure()) == [
        "cases/a.html:1: ссылка «b.html» ведёт на файл, которого нет на сайте",
        "cases/a.html:2: ссылка «../files/plan%20(1).pdf» ведёт на файл, которого нет на сайте",
    ]
    write("files/plan (1).pdf", "%PDF")
    write("cases/b.html")
    assert verify_site(spec, site_dir, Disclosure()) == []


def test_links_to_other_sites_are_left_to_them(site):
    spec, site_dir, write = site
    write("index.html", '<a href="../../index.html">район</a> <a href="../other/index.html">другая школа</a>')
    assert verify_site(spec, site_dir, Disclosure()) == []
    district = SiteSpec(id="district", out="", name="Район", nav=[], pages={})
    write("index.html", '<a href="schools/sosh-9/index.html">школа</a> <a href="net.html">нет</a>')
    assert verify_site(district, site_dir, Disclosure()) == [
        "index.html:1: ссылка «net.html» ведёт на файл, которого нет на сайте"]


def test_attachment_named_in_data_must_be_in_the_output(site, tmp_path):
    spec, site_dir, write = site
    spec.assets = {"files/order.pdf": tmp_path / "order.pdf"}
    assert verify_site(spec, site_dir, Disclosure()) == [
        "нет вложения files/order.pdf: оно указано в данных, но на сайт не попало"]
