"""The engine's memo of pages (generator/engine/render_memo.py): a rebuild that reuses pages is the same
byte for byte as one that renders them all, and anything a page is made from, changed, renders it again."""

from __future__ import annotations

import dataclasses
import functools
import os
import stat
from pathlib import Path

import pytest

from generator import engine, fingerprint
from generator.config import load_site_config
from generator.engine import memo_keys, render_memo
from generator.pipeline import build, prepare, state_dir
from tests.conftest import DEMO_DATA, DEMO_DATE
from tests.minidistrict import make_district
from tests.test_incremental import DATE, _append, tree


@pytest.fixture(scope="module")
def school():
    cfg = load_site_config()
    _, [spec] = prepare(DEMO_DATA, DEMO_DATE, ["sosh-1"], cfg=cfg)
    return spec, cfg.base_mkdocs


@pytest.fixture
def made(monkeypatch) -> dict[str, list[str]]:
    """The pages rendered and the pages whose search entries were made, as Page.render and Material do."""
    made: dict[str, list[str]] = {"render": [], "search": []}

    def render(page, config, files):
        made["render"].append(page.file.src_uri)
        return _render(page, config, files)

    def search(index, page):
        made["search"].append(page.file.src_uri)
        return _add_entry(index, page)

    _render, _add_entry = render_memo._render, render_memo._add_entry
    monkeypatch.setattr(render_memo, "_render", render)
    monkeypatch.setattr(render_memo, "_add_entry", search)
    return made


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _engine(spec, base: Path, work: Path, memo: Path | None, made: dict | None = None) -> dict[str, bytes]:
    if made is not None:
        for names in made.values():
            names.clear()
    assert engine.build(spec, work, base, 0, memo) == []
    return _tree(work / "site")


def _changed(spec, page: str = "cases/k-01.md"):
    return dataclasses.replace(spec, pages={**spec.pages, page: spec.pages[page] + "\nИзменено: [пары](../pairs.md).\n"})


def test_a_rebuild_reuses_every_page_but_the_changed_one_and_is_the_same(school, made, tmp_path):
    spec, base = school
    memo = tmp_path / "state" / "engine" / "sosh-1.pickle"
    _engine(spec, base, tmp_path / "first", memo, made)
    assert len(made["render"]) == len(spec.pages) and memo.is_file()
    changed = _changed(spec)
    reused = _engine(changed, base, tmp_path / "memo", memo, made)
    assert made["render"] == ["cases/k-01.md"] and made["search"] == ["cases/k-01.md"]
    assert reused == _engine(changed, base, tmp_path / "plain", None)
    assert reused != _tree(tmp_path / "first" / "site")


def test_the_memo_holds_only_the_pages_of_the_last_build(school, tmp_path):
    spec, base = school
    memo = tmp_path / "memo.pickle"
    _engine(spec, base, tmp_path / "a", memo)
    first = len(render_memo._load(memo)[1])
    for round_ in range(3):
        _engine(_changed(spec, "cases/k-02.md") if round_ % 2 else spec, base, tmp_path / str(round_), memo)
    assert len(render_memo._load(memo)[1]) == first  # a page and its search entries: two per page
    assert first == 2 * len(spec.pages)


