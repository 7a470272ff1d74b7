"""A site that fails verification is not published, and the previous version stays in place."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from generator.fingerprint import FILE_NAME
from generator.pipeline import BuildOptions, build
from tests.minidistrict import make_district

DATE = dt.date(2026, 11, 23)


def test_leak_in_free_text_fails_that_school_only(tmp_path):
    data = make_district(tmp_path)
    out = tmp_path / "site"
    assert not build(data, out, DATE).failed
    before = (out / "schools/alpha/cases/c-1.html").read_text(encoding="utf-8")

    # Зорин gave no consent; a curator types his full name into a case description.
    (data / "schools/alpha/cases.yml").write_text(
        "cases:\n  - id: c-1\n    title: Проект по экологии\n"
        "    body: Руководил проектом Зорин Аркадий Ильич.\n", encoding="utf-8")
    (data / "schools/beta/school.yml").write_text("name: Гимназия «Бета», обновлено\n", encoding="utf-8")
    report = build(data, out, DATE)

    assert list(report.failed) == ["alpha"]
    assert any("«Зорин" in p and "mentors.yml" in p for p in report.failed["alpha"])
    assert (out / "schools/alpha/cases/c-1.html").read_text(encoding="utf-8") == before
    assert "обновлено" in (out / "schools/beta/index.html").read_text(encoding="utf-8")
    leftovers = [p for p in out.iterdir() if p.name.startswith(".") and p.name != FILE_NAME]
    assert not leftovers, "no temporary folders left"


def test_rebuilding_one_school_leaves_the_rest(tmp_path):
    data = make_district(tmp_path)
    out = tmp_path / "site"
    build(data, out, DATE)
    district_index = (out / "index.html").stat().st_mtime_ns
    beta = (out / "schools/beta/index.html").stat().st_mtime_ns
    # Nothing changed, so only --force makes it build alpha again.
    report = build(data, out, DATE, options=BuildOptions(schools=["alpha"], force=True))
    assert [s.id for s in report.built] == ["alpha"]
    assert (out / "index.html").stat().st_mtime_ns == district_index
    assert (out / "schools/beta/index.html").stat().st_mtime_ns == beta


# --- a build killed by a signal at a random moment ------------------------------------------------

def _sites(out) -> dict[str, dict[str, str]]:
    """Each published site's files: the district (without schools/) and every school."""
    from tests.test_corpus import tree_digest

    everything = tree_digest(out)
    sites: dict[str, dict[str, str]] = {}
    for name, digest in everything.items():
        parts = name.split("/")
        site = "/".join(parts[:2]) if parts[0] == "schools" and len(parts) > 2 else "district"
        if parts[0] == "schools" and len(parts) <= 2:
            continue  # the folders themselves
        sites.setdefault(site, {})[name] = digest
    return sites


def _change_every_site(data) -> None:
    for name, text in (("district.yml", "name: Учебный район, версия 2\n"),
                       ("schools/alpha/school.yml", "name: Средняя школа «Альфа», версия 2\n"),
                       ("schools/beta/school.yml", "name: Гимназия «Бета», версия 2\n")):
        (data / name).write_text(text, encoding="utf-8")


def _wait_for_group(group: int) -> None:
    """Until no process of the group is left (workers may take a moment to die)."""
    import time

    for _ in range(200):
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def test_build_killed_at_a_random_moment_leaves_each_site_whole(tmp_path):
    """After a kill and the next build's recovery, each site is its previous or its new version, whole."""
    import random
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from generator.publish import recover

    data = make_district(tmp_path)
    first = tmp_path / "first"
    assert not build(data, first, DATE).failed
    before = _sites(first)
    _change_every_site(data)
    second = tmp_path / "second"
    started = time.monotonic()
    assert not build(data, second, DATE).failed
    duration = time.monotonic() - started
    after = _sites(second)
    assert before.keys() == after.keys() and all(before[s] != after[s] for s in before)

    seed = random.randrange(10**6)
    chance = random.Random(seed)
    command = [sys.executable, "-m", "generator", "build", "--data", str(data), "--date", DATE.isoformat()]
    for attempt, sig in enumerate([signal.SIGKILL, signal.SIGTERM, signal.SIGKILL, signal.SIGINT]):
        out = tmp_path / f"killed-{attempt}"
        shutil.copytree(first, out)
        # Its own process group, signalled as a whole, as Ctrl+C or a cancelled CI job does: the
        # build's worker processes get the signal too.
        process = subprocess.Popen(command + ["--out", str(out)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        # Python's start-up takes a while too: the moment is drawn over the whole run.
        time.sleep(chance.uniform(0.5, 1.0 + duration * 1.5))
        os.killpg(process.pid, sig)
        process.wait(timeout=120)
        _wait_for_group(process.pid)
        recover(out)
        for site, files in _sites(out).items():
            assert files in (before[site], after[site]), f"seed {seed}, {sig.name}: {site} is a mix"
        assert _sites(out).keys() == before.keys(), f"seed {seed}, {sig.name}: a site is missing"
        assert not [p for p in out.rglob(".*") if p.is_dir()], f"seed {seed}: temporary folders left"


def test_a_second_build_into_the_same_folder_is_refused_while_the_first_runs(tmp_path):
    from generator import buildlock
    from generator.pipeline import UsageError, state_dir
    data, out = make_district(tmp_path), tmp_path / "site"
    with buildlock.held(state_dir(out.resolve())):
        with pytest.raises(UsageError, match="собирает сайты другой запуск"):
            build(data, out, DATE)
        assert not out.exists()  # the first build's folders were left alone
    assert not build(data, out, DATE).failed  # the lock ends with the build that held it


def test_a_killed_build_leaves_no_lock_behind(tmp_path):
    from generator.pipeline import state_dir
    data, out = make_district(tmp_path), tmp_path / "site"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from generator import buildlock\nwith buildlock.held(Path(sys.argv[1])):\n"
                               "    print('held', flush=True); time.sleep(60)", str(state_dir(out.resolve()))],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    assert not build(data, out, DATE).failed
