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
