"""The corpus of bad inputs (tests/corpus/): every case is refused with exactly the expected messages.

Each case is a folder with a case.yml that patches the small district of tests/minidistrict.py
(see tests/corpus/README.md). `nastavnik check` and `nastavnik build` both run on the patched
data; both must end with exit code 1, print the expected «file:place: message» lines and no
others, show no traceback, and leave the previously built site byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.corpus.patch import apply_case, error_lines
from tests.minidistrict import make_district

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yml").is_file())
DATE = "2026-11-23"


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file and link of a folder with a digest of its bytes, dot folders included."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = "-> " + str(path.readlink())
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = "dir"
    return found


@pytest.fixture(scope="module")
def base_site(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The site built from the unchanged small district: what a bad input must not touch."""
    root = tmp_path_factory.mktemp("corpus-base")
    data = make_district(root)
    out = root / "site"
    assert main(["build", "--data", str(data), "--out", str(out), "--date", DATE]) == 0
    return out, tree_digest(out)


def _run(args: list[str], capsys) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_corpus_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_refused(name, tmp_path, monkeypatch, capsys, base_site):
    case = yaml.safe_load((CORPUS / name / "case.yml").read_text(encoding="utf-8"))
    site, before = base_site
    monkeypatch.chdir(tmp_path)
    make_district(tmp_path)
    apply_case(case, CORPUS / name, tmp_path)
    shutil.copytree(site, tmp_path / "site", symlinks=True)
    expected = sorted(case["expect"])

    for command in case.get("commands", ["check", "build"]):
        args = [command, "--data", "data"] + (["--out", "site", "--date", DATE] if command == "build" else [])
        code, output = _run(args + case.get("args", []), capsys)
        assert "Traceback" not in output
        assert code == 1, f"{command}: exit code {code}\n{output}"
        assert sorted(error_lines(output)) == expected, f"{command}:\n{output}"
        assert tree_digest(tmp_path / "site") == before, f"{command} changed the published site"


def test_output_folder_that_is_a_file_is_wrong_usage(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    make_district(tmp_path)
    (tmp_path / "site").write_text("не папка", encoding="utf-8")
    code, output = _run(["build", "--data", "data", "--out", "site", "--date", DATE], capsys)
    assert code == 2 and "Traceback" not in output
    assert "site — это файл, а не папка" in output
    assert (tmp_path / "site").read_text(encoding="utf-8") == "не папка"
