"""Fingerprints of what each site is built from, so that a rebuild skips the sites nothing touched.

A fingerprint is a hash over every input that can change a site's output: its data files
(with attachments and Excel workbooks), its free pages, the district files it shows, and
the environment shared by all sites (site_config/, theme/, mkdocs.yml, the tool's own code
and templates, the versions of every installed package, the build date, and an identity of
the label key: the key itself never). Inputs are whole files, listed by folder: a file
nobody expected is hashed too, so an unforeseen input makes a rebuild, never a stale page.

The only exclusions are district files that school pages never show (documents, events,
KPIs, materials and the roadmap of the district); tests prove it by comparing an
incremental build with a full one after each of them changes. The district site's fingerprint
takes each school not by its files but by what the district site shows of it (district_record.py):
a change to a school's own pages leaves the district site alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import importlib.metadata
import json
import os
import re
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.hashcache import HashCache, file_hash
from generator.secret import LabelKey

FILE_NAME = ".nastavnik-build"  # in each site's folder; no suffix: scanners and servers leave it alone
TOOL_DIR = Path(__file__).resolve().parent
# District files that no school page shows: changing them rebuilds the district site only.
_DISTRICT_ONLY = re.compile(r"(documents|events|kpis|materials|roadmap(-\d{4}-\d{4})?)\.ya?ml")


def _tree(folder: Path, prefix: str, skip=lambda name: False, hashed=file_hash) -> dict[str, str]:
    """Every file under folder (none when it does not exist), by a name that says where it is.

    skip(name) sees a file's name relative to folder, with «/». Strings, not Path objects: a region's
    rebuild walks tens of thousands of files, and pathlib would take most of its time."""
    found = {}
    if not os.path.isdir(folder):
        return found
    top = os.fspath(folder)
    for root, dirs, files in os.walk(top, followlinks=True):  # a linked folder of attachments counts too
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        inside = os.path.relpath(root, top).replace(os.sep, "/")
        inside = "" if inside == "." else inside + "/"
        for name in files:
            if not skip(inside + name):
                found[f"{prefix}/{inside}{name}"] = hashed(os.path.join(root, name))
    return found


def key_identity(key: LabelKey) -> str:
    """Tells keys apart without revealing them; a random key matches nothing, not even itself."""
    if key.random:
        return "random-" + secrets.token_hex(16)
    return hmac.new(key.key, b"nastavnik build fingerprint", hashlib.sha256).hexdigest()[:32]


@functools.cache
def _versions() -> list[str]:
    # A set: the same package is found twice when the working folder holds its egg-info (python -m
    # generator from a checkout), and how the tool is started must not change what a site is built from.
    return sorted({_name_and_version(d) for d in importlib.metadata.distributions()})


def _name_and_version(dist: importlib.metadata.Distribution) -> str:
    """As f"{dist.metadata['Name']}=={dist.version}", ten times faster: only the headers are read,
    not parsed as a whole e-mail (every command paid 36 ms for that)."""
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    fields: dict[str, str] = {}
    for line in text.split("\n\n", 1)[0].splitlines():
        name, sep, value = line.partition(": ")
        if sep and name in ("Name", "Version"):
            fields.setdefault(name, value.strip())
    return f"{fields.get('Name')}=={fields.get('Version')}"


def environment(project_root: Path, today: dt.date, key: LabelKey, district_root: Path | None = None,
                hashed=file_hash) -> str:
    """The hash of everything every site shares: configuration, theme, code, versions, date, key.

    A district repository may override the tool's settings and look with its own files: those count too."""
    parts = {**_tree(project_root / "site_config", "site_config", hashed=hashed),
             **_tree(project_root / "theme", "theme", hashed=hashed), **_tool_parts(hashed)}
    parts["mkdocs.yml"] = hashed(project_root / "mkdocs.yml")
    if district_root is not None and Path(district_root).resolve() != Path(project_root).resolve():
        parts.update(_tree(Path(district_root) / "site_config", "district/site_config", hashed=hashed))
        parts.update(_tree(Path(district_root) / "theme", "district/theme", hashed=hashed))
        own = Path(district_root) / "mkdocs.yml"
        parts["district/mkdocs.yml"] = hashed(own) if own.is_file() else ""
    parts["date"] = today.isoformat()
    parts["key"] = key_identity(key)
    return _digest(parts)


