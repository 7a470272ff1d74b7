"""`nastavnik serve`: the watcher sees every kind of change, a change rebuilds the site once it
has settled, bad data keeps the last good site up, and the server answers on 127.0.0.1."""

from __future__ import annotations

import os
import urllib.request

from generator.pipeline import build
from generator.serve import Preview, changes, snapshot, start_server, watched_paths
from tests.conftest import DEMO_DATE
from tests.minidistrict import make_district


def touch(path, text: str) -> None:
    """Write and move the modification time on: a fast test must not depend on the clock's resolution."""
    old = path.stat().st_mtime_ns if path.exists() else 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(old + 10**9, old + 10**9))


def test_snapshot_sees_added_changed_and_removed_files(tmp_path):
    (tmp_path / "a.yml").write_text("x", encoding="utf-8")
    (tmp_path / "b.yml").write_text("y", encoding="utf-8")
    before = snapshot([tmp_path])
    touch(tmp_path / "a.yml", "xx")
    (tmp_path / "b.yml").unlink()
    (tmp_path / "c.yml").write_text("z", encoding="utf-8")
    (tmp_path / "~$mentors.xlsx").write_text("lock", encoding="utf-8")  # Excel's lock file is no change
    assert [os.path.basename(p) for p in changes(before, snapshot([tmp_path]))] == ["a.yml", "b.yml", "c.yml"]


def test_watched_paths_cover_data_pages_settings_and_templates(tmp_path):
    data = make_district(tmp_path)
    names = {p.as_posix() for p in watched_paths(data, None)}
    assert data.resolve().as_posix() in names
    assert (tmp_path / "content").resolve().as_posix() in names
    assert (tmp_path / "site_config").resolve().as_posix() in names
    assert any(n.endswith("generator/templates") for n in names)


class Recorder:
    def __init__(self):
        self.calls, self.lines = 0, []

    def build(self, *args):
        self.calls += 1
        return build(*args)


def test_a_change_rebuilds_once_and_bad_data_keeps_the_last_site(tmp_path):
    data = make_district(tmp_path)
    recorder, lines = Recorder(), []
    preview = Preview(data, tmp_path / "out", DEMO_DATE, school="alpha", build=recorder.build, report=lines.append)
    assert preview.rebuild()
    index = preview.root / "index.html"
    assert "Средняя школа «Альфа»" in index.read_text("utf-8")
    assert preview.step() is False and recorder.calls == 1  # nothing changed: nothing built

    school = data / "schools/alpha/school.yml"
    touch(school, "name: Средняя школа «Омега»\n")
    saves = iter([lambda: touch(school, "name: Средняя школа «Омега»\nshort_name: СШ «Омега»\n"), lambda: None])
    assert preview.step(settle=lambda: next(saves)()) is True  # waited for the second save, built once
    assert recorder.calls == 2
    assert "Средняя школа «Омега»" in index.read_text("utf-8")

    touch(school, "name: [\n")
    assert preview.step() is True
    assert any("school.yml" in line for line in lines) and any("прежняя версия" in line for line in lines)
    assert "Средняя школа «Омега»" in index.read_text("utf-8")


def test_a_content_page_change_rebuilds(tmp_path):
    data = make_district(tmp_path)
    preview = Preview(data, tmp_path / "out", DEMO_DATE, school="alpha", report=lambda line: None)
    preview.rebuild()
    touch(tmp_path / "content/schools/alpha/kontakty.md", "# Контакты\n\nКабинет 12.\n")
    assert preview.step() is True
    assert "Кабинет 12." in (preview.root / "kontakty.html").read_text("utf-8")


def test_server_answers_on_localhost(tmp_path):
    (tmp_path / "index.html").write_text("<p>раздел</p>", encoding="utf-8")
    server = start_server(tmp_path, 0)
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as response:
            assert response.read().decode("utf-8") == "<p>раздел</p>"
    finally:
        server.shutdown()
        server.server_close()


def test_serve_command_shows_the_site_and_stops_on_ctrl_c(tmp_path):
    import re
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT

    make_district(tmp_path)
    temporary = tmp_path / "tmp"  # where the preview is built, and its state kept beside it
    temporary.mkdir()
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NASTAVNIK_KEY": "tests-only", "PYTHONUNBUFFERED": "1",
           "TMPDIR": str(temporary)}
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--school", "alpha", "--port", "0"],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=hears_ctrl_c)
    try:
        for line in process.stdout:
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                break
        assert match, process.stderr.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{match.group(1)}/index.html", timeout=30) as response:
            assert "Средняя школа «Альфа»" in response.read().decode("utf-8")
    finally:
        process.send_signal(signal.SIGINT)
        out, err = stopped(process)
    assert process.returncode == 0, err
    assert "Остановлено" in out and "Traceback" not in err
    # The preview and its state (withheld names) are gone; Jinja's cache of compiled templates may stay.
    assert [p.name for p in temporary.iterdir() if "nastavnik" in p.name] == []


def hears_ctrl_c() -> None:
    """In the child before it starts: Ctrl+C as a terminal gives it. A shell that runs the tests in the
    background (a CI runner, `make test &`) makes its commands ignore SIGINT, and Python keeps that."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stopped(process) -> tuple[str, str]:
    """What a process said until it ended; one that does not end is killed and its output shown."""
    import subprocess
    try:
        return process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"не остановился за 60 с после Ctrl+C\n{out}\n{err}") from None


def test_a_school_renamed_while_serving_is_reported_not_fatal(tmp_path):
    data = make_district(tmp_path)
    lines = []
    preview = Preview(data, tmp_path / "out", DEMO_DATE, school="beta", report=lines.append)
    assert preview.rebuild()
    (data / "schools/beta").rename(data / "schools/gamma")
    assert preview.step() is True
    assert any("нет такой школы: beta" in line for line in lines)


def test_until_the_first_good_build_the_page_says_why(tmp_path):
    from generator.serve import _placeholder

    data = make_district(tmp_path, {"schools/alpha/school.yml": "name: [\n"})
    lines = []
    preview = Preview(data, tmp_path / "out", DEMO_DATE, school="alpha", report=lines.append)
    assert not preview.rebuild()
    _placeholder(preview.root)
    assert "Сайт ещё не собран" in (preview.root / "index.html").read_text("utf-8")
    touch(data / "schools/alpha/school.yml", "name: Средняя школа «Альфа»\n")
    assert preview.step() is True
    assert "Средняя школа «Альфа»" in (preview.root / "index.html").read_text("utf-8")
