"""Stage 7: put a verified site in place so that readers never see half of one."""

from __future__ import annotations

import shutil
from pathlib import Path


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


def replace_district(new: Path, out_dir: Path, keep: str = "schools") -> None:
    """The district site shares out_dir with schools/: swap its entries, leave schools/ alone."""
    out_dir.mkdir(parents=True, exist_ok=True)
    old = out_dir / ".district.old"
    if old.exists():
        shutil.rmtree(old)
    old.mkdir()
    for entry in sorted(out_dir.iterdir()):
        # Dot files (.htaccess, our own temporary folders) belong to the host, not to the site.
        if entry.name != keep and not entry.name.startswith("."):
            entry.rename(old / entry.name)
    for entry in sorted(new.iterdir()):
        entry.rename(out_dir / entry.name)
    shutil.rmtree(old)
