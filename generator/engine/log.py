"""MkDocs' console output quieted and its warnings kept: a warning fails the site."""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager


_LINK_WARNING = re.compile(r"contains a link '([^']*)', but the target .* is not found|"
                           r"contains a link '([^']*)', but the target is not found")


class _Collect(logging.Handler):
    def __init__(self, outside_links: set[str]) -> None:
        super().__init__(logging.WARNING)
        self.outside_links = outside_links
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        match = _LINK_WARNING.search(message)
        if match and (match.group(1) or match.group(2)) in self.outside_links:
            return  # a link to the district or a school site, which MkDocs cannot see
        self.messages.append(message)


@contextmanager
def _engine_log(outside_links: set[str]):
    """Quiet MkDocs' console output and keep its warnings: a warning fails the site."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect(outside_links)
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate
