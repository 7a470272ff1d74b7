"""Shared fixtures: the demo district built once per test session."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

# Labels of unnamed people are keyed hashes; a fixed test key keeps golden files and
# repeated builds identical. Tests of the no-key case remove it with monkeypatch.
os.environ.setdefault("NASTAVNIK_KEY", "tests-only-key-not-a-secret")

# Property tests explore new examples on a developer's machine; in CI they replay a fixed set,
# so that a red run always means a change, never luck.
try:
    from hypothesis import settings

    # No deadline anywhere: tests never fail on timing, and a shared CI machine is slow at times.
    settings.register_profile("local", deadline=None)
    settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
    settings.load_profile("ci" if os.environ.get("CI") else "local")
except ImportError:  # hypothesis is a test dependency; the build never needs it
    pass

ROOT = Path(__file__).resolve().parent.parent
DEMO_DATA = ROOT / "data"
DEMO_DATE = dt.date(2026, 11, 23)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current output instead of comparing")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo district built with a fixed date; returns the output folder."""
    from generator.pipeline import build

    out = tmp_path_factory.mktemp("demo") / "site"
    report = build(DEMO_DATA, out, DEMO_DATE)
    assert not report.failed, report.failed
    return out


@pytest.fixture(scope="session")
def demo_data():
    from generator.pipeline import check

    return check(DEMO_DATA)


@pytest.fixture(scope="session")
def xss_site(tmp_path_factory) -> Path:
    """The small district with XSS payloads in every free-text field (tests/xss.py), built once."""
    from generator.pipeline import build
    from tests.xss import xss_district

    root = tmp_path_factory.mktemp("xss")
    report = build(xss_district(root), root / "site", DEMO_DATE)
    assert not report.failed, report.failed
    return root / "site"
