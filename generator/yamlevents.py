"""One pass over libyaml's events of a file, checked as composing a node tree would check them.

PyYAML's composer (in C) builds a tree of nodes, calling back into Python for every node;
that cost more than the C parser and the rest of reading together. The reader builds its
data from the events instead (generator/yamlio.py), so this pass does what composing did
before it: the nesting limit, one document, every alias defined, no anchor defined twice,
and where each collection ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.composer import ComposerError
from yaml.error import Mark

# libyaml's parser is several times faster than the pure-Python one and gives the same events and marks.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_NODES = (yaml.ScalarEvent, *_STARTS)


@dataclass
class Stream:
    """The events of the first document: its root node starts at index 0."""

    events: list = field(default_factory=list)
    ends: dict[int, int] = field(default_factory=dict)  # index of a collection's start → of its end
    anchors: dict[str, int] = field(default_factory=dict)  # anchor → index of the node it names
    too_deep: Mark | None = None  # where nesting first goes deeper than the limit
    # What composing the document would have refused, raised once the whole text is known to parse.
    refused: ComposerError | None = None


def scan(text: str, max_depth: int) -> Stream:
    """Every event of text; raises the parser's errors. Stops where nesting first exceeds max_depth:
    a recursive composer would overflow the C stack there, and the reader recurses too."""
    loader = LOADER(text)
    stream, open_at, documents, depth = Stream(), [], 0, 0
    get_event, append, scalar = loader.get_event, stream.events.append, yaml.ScalarEvent
    while True:
        event = get_event()
        if type(event) is scalar and event.anchor is None and documents == 1:
            append(event)  # most events: nothing else to check or record
            continue
        if event is None or isinstance(event, yaml.StreamEndEvent):
            return stream
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents == 2 and stream.refused is None:
                root = stream.events[0].start_mark
                stream.refused = ComposerError("expected a single document in the stream", root,
                                               "but found another document", event.start_mark)
        elif documents == 1 and isinstance(event, (*_NODES, *_ENDS, yaml.AliasEvent)):
            if _add(stream, event, open_at, max_depth):
                return stream
        elif documents > 1 and isinstance(event, (*_STARTS, *_ENDS)):  # later documents: only their depth
            depth += 1 if isinstance(event, _STARTS) else -1
            if depth > max_depth:
                stream.too_deep = event.start_mark
                return stream


def _add(stream: Stream, event, open_at: list, max_depth: int) -> bool:
    """Records an event of the first document; True where nesting goes too deep."""
    index = len(stream.events)
    if isinstance(event, _ENDS):
        stream.ends[open_at.pop()] = index
    elif isinstance(event, yaml.AliasEvent):
        if event.anchor not in stream.anchors and stream.refused is None:
            stream.refused = ComposerError(None, None, "found undefined alias", event.start_mark)
    else:
        if isinstance(event, _STARTS):
            if len(open_at) >= max_depth:
                stream.too_deep = event.start_mark
                return True
            open_at.append(index)
        if event.anchor is not None:
            if event.anchor in stream.anchors and stream.refused is None:
                first = stream.events[stream.anchors[event.anchor]].start_mark
                stream.refused = ComposerError("found duplicate anchor; first occurrence", first,
                                               "second occurrence", event.start_mark)
            stream.anchors.setdefault(event.anchor, index)
    stream.events.append(event)
    return False
