"""The stat cache of input hashes: a file is read again whenever it may have changed."""

from __future__ import annotations

import os
import time

import pytest

from generator import hashcache
from generator.hashcache import HashCache, file_hash

# The file system stamps times with a coarse clock (a few ms): a rewrite must fall on a later tick.
TICK = 0.05


@pytest.fixture
def trusting(monkeypatch):
    """Entries are kept however fresh: the racy case is then the test's to create or avoid."""
    monkeypatch.setattr(hashcache, "RACY_NS", 0)


def _hash_and_save(cache_file, path) -> str:
    cache = HashCache(cache_file)
    value = cache.hash(path)
    cache.save()
    return value


def test_an_unchanged_file_is_not_read_again(tmp_path, trusting):
    data = tmp_path / "a.yml"
    data.write_text("a: 1\n", encoding="utf-8")
    first = _hash_and_save(tmp_path / "cache", data)
    again = HashCache(tmp_path / "cache")
    assert again.hash(data) == first == file_hash(data)
    assert again.hashed == 0


def test_a_changed_file_is_hashed_again(tmp_path, trusting):
    data = tmp_path / "a.yml"
    data.write_text("a: 1\n", encoding="utf-8")
    _hash_and_save(tmp_path / "cache", data)
    data.write_text("a: 22\n", encoding="utf-8")
    again = HashCache(tmp_path / "cache")
    assert again.hash(data) == file_hash(data)
    assert again.hashed == 1


def test_same_size_and_restored_mtime_is_still_a_change(tmp_path, trusting):
    data = tmp_path / "a.yml"
    data.write_text("a: 1\n", encoding="utf-8")
    stat = data.stat()
    _hash_and_save(tmp_path / "cache", data)
    time.sleep(TICK)
    data.write_text("a: 2\n", encoding="utf-8")
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the trick: size and mtime as before
    assert data.stat().st_size == stat.st_size and data.stat().st_mtime_ns == stat.st_mtime_ns
    assert HashCache(tmp_path / "cache").hash(data) == file_hash(data)  # the change time gives it away


def test_a_file_written_just_before_the_cache_is_not_trusted(tmp_path):
    data = tmp_path / "a.yml"
    data.write_text("a: 1\n", encoding="utf-8")
    _hash_and_save(tmp_path / "cache", data)  # within RACY_NS of its last write: racily clean
    again = HashCache(tmp_path / "cache")
    again.hash(data)
    assert again.hashed == 1


def test_a_damaged_cache_hashes_everything(tmp_path, trusting):
    data = tmp_path / "a.yml"
    data.write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "cache").write_bytes(b"not a pickle")
    cache = HashCache(tmp_path / "cache")
    assert cache.hash(data) == file_hash(data) and cache.hashed == 1


def test_an_unreadable_file_is_never_remembered(tmp_path, trusting):
    missing = tmp_path / "gone.yml"
    os.symlink(tmp_path / "nowhere", missing)
    assert _hash_and_save(tmp_path / "cache", missing).startswith("unreadable:")
    (tmp_path / "nowhere").write_text("a: 1\n", encoding="utf-8")
    assert HashCache(tmp_path / "cache").hash(missing) == file_hash(missing)
