"""End to end: the demo district builds, every page of every site exists and shows its data."""

from __future__ import annotations

import datetime as dt
import filecmp
import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.config import load_site_config
from generator.pipeline import build
from tests.conftest import DEMO_DATA, DEMO_DATE

CFG = load_site_config()


def _html(md: str) -> str:
    return md[:-3] + ".html"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_district_site_has_every_page(demo_site):
    for spec in CFG.district_pages:
        assert (demo_site / _html(spec.file)).is_file(), spec.file


def test_every_school_has_every_page(demo_site, demo_data):
    assert len(demo_data.schools) >= 5
    for sid, school in demo_data.schools.items():
        root = demo_site / "schools" / sid
        switched_on = {"school_checklist": demo_data.district.school_checklist}
        for spec in CFG.school_pages:
            expected = spec.when is None or switched_on[spec.when]
            assert (root / _html(spec.file)).is_file() == expected, f"{sid}: {spec.file}"
        for case in school.cases:
            assert (root / "cases" / f"{case.id}.html").is_file(), f"{sid}: case {case.id}"


def test_school_pages_show_their_data(demo_site, demo_data):
    for sid, school in demo_data.schools.items():
        root = demo_site / "schools" / sid
        assert school.school.name.split("«")[0].strip() in _read(root / "index.html")
        # The current academic year's pairs on the page, the earlier ones in the archive.
        current = [p for p in school.pairs.pairs if p.end is None or p.end >= dt.date(2026, 9, 1)]
        pairs = _read(root / "pairs.html")
        assert max(pairs.count("<tr>") - 1, 0) == len(current), sid
        archived = _read(root / "archive.html")
        for pair in school.pairs.pairs:
            if pair not in current:
                assert f"{pair.start:%d.%m.%Y} – {pair.end:%d.%m.%Y}" in archived, f"{sid}: {pair.id}"
        mentors = _read(root / "mentors.html")
        for mentor in school.mentors.mentors:
            named = mentor.consent.value == "full" and mentor.category != "pupil" and not mentor.grade \
                and not (mentor.consent_until and mentor.consent_until < DEMO_DATE)
            assert (mentor.name in mentors) == named, f"{sid}: {mentor.id}"
        for case in school.cases:
            assert case.title.split("«")[0] in _read(root / "cases" / f"{case.id}.html")


def test_no_pupil_name_and_no_contacts_anywhere(demo_site, demo_data):
    text = "\n".join(_read(p) for p in demo_site.rglob("*") if p.suffix in {".html", ".json"})
    for school in demo_data.schools.values():
        for mentee in school.mentees.mentees:
            if mentee.category == "pupil":
                assert mentee.name not in text
            for contact in (mentee.phone, mentee.email, mentee.guardian_contacts):
                if contact:
                    assert contact not in text
        for mentor in school.mentors.mentors:
            for contact in (mentor.phone, mentor.email):
                if contact:
                    assert contact not in text


def test_incomplete_school_shows_honest_empty_pages(demo_site, demo_data):
    sparse = [sid for sid, s in demo_data.schools.items() if not s.mentors.mentors and not s.pairs.pairs]
    assert sparse, "the demo must keep one deliberately incomplete school"
    page = _read(demo_site / "schools" / sparse[0] / "mentors.html")
    assert "Информация готовится" in page


def test_district_aggregates_schools(demo_site, demo_data):
    directory = _read(demo_site / "schools.html")
    cases = _read(demo_site / "cases.html")
    for sid, school in demo_data.schools.items():
        assert f'href="schools/{sid}/index.html"' in directory
        for case in school.cases:
            assert f'href="schools/{sid}/cases/{case.id}.html"' in cases
    normative = _read(demo_site / "schools" / sorted(demo_data.schools)[0] / "normative.html")
    assert "Р-145" in normative, "federal acts are inherited by every school"


_HREF = re.compile(r'(?:href|src)="([^"]+)"')


@pytest.mark.parametrize("page_glob", ["*.html", "schools/*/*.html", "schools/*/cases/*.html"])
def test_relative_links_resolve_on_disk(demo_site, page_glob):
    """Opened from disk or a sub-path, every relative link must land on a file."""
    broken = []
    for page in demo_site.glob(page_glob):
        for found in _HREF.findall(_read(page)):
            link = html.unescape(found)  # Markdown writes e-mail links as character entities
            if urlsplit(link).scheme or link.startswith("//"):
                continue
            link = urlsplit(link).path
            if not link:
                continue
            assert not link.startswith("/"), f"{page}: absolute link {link} breaks sub-path hosting"
            if not (page.parent / unquote(link)).resolve().exists():
                broken.append(f"{page.relative_to(demo_site)} → {link}")
    assert not broken, broken[:10]


def test_two_builds_are_byte_identical(demo_site, tmp_path):
    again = tmp_path / "site"
    build(DEMO_DATA, again, DEMO_DATE)
    diff = filecmp.dircmp(demo_site, again)

    def differences(d) -> list[str]:
        found = d.left_only + d.right_only + d.diff_files + d.funny_files
        _, mismatch, errors = filecmp.cmpfiles(d.left, d.right, d.common_files, shallow=False)
        found += mismatch + errors
        for sub in d.subdirs.values():
            found += differences(sub)
        return found

    assert differences(diff) == []
