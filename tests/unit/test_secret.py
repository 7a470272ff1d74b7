"""generator/secret.py: the key behind pseudonymous labels, and the labels themselves."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.secret import ENV_KEY, ENV_KEY_FILE, NO_KEY_WARNING, LabelKey, SecretKeyError, load_key
from tests.minidistrict import make_district

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # documented: no 0/O, no 1/I
CODE = re.compile(f"[{ALPHABET}]+")


def test_same_key_and_identity_give_the_same_code():
    assert LabelKey(b"k", False).code("sosh-1|mentor|m-2") == LabelKey(b"k", False).code("sosh-1|mentor|m-2")


def test_code_depends_on_key_and_identity():
    key = LabelKey(b"k", False)
    assert key.code("sosh-1|mentor|m-2") != LabelKey(b"k2", False).code("sosh-1|mentor|m-2")
    assert key.code("sosh-1|mentor|m-2") != key.code("sosh-1|mentor|m-3")
    assert key.code("sosh-1|mentor|m-2") != key.code("sosh-2|mentor|m-2")  # no linking across schools


def test_codes_use_only_the_documented_alphabet():
    key = LabelKey(b"k", False)
    codes = [key.code(f"s|mentee|u-{i}") for i in range(2000)]
    assert all(len(c) == 5 and CODE.fullmatch(c) for c in codes)
    assert not set("".join(codes)) & set("01OI")
    assert set("".join(codes)) == set(ALPHABET)  # and all of it: the codes are spread evenly
    assert CODE.fullmatch(key.code("x", 8)) and len(key.code("x", 8)) == 8


def test_colliding_codes_are_lengthened_for_everyone_involved(monkeypatch):
    real = LabelKey.code

    def clashing(self, identity, length=5):
        return "AAAAA" if identity in {"a", "b"} and length == 5 else real(self, identity, length)

    monkeypatch.setattr(LabelKey, "code", clashing)
    key = LabelKey(b"k", False)
    codes = key.codes(["a", "b", "c"])
    assert len(codes["a"]) == len(codes["b"]) == 8 and codes["a"] != codes["b"]
    assert codes["c"] == real(key, "c") and len(codes["c"]) == 5


def test_many_identities_get_distinct_codes():
    """32⁵ codes: among 20 000 people some short codes collide, and all of them end up distinct."""
    key = LabelKey(b"k", False)
    identities = [f"school|mentee|u-{i}" for i in range(20000)]
    short = [key.code(i) for i in identities]
    assert len(set(short)) < len(short), "expected a natural collision to exercise lengthening"
    codes = key.codes(identities)
    assert len(set(codes.values())) == len(identities)
    assert {len(c) for c in codes.values()} == {5, 8}
    assert codes == key.codes(identities)


# --- where the key comes from --------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path):
    (tmp_path / "repo" / "data").mkdir(parents=True)
    return tmp_path / "repo"


def test_key_from_the_environment(repo):
    key = load_key(repo, {ENV_KEY: "секрет"})
    assert key == LabelKey("секрет".encode("utf-8"), random=False)


def test_environment_key_wins_over_the_file(repo, tmp_path):
    (tmp_path / "key").write_text("из файла")
    assert load_key(repo, {ENV_KEY: "из окружения", ENV_KEY_FILE: str(tmp_path / "key")}).key == \
        "из окружения".encode("utf-8")


def test_key_from_a_file_outside_the_repository(repo, tmp_path):
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets/key").write_bytes(b"  file-key\n")
    key = load_key(repo, {ENV_KEY_FILE: str(tmp_path / "secrets/key")})
    assert key == LabelKey(b"file-key", random=False)


@pytest.mark.parametrize("where", ["key.txt", "data/key.txt", "data/../key.txt"])
def test_key_file_inside_the_repository_is_refused(repo, where):
    (repo / "key.txt").write_text("k")
    (repo / "data/key.txt").write_text("k")
    with pytest.raises(SecretKeyError, match="внутри репозитория"):
        load_key(repo, {ENV_KEY_FILE: str(repo / where)})


def test_key_file_linked_into_the_repository_is_refused(repo, tmp_path):
    (repo / "key.txt").write_text("k")
    (tmp_path / "link").symlink_to(repo / "key.txt")
    with pytest.raises(SecretKeyError, match="внутри репозитория"):
        load_key(repo, {ENV_KEY_FILE: str(tmp_path / "link")})


def test_missing_key_file(repo, tmp_path):
    with pytest.raises(SecretKeyError, match="не найден"):
        load_key(repo, {ENV_KEY_FILE: str(tmp_path / "nope")})


def test_empty_key_file(repo, tmp_path):
    (tmp_path / "key").write_text("\n")
    with pytest.raises(SecretKeyError, match="пуст"):
        load_key(repo, {ENV_KEY_FILE: str(tmp_path / "key")})


def test_no_key_gives_a_random_one(repo):
    first, second = load_key(repo, {}), load_key(repo, {})
    assert first.random and second.random
    assert first.key != second.key and len(first.key) >= 16
    assert load_key(repo, {ENV_KEY: ""}).random  # an empty variable is no key


def test_build_without_a_key_warns(tmp_path, monkeypatch):
    from generator.pipeline import build, prepare

    monkeypatch.delenv(ENV_KEY, raising=False)
    monkeypatch.delenv(ENV_KEY_FILE, raising=False)
    data = make_district(tmp_path)
    day = dt.date(2026, 11, 23)
    labels = []
    for _ in range(2):
        published, _ = prepare(data, day)
        assert published.random_labels
        labels.append([p.label for s in published.district.schools for p in s.mentors + s.mentees if not p.named])
    assert labels[0] != labels[1]  # without a key labels change with every build
    report = build(data, tmp_path / "site", day, schools=["beta"])  # the school without people: one light build
    assert not report.failed
    assert report.warnings == [NO_KEY_WARNING]


def test_build_with_a_key_does_not_warn(tmp_path):
    from generator.pipeline import prepare

    published, _ = prepare(make_district(tmp_path), dt.date(2026, 11, 23))
    assert not published.random_labels
