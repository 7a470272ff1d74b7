"""--shard K/N: a stable share of the schools for one job of a CI matrix.

A school belongs to a shard by a hash of its id, not by its place in the list: adding or
removing a school never moves the others to another job (and so never invalidates the
caches those jobs keep).
"""

from __future__ import annotations

import hashlib
import re


class ShardError(ValueError):
    pass


def parse(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise ShardError(f"«{text}»: нужно K/N, где 1 ≤ K ≤ N, например 2/4")
    return int(match.group(1)), int(match.group(2))


def shard_of(school_id: str, count: int) -> int:
    """1-based number of the shard the school belongs to."""
    digest = hashlib.sha256(school_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select(school_ids: list[str], shard: tuple[int, int]) -> list[str]:
    number, count = shard
    return [sid for sid in school_ids if shard_of(sid, count) == number]