def test_the_memo_is_for_the_builder_only(school, tmp_path):
    spec, base = school
    memo = tmp_path / "state" / "engine" / "sosh-1.pickle"
    _engine(spec, base, tmp_path / "a", memo)
    assert stat.S_IMODE(memo.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(memo.stat().st_mode) == 0o600
    assert [p.name for p in memo.parent.iterdir()] == [memo.name]  # no temporary file left


def test_another_set_of_files_renders_every_page(school, made, tmp_path):
    spec, base = school
    memo = tmp_path / "memo.pickle"
    _engine(spec, base, tmp_path / "a", memo)
    more = dataclasses.replace(spec, generated={**spec.generated, "files/new.txt": b"new"})
    rebuilt = _engine(more, base, tmp_path / "b", memo, made)
    assert len(made["render"]) == len(spec.pages) and len(made["search"]) == len(spec.pages)
    assert rebuilt == _engine(more, base, tmp_path / "plain", None)


def test_other_settings_render_every_page(school, made, tmp_path):
    spec, base = school
    memo = tmp_path / "memo.pickle"
    _engine(spec, base, tmp_path / "a", memo)
    text = base.read_text(encoding="utf-8")
    assert "permalink: false" in text
    other = tmp_path / "mkdocs.yml"
    other.write_text(text.replace("permalink: false", "permalink: true"), encoding="utf-8")
    os.symlink(base.parent / "theme", tmp_path / "theme")  # custom_dir is relative to the configuration
    rebuilt = _engine(spec, other, tmp_path / "b", memo, made)
    assert len(made["render"]) == len(spec.pages)
    assert rebuilt == _engine(spec, other, tmp_path / "plain", None)


def test_another_version_of_the_tool_renders_every_page(school, made, tmp_path, monkeypatch):
    spec, base = school
    memo = tmp_path / "memo.pickle"
    _engine(spec, base, tmp_path / "a", memo)
    monkeypatch.setattr(fingerprint, "tool", lambda: "another version")
    _engine(spec, base, tmp_path / "b", memo, made)
    assert len(made["render"]) == len(spec.pages)


@pytest.mark.parametrize("damage", [lambda data: b"", lambda data: data[:len(data) // 2], lambda data: b"junk" * 10,
                                    lambda data: data[:-100] + bytes([data[-100] ^ 1]) + data[-99:]])
def test_a_damaged_memo_is_ignored(school, made, tmp_path, damage):
    spec, base = school
    memo = tmp_path / "memo.pickle"
    _engine(spec, base, tmp_path / "a", memo)
    memo.write_bytes(damage(memo.read_bytes()))
    assert _engine(spec, base, tmp_path / "b", memo, made) == _tree(tmp_path / "a" / "site")
    assert len(made["render"]) == len(spec.pages)
    _engine(spec, base, tmp_path / "c", memo, made)  # the damaged memo was replaced by a sound one
    assert made["render"] == []


def test_a_missing_memo_renders_every_page(school, made, tmp_path):
    spec, base = school
    memo = tmp_path / "absent" / "memo.pickle"
    built = _engine(spec, base, tmp_path / "a", memo, made)
    assert len(made["render"]) == len(spec.pages) and memo.is_file()
    assert built == _engine(spec, base, tmp_path / "plain", None)


def test_a_build_with_warnings_leaves_the_memo_as_it_was(school, tmp_path):
    spec, base = school
    memo = tmp_path / "memo.pickle"
    _engine(spec, base, tmp_path / "a", memo)
    before = memo.read_bytes()
    broken = dataclasses.replace(spec, pages={**spec.pages, "index.md": spec.pages["index.md"] + "\n[x](nowhere.md)\n"})
    assert engine.build(broken, tmp_path / "b", base, 0, memo) != []
    assert memo.read_bytes() == before
    assert engine.build(broken, tmp_path / "c", base, 0, tmp_path / "new.pickle") != []
    assert not (tmp_path / "new.pickle").exists()


def test_a_reused_page_says_its_warnings_again(school, made, tmp_path):
    """A link out of the site is no warning only while the site says it leaves on purpose."""
    spec, base = school
    memo = tmp_path / "memo.pickle"
    page = spec.pages["index.md"] + "\n[район](../../nowhere.md)\n"
    leaving = dataclasses.replace(spec, pages={**spec.pages, "index.md": page},
                                  outside_links=spec.outside_links | {"../../nowhere.md"})
    _engine(leaving, base, tmp_path / "a", memo, made)
    made["render"].clear()
    staying = dataclasses.replace(leaving, outside_links=spec.outside_links)
    warnings = engine.build(staying, tmp_path / "b", base, 0, memo)
    assert made["render"] == [] and any("../../nowhere.md" in w for w in warnings)


def test_settings_that_cannot_be_keyed_leave_no_memo(school, tmp_path, monkeypatch):
    spec, base = school
    monkeypatch.setattr(render_memo, "site_key", lambda config, files: None)
    assert _engine(spec, base, tmp_path / "a", tmp_path / "memo.pickle") == _engine(spec, base, tmp_path / "b", None)
    assert not (tmp_path / "memo.pickle").exists()


def test_canonical_tells_settings_apart_and_refuses_what_it_cannot_tell():
    canonical = memo_keys.canonical
    assert canonical({"a": 1, "b": [True]}) == canonical({"b": [True], "a": 1})
    assert len({str(canonical(v)) for v in (1, True, "1", 1.0, [1], (1,), {1})}) == 7
    assert canonical(functools.partial(len, 1)) != canonical(functools.partial(len, 2))
    secret = 3
    with pytest.raises(memo_keys.Unkeyable):
        canonical(lambda text: text * secret)  # what it does depends on what it closes over
    with pytest.raises(memo_keys.Unkeyable):
        canonical(object())


def test_a_rebuild_of_the_district_reuses_its_pages_and_is_the_same_as_a_fresh_build(tmp_path, made):
    data, out = make_district(tmp_path), tmp_path / "site"
    assert not build(data, out, DATE).failed
    engine_state = state_dir(out.resolve()) / "engine"
    assert sorted(p.name for p in engine_state.iterdir()) == ["alpha.pickle", "beta.pickle", "district.pickle"]
    assert stat.S_IMODE(engine_state.stat().st_mode) == 0o700
    _append(data / "schools/beta/cases.yml", "cases:\n  - id: c-9\n    title: Новая практика\n    body: Текст.\n")
    made["render"].clear()
    assert not build(data, out, DATE).failed
    assert 0 < len(made["render"]) < len([p for p in tree(out) if p.endswith(".html")]) / 2
    fresh = tmp_path / "fresh"
    assert not build(data, fresh, DATE).failed
    assert tree(out) == tree(fresh)


def test_an_extension_that_may_read_files_leaves_no_memo(school, tmp_path):
    """pymdownx.snippets puts other files' text in a page: no key here would see them change."""
    spec, base = school
    other = tmp_path / "mkdocs.yml"
    other.write_text(base.read_text(encoding="utf-8").replace("  - admonition\n", "  - admonition\n  - pymdownx.snippets\n"),
                     encoding="utf-8")
    os.symlink(base.parent / "theme", tmp_path / "theme")
    assert "pymdownx.snippets" in other.read_text(encoding="utf-8")
    _engine(spec, other, tmp_path / "a", tmp_path / "memo.pickle")
    assert not (tmp_path / "memo.pickle").exists()
    _engine(spec, base, tmp_path / "b", tmp_path / "memo.pickle")
    assert (tmp_path / "memo.pickle").exists()
