"""generator/publish.py: a verified site replaces the published one as a whole."""

from __future__ import annotations

from pathlib import Path

from generator.publish import recover, replace_dir, replace_district


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def listing(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_replace_dir_swaps_the_folder_and_leaves_no_old(tmp_path):
    target = tree(tmp_path / "out/schools/sosh-1", {"index.html": "старая", "stale.html": "удалить"})
    new = tree(tmp_path / "work/site", {"index.html": "новая", "cases/a.html": "кейс"})
    replace_dir(new, target)
    assert listing(target) == {"index.html": "новая", "cases/a.html": "кейс"}
    assert not new.exists()
    assert sorted(p.name for p in target.parent.iterdir()) == ["sosh-1"]


def test_replace_dir_creates_a_missing_target(tmp_path):
    new = tree(tmp_path / "work/site", {"index.html": "новая"})
    target = tmp_path / "out/schools/sosh-2"
    replace_dir(new, target)
    assert listing(target) == {"index.html": "новая"}


def test_replace_dir_clears_a_leftover_old_copy(tmp_path):
    target = tree(tmp_path / "out/a", {"index.html": "старая"})
    tree(tmp_path / "out/.a.old", {"junk.html": "от прерванной сборки"})
    new = tree(tmp_path / "work/site", {"index.html": "новая"})
    replace_dir(new, target)
    assert listing(tmp_path / "out") == {"a/index.html": "новая"}


def test_replace_district_keeps_schools_and_drops_stale_files(tmp_path):
    out = tree(tmp_path / "out", {
        "index.html": "старый район", "old-page.html": "устаревшая", "assets/old.css": "старый стиль",
        "schools/sosh-1/index.html": "школа", ".nastavnik-sosh-2-abc/site/index.html": "идёт сборка",
    })
    new = tree(tmp_path / "work/site", {"index.html": "новый район", "assets/main.css": "стиль"})
    replace_district(new, out)
    assert listing(out) == {
        "index.html": "новый район", "assets/main.css": "стиль",
        "schools/sosh-1/index.html": "школа", ".nastavnik-sosh-2-abc/site/index.html": "идёт сборка",
    }
    assert not (out / ".district.old").exists()


def test_replace_district_into_an_empty_folder(tmp_path):
    new = tree(tmp_path / "work/site", {"index.html": "район"})
    out = tmp_path / "out"
    replace_district(new, out)
    assert listing(out) == {"index.html": "район"}


# --- a build killed in the middle of a swap: recover() puts the previous version back --------------

OLD_DISTRICT = {"index.html": "старый район", "assets/a.css": "старый стиль", "schools/sosh-1/index.html": "школа"}


def test_recover_district_killed_while_moving_old_entries_out(tmp_path):
    out = tree(tmp_path / "out", OLD_DISTRICT)
    (out / ".district.old").mkdir()
    (out / "assets").rename(out / ".district.old/assets")  # killed after the first rename
    recover(out)
    assert listing(out) == OLD_DISTRICT


def test_recover_district_killed_while_moving_new_entries_in(tmp_path):
    out = tree(tmp_path / "out", OLD_DISTRICT)
    old = out / ".district.old"
    old.mkdir()
    for name in ("index.html", "assets"):
        (out / name).rename(old / name)
    (old / ".new-entries-arriving").touch()
    tree(out, {"index.html": "новый район, половина"})  # killed before assets/ arrived
    recover(out)
    assert listing(out) == OLD_DISTRICT


def test_recover_finishes_a_swap_killed_while_deleting_the_old_copy(tmp_path):
    out = tree(tmp_path / "out", {"index.html": "новый район", ".district.done/index.html": "старый",
                                  "schools/sosh-1/index.html": "новая школа", "schools/.sosh-1.old/index.html": "старая"})
    recover(out)
    assert listing(out) == {"index.html": "новый район", "schools/sosh-1/index.html": "новая школа"}


def test_recover_school_killed_between_its_two_renames(tmp_path):
    out = tree(tmp_path / "out", {"index.html": "район", "schools/.sosh-1.old/index.html": "школа"})
    recover(out)
    assert listing(out) == {"index.html": "район", "schools/sosh-1/index.html": "школа"}


def test_recover_removes_temporary_folders(tmp_path):
    out = tree(tmp_path / "out", {"index.html": "район", ".nastavnik-sosh-1-x1/site/index.html": "недостроено",
                                  ".htaccess": "хозяйский файл", ".nastavnik-build": "{}"})
    recover(out)
    assert listing(out) == {"index.html": "район", ".htaccess": "хозяйский файл", ".nastavnik-build": "{}"}


def test_replace_district_after_a_killed_swap_keeps_nothing_of_it(tmp_path):
    out = tree(tmp_path / "out", OLD_DISTRICT)
    old = out / ".district.old"
    old.mkdir()
    (out / "index.html").rename(old / "index.html")
    (old / ".new-entries-arriving").touch()
    tree(out, {"half.html": "обрывок"})
    replace_district(tree(tmp_path / "work/site", {"index.html": "новый район"}), out)
    assert listing(out) == {"index.html": "новый район", "schools/sosh-1/index.html": "школа"}


def test_the_district_record_is_swapped_with_its_pages(tmp_path):
    """A kill anywhere in the swap leaves old pages with the old record, or new pages with the new."""
    out = tree(tmp_path / "out", {**OLD_DISTRICT, ".nastavnik-build": "старый отпечаток"})
    replace_district(tree(tmp_path / "work/site", {"index.html": "новый район", ".nastavnik-build": "новый"}), out)
    assert listing(out) == {"index.html": "новый район", ".nastavnik-build": "новый", "schools/sosh-1/index.html": "школа"}


def test_recover_district_killed_after_the_new_record_arrived(tmp_path):
    out = tree(tmp_path / "out", {**OLD_DISTRICT, ".nastavnik-build": "старый отпечаток"})
    old = out / ".district.old"
    old.mkdir()
    for name in (".nastavnik-build", "assets", "index.html"):
        (out / name).rename(old / name)
    (old / ".new-entries-arriving").touch()
    tree(out, {".nastavnik-build": "новый"})  # killed before the new pages arrived
    recover(out)
    assert listing(out) == {**OLD_DISTRICT, ".nastavnik-build": "старый отпечаток"}