def _tool_parts(hashed=file_hash) -> dict[str, str]:
    """The tool's own code, the Python that runs it and the version of every installed package."""
    parts = _tree(TOOL_DIR, "generator", hashed=hashed)
    parts["python"] = sys.version
    parts["packages"] = hashlib.sha256("\n".join(_versions()).encode()).hexdigest()
    return parts


@functools.cache
def tool() -> str:
    """The hash of _tool_parts, once per process: what the engine's memo of pages and the verdicts of the
    leak check are made with, which the settings, the date and the key do not change."""
    return _digest(_tool_parts())


def _digest(parts: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class Inputs:
    """The data side of the fingerprints: the district folder and the free pages."""

    data_dir: Path
    content_dir: Path
    cache: HashCache = field(default_factory=HashCache)  # hashes known from earlier builds

    def __post_init__(self) -> None:
        self._shared: dict[str, str] | None = None
        self._hashes: dict[str, str] = {}  # a school's files count for its site and the district's
        self._whole: dict[str, str] | None = None  # of_district, once made
        self._by_school: dict[str, dict[str, str]] = {}  # its files by school, from one walk

    def _hash(self, path: str) -> str:
        if path not in self._hashes:
            self._hashes[path] = self.cache.hash(path)
        return self._hashes[path]

    def school_ids(self) -> list[str]:
        folder = self.data_dir / "schools"
        return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []

    def shared(self) -> dict[str, str]:
        """District files that school pages show (district.yml, regulations, attachments…)."""
        if self._shared is None:
            def skip(name: str) -> bool:
                return name.startswith("schools/") or ("/" not in name and _DISTRICT_ONLY.fullmatch(name) is not None)

            self._shared = _tree(self.data_dir, "data", skip, self._hash)
        return self._shared

    def of_school(self, school_id: str) -> dict[str, str]:
        where = f"schools/{school_id}"
        if self._whole is not None:  # the district's walk has seen them: a region is not walked twice
            own = self._by_school.get(school_id, {})
        else:
            own = {**_tree(self.data_dir / where, f"data/{where}", hashed=self._hash),
                   **_tree(self.content_dir / where, f"content/{where}", hashed=self._hash)}
        return {**self.shared(), **own}

    def of_district(self) -> dict[str, str]:
        if self._whole is None:
            self._whole = {**_tree(self.data_dir, "data", hashed=self._hash),
                           **_tree(self.content_dir, "content", hashed=self._hash)}
            for name, value in self._whole.items():
                parts = name.split("/", 3)  # data|content, schools, <id>, the file within
                if len(parts) == 4 and parts[1] == "schools":
                    self._by_school.setdefault(parts[2], {})[name] = value
        return self._whole

    def district_own(self) -> dict[str, str]:
        """Every file but the schools': with what the district site shows of each school
        (district_record.py), what the district site is built from."""
        return {name: value for name, value in self.of_district().items() if name.split("/", 2)[1:2] != ["schools"]}


def fingerprint(environment_hash: str, inputs: dict[str, str]) -> str:
    return _digest({"environment": environment_hash, **inputs})


def recorded(site_dir: Path) -> str | None:
    """The fingerprint the published site was built from; None when unknown or unreadable."""
    try:
        return json.loads((site_dir / FILE_NAME).read_text(encoding="utf-8"))["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record(site_dir: Path, value: str) -> None:
    """Written next to the site's pages, atomically: a half-written record reads as unknown."""
    temporary = site_dir / f"{FILE_NAME}.tmp"
    temporary.write_text(json.dumps({"fingerprint": value}) + "\n", encoding="utf-8")
    os.replace(temporary, site_dir / FILE_NAME)
