"""The first hour as a browser sees it: a district started with `nastavnik init`, a school added,
its Excel form filled in, built and opened from disk — the mentor is on the page, the district
site is one click away, and nothing is asked of another host."""

from __future__ import annotations

from generator.cli import main
from tests.conftest import DEMO_DATE
from tests.test_init import fill_mentor


def test_new_district_opens_from_disk(tmp_path, page, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "district", "rayon", "--name", "Учебный муниципальный район"]) == 0
    monkeypatch.chdir(tmp_path / "rayon")
    assert main(["init", "school", "sosh-2", "--name", "МБОУ «СОШ № 2»"]) == 0
    fill_mentor(tmp_path / "rayon/data/schools/sosh-2/mentors.xlsx", {
        "ФИО наставника": "Лаврова Ирина Савельевна", "Должность": "учитель химии",
        "Согласие на публикацию": "полностью"})
    assert main(["build", "--date", DEMO_DATE.isoformat()]) == 0

    site = tmp_path / "rayon/site"
    page.goto((site / "schools/sosh-2/mentors.html").as_uri())
    assert page.get_by_text("Лаврова Ирина Савельевна").count() == 1
    page.get_by_text("Сайт района", exact=False).first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/rayon/site/index.html")
    assert "Учебный муниципальный район" in page.content()
    assert page.requests and all(url.startswith("file://") for url in page.requests), page.requests
