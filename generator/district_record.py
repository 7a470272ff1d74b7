"""What the district site was last built from, school by school: a change to a school that the
district site does not show leaves that site alone.

The district site is made of its own files and of what it shows of each school: the school's
district view, the names its leak check looks for, its checklist, its KPI counts and its case ids
(summaries.shown_digest). Its fingerprint is taken over exactly that, not over the schools' files.
A school whose files changed is read anyway, to build its own site; its new digest then says whether
the district site must follow. Most of a school's data (its acts, roadmap, programmes, free pages,
attachments, the details of people without consent) never reaches the district site, and a region's
daily build need not remake a site of 1001 schools for it.

The record lives in the build's state folder and names, for each school, the fingerprint of its files
at the district site's last build and the digest of what it showed. A school whose fingerprint is still
the recorded one shows what it showed then: its digest is known without reading it. The record is
written only after the district site was published, and holds that site's own fingerprint: with any
doubt (no record, another environment, schools added or removed, a site that is not the recorded one)
the district site is simply built.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from generator import memo, statefile

_VERSION = 1
_FILE = "district-record.json"


@dataclass(frozen=True)
class Record:
    fingerprint: str  # the district site's, as recorded in its folder (fingerprint.record)
    own: str  # of its own files and the environment
    schools: dict[str, tuple[str, str]]  # id → (the fingerprint of the school's files, its shown digest)


@dataclass(frozen=True)
class Verdict:
    """Whether the district site must be built: stale, or not (fingerprint: the one it has),
    or not yet known (pending: the schools whose files changed, to be read first)."""

    stale: bool
    fingerprint: str | None = None
    pending: tuple[str, ...] = ()


def district_print(own: str, digests: dict[str, str]) -> str:
    """The district site's fingerprint: its own inputs and what it shows of every school."""
    return memo.digest({"own": own, "schools": digests})


def judge(record: Record | None, recorded: str | None, own: str, prints: dict[str, str]) -> Verdict:
    """prints: every school's fingerprint; recorded: the one the published district site has."""
    if (record is None or recorded is None or recorded != record.fingerprint or own != record.own
            or set(record.schools) != set(prints)):
        return Verdict(stale=True)
    changed = tuple(sorted(sid for sid, value in prints.items() if record.schools[sid][0] != value))
    if changed:
        return Verdict(stale=False, pending=changed)
    return Verdict(stale=False, fingerprint=record.fingerprint)


def settle(record: Record, own: str, digests: dict[str, str]) -> str:
    """The district site's fingerprint once the changed schools were read: digests has theirs."""
    known = {sid: digest for sid, (_, digest) in record.schools.items()}
    return district_print(own, {**known, **digests})


def load(state: Path) -> Record | None:
    try:
        found = json.loads((state / _FILE).read_text(encoding="utf-8"))
        if found["version"] != _VERSION:
            return None
        schools = {str(sid): (str(pair[0]), str(pair[1])) for sid, pair in found["schools"].items()}
        return Record(str(found["fingerprint"]), str(found["own"]), schools)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # absent, half-written, from another version: the district site is built


def save(state: Path, record: Record) -> None:
    data = {"version": _VERSION, "fingerprint": record.fingerprint, "own": record.own,
            "schools": {sid: list(pair) for sid, pair in sorted(record.schools.items())}}
    statefile.write(state / _FILE, json.dumps(data, ensure_ascii=False, indent=0).encode("utf-8"))

