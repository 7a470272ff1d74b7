"""The secret key behind pseudonymous labels, and the labels themselves.

A label is a keyed hash (HMAC-SHA256) of the person's identity: the same data and key
give the same labels on every rebuild, and without the key a label cannot be traced
back to a name by trying names. The key never lives in the repository.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

ENV_KEY = "NASTAVNIK_KEY"
ENV_KEY_FILE = "NASTAVNIK_KEY_FILE"
# No 0/O, 1/I: a label is read aloud and typed by people.
_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_SHORT, _LONG = 5, 8


class SecretKeyError(Exception):
    """The key is set but cannot be used (exit code 2: a matter of setup, not of data)."""


@dataclass(frozen=True)
class LabelKey:
    key: bytes
    random: bool  # no key was given: labels change with every build

    def code(self, identity: str, length: int = _SHORT) -> str:
        digest = hmac.new(self.key, identity.encode("utf-8"), hashlib.sha256).digest()
        number = int.from_bytes(digest, "big")
        chars = []
        for _ in range(length):
            number, rest = divmod(number, len(_ALPHABET))
            chars.append(_ALPHABET[rest])
        return "".join(chars)

    def codes(self, identities: list[str]) -> dict[str, str]:
        """Codes for a group of people; colliding short codes are lengthened for all involved."""
        short = {i: self.code(i) for i in identities}
        seen: dict[str, int] = {}
        for code in short.values():
            seen[code] = seen.get(code, 0) + 1
        return {i: c if seen[c] == 1 else self.code(i, _LONG) for i, c in short.items()}


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def load_key(repository: Path, environ=os.environ) -> LabelKey:
    """The key from NASTAVNIK_KEY or the file named by NASTAVNIK_KEY_FILE; else a random one."""
    if environ.get(ENV_KEY):
        return LabelKey(environ[ENV_KEY].encode("utf-8"), random=False)
    if environ.get(ENV_KEY_FILE):
        path = Path(environ[ENV_KEY_FILE]).expanduser()
        if not path.is_file():
            raise SecretKeyError(f"файл ключа {path} не найден (переменная {ENV_KEY_FILE})")
        if _inside(path, repository):
            raise SecretKeyError(f"файл ключа {path} лежит внутри репозитория {repository}: "
                            "ключ, попавший в репозиторий, раскрывает условные обозначения; "
                            "храните его вне репозитория, например в секретах CI")
        key = path.read_bytes().strip()
        if not key:
            raise SecretKeyError(f"файл ключа {path} пуст")
        return LabelKey(key, random=False)
    return LabelKey(secrets.token_bytes(32), random=True)


NO_KEY_WARNING = (f"ключ для условных обозначений не задан ({ENV_KEY} или {ENV_KEY_FILE}): "
                  "обозначения людей без согласия будут меняться при каждой сборке")
