"""Jinja2 filters that turn data into safe Markdown: escaping, Russian dates and plurals."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")
# text() runs on every value of every table: most values hold nothing to escape, and
# looking for that first costs a fraction of what the substitutions cost.
_SPECIAL = re.compile(r"[&<>\\`*_\[\]|]")
_NUMBERED = re.compile(r"^(\s*)(\d+)\.(\s)", re.M)
_BLOCK_MARK = re.compile(r"^(\s*)([#>+-])(\s)", re.M)
_MARKUP_AT_START = re.compile(r"\s*(?:\d+\.|[#>+-])\s")  # either of the two above, at the very start
_LINE_BREAK = re.compile(r"\s*\n\s*")


def _escape_html(value: str, quotes: bool = False) -> str:
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace('"', "&quot;") if quotes else value


def text(value) -> str:
    """Plain text inside Markdown: no HTML and no accidental Markdown markup."""
    if value is None:
        return ""
    escaped = str(value)
    if _SPECIAL.search(escaped):
        escaped = _MD_SPECIAL.sub(r"\\\1", _escape_html(escaped))
    if "\n" in escaped or _MARKUP_AT_START.match(escaped):  # else a line can only start at 0
        escaped = _NUMBERED.sub(r"\1\2\\.\3", escaped)  # not a numbered list
        escaped = _BLOCK_MARK.sub(r"\1\\\2\3", escaped)
    return escaped


def html_text(value) -> str:
    """Text inside raw HTML that a template writes (Markdown does not process it there)."""
    return "" if value is None else _escape_html(str(value), quotes=True)


def engine_safe(value: str) -> str:
    """A site name: the theme prints it into HTML unescaped in places, so no angle brackets reach it."""
    return value.replace("<", "‹").replace(">", "›").replace("\"", "”").replace("'", "’")


def cell(value) -> str:
    """Text in a Markdown table cell: one line, pipes escaped."""
    if value is None or (not value and value != 0):
        return "—"
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    escaped = text(value)
    return (_LINE_BREAK.sub(" ", escaped) if "\n" in escaped else escaped).strip()


_LINK_TARGET = re.compile(r"(\]\(\s*|^\s*\[[^\]]+\]:\s*)([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)", re.M)
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")


def _safe_target(match: re.Match) -> str:
    target = match.group(2)
    scheme = re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target)
    if scheme and not target.lower().startswith(_SAFE_SCHEMES):
        target = "#"  # javascript:, data:, vbscript: … never become a live link
    return match.group(1) + target


def markdown(value) -> str:
    """Markdown typed by a user: Markdown stays, raw HTML is shown as text, not run."""
    if value is None:
        return ""
    text = str(value).replace("<", "&lt;").replace(">", "&gt;").strip()
    return _LINK_TARGET.sub(_safe_target, text)


def ru_date(value: dt.date | None) -> str:
    return format_date(value, "d MMMM y 'г.'", locale="ru") if value else ""


def short_date(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: 1 пара, 2 пары, 5 пар."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        word = one
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = few
    else:
        word = many
    return f"{n} {word}"


def number(value) -> str:
    if value is None:
        return "—"
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.1f}".replace(".", ",")


def strip_title(value: str) -> str:
    """A content page inserted into a generated page loses its own «# Title» line."""
    return re.sub(r"\A\s*#\s+[^\n]*\n", "", value).strip()


FILTERS = {"strip_title": strip_title, "h": html_text, "t": text, "cell": cell, "md": markdown, "date": ru_date, "dmy": short_date,
           "plural": plural, "num": number}
