"""generator/gcpause.py: the collector is off while a stage runs and as it was afterwards."""

from __future__ import annotations

import gc

import pytest

from generator.gcpause import paused


@paused
def _state(fail: bool = False) -> bool:
    if fail:
        raise ValueError("stage failed")
    return gc.isenabled()


def test_the_collector_is_off_inside_and_back_on_after():
    assert gc.isenabled()
    assert _state() is False
    assert gc.isenabled()


def test_it_is_back_on_after_a_failure():
    with pytest.raises(ValueError):
        _state(fail=True)
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off():
    gc.disable()
    try:
        assert _state() is False
        assert not gc.isenabled()
    finally:
        gc.enable()
