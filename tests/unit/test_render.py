"""generator/render.py: the public view → Markdown pages, menu and attachments of every site."""

from __future__ import annotations

import pytest

from generator.config import load_site_config
from generator.pipeline import prepare
from generator.policy import apply_policy
from generator.leaks import Scanner
from generator.render import render_sites
from generator.verify import _nav_pages
from tests.conftest import DEMO_DATA, DEMO_DATE


@pytest.fixture
def render(good_files, write_tree, tmp_path, run_check, cfg, today, key):
    """render(changes, **options) → {site id: SiteSpec} for the valid district with changes."""
    def run(changes: dict | None = None, **options):
        files = good_files()
        files.update(changes or {})
        write_tree(files)
        data, errors = run_check(tmp_path / "data")
        assert errors == []
        published = apply_policy(data, cfg, today, key)
        folders = {sid: s.folder for sid, s in data.schools.items()}
        specs = render_sites(published, cfg, today, data.folder, folders, **options)
        return {spec.id: spec for spec in specs}
    return run


def _always(pages):
    """Pages without a district switch (`when:`): the test district switches nothing on."""
    return [p for p in pages if not p.when]


def test_every_structure_page_and_every_case_page(render, cfg):
    sites = render()
    assert set(sites) == {"district", "sosh-1"}
    school = sites["sosh-1"]
    assert set(school.pages) == {p.file for p in _always(cfg.school_pages)} | {"cases/olymp.md"}
    assert set(sites["district"].pages) == {p.file for p in _always(cfg.district_pages)}
    assert school.out == "schools/sosh-1" and sites["district"].out == ""
    # Every page is in the menu, in the configured order.
    expected = []
    for spec in _always(cfg.school_pages):
        expected += [spec.file] + (["cases/olymp.md"] if spec.file == "cases/index.md" else [])
    assert _nav_pages(school.nav) == expected


def test_each_page_starts_with_its_title(render, cfg):
    school = render()["sosh-1"]
    for spec in _always(cfg.school_pages):
        if spec.file != "index.md":
            assert f"# {spec.title}\n" in school.pages[spec.file], spec.file
    assert "# Путь к олимпиаде" in school.pages["cases/olymp.md"]
    assert "[← Все практики](index.md)" in school.pages["cases/olymp.md"]


def test_case_in_menu_under_best_practices(render):
    nav = render()["sosh-1"].nav
    entry = next(e for e in nav if "Лучшие практики" in e)
    assert entry["Лучшие практики"] == ["cases/index.md", {"Путь к олимпиаде": "cases/olymp.md"}]


def test_content_page_with_a_generated_name_is_inserted(render, cfg):
    sites = render({"content/schools/sosh-1/mentors.md": "# Наши наставники\n\nВступление от школы.\n"})
    page = sites["sosh-1"].pages["mentors.md"]
    assert "Вступление от школы." in page
    assert "Наши наставники" not in page
    assert "# База наставников" in page
    assert page.index("Вступление от школы.") < page.index("| № | Наставник")
    assert len(sites["sosh-1"].nav) == len(_always(cfg.school_pages))  # no extra menu entry


def test_extra_content_page_is_appended_to_the_menu(render):
    sites = render({"content/schools/sosh-1/kontakty.md": "# Контакты школы\n\nТелефон приёмной.\n",
                    "content/district/about.md": "Без заголовка\n"})
    school, district = sites["sosh-1"], sites["district"]
    assert school.nav[-1] == {"Контакты школы": "kontakty.md"}
    assert school.pages["kontakty.md"] == "# Контакты школы\n\nТелефон приёмной.\n"
    assert district.nav[-1] == {"about": "about.md"}  # no heading: the file name


def test_rendering_is_deterministic(render):
    first = render()
    second = render()
    for sid in first:
        assert first[sid].pages == second[sid].pages
        assert first[sid].nav == second[sid].nav


def test_only_chosen_schools_without_district(render):
    assert set(render(schools={"sosh-1"}, with_district=False)) == {"sosh-1"}
    assert set(render(schools=set())) == {"district"}


