"""Python-Markdown's inline patterns skipped on a piece of text that holds no character they need."""

from __future__ import annotations

import re
import re._constants as re_constants
import re._parser as re_parser

from markdown.treeprocessors import InlineProcessor


# Python-Markdown tries each of its inline patterns (links, emphasis, code, entities…) on every
# piece of text, down to each table cell. Most pieces hold none of the characters those patterns
# need, and then every pattern fails: such a piece is left as it is at once. Which characters a
# pattern needs is read from its regex; a pattern whose regex does not tell leaves all as it was.
_handle_inline = InlineProcessor._InlineProcessor__handleInline  # type: ignore[attr-defined]
_TRIGGERS: dict[tuple, re.Pattern | None] = {}


def _inline_shortcut(self: InlineProcessor, data: str, patternIndex: int = 0) -> str:
    trigger = self.__dict__.get("_nastavnik_trigger", _handle_inline)
    if trigger is _handle_inline:
        trigger = self._nastavnik_trigger = _inline_trigger([p.getCompiledRegExp() for p in self.inlinePatterns])
    if trigger is not None and trigger.search(data) is None:
        return data
    return _handle_inline(self, data, patternIndex)


InlineProcessor._InlineProcessor__handleInline = _inline_shortcut  # type: ignore[attr-defined]


def _inline_trigger(patterns: list[re.Pattern]) -> re.Pattern | None:
    """A regex that finds a character of every match of every pattern; None if one pattern is unclear."""
    key = tuple((p.pattern, p.flags) for p in patterns)
    if key not in _TRIGGERS:
        needs = [None if p.flags & re.IGNORECASE else _needed(re_parser.parse(p.pattern, p.flags)) for p in patterns]
        chars = None if None in needs else sorted(set().union(*needs))
        _TRIGGERS[key] = re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else None
    return _TRIGGERS[key]


def _needed(items) -> frozenset[str] | None:
    """Characters of which every match of a parsed regex holds one (the rarest such set); None if unsure."""
    found = [chars for op, arg in items if (chars := _item_needed(op, arg))]
    # Spaces and letters are in nearly every text: "  \n" (a line break) is found by its "\n".
    return min(found, key=lambda chars: (sum(c == " " or c.isalnum() for c in chars), len(chars)), default=None)


def _item_needed(op, arg) -> frozenset[str] | None:
    if op is re_constants.LITERAL:
        return frozenset(chr(arg))
    if op is re_constants.IN and all(kind is re_constants.LITERAL for kind, _ in arg):
        return frozenset(chr(code) for _, code in arg)
    if op is re_constants.SUBPATTERN:
        _, add_flags, _, items = arg
        return None if add_flags & re.IGNORECASE else _needed(items)
    if op is re_constants.ATOMIC_GROUP:
        return _needed(arg)
    if op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT, re_constants.POSSESSIVE_REPEAT):
        low, _, items = arg
        return _needed(items) if low >= 1 else None
    if op is re_constants.BRANCH:
        branches = [_needed(items) for items in arg[1]]
        return None if None in branches else frozenset().union(*branches)
    return None
