"""Markup typed into data is inert: no page of a built site holds it as live HTML."""

from __future__ import annotations

from tests.xss import PAYLOAD, live_markup, record
from generator import model as m


def test_every_free_text_field_gets_a_payload():
    # The walk over the models must reach the fields the sites show, or the test below proves little.
    mentor = record(m.MentorsFile)["mentors"][0]
    assert mentor["position"] == PAYLOAD and mentor["competences"] == [PAYLOAD]
    assert record(m.CasesFile)["cases"][0]["body"] == PAYLOAD
    assert record(m.EventsFile)["events"][0]["body"] == PAYLOAD
    assert record(m.School)["curator"]["position"] == PAYLOAD


def test_no_page_holds_live_markup_from_data(xss_site):
    pages = sorted(xss_site.rglob("*.html"))
    found = {p.relative_to(xss_site).as_posix(): live_markup(p.read_text(encoding="utf-8")) for p in pages}
    assert {name: r.found for name, r in found.items() if r.found} == {}
    # The payloads are on the pages, shown as text: escaped, not dropped.
    shown = [name for name, r in found.items() if r.text_seen]
    assert "schools/alpha/cases/x-1.html" in shown and "schools/alpha/mentors.html" in shown
    assert "stranica.html" in shown and len(shown) > 20


def test_search_index_holds_no_live_markup(xss_site):
    for index in xss_site.rglob("search_index.json"):
        text = index.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text
