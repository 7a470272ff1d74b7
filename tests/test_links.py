"""External links are listed with where they were written, and never fetched."""

from __future__ import annotations

import socket

from generator.cli import main
from tests.minidistrict import make_district


def test_check_links_lists_addresses_without_fetching_them(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    make_district(tmp_path, {
        "schools/alpha/materials.yml": "materials:\n  - title: Памятка\n    url: https://example.ru/pamyatka.pdf\n",
        "schools/alpha/cases.yml": ("cases:\n  - id: c-1\n    title: Проект\n"
                                    "    body: См. [отчёт](https://example.org/otchet_(2025)) и http://example.net/a.\n"),
    })

    def no_network(*args, **kwargs):
        raise AssertionError("nastavnik must not open other hosts")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert main(["check", "--data", "data", "--links"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == [
        "data/schools/alpha/cases.yml:4: http://example.net/a",
        "data/schools/alpha/cases.yml:4: https://example.org/otchet_(2025)",
        "data/schools/alpha/materials.yml:3: https://example.ru/pamyatka.pdf",
    ]
    assert "Внешних ссылок: 3." in out
