"""After the engine: each site carries only the theme files it uses, and a UTF-8 search index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import material

from generator import site_assets
from generator.verify import foreign_requests

MATERIAL_ASSETS = Path(material.__file__).parent / "templates" / "assets"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _sites(demo_site: Path) -> list[Path]:
    return sorted((demo_site / "schools").iterdir())


def test_no_source_maps_and_only_the_russian_search_language(demo_site):
    for site in [demo_site, *_sites(demo_site)]:
        assets = site / "assets"
        assert not list(assets.rglob("*.map")), site
        scripts_and_styles = [*assets.rglob("*.js"), *assets.rglob("*.css")]
        assert not any(b"sourceMappingURL" in p.read_bytes() for p in scripts_and_styles), site
        lunr = sorted(p.name for p in (assets / "javascripts" / "lunr").rglob("*") if p.is_file())
        assert lunr == ["lunr.ru.min.js", "lunr.stemmer.support.min.js"], site


def test_search_index_is_utf8_and_also_a_script_for_file_urls(demo_site):
    search = demo_site / "schools" / "sosh-1" / "search"
    text = (search / "search_index.json").read_text(encoding="utf-8")
    assert "\\u04" not in text and "Наставник" in text
    index = json.loads(text)
    assert index["config"]["lang"] == ["ru"] and "stemmer" in index["config"]["pipeline"]
    script = (search / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    assert json.loads(script[len("var __index = "):].rstrip().rstrip(";").replace("<\\/", "</")) == index


def test_search_worker_stems_queries(demo_site):
    worker = next((demo_site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    assert worker.read_bytes().startswith(b"/* nastavnik: stemmed queries */")


def test_a_school_site_is_at_most_half_a_plain_material_build(demo_site):
    """Plain build: the same pages with all of Material's assets (its search index not even counted)."""
    for site in _sites(demo_site):
        own = _size(site) - _size(site / "assets") - _size(site / "search")
        assert _size(site) <= 0.5 * (own + _size(MATERIAL_ASSETS)), site.name


def test_new_files_pass_the_foreign_request_check(demo_site):
    assert foreign_requests(demo_site / "schools" / "sosh-1") == []


def test_finish_twice_changes_nothing(demo_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(demo_site / "schools" / "sosh-12", site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    site_assets.finish(site)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_leak_check_reads_the_rewritten_index_and_its_script(tmp_path):
    """A withheld name that slipped into the index is found in both files site_assets writes."""
    from generator.policy import Disclosure, NameRule
    from generator.verify import find_leaks

    name = "Петров Сергей Николаевич"
    (tmp_path / "search").mkdir()
    index = {"config": {"lang": ["ru"]}, "docs": [{"location": "a.html", "text": f"<p>Наставник: {name}</p>"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    site_assets.finish(tmp_path)
    problems = find_leaks(tmp_path, Disclosure(names=[NameRule(name, "none", "mentors.yml:1")], contacts=[]))
    assert {p.split(":", 1)[0] for p in problems} == {"search/search_index.json", "search/search_index.js"}


def test_only_whole_line_source_map_comments_are_removed(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "a.js").write_bytes(b'x="//# sourceMappingURL=";y()\n//# sourceMappingURL=a.js.map')
    (assets / "a.css").write_bytes(b".a{}\n/*# sourceMappingURL=a.css.map */\n")
    (assets / "a.js.map").write_bytes(b"{}")
    site_assets.finish(tmp_path)
    assert (assets / "a.js").read_bytes() == b'x="//# sourceMappingURL=";y()'
    assert (assets / "a.css").read_bytes() == b".a{}\n"
    assert not (assets / "a.js.map").exists()
