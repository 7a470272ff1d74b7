"""Safe YAML reading that remembers the line of every value.

PyYAML's own loaders silently keep the last of duplicate keys, expand aliases and
report errors in English. Data typed by hand needs the opposite: every duplicate
key is an error, no anchors or custom tags, and each value keeps its line so that
later stages can say where a problem is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from generator.errors import ErrorList, Location
from generator.yamlevents import LOADER, Stream, scan

# Path of a value inside a document: keys and list indices from the root.
DataPath = tuple[Any, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
}
MAX_FILE_BYTES = 5 * 1024 * 1024
# Real data nests a few levels (file → list → record → field); thousands of levels are an attack.
MAX_DEPTH = 40
# Control characters other than tab and line ends: invisible, and some are invalid in HTML.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SEQ, _MAP, _STR = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "tag:yaml.org,2002:str"
# First characters of the values that some implicit type (int, bool, date …) may match; the safe
# loader has no resolver for any first character (that would be the key None).
_RESOLVED_FIRST = frozenset(LOADER.yaml_implicit_resolvers)


@dataclass
class YamlDoc:
    """A parsed file: plain data plus the line of every path in it."""

    file: str
    data: Any
    lines: dict[DataPath, int] = field(default_factory=dict)
    # Values refused while reading (a tag, an alias …): already reported, left out as None.
    rejected: set[DataPath] = field(default_factory=set)

    def line_of(self, path: DataPath) -> int | None:
        """Line of the longest known prefix of path (errors may point below a value)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def location(self, path: DataPath = ()) -> Location:
        return Location(self.file, self.line_of(path))

    def place(self, path: DataPath) -> str:
        return f"строка {self.line_of(path)}"

    def label(self, path: DataPath) -> str | None:
        return None  # in YAML the user typed the key itself


