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
        if not self.ignores(message):
            self.messages.append(message)

    def ignores(self, message: str) -> bool:
        """A link to the district or a school site, which MkDocs cannot see."""
        match = _LINK_WARNING.search(message)
        return bool(match and (match.group(1) or match.group(2)) in self.outside_links)


_heard: _Collect | None = None  # the handler of the build under way


def ignored(message: str) -> bool:
    """Whether the build under way would drop this message of MkDocs: a page's memo (render_memo.py)
    need not say it again. A region's district site links to a thousand school sites from each of
    several pages: 8,000 messages, a quarter of a second through logging."""
    return _heard is not None and _heard.ignores(message)


@contextmanager
def _engine_log(outside_links: set[str]):
    """Quiet MkDocs' console output and keep its warnings: a warning fails the site."""
    global _heard
    logger = logging.getLogger("mkdocs")
    handler = _heard = _Collect(outside_links)
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        _heard = None
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate
