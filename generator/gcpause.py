"""Reading and validating create many objects that all live on: the cyclic garbage collector,
run every few hundred allocations, would scan them again and again (a fifth of the time of
those stages) and find nothing to free. They pause it; reference counting still frees
whatever is dropped."""

from __future__ import annotations

import functools
import gc


def paused(function):
    """Runs function with the cyclic collector off, restoring it as it was."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return run


def kept(function):
    """As paused, and what function made is then left out of every later collection (gc.freeze):
    it lives for the whole build, and each full collection would scan it again (a thousand
    schools' summaries: a second of CPU). workers.run unfreezes it when the sites are built.
    Cyclic garbage made meanwhile waits for that too: reference counting frees the rest."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        try:
            return paused(function)(*args, **kwargs)
        finally:
            gc.freeze()

    return run
