"""Settings that are data, not code: site_config/ (structure, vocabulary, publication).

The tool's own settings, mkdocs.yml and theme/ sit at the root of its source tree; an
installed wheel carries copies of them in generator/base/ (see setup.py). A district
repository uses them as they are and may replace any file of site_config/ by putting its own
copy in its own site_config/ folder, and the look of its sites with its own mkdocs.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.vocabulary import Vocabulary

_PACKAGED = Path(__file__).resolve().parent / "base"
# Where the tool's settings are: a source checkout (also an editable install) or the wheel's copy.
PROJECT_ROOT = _PACKAGED if (_PACKAGED / "site_config").is_dir() else Path(__file__).resolve().parent.parent
# The files of site_config/ a district may replace with its own copy.
OVERRIDABLE = ("structure.yml", "vocabulary.yml", "publication.yml", "compliance.yml", "kpi.yml")


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    template: str
    when: str | None = None  # a district setting that switches the page on


@dataclass
class SiteConfig:
    root: Path
    vocabulary: Vocabulary
    school_pages: list[PageSpec]
    district_pages: list[PageSpec]
    publication: dict
    texts: dict
    kpi_rules: dict
    district_root: Path | None = None  # a district repository whose own files win over the tool's
    # Up to this many schools the district pages list every row; above it, a summary per school.
    district_full_lists: int = 60

    def file(self, name: str) -> Path:
        return setting(name, self.root, self.district_root)

    @property
    def base_mkdocs(self) -> Path:
        own = self.district_root / "mkdocs.yml" if self.district_root else None
        return own if own is not None and own.is_file() else self.root / "mkdocs.yml"

    @property
    def compliance_file(self) -> Path:
        return self.file("compliance.yml")

    @property
    def theme_dir(self) -> Path:
        return self.root / "theme"


def _read(path: Path) -> dict:
    # Project configuration is ours, not user data: a mistake in it is a bug and may raise.
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def setting(name: str, root: Path = PROJECT_ROOT, district_root: Path | None = None) -> Path:
    """site_config/NAME: the district's own copy when it has one, else the tool's."""
    own = Path(district_root) / "site_config" / name if district_root else None
    return own if own is not None and own.is_file() else root / "site_config" / name


def district_root_of(data_dir: Path) -> Path:
    """The district repository of a data folder: the folder above it, as for content/."""
    return Path(data_dir).resolve().parent


def load_site_config(root: Path = PROJECT_ROOT, district_root: Path | None = None) -> SiteConfig:
    def read(name: str) -> dict:
        return _read(setting(name, root, district_root))

    structure = read("structure.yml")

    def pages(key: str) -> list[PageSpec]:
        return [PageSpec(p["file"], p["title"], p["template"], p.get("when")) for p in structure[key]]

    return SiteConfig(
        root=root,
        vocabulary=Vocabulary.from_data(read("vocabulary.yml")),
        school_pages=pages("school"),
        district_pages=pages("district"),
        publication=read("publication.yml"),
        texts=structure.get("texts", {}),
        kpi_rules=read("kpi.yml")["rules"],
        district_root=district_root,
        district_full_lists=int(structure.get("district_full_lists", 60)),
    )
