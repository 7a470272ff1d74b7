"""Settings that are data, not code: site_config/ (structure, vocabulary, publication)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.vocabulary import Vocabulary

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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

    @property
    def base_mkdocs(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def compliance_file(self) -> Path:
        return self.root / "site_config" / "compliance.yml"

    @property
    def theme_dir(self) -> Path:
        return self.root / "theme"


def _read(path: Path) -> dict:
    # Project configuration is ours, not user data: a mistake in it is a bug and may raise.
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_site_config(root: Path = PROJECT_ROOT) -> SiteConfig:
    folder = root / "site_config"
    structure = _read(folder / "structure.yml")

    def pages(key: str) -> list[PageSpec]:
        return [PageSpec(p["file"], p["title"], p["template"], p.get("when")) for p in structure[key]]

    return SiteConfig(
        root=root,
        vocabulary=Vocabulary.from_data(_read(folder / "vocabulary.yml")),
        school_pages=pages("school"),
        district_pages=pages("district"),
        publication=_read(folder / "publication.yml"),
        texts=structure.get("texts", {}),
        kpi_rules=_read(folder / "kpi.yml")["rules"],
    )
