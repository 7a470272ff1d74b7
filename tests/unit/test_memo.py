"""The memo of what a site's build made: reused for equal inputs only, in its own environment only."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from generator import model as m
from generator.memo import Memo, digest


def saved(path, environment: str, make, *inputs) -> None:
    """A build that made something from inputs and was published."""
    memo = Memo(path, environment)
    memo.made("kind", make, *inputs)
    memo.save()


class Calls:
    def __init__(self):
        self.seen = []

    def __call__(self, *inputs):
        self.seen.append(inputs)
        return f"made of {inputs!r}"


def test_equal_inputs_are_made_once_across_builds(tmp_path):
    path, make = tmp_path / "memo.pickle", Calls()
    first = Memo(path, "env-1")
    value = first.made("kind", make, ["a", 1], dt.date(2026, 12, 1))
    first.save()
    again = Memo(path, "env-1").made("kind", make, ["a", 1], dt.date(2026, 12, 1))
    assert again == value and len(make.seen) == 1


@pytest.mark.parametrize("other", [
    (["a", 2], dt.date(2026, 12, 1)),  # another input
    (["a", 1], dt.date(2026, 12, 2)),
    (["a", "1"], dt.date(2026, 12, 1)),  # the same text, another type
])
def test_other_inputs_are_made_again(tmp_path, other):
    path, make = tmp_path / "memo.pickle", Calls()
    saved(path, "env", make, ["a", 1], dt.date(2026, 12, 1))
    assert Memo(path, "env").made("kind", make, *other) == f"made of {other!r}"
    assert len(make.seen) == 2


def test_a_key_that_stands_for_the_inputs_decides_alone(tmp_path):
    """made_from: for inputs too many to hash on every build, a key that determines them."""
    path, make = tmp_path / "memo.pickle", Calls()
    first = Memo(path, "env-1")
    value = first.made_from("kind", ["digest-1"], make, ["a", 1])
    first.save()
    assert Memo(path, "env-1").made_from("kind", ["digest-1"], make, ["a", 1]) == value and len(make.seen) == 1
    Memo(path, "env-1").made_from("kind", ["digest-2"], make, ["a", 1])
    assert len(make.seen) == 2


def test_another_environment_or_kind_makes_again(tmp_path):
    path, make = tmp_path / "memo.pickle", Calls()
    saved(path, "env-1", make, "x")
    Memo(path, "env-2").made("kind", make, "x")
    Memo(path, "env-1").made("other kind", make, "x")
    assert len(make.seen) == 3


def test_only_what_a_build_used_is_kept(tmp_path):
    path, make = tmp_path / "memo.pickle", Calls()
    saved(path, "env", make, "old")
    saved(path, "env", make, "new")
    Memo(path, "env").made("kind", make, "old")
    assert [inputs for inputs in make.seen] == [("old",), ("new",), ("old",)]


def test_a_broken_memo_is_ignored_and_nothing_is_written_without_a_path(tmp_path):
    path, make = tmp_path / "memo.pickle", Calls()
    path.write_bytes(b"not a pickle")
    assert Memo(path, "env").made("kind", make, "x") == "made of ('x',)"
    Memo(None, "env").save()
    assert path.read_bytes() == b"not a pickle"


def test_the_memo_folder_is_for_the_builder_only(tmp_path):
    memo = Memo(tmp_path / "state" / "render" / "memo.pickle", "env")
    memo.made("kind", Calls(), "x")
    memo.save()
    assert (tmp_path / "state" / "render").stat().st_mode & 0o077 == 0


def test_digests_see_every_field_of_models_and_dataclasses():
    event = m.Event(id="e-1", title="Семинар", date=dt.date(2026, 12, 1))
    other = m.Event(id="e-1", title="Семинар", date=dt.date(2026, 12, 1), place="Актовый зал")
    assert digest(event) != digest(other)
    assert digest({"b": {3, 1}, "a": None}) == digest({"a": None, "b": {1, 3}})  # orders do not matter
    assert digest([{"a": 1}]) != digest([{"a": 2}]) != digest([{"b": 1}])


def test_an_input_without_a_canonical_form_is_a_bug():
    with pytest.raises(TypeError, match="object"):
        digest(object())


def test_digests_do_not_depend_on_the_process():
    code = ("import datetime as dt; from generator.memo import digest; "
            "print(digest([{'в', 'а', 'б'}, {'k': frozenset({'x', 'y'})}, dt.date(2026, 1, 2)]))")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(seen) == 1

