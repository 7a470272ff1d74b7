"""Issue acceptance: a district with people planted for the purpose publishes exactly what it may.

Adults with each consent level, an expired consent, a pupil who is a mentor, a pupil whose
consent column says «полностью», contacts everywhere; then a case text that names a pupil
in a declined form must stop the build and say where.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.nameforms import NameForms
from generator.pipeline import build
from tests.minidistrict import make_district

DATE = dt.date(2026, 11, 23)

MENTORS = """
    mentors:
      - {id: m-full, name: Сорокина Вера Павловна, consent: полностью, position: учитель химии,
         phone: "+7 (901) 111-22-33", email: sorokina@school.example}
      - {id: m-init, name: Белов Григорий Андреевич, consent: initials, position: учитель истории}
      - {id: m-none, name: Крылова Надежда Ивановна, position: учитель музыки, email: krylova@school.example}
      - {id: m-expired, name: Гусев Олег Викторович, consent: full, consent_until: 2026-06-30}
      - {id: m-pupil, name: Лисицын Ярослав Денисович, category: pupil, grade: 10А, consent: full,
         phone: "89215554433"}
"""
MENTEES = """
    mentees:
      - {id: u-pupil, name: Кошкина Милана Артёмовна, grade: 6Б, consent: полностью, joined: 2025-09-10,
         guardian_contacts: "мама, +7 921 777-66-55"}
      - {id: u-teen, name: Зайцев Тихон Ильич, age: 16, category: student, consent: full}
      - {id: t-young, name: Новикова Дарья Сергеевна, category: teacher, consent: full, position: учитель ИЗО}
"""
PAIRS = """
    pairs:
      - {id: p-1, mentors: [m-pupil], mentees: [u-pupil], form: ученик – ученик, start: 2025-09-10}
      - {id: p-2, mentors: [m-full, m-none], mentees: [t-young], form: педагог – педагог, start: 2025-09-10}
"""
WITHHELD = ["Крылова Надежда Ивановна", "Гусев Олег Викторович", "Лисицын Ярослав Денисович",
            "Кошкина Милана Артёмовна", "Зайцев Тихон Ильич"]


def _planted(tmp_path: Path, case_body: str) -> Path:
    return make_district(tmp_path, {
        "schools/alpha/mentors.yml": MENTORS, "schools/alpha/mentees.yml": MENTEES,
        "schools/alpha/pairs.yml": PAIRS,
        "schools/alpha/cases.yml": f"cases:\n  - id: c-1\n    title: Практика\n    body: {case_body}\n",
    })


def _all_output(out: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace").lower().replace("ё", "е")
                     for p in out.rglob("*") if p.is_file())


def test_nobody_without_consent_appears_in_any_byte(tmp_path):
    out = tmp_path / "site"
    report = build(_planted(tmp_path, "Сорокиной Вере Павловне и Белову Г. А. — спасибо."), out, DATE)
    assert not report.failed, report.failed
    text = _all_output(out)
    for name in WITHHELD:
        surname, first, _ = name.split()
        forms = NameForms.of(name)
        assert not any(f"{s} {f}" in text for s in forms.surnames for f in forms.firsts), name
        assert not any(f"{s} {first[0].lower()}." in text for s in forms.surnames), name
    for contact in ("sorokina@school.example", "krylova@school.example", "555-44-33", "5554433",
                    "777-66-55", "901) 111-22-33"):
        assert contact not in text, contact
    mentors = (out / "schools/alpha/mentors.html").read_text(encoding="utf-8")
    mentees = (out / "schools/alpha/mentees.html").read_text(encoding="utf-8")
    assert "Сорокина Вера Павловна" in mentors and "учитель химии" in mentors
    assert "Белов Г. А." in mentors and "Григорий" not in mentors and "учитель истории" not in mentors
    assert "Новикова Дарья Сергеевна" in mentees
    assert "6 класс" in mentees and "10 класс" in mentors, "pupils appear as their grade"


@pytest.mark.parametrize("body, leaked", [
    ("Милана Кошкина из 6 класса прочитала доклад.", "Кошкина"),
    ("Работа с Кошкиной Миланой дала результат.", "Кошкиной"),
    ("Благодарим Крылову Н. И. за помощь.", "Крылову"),
    ("Консультировал Белов Григорий Андреевич.", "Белов"),
])
def test_a_name_in_a_case_stops_the_build_and_says_where(tmp_path, body, leaked):
    data = _planted(tmp_path, "Без имён.")
    out = tmp_path / "site"
    assert not build(data, out, DATE).failed
    before = (out / "schools/alpha/cases/c-1.html").read_bytes()

    (data / "schools/alpha/cases.yml").write_text(
        f"cases:\n  - id: c-1\n    title: Практика\n    body: {body}\n", encoding="utf-8")
    report = build(data, out, DATE)

    # The district site shows case titles only, so it is not touched by a leak in a case body.
    assert list(report.failed) == ["alpha"]
    message = "\n".join(report.failed["alpha"])
    assert "cases/c-1.html:" in message and f"«{leaked}" in message
    assert "исправьте: " in message and "data/schools/alpha/cases.yml:4, поле body" in message
    assert (out / "schools/alpha/cases/c-1.html").read_bytes() == before, "the previous site stays"


def _minimal_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer (standard font, so Latin text only)."""
    stream = f"BT /F1 12 Tf 10 50 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]/Contents 4 0 R"
               b"/Resources<</Font<</F1 5 0 R>>>>>>",
               b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
               b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_name_inside_an_attached_pdf_stops_the_build(tmp_path):
    data = make_district(tmp_path, {
        "schools/alpha/mentees.yml": "mentees:\n  - {id: u-1, name: Smith John, grade: 6B}\n",
        "schools/alpha/pairs.yml": "pairs: []\n",
        "schools/alpha/documents.yml": "documents:\n  - {id: o-1, type: order_pairs, file: files/order.pdf}\n",
    })
    (data / "schools/alpha/files").mkdir()
    (data / "schools/alpha/files/order.pdf").write_bytes(_minimal_pdf("Order: Smith John, grade 6"))
    report = build(data, tmp_path / "site", DATE)
    assert "alpha" in report.failed
    assert any(p.startswith("files/order.pdf:1:") and "«Smith" in p for p in report.failed["alpha"])


def test_an_attachment_whose_text_cannot_be_read_is_named_in_a_warning(tmp_path):
    data = make_district(tmp_path, {
        "schools/alpha/documents.yml": "documents:\n  - {id: o-1, type: regulation, file: files/old.doc}\n"})
    (data / "schools/alpha/files").mkdir()
    (data / "schools/alpha/files/old.doc").write_bytes(b"\xd0\xcf\x11\xe0 binary word 97 document")
    report = build(data, tmp_path / "site", DATE)
    assert not report.failed
    assert any("schools/alpha/files/old.doc" in w and "не удалось прочитать" in w for w in report.warnings)
