"""Material's search index built from each page's HTML by one regex where the HTML is regular."""

from __future__ import annotations

import html
import re

from material.plugins.search import plugin as search_plugin


# Material's search plugin reads every page's HTML again with html.parser (pure Python, a regex per
# attribute, line counting) to build its index. Markdown's own HTML is regular: where every "<"
# opens a plain tag with double-quoted attributes, one regex finds the same events html.parser
# would report, in the same pieces. Any other page (comments, scripts, unquoted attributes, a
# stray "<") goes to html.parser itself.
_SPACE = "[ \t\n\r\f]"  # what ends a tag name for html.parser too (\s alone would not)
_TAG = re.compile(rf"<(?:/([a-zA-Z][a-zA-Z0-9]*){_SPACE}*>|([a-zA-Z][a-zA-Z0-9]*)"
                  rf"((?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?)*){_SPACE}*(/?)>)")
_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
_RAW_TEXT_TAGS = {"script", "style"}  # html.parser reads their content differently


def html_events(text: str) -> list[tuple] | None:
    """html.parser's events for regular HTML: ("data", s), ("start"|"startend", tag, attrs), ("end", tag)."""
    events: list[tuple] = []
    pos = 0
    while (lt := text.find("<", pos)) >= 0:
        match = _TAG.match(text, lt)
        if match is None:
            return None
        if lt > pos:
            events.append(("data", html.unescape(text[pos:lt])))
        end_tag, tag, attrs, closed = match.groups()
        if end_tag is not None:
            events.append(("end", end_tag.lower()))
        else:
            tag = tag.lower()
            if tag in _RAW_TEXT_TAGS:
                return None
            pairs = [(name.lower(), html.unescape(value) if value else value)
                     for name, value in (m.groups() for m in _ATTR.finditer(attrs))]
            events.append(("startend" if closed else "start", tag, pairs))
        pos = match.end()
    if pos < len(text):
        events.append(("data", html.unescape(text[pos:])))
    return events


class _SearchParser(search_plugin.Parser):
    """Material's Parser, fed by html_events, its handlers with the same rules on plain sets.

    Material's elements compare and hash by tag, so its «skip» set and its «context» list
    answer questions about tags only; here the tags are kept in a set and a count, which
    asks no Python-level __eq__ or __hash__ of each open element for each piece of text.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.skip_tags = {"object", "script", "style"}
        self.open_tags: dict[str, int] = {}  # tag -> how many of self.context have it

    def feed(self, data: str) -> None:
        events = html_events(data)
        if events is None:
            super().feed(data)
            return
        handlers = {"data": self.handle_data, "start": self.handle_starttag,
                    "startend": self.handle_startendtag, "end": self.handle_endtag}
        for kind, *args in events:
            handlers[kind](*args)

    def _skipping(self) -> bool:
        return not self.skip_tags.isdisjoint(self.open_tags)

    def _section_parts(self) -> list[str]:
        return self.section.title if self.section.el.tag in self.open_tags else self.section.text

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in search_plugin.void:
            return
        attrs = dict(attrs)
        el = search_plugin.Element(tag, attrs)
        self.context.append(el)
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        if tag in _HEADINGS and "id" in attrs:
            self._open_section(el, tag, attrs["id"])
        if not self.section:
            self.section = search_plugin.Section(search_plugin.Element("hx"))
            self.data.append(self.section)
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            self.skip_tags.add(tag)
            return
        if tag in self.keep and not self._skipping():
            self._section_parts().append(f"<{tag}>")

    def _open_section(self, el, tag: str, id_: str) -> None:
        depth = len(self.context)
        if tag != "h1" and not self.data:
            self.data.append(search_plugin.Section(search_plugin.Element("hx"), depth))
        self.section = search_plugin.Section(el, depth)
        if len(self.data) > 0:
            self.section.id = id_
        self.data.append(self.section)

    def handle_endtag(self, tag: str) -> None:
        if not self.context or self.context[-1].tag != tag:
            return
        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        self.context.pop()
        self.open_tags[tag] -= 1
        if not self.open_tags[tag]:
            del self.open_tags[tag]
        if tag in self.skip_tags:
            if tag not in ("script", "style", "object"):
                self.skip_tags.remove(tag)
            return
        if tag in self.keep and not self._skipping():
            self._close_kept(self._section_parts(), tag)

    @staticmethod
    def _close_kept(parts: list[str], tag: str) -> None:
        """Material's rule: an element with nothing but whitespace inside is dropped whole."""
        index = parts.index(f"<{tag}>")
        if any(not part.isspace() for part in parts[index + 1:]):
            parts.append(f"</{tag}>")
        else:
            del parts[index:]

    def handle_data(self, data: str) -> None:
        if self._skipping():
            return
        in_pre = "pre" in self.open_tags
        if not in_pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        if not self.section:
            self.section = search_plugin.Section(search_plugin.Element("hx"))
            self.data.append(self.section)
        section = self.section
        if section.el.tag in self.open_tags:
            if not any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context):
                section.title.append(html.escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or in_pre:
                section.text.append(data)
        else:
            section.text.append(html.escape(data, quote=False))


_HEADINGS = {f"h{level}" for level in range(1, 7)}


search_plugin.Parser = _SearchParser  # type: ignore[misc]
