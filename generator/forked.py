"""A function over many items in forked processes that inherit what the caller set up.

Both the readers of schools (partial.py) and the site builders (workers.py) work this way:
the caller puts what every item needs in a module-level variable, then forks; nothing is
pickled but the items and the results.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def fork_map(function: Callable[[Item], Result], items: list[Item], jobs: int,
             ordered: bool = True) -> Iterator[Result]:
    """function(item) for each item: in this process when one is enough, else in up to jobs forked
    ones; ordered gives the results in the items' order, otherwise as they end."""
    if jobs <= 1 or len(items) <= 1:
        yield from map(function, items)
        return
    with multiprocessing.get_context("fork").Pool(min(jobs, len(items))) as pool:
        yield from (pool.imap if ordered else pool.imap_unordered)(function, items)
