"""A function over many items in forked processes that inherit what the caller set up.

Both the readers of schools (partial.py) and the site builders (workers.py) work this way:
the caller puts what every item needs in a module-level variable, then forks; nothing is
pickled but the items and the results.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def fork_map(function: Callable[[Item], Result], items: list[Item], jobs: int,
             ordered: bool = True, here: list[Item] = ()) -> Iterator[Result]:
    """function(item) for each item: in this process when one is enough, else in up to jobs forked
    ones; ordered gives the results in the items' order, otherwise as they end.

    here: items done meanwhile by a thread of this process, their results among the others as they
    end (unordered only). For an item that walks all of what the caller set up: a forked process
    that walks it writes to every page of it (reference counts) and so copies all of it."""
    if jobs <= 1 or len(items) + len(here) <= 1:
        yield from map(function, [*here, *items])
        return
    assert not (ordered and here), "the results of items done here come as they end"
    with multiprocessing.get_context("fork").Pool(min(jobs, len(items)) or 1) as pool:
        forked = (pool.imap if ordered else pool.imap_unordered)(function, items)
        if not here:
            yield from forked
            return
        yield from _merged([forked, map(function, here)], len(items) + len(here))


def _merged(sources: list[Iterable[Result]], count: int) -> Iterator[Result]:
    """The results of several sources, each drained by its own thread, as they come."""
    found: queue.SimpleQueue = queue.SimpleQueue()

    def drain(source: Iterable[Result]) -> None:
        try:
            for result in source:
                found.put((None, result))
        except BaseException as error:  # a bug: raised again in the caller's thread, with its traceback
            found.put((error, None))

    for source in sources:
        threading.Thread(target=drain, args=(source,), daemon=True).start()
    for _ in range(count):
        error, result = found.get()
        if error is not None:
            raise error
        yield result
