"""The user guide (docs/) as a script: every shell command in it runs, chapter after chapter, in
one new folder, as a reader following the guide would type it; the output it shows is checked.

What a reader does by hand is written beside the commands as an HTML comment the page does not
show: `<!-- test: fill FILE: Heading=value; … -->` types a row into an Excel form,
`<!-- test: write FILE -->` saves the YAML block that follows, `<!-- test: output -->` says the
text block that follows is what the previous command prints, `<!-- test: skip … -->` leaves out
the next block (only the installation, which tests/test_init.py covers with a real wheel).
A command followed by `# код N` must end with exit code N.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.test_serve import hears_ctrl_c, stopped

from tests.conftest import ROOT
from tests.test_init import fill_mentor

DOCS = ROOT / "docs"
CHAPTERS = re.findall(r"\]\(([a-z-]+\.md)\)", (DOCS / "README.md").read_text("utf-8"))
_FENCE = re.compile(r"(?:<!-- test: (?P<note>.*?) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```|"
                    r"<!-- test: (?P<alone>fill .*?) -->", re.S)


@dataclass
class Reader:
    """The reader's terminal: the current folder and what the last command printed."""

    cwd: Path
    output: str = ""
    env: dict[str, str] = field(default_factory=lambda: {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8",
        "NASTAVNIK_KEY": "tests-only-key-not-a-secret", "PYTHONPATH": str(ROOT)})

    def run(self, line: str) -> None:
        command, _, expected = line.partition("# код")
        command = command.strip()
        if command.startswith("cd "):
            self.cwd = (self.cwd / command[3:].strip()).resolve()
            assert self.cwd.is_dir(), line
            return
        if command.startswith("nastavnik serve"):
            return self.serve(command)
        result = subprocess.run(["bash", "-c", command], cwd=self.cwd, env={**self.env, "HOME": str(self.cwd)},
                                capture_output=True, text=True, timeout=600)
        self.output = result.stdout + result.stderr
        code = int(expected) if expected.strip() else 0
        assert result.returncode == code, f"{line}\n→ код {result.returncode}\n{self.output}"
        assert "Traceback" not in self.output, self.output

    def serve(self, command: str) -> None:
        process = subprocess.Popen([*command.split(), "--port", "0"], cwd=self.cwd, text=True,
                                   env={**self.env, "PYTHONUNBUFFERED": "1"}, preexec_fn=hears_ctrl_c,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            match = None
            for line in process.stdout:
                match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if match:
                    break
            assert match, process.stderr.read()
            with urllib.request.urlopen(f"http://127.0.0.1:{match.group(1)}/", timeout=60) as page:
                assert "<html" in page.read().decode("utf-8")
        finally:
            process.send_signal(signal.SIGINT)
            stopped(process)
        assert process.returncode == 0

    def fill(self, note: str) -> None:
        path, _, cells = note.removeprefix("fill ").partition(": ")
        fill_mentor(self.cwd / path, dict(cell.split("=", 1) for cell in cells.split("; ")))


def steps(chapter: str):
    """The chapter's blocks in order: (note, language, body)."""
    for match in _FENCE.finditer((DOCS / chapter).read_text("utf-8")):
        if match.group("alone"):
            yield match.group("alone"), "", ""
        else:
            yield match.group("note") or "", match.group("lang"), match.group("body")


@pytest.fixture(scope="module")
def reader(tmp_path_factory) -> Reader:
    return Reader(tmp_path_factory.mktemp("reader"))


def test_guide_lists_every_chapter():
    assert sorted(CHAPTERS) == sorted(p.name for p in DOCS.glob("*.md") if p.name != "README.md")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_commands_run(chapter, reader):
    ran = 0
    for note, lang, body in steps(chapter):
        if note.startswith("skip"):
            continue
        if note.startswith("fill "):
            reader.fill(note)
        elif note.startswith("write "):
            target = reader.cwd / note.removeprefix("write ").strip()
            target.write_text(body, encoding="utf-8")
        elif note == "output":
            missing = [line for line in body.splitlines() if line.strip() and line.strip() not in reader.output]
            assert not missing, f"в выводе нет строк {missing}:\n{reader.output}"
        elif lang == "sh":
            for line in body.splitlines():
                if line.strip():
                    reader.run(line)
                    ran += 1
    assert ran, f"в главе {chapter} нет ни одной команды"
