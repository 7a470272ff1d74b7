"""Golden files: the Markdown generated for one demo school, compared byte for byte.

After an intended change of templates or data run `make golden` and review `git diff tests/golden/`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.pipeline import prepare
from tests.conftest import DEMO_DATA, DEMO_DATE

GOLDEN = Path(__file__).parent / "golden"
SCHOOL = "sosh-1"


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    _, specs = prepare(DEMO_DATA, DEMO_DATE, schools=[SCHOOL])
    spec = specs[0]
    files = dict(spec.pages)
    files["_nav.json"] = json.dumps(spec.nav, ensure_ascii=False, indent=2) + "\n"
    return files


def test_golden_markdown(generated, request):
    folder = GOLDEN / SCHOOL
    if request.config.getoption("--update-golden"):
        for old in folder.rglob("*"):
            if old.is_file():
                old.unlink()
        for name, text in generated.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        pytest.skip("golden files rewritten; review git diff tests/golden/")
    expected = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
                for p in folder.rglob("*") if p.is_file()}
    assert sorted(generated) == sorted(expected), "pages added or removed: run make golden"
    for name in sorted(expected):
        assert generated[name] == expected[name], f"{name} differs from tests/golden/{SCHOOL}/{name}"
