"""`nastavnik import FILE.xlsx --out FILE.yml`: a form as the project's YAML, for schools that keep YAML in git.

The file is read exactly as the build reads it and checked against the model, so the
YAML holds everything the model knows of the form and passes `nastavnik check`. People
named in a pairs sheet are looked up in the same workbook; a name not found there gets
the id the build would derive from it, with a warning.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from generator import model as m
from generator.config import SiteConfig
from generator.errors import DataErrors, ErrorList, display_path
from generator.excel.link import link
from generator.excel.read import read_table_file
from generator.sourcedoc import SourceDoc
from generator.validate import typed_document

_MODELS = {"mentors": m.MentorsFile, "mentees": m.MenteesFile, "pairs": m.PairsFile,
           "roadmap": m.RoadmapFile, "events": m.EventsFile}


class ImportChoiceError(Exception):
    """The file holds no form of the kind asked for, or several forms and no --kind (usage, exit 2)."""


def _plain(value: Any) -> Any:
    """Model values as YAML writes them by hand: enums as their text, dates as dates."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):  # the id first, as people write records by hand
        return {k: _plain(value[k]) for k in sorted(value, key=lambda k: k != "id")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _choose(kinds: list[str], sheets: list[str], kind: str | None, shown: str) -> str:
    """The form to convert: the one asked for, or the only one the file holds."""
    if kind is not None:
        if kind not in kinds:
            raise ImportChoiceError(f"в {shown} нет формы «{kind}»; есть: {', '.join(kinds) or 'ни одной'}")
        return kind
    if len(sheets) != 1:
        raise ImportChoiceError(f"в {shown} несколько форм ({', '.join(sheets)}): укажите одну, например "
                                f"--kind {sheets[0]}")
    return sheets[0]


def import_table(path: Path, kind: str | None, cfg: SiteConfig) -> tuple[str, str, ErrorList]:
    """(kind, YAML text, warnings) of a form; raises DataErrors with every problem, cell by cell."""
    errors, warnings = ErrorList(), ErrorList()
    shown = display_path(path)
    docs: dict[str, SourceDoc] = {}
    found = read_table_file(path, shown, errors, warnings)
    for profile, doc in found:
        if profile.data_file in docs:
            errors.add(doc.location(), f"«{profile.title}» уже есть на листе «{docs[profile.data_file].sheet}»",
                       "оставьте один лист этой формы")
        docs.setdefault(profile.data_file, doc)
    link(docs, errors, warnings, guess_ids=True)
    if errors:
        raise DataErrors(errors, warnings)
    sheets = list(dict.fromkeys(profile.kind for profile, _ in found))
    if not sheets:
        raise ImportChoiceError(f"в {shown} нет ни одной формы")
    kind = _choose([name[:-4] for name in docs], sheets, kind, shown)
    typed = typed_document(docs[f"{kind}.yml"], _MODELS[kind], cfg, errors)
    if errors or typed is None:
        raise DataErrors(errors, warnings)
    data = _plain(typed.model_dump(mode="python", exclude_defaults=True))
    header = f"# Перенесено из {Path(shown).name} командой nastavnik import.\n"
    return kind, header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110), warnings
