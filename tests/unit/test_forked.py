"""fork_map: the same results in one process, in forked ones, and with items done in this process."""

from __future__ import annotations

import os

import pytest

from generator.forked import fork_map


def _where(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def _fails(item: int) -> int:
    if item == 3:
        raise ValueError("a bug")
    return item


@pytest.mark.parametrize("jobs", [1, 2])
def test_ordered_results_follow_the_items(jobs):
    assert [square for square, _ in fork_map(_where, list(range(7)), jobs)] == [n * n for n in range(7)]


def test_items_done_here_stay_in_this_process_and_the_others_do_not():
    results = list(fork_map(_where, [1, 2, 3, 4], 2, ordered=False, here=[5]))
    assert sorted(square for square, _ in results) == [1, 4, 9, 16, 25]
    assert {pid for square, pid in results if square == 25} == {os.getpid()}
    assert os.getpid() not in {pid for square, pid in results if square != 25}


@pytest.mark.parametrize("here, items", [([3], [1, 2]), ([1], [2, 3, 4])])
def test_a_bug_in_either_place_is_raised_in_the_caller(here, items):
    with pytest.raises(ValueError, match="a bug"):
        list(fork_map(_fails, items, 2, ordered=False, here=here))


def test_one_process_does_the_items_here_first():
    assert [square for square, _ in fork_map(_where, [1, 2], 1, ordered=False, here=[3])] == [9, 1, 4]
