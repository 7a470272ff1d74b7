"""The validated data of a district: what the validation stage hands on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator import model as m
from generator.load import ContentPage


@dataclass
class SiteData:
    """What the district and every school share: acts, documents, roadmap, KPIs, events."""

    id: str
    folder: Path
    regulations: list[m.Act] = field(default_factory=list)
    documents: list[m.Document] = field(default_factory=list)
    roadmaps: dict[str, m.RoadmapFile] = field(default_factory=dict)  # file name → roadmap of a year
    kpis: list[m.Kpi] = field(default_factory=list)
    events: list[m.Event] = field(default_factory=list)
    materials: list[m.Material] = field(default_factory=list)
    pages: list[ContentPage] = field(default_factory=list)


@dataclass
class SchoolData(SiteData):
    school: m.School | None = None
    mentors: m.MentorsFile = field(default_factory=m.MentorsFile)
    mentees: m.MenteesFile = field(default_factory=m.MenteesFile)
    pairs: m.PairsFile = field(default_factory=m.PairsFile)
    programmes: list[m.Programme] = field(default_factory=list)
    cases: list[m.Case] = field(default_factory=list)


@dataclass
class DistrictData(SiteData):
    district: m.District | None = None
    schools: dict[str, SchoolData] = field(default_factory=dict)
    warnings: list = field(default_factory=list)  # DataError: worth telling, not worth stopping a build
