"""What a site's last build made from given inputs, kept for its next build: made again only when they change.

A region's district site is rebuilt after every change to any school, and most of what it makes
does not depend on that school: the download of the municipal base after a change to a case, the
calendar after a change to a registry. A memo keeps such results under a digest of the exact
inputs the result was made from: the function is called with those inputs and nothing else, so
no input can be left out of the key. The whole memo also belongs to one environment (the tool's
code, settings, versions and build date: fingerprint.environment): another one, and it is empty.

A memo is written once its site is rendered, and holds only what that build used, so it does not grow.
What it holds was made of its inputs alone: it serves the next build whether this one publishes
the site or not. It lives in the build's state folder, for the builder's eyes only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from generator import statefile

_VERSION = 1
Value = TypeVar("Value")


def _fields(kind: type) -> tuple[str, ...]:
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return _FIELDS[kind]


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: object) -> object:
    """What JSON cannot write itself, as what it can. Objects carry their type's name; plain values do
    not, as the code fixes the types of each kind's inputs (a date is never a string in another build)."""
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, BaseModel):
        return [type(value).__name__, value.model_dump()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, [getattr(value, name) for name in _fields(type(value))]]
    if isinstance(value, (set, frozenset)):
        return sorted(_json(v) for v in value)
    raise TypeError(f"no canonical form for {type(value).__name__}")  # a bug: say which input it was


def _json(value: object) -> str:
    """value as JSON that equal inputs give equally in every process (a pickle would not: the order
    of a set of strings changes with the process's hash seed). JSON's encoder in C walks the lists,
    dicts and strings: 70,000 mentors of a region in a fraction of a second."""
    return json.dumps(value, default=_plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(value: object) -> str:
    return hashlib.sha256(_json(value).encode("utf-8", "surrogatepass")).hexdigest()


class Memo:
    """Results by kind and digest of their inputs; without a path, a memo that keeps nothing."""

    def __init__(self, path: Path | None, environment: str):
        self.path, self.environment = path, environment
        self._old = self._load() if path else {}
        self._used: dict[str, object] = {}

    def _load(self) -> dict:
        try:
            with open(self.path, "rb") as fh:
                version, environment, entries = pickle.load(fh)
        except Exception:  # absent, half-written, from another version of the tool: made again
            return {}
        usable = version == _VERSION and environment == self.environment and isinstance(entries, dict)
        return entries if usable else {}

    def made(self, kind: str, make: Callable[..., Value], *inputs: object) -> Value:
        """make(*inputs), or what an earlier build got from equal inputs."""
        return self._made(f"{kind}:{digest(inputs)}", make, inputs)

    def _made(self, key: str, make: Callable[..., Value], inputs: tuple) -> Value:
        if key in self._old:
            value = self._old[key]
        else:
            value = make(*inputs)
        self._used[key] = value
        return value

    def made_from(self, kind: str, key: object, make: Callable[..., Value], *inputs: object) -> Value:
        """As made, for inputs too many to hash on every build: key stands for them. It must
        determine them, as digests kept with the data they were taken of do (summaries.for_district)."""
        return self._made(f"{kind}:{digest(key)}", make, inputs)

    def save(self) -> None:
        """Keeps what this build used; a memo that cannot be written is only a slower next build."""
        if self.path is not None:
            statefile.write(self.path, pickle.dumps((_VERSION, self.environment, self._used),
                                                    protocol=pickle.HIGHEST_PROTOCOL))
