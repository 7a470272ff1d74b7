"""--shard K/N and --district: stable shares of the schools for the jobs of a CI matrix."""

from __future__ import annotations

import pytest

from generator import shard
from generator.cli import main

SCHOOLS = [f"school-{n:04d}" for n in range(1, 201)]


def test_shards_split_the_schools_without_overlap():
    parts = [shard.select(SCHOOLS, (k, 4)) for k in range(1, 5)]
    assert sorted(s for part in parts for s in part) == SCHOOLS
    assert all(20 <= len(part) <= 80 for part in parts), [len(p) for p in parts]  # roughly even


def test_a_new_school_moves_no_other_school():
    before = {k: shard.select(SCHOOLS, (k, 4)) for k in range(1, 5)}
    after = {k: shard.select(sorted(SCHOOLS + ["aaa-new"]), (k, 4)) for k in range(1, 5)}
    for k in before:
        assert [s for s in after[k] if s != "aaa-new"] == before[k]


@pytest.mark.parametrize("text", ["0/4", "5/4", "1", "a/b", "1/0", ""])
def test_a_wrong_shard_is_a_usage_error(text, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--shard", text])
    assert exit_.value.code == 2
    assert "K/N" in capsys.readouterr().err


@pytest.mark.parametrize("flags", [["--district", "--shard", "1/2"], ["--district", "--school", "alpha"]])
def test_district_alone_or_not_at_all(flags, tmp_path, capsys):
    from tests.minidistrict import make_district

    data = make_district(tmp_path)
    assert main(["build", "--data", str(data), "--out", str(tmp_path / "site"), *flags]) == 2
    assert "--district" in capsys.readouterr().err


def test_jobs_must_be_a_positive_number(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--jobs", "0"])
    assert "процессов" in capsys.readouterr().err
