"""Stage 7: put a verified site in place so that readers never see half of one.

A school site is one folder and is swapped with two renames. The district site shares the
output folder with schools/, so its entries are swapped one by one; a marker says when the
new entries started to arrive. A build killed at any moment leaves enough behind for
recover(), which the next build runs first, to put back the previous version of every site
and to remove temporary folders.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.fingerprint import FILE_NAME

TEMP_PREFIX = ".nastavnik-"  # a site being built: out/.nastavnik-<site>-<random>/
DISTRICT_OLD = ".district.old"  # the previous district site while it is being replaced
_ARRIVING = ".new-entries-arriving"  # in DISTRICT_OLD: out/ already holds some new entries
_DONE = ".district.done"  # a finished swap whose old copy is being deleted


def replace_dir(new: Path, target: Path) -> None:
    """Swap target for new with renames on one file system; the old copy goes last."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def _site_entries(folder: Path, keep: str) -> list[Path]:
    # Dot files (.htaccess, our own temporary folders) belong to the host, not to the site; the record
    # of what the site was built from is the site's, and is swapped with its pages, never apart.
    return [e for e in sorted(folder.iterdir())
            if e.name != keep and (not e.name.startswith(".") or e.name == FILE_NAME)]


def replace_district(new: Path, out_dir: Path, keep: str = "schools") -> None:
    """The district site shares out_dir with schools/: swap its entries, leave schools/ alone."""
    out_dir.mkdir(parents=True, exist_ok=True)
    old = out_dir / DISTRICT_OLD
    if old.exists():
        _undo_district(out_dir, keep)
    old.mkdir()
    for entry in _site_entries(out_dir, keep):
        entry.rename(old / entry.name)
    (old / _ARRIVING).touch()
    for entry in sorted(new.iterdir()):
        entry.rename(out_dir / entry.name)
    done = out_dir / _DONE
    old.rename(done)  # from here on the new site is the published one
    shutil.rmtree(done)


def _undo_district(out_dir: Path, keep: str) -> None:
    """Put back the district site a killed swap had begun to replace."""
    old = out_dir / DISTRICT_OLD
    if (old / _ARRIVING).exists():
        for entry in _site_entries(out_dir, keep):  # new entries that arrived before the kill
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        (old / _ARRIVING).unlink()
    for entry in sorted(old.iterdir()):
        entry.rename(out_dir / entry.name)
    old.rmdir()


def _undo_dir(old: Path) -> None:
    """A school swap killed between its two renames, or before its old copy was deleted."""
    target = old.with_name(old.name[1:-len(".old")])
    if target.exists():
        shutil.rmtree(old)
    else:
        old.rename(target)


def recover(out_dir: Path, keep: str = "schools") -> list[str]:
    """Undo what a killed build left in out_dir; returns what was done, for the build's report."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return []
    done = []
    if (out_dir / DISTRICT_OLD).is_dir():
        _undo_district(out_dir, keep)
        done.append("сайт района: возвращена прежняя версия после прерванной сборки")
    for folder in (out_dir, out_dir / keep):
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if entry.is_dir() and (entry.name.startswith(TEMP_PREFIX) or entry.name == _DONE):
                shutil.rmtree(entry, ignore_errors=True)  # (files such as .nastavnik-build are records, kept)
            elif entry.name.startswith(".") and entry.name.endswith(".old") and entry.is_dir():
                _undo_dir(entry)
                done.append(f"{entry.name[1:-4]}: прерванная замена сайта завершена")
    return done