class _Builder:
    """Turns the events of a document into plain Python data, recording lines and errors.

    A node is known by the index of its event: an alias stands for the node its anchor names,
    and reaching a node a second time that way is refused rather than expanded."""

    def __init__(self, file: str, errors: ErrorList, stream: Stream):
        self.file = file
        self.errors = errors
        self.stream = stream
        self.events = stream.events
        self.lines: dict[DataPath, int] = {}
        self._seen: set[int] = set()
        self._resolver = LOADER("")
        self._scalar_loader = yaml.SafeLoader("")
        self.rejected: set[DataPath] = set()

    def error(self, event, message: str, hint: str | None = None) -> None:
        self.errors.add(Location(self.file, event.start_mark.line + 1), message, hint)

    def node(self, index: int) -> int:
        """The index of the node that the event at index is or names."""
        event = self.events[index]
        return self.stream.anchors[event.anchor] if isinstance(event, yaml.AliasEvent) else index

    def build(self, index: int, path: DataPath) -> Any:
        """The value of the node at index; a value refused here is left out as None and its path remembered."""
        index = self.node(index)
        event = self.events[index]
        self.lines.setdefault(path, event.start_mark.line + 1)
        if event.anchor is not None:  # only a named node can be reached a second time
            if index in self._seen:
                self.error(event, "ссылки YAML (&якорь и *ссылка) не поддерживаются",
                           "повторите значение явно вместо ссылки")
                self.rejected.add(path)
                return None
            self._seen.add(index)
        if isinstance(event, yaml.ScalarEvent):
            found_before = len(self.errors.items)
            value = self._scalar(event)
            if len(self.errors.items) > found_before:
                self.rejected.add(path)
            return value
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(index, path)
        if event.tag not in (None, "!", _SEQ):
            self.rejected.add(path)
            return self._bad_tag(event, event.tag)
        return [self.build(item, path + (i,)) for i, item in enumerate(self._children(index))]

    def _children(self, index: int) -> list[int]:
        """Indices of the nodes (or aliases) directly inside the collection that starts at index."""
        ends = self.stream.ends
        children, at, end = [], index + 1, ends[index]
        while at < end:
            children.append(at)
            at = ends.get(at, at) + 1  # past the node: a collection ends where its end event is
        return children

    def _mapping(self, index: int, path: DataPath) -> dict | None:
        event = self.events[index]
        if event.tag not in (None, "!", _MAP):
            self.rejected.add(path)
            return self._bad_tag(event, event.tag)
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        children = self._children(index)
        for key_at, value_at in zip(children[::2], children[1::2]):
            key_event = self.events[self.node(key_at)]
            if not isinstance(key_event, yaml.ScalarEvent):
                self.error(key_event, "ключом может быть только простое значение")
                continue
            tag = self._tag(key_event)
            if tag == "tag:yaml.org,2002:merge":
                self.error(key_event, "слияние словарей YAML («<<») не поддерживается",
                           "перечислите поля явно")
                continue
            key = self._scalar(key_event, tag)
            line = key_event.start_mark.line + 1
            if key in first_line:
                self.error(key_event, f"ключ «{key}» повторяется (первый раз — в строке {first_line[key]})",
                           "оставьте один из них: второй не должен молча заменять первый")
                continue
            first_line[key] = line
            self.lines[path + (key,)] = line
            result[key] = self.build(value_at, path + (key,))
        return result

    def _tag(self, event: yaml.ScalarEvent) -> str:
        """The scalar's tag as the composer resolves it: written, or implied by how the value looks."""
        if event.tag not in (None, "!"):
            return event.tag
        if not event.implicit[0] or event.value[:1] not in _RESOLVED_FIRST:
            return _STR  # quoted, or no implicit type begins with that character: what resolve() answers
        return self._resolver.resolve(ScalarNode, event.value, event.implicit)

    def _scalar(self, event: yaml.ScalarEvent, tag: str | None = None) -> Any:
        tag = tag or self._tag(event)
        if tag not in _PLAIN_TAGS:
            return self._bad_tag(event, tag)
        if tag == _STR:  # most values: the constructor would return the text as it is
            value = event.value
        else:
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            try:
                value = self._scalar_loader.construct_object(node, deep=True)
            except (ValueError, KeyError, AttributeError, TypeError):
                if tag == "tag:yaml.org,2002:timestamp":
                    return event.value  # «2024-02-31»: the model's date check names the impossible day
                self.error(event, f"значение «{event.value}» не подходит к тегу YAML «{tag}»",
                           "уберите тег (то, что начинается с «!!») или исправьте значение")
                return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str) and _CONTROL.search(value):
            code = ord(_CONTROL.search(value).group())
            self.error(event, f"в значении есть невидимый управляющий символ (код U+{code:04X})",
                       "удалите его: сотрите и наберите значение заново")
            return None
        return value

    def _bad_tag(self, event, tag: str) -> None:
        self.error(event, f"тег YAML «{tag}» не допускается",
                   "в данных допустимы только обычные значения, списки и словари")
        return None


def unreadable(exc: OSError) -> str:
    """Why a file could not be read, in words (a broken link, no permission, a locked file)."""
    if isinstance(exc, FileNotFoundError):
        return "файл не найден (возможно, это ссылка на удалённый файл)"
    if isinstance(exc, PermissionError):
        return "нет прав на чтение файла"
    return f"файл не удалось прочитать ({exc.strerror or exc.__class__.__name__})"


def _decode(raw: bytes, file: str, errors: ErrorList) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:1024]:
        errors.add(Location(file), "файл не текстовый или записан в UTF-16",
                   "сохраните файл как текст в кодировке UTF-8")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.add(Location(file, line), "файл не в кодировке UTF-8",
                   "сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → «UTF-8»)")
        return None