def test_pages_show_policy_results_not_raw_data(render, published, key):
    sites = render()
    for sid, spec in sites.items():
        d = published.disclosures[sid]
        scanner = Scanner(d.names, d.contacts, d.shown_contacts)
        leaked = [(page, f.found) for page, text in spec.pages.items() for f in scanner.scan_text(text)]
        assert leaked == [], sid
    school = "\n".join(sites["sosh-1"].pages.values())
    label = f"Наставник {key.code('sosh-1|mentor|m-2')}"
    assert "Иванова Анна Петровна" in school and label in school and "10 класс" in school
    assert "Призёр муниципального этапа" in school and "Секретный черновик" not in school


def test_user_text_is_escaped_in_pages(render):
    sites = render({"data/schools/sosh-1/school.yml": (
        "name: Школа <script>alert(1)</script> *№ 1*\nshort_name: СОШ\ndescription: '**Описание** <iframe>'\n")})
    index = sites["sosh-1"].pages["index.md"]
    assert "<script>" not in index and "&lt;script&gt;" in index and r"\*№ 1\*" in index
    assert "**Описание**" in index and "<iframe>" not in index


def test_attachments_of_school_and_inherited_district_acts(render, write_tree, tmp_path):
    write_tree({"data/files/r.pdf": b"%PDF", "data/schools/sosh-1/files/p.pdf": b"%PDF"})
    sites = render({
        "data/regulations.yml": "regulations:\n  - level: federal\n    title: Закон\n    file: files/r.pdf\n",
        "data/schools/sosh-1/regulations.yml": (
            "regulations:\n  - level: local\n    title: Положение\n    file: files/p.pdf\n"),
    })
    school, district = sites["sosh-1"], sites["district"]
    assert school.assets == {"district/files/r.pdf": tmp_path / "data/files/r.pdf",
                             "files/p.pdf": tmp_path / "data/schools/sosh-1/files/p.pdf"}
    assert district.assets == {"files/r.pdf": tmp_path / "data/files/r.pdf"}
    assert "[Закон](district/files/r.pdf)" in school.pages["normative.md"]
    assert "[Положение](files/p.pdf)" in school.pages["normative.md"]


def test_links_to_other_sites_are_declared_outside(render):
    sites = render()
    assert "schools/sosh-1/index.html" in sites["district"].outside_links
    assert "../../index.html" in sites["sosh-1"].outside_links
    assert sites["sosh-1"].extra["nastavnik"]["home_url"] == "../../index.html"
    assert sites["sosh-1"].extra["nastavnik"]["date"] == "15 января 2026 г."



def test_large_district_pages_summarise_schools_and_downloads_keep_every_row():
    cfg = load_site_config()
    full = prepare(DEMO_DATA, DEMO_DATE, cfg=cfg)[1][0]
    cfg.district_full_lists = 2  # the demo's three schools: a region, as the district pages see it
    summary = prepare(DEMO_DATA, DEMO_DATE, cfg=cfg)[1][0]
    assert summary.id == "district"
    assert "| Организация | Наставников | База наставников школы |" in summary.pages["mentors.md"]
    assert "schools/sosh-1/mentors.html" in summary.outside_links
    assert "schools/sosh-1/cases/index.html" in summary.outside_links
    for page, detail in (("cases.md", "## Все практики школ района"),
                         ("monitoring.md", "## По образовательным организациям"),
                         ("mentors.md", "| Организация | Наставник |")):
        assert detail in full.pages[page] and detail not in summary.pages[page], page
    # The municipal base to download is the same, whichever way the page shows it.
    assert summary.generated["mentors.csv"] == full.generated["mentors.csv"]
    assert summary.generated["mentors.xlsx"] == full.generated["mentors.xlsx"]


@pytest.mark.parametrize("rows", [1, 2, 3])
def test_the_district_base_of_mentors_rendered_some_rows_at_a_time_is_the_same(rows, monkeypatch):
    """A region's base is rendered 2000 rows at a time; the demo's few rows, one, two or three at a time."""
    import generator.render as render_module
    whole = prepare(DEMO_DATA, DEMO_DATE)[1][0]
    monkeypatch.setattr(render_module, "_ROWS_AT_ONCE", rows)
    parts = prepare(DEMO_DATA, DEMO_DATE)[1][0]
    assert whole.pages["mentors.md"].count("| Организация | Наставник |") >= 2  # bases of several rows each
    assert parts.pages["mentors.md"] == whole.pages["mentors.md"]
    assert parts.generated == whole.generated
