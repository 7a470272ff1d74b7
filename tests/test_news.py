"""News and events: pages, item pages, the iCalendar and Atom files (parsed back), and their leak check."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import icalendar
import pytest

from generator import model as m
from generator.errors import DataErrors
from generator.news import month_title, when
from generator.pipeline import build, check
from tests.minidistrict import make_district

DATE = dt.date(2026, 11, 23)
ATOM = "{http://www.w3.org/2005/Atom}"

EVENTS = """
    events:
      - id: n-old
        date: 2025-03-01
        title: Новость прошлого года
      - id: n-1
        date: 2026-10-05
        title: Осенняя новость
        body: Текст **осенней** новости со [ссылкой](https://example.org/a).
        photos:
          - file: files/photo.png
            alt: Наставник и ученик у микроскопа
            caption: Занятие в лаборатории
        attachments:
          - title: Программа
            url: https://example.org/programme.pdf
      - id: e-past
        kind: event
        date: 2026-11-10
        title: Прошедший семинар
      - id: e-2
        kind: event
        date: 2026-12-10
        end_date: 2026-12-11
        title: Двухдневный слёт
        place: Актовый зал
      - id: e-1
        kind: event
        date: 2026-12-01
        time: '10:00'
        end_time: '12:30'
        timezone: Europe/Samara
        title: Семинар с временем
      - id: n-future
        date: 2026-12-20
        title: Новость из будущего
    """
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63f8"
                    "cfc000000301010018dd8db40000000049454e44ae426082")


def _district(tmp_path, events: str = EVENTS, extra: dict | None = None):
    data = make_district(tmp_path, {"schools/alpha/events.yml": events, "events.yml": """
        events:
          - {id: d-1, kind: event, date: 2026-12-05, title: Районный форум}
        """, **(extra or {})})
    (data / "schools/alpha/files").mkdir(parents=True, exist_ok=True)
    (data / "schools/alpha/files/photo.png").write_bytes(PNG)
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("news")
    data = _district(root, extra={"district.yml": """
        name: Учебный муниципальный район
        short_name: Учебный район
        site_url: https://rmc.example.ru/nastavnichestvo/
        """})
    out = root / "site"
    report = build(data, out, DATE)
    assert not report.failed, report.failed
    return out


def _read(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_upcoming_events_soonest_first_and_future_news_hidden(site):
    page = _read(site, "schools/alpha/events.html")
    assert page.index("Семинар с временем") < page.index("Двухдневный слёт")
    assert "Прошедший семинар" not in page and "Осенняя новость" not in page
    assert "Запланировано 2 мероприятия" in page
    assert "10–11 декабря 2026 г." in page and "1 декабря 2026 г., 10:00–12:30" in page
    assert "Новость из будущего" not in _read(site, "schools/alpha/news.html")
    assert not (site / "schools/alpha/news/n-future.html").exists()


def test_past_news_newest_first_by_month_with_russian_dates(site):
    page = _read(site, "schools/alpha/news.html")
    assert page.index("Ноябрь 2026") < page.index("Прошедший семинар") < page.index("Октябрь 2026") \
        < page.index("Осенняя новость")
    assert "5 октября 2026 г." in page
    assert "Новость прошлого года" not in page and "Новость прошлого года" in _read(site, "schools/alpha/archive.html")
    assert "1 фотография, 1 материал" in page


def test_district_pages_gather_the_schools_items(site):
    events = _read(site, "events.html")
    assert events.index("Семинар с временем") < events.index("Районный форум") < events.index("Двухдневный слёт")
    assert 'href="schools/alpha/news/e-1.html"' in events
    assert "Запланировано 3 мероприятия" in events


def test_item_page_has_photos_with_alt_and_attachments(site):
    page = _read(site, "schools/alpha/news/n-1.html")
    assert 'alt="Наставник и ученик у микроскопа"' in page and 'src="../files/photo.png"' in page
    assert "Занятие в лаборатории" in page and 'href="https://example.org/programme.pdf"' in page
    assert (site / "schools/alpha/files/photo.png").is_file()
    assert 'href="calendar.ics"' in _read(site, "schools/alpha/events.html")
    assert 'href="news.xml"' in _read(site, "schools/alpha/news.html")


def test_calendar_parses_back_as_rfc5545(site):
    cal = icalendar.Calendar.from_ical(_read(site, "schools/alpha/calendar.ics"))
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Прошедший семинар", "Семинар с временем", "Двухдневный слёт"}  # news are not events
    timed = events["Семинар с временем"]
    assert timed["DTSTART"].dt == dt.datetime(2026, 12, 1, 10, 0, tzinfo=timed["DTSTART"].dt.tzinfo)
    assert timed["DTSTART"].params["TZID"] == "Europe/Samara"
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Samara"]
    two_days = events["Двухдневный слёт"]
    assert (two_days["DTSTART"].dt, two_days["DTEND"].dt) == (dt.date(2026, 12, 10), dt.date(2026, 12, 12))
    assert all(e["DTSTAMP"].dt == dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc) for e in events.values())
    assert str(timed["UID"]) == "alpha.e-1@rmc.example.ru"
    assert str(timed["URL"]) == "https://rmc.example.ru/nastavnichestvo/schools/alpha/news/e-1.html"


def test_district_calendar_has_the_same_uids_as_the_schools(site):
    district = icalendar.Calendar.from_ical(_read(site, "calendar.ics"))
    uids = {str(e["UID"]) for e in district.walk("VEVENT")}
    assert "alpha.e-1@rmc.example.ru" in uids and "district.d-1@rmc.example.ru" in uids
    assert "Районный форум" in [str(e["SUMMARY"]) for e in district.walk("VEVENT")]


def test_atom_feed_parses_back(site):
    feed = ET.fromstring((site / "schools/alpha/news.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}updated").text == "2026-11-23T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles == ["Двухдневный слёт", "Семинар с временем", "Прошедший семинар", "Осенняя новость",
                      "Новость прошлого года"]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links[3] == "https://rmc.example.ru/nastavnichestvo/schools/alpha/news/n-1.html"
    assert all(e.find(f"{ATOM}id").text.startswith("urn:uuid:") for e in entries)
    summary = entries[3].find(f"{ATOM}summary").text
    assert "осенней" in summary and "**" not in summary and "ссылкой (https://example.org/a)" in summary
    # An announcement is dated by the build at the latest, never in the future.
    assert entries[0].find(f"{ATOM}updated").text == "2026-11-23T00:00:00Z"


def test_feeds_without_a_site_address_use_relative_links(tmp_path):
    out = tmp_path / "site"
    assert not build(_district(tmp_path), out, DATE).failed
    feed = ET.fromstring((out / "news.xml").read_bytes())
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href") == "schools/alpha/news/e-2.html"
    assert not [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    cal = icalendar.Calendar.from_ical((out / "calendar.ics").read_text(encoding="utf-8"))
    assert all("URL" not in e for e in cal.walk("VEVENT"))
    assert str(next(iter(cal.walk("VEVENT")))["UID"]).endswith(".nastavnik")


def test_feeds_are_deterministic_for_a_build_date(tmp_path):
    data = _district(tmp_path)
    first, second = tmp_path / "a", tmp_path / "b"
    build(data, first, DATE)
    build(data, second, DATE)
    for name in ("calendar.ics", "news.xml", "schools/alpha/calendar.ics", "schools/alpha/news.xml"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_withheld_name_in_an_event_is_caught_in_the_calendar_and_the_feed(tmp_path):
    # The pupil u-1 «Шишкин Тимур Русланович» is never published; a long line makes iCalendar fold it.
    leaked = EVENTS.replace("title: Прошедший семинар", "title: Прошедший семинар\n        body: " + "Очень " * 12 +
                            "длинное описание — выступил Шишкин Тимур Русланович, ученик 6 класса")
    report = build(_district(tmp_path, leaked), tmp_path / "site", DATE)
    problems = report.failed["alpha"]
    assert any(p.startswith("calendar.ics:") and "Шишкин" in p for p in problems), problems
    assert any(p.startswith("news.xml:") and "Шишкин" in p for p in problems), problems
    assert any(p.startswith("calendar.ics:") for p in report.failed["district"])


def test_photo_without_alt_is_an_error_with_its_line(tmp_path, monkeypatch):
    events = """
        events:
          - id: n-1
            date: 2026-10-05
            title: Новость
            photos:
              - file: files/photo.png
                alt: Описание есть
              - file: files/photo.png
              - file: files/none.png
                alt: Файла нет
        """
    data = _district(tmp_path, events)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataErrors) as caught:
        check(data)
    messages = [e.format() for e in caught.value.errors.sorted()]
    assert messages[0].startswith("data/schools/alpha/events.yml:8: у фотографии «files/photo.png» нет описания (alt)")
    assert messages[1].startswith("data/schools/alpha/events.yml:9: файл «files/none.png» не найден")


def test_time_and_time_zone_are_checked(tmp_path, monkeypatch):
    events = """
        events:
          - {id: e-1, kind: event, date: 2026-12-01, time: '25:00', title: А}
          - {id: e-2, kind: event, date: 2026-12-01, time: 9:30, timezone: Europe/Atlantis, title: Б}
        """
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataErrors) as caught:
        check(_district(tmp_path, events))
    text = "\n".join(e.format() for e in caught.value.errors.sorted())
    assert "время «25:00» записано неверно" in text and "неизвестный часовой пояс «Europe/Atlantis»" in text
    assert m.Event(id="e", date="2026-12-01", title="x", time=570).time == "09:30"  # YAML's 9:30 is 570


@pytest.mark.parametrize(("start", "end", "time", "expected"), [
    ("2026-12-10", None, None, "10 декабря 2026 г."),
    ("2026-12-10", "2026-12-11", None, "10–11 декабря 2026 г."),
    ("2026-11-30", "2026-12-02", "09:00", "30 ноября – 2 декабря 2026 г., 09:00"),
    ("2026-12-30", "2027-01-02", None, "30 декабря 2026 г. – 2 января 2027 г."),
])
def test_dates_read_as_russian(start, end, time, expected):
    assert when(m.Event(id="e", date=start, end_date=end, time=time, title="x")) == expected
    assert month_title(dt.date(2023, 9, 1)) == "Сентябрь 2023"


def test_leak_check_reads_folded_and_escaped_calendar_lines(tmp_path):
    from generator.policy import Disclosure, NameRule
    from generator.verify import find_leaks

    (tmp_path / "calendar.ics").write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDESCRIPTION:Выступил Шиш\r\n кин Тимур\\, ученик\\nДалее\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    rules = Disclosure(names=[NameRule("Шишкин Тимур Русланович", "none", "mentees.yml:3 (наставляемый u-1)", True)])
    problems = find_leaks(tmp_path, rules)
    assert len(problems) == 1 and problems[0].startswith("calendar.ics:3: опубликованы персональные данные")
    assert "«Шишкин" in problems[0]


def test_calendar_without_events_is_still_a_valid_calendar(site):
    cal = icalendar.Calendar.from_ical(_read(site, "schools/beta/calendar.ics"))
    assert not cal.walk("VEVENT") and [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Moscow"]
    assert "Анонсов пока нет" in _read(site, "schools/beta/events.html")