def _syntax_message(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    problem = (exc.problem or "").lower()
    context = exc.context or ""
    if "tab" in problem or "'\\t'" in problem:
        return ("в отступе стоит символ табуляции", "делайте отступы пробелами, не клавишей Tab")
    if "escape" in problem or "hexdecimal" in problem or "hexadecimal" in problem:
        return ("неверная последовательность с «\\» в значении в двойных кавычках",
                "удвойте обратную косую черту (\\\\) или заключите значение в одинарные кавычки")
    if "single document" in context:
        return ("в файле несколько документов, разделённых строкой «---»",
                "оставьте один: в каждом файле данных — один набор полей")
    if "flow sequence" in context or "flow mapping" in context:
        return ("не закрыта скобка «[» или «{»", "закройте скобку в той же строке или запишите список через «- »")
    if "block collection" in context:
        return ("неверный отступ в списке", "элементы одного списка начинаются с «- » в одной и той же позиции")
    if "quoted scalar" in context:
        return ("не закрыта кавычка", "закройте кавычку в конце значения")
    if "mapping values are not allowed" in problem:
        return ("лишнее двоеточие или неверный отступ",
                "если в значении есть двоеточие, заключите значение в кавычки")
    if "expected <block end>" in problem or "indentation" in problem:
        return ("неверный отступ", "поля одного уровня должны начинаться с одной позиции")
    return ("ошибка разметки YAML", "проверьте отступы, двоеточия и кавычки в этой строке и строкой выше")


def parse_yaml(text: str, file: str, errors: ErrorList) -> YamlDoc | None:
    """Parse one YAML document; on a syntax error record it and return None."""
    surrogate = re.search(r"[\ud800-\udfff]", text)
    if surrogate:  # only text that was not read from a file can hold one; libyaml cannot encode it
        errors.add(Location(file, text[: surrogate.start()].count("\n") + 1), "в файле недопустимый символ",
                   "удалите его: такие невидимые символы попадают в текст при копировании из других программ")
        return None
    try:
        stream = scan(text, MAX_DEPTH)
        if stream.too_deep is not None:
            errors.add(Location(file, stream.too_deep.line + 1), f"слишком глубокая вложенность: больше {MAX_DEPTH} уровней",
                       "в данных списки и поля вложены на несколько уровней; проверьте скобки и отступы")
            return None
        if stream.refused is not None:
            raise stream.refused
    except yaml.MarkedYAMLError as exc:
        quote = any(what in (exc.context or "") for what in ("quoted scalar", "flow sequence", "flow mapping"))
        # An unclosed quote or bracket is noticed further down; the user needs where it opens.
        mark = (exc.context_mark if quote else None) or exc.problem_mark or exc.context_mark
        message, hint = _syntax_message(exc)
        errors.add(Location(file, mark.line + 1 if mark else None), message, hint)
        return None
    except yaml.reader.ReaderError:
        # libyaml counts the position in bytes; the character itself says where it is.
        bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
        line = text[: bad.start()].count("\n") + 1 if bad else None
        code = f" (код U+{ord(bad.group()):04X})" if bad else ""
        errors.add(Location(file, line), f"в файле недопустимый символ{code}",
                   "удалите его: такие невидимые символы попадают в текст при копировании из других программ")
        return None
    except yaml.YAMLError:
        errors.add(Location(file), "ошибка разметки YAML", "проверьте файл в редакторе")
        return None

    if not stream.events:
        errors.add(Location(file, 1), "файл пуст", "заполните файл или удалите его")
        return None
    builder = _Builder(file, errors, stream)
    data = builder.build(0, ())
    return YamlDoc(file=file, data=data, lines=builder.lines, rejected=builder.rejected)


def read_yaml(path: Path, file: str, errors: ErrorList) -> YamlDoc | None:
    """Read and parse a YAML file; file is the name shown to the user."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            errors.add(Location(file), f"файл больше {MAX_FILE_BYTES // (1024 * 1024)} МБ",
                       "разделите данные на несколько файлов или проверьте, тот ли это файл")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        errors.add(Location(file), unreadable(exc), "проверьте, что файл существует и открыт для чтения")
        return None
    text = _decode(raw, file, errors)
    return None if text is None else parse_yaml(text, file, errors)
