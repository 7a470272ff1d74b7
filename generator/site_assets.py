"""After the engine: trim the theme's files to what a site uses and make search work everywhere.

Material copies every theme file into every site: source maps, the search languages of
forty tongues, word segmenters for Thai and Japanese. A school site needs none of them.
Search is made to work from disk (file://) and to find inflected Russian words:

- search/search_index.json is rewritten compactly with Cyrillic as UTF-8 (a third of the size);
- search/search_index.js carries the same index as a script, which Material's bundle loads
  instead of the JSON when the page is opened from disk (a worker cannot fetch there);
- the search worker gets a prelude (search_worker_prelude.js) that stems each word of a query
  with the Russian stemmer the index is built with, so «школа» finds «школы».

Engine-neutral in what it promises (a folder of HTML in, the same folder trimmed out), but it
knows Material's file layout: swapping the engine means revisiting this module too.
"""

from __future__ import annotations

import fnmatch
import json
import re
from pathlib import Path

PRELUDE = Path(__file__).with_name("search_worker_prelude.js")
# Only a comment that is a line of its own: the same words inside minified code stay untouched.
_MAP_COMMENT = re.compile(rb"\n?^/[/*]# sourceMappingURL=[^\n]*$", re.M)
_PRELUDE_MARK = b"/* nastavnik: stemmed queries */"


def finish(site_dir: Path) -> None:
    """Post-process one built site in place (idempotent: a second run changes nothing)."""
    site_dir = Path(site_dir)
    languages = _rewrite_search_index(site_dir)
    for path in sorted((site_dir / "assets").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            kept = trimmed(path.relative_to(site_dir).as_posix(), data, languages)
            if kept is None:
                path.unlink()
            elif kept != data:
                path.write_bytes(kept)


def finish_search(site_dir: Path) -> None:
    """finish for an engine that passed every file under assets/ through trimmed as it wrote it."""
    site_dir = Path(site_dir)
    languages = _rewrite_search_index(site_dir)
    # The engine may have guessed the languages before the index existed: the index decides.
    kept = _lunr_kept(languages)
    for path in sorted((site_dir / "assets" / "javascripts" / "lunr").rglob("*.js")):
        if path.name not in kept:
            path.unlink()


def trimmed(site_path: str, data: bytes, languages: list[str]) -> bytes | None:
    """What finish makes of one file of a site (path relative to the site's root); None: dropped."""
    parts = site_path.split("/")
    name = parts[-1]
    if parts[0] != "assets":
        return data
    if name.endswith(".map"):
        return None
    if parts[1:3] == ["javascripts", "lunr"] and name.endswith(".js") and name not in _lunr_kept(languages):
        return None
    return _finished(parts, data)


def finished_forms(site_path: str, data: bytes) -> set[bytes]:
    """What a theme file may be in a finished site: as it ships, or as finish makes it.
    None of it depends on the data (the leak check skips theme files found in these forms)."""
    return {data, _finished(site_path.split("/"), data)}


def _finished(parts: list[str], data: bytes) -> bytes:
    """A kept file of assets/: no source map comment; the search worker with its prelude."""
    name = parts[-1]
    if name.endswith((".js", ".css")):
        data = _MAP_COMMENT.sub(b"", data)
    if parts[1:3] == ["javascripts", "workers"] and len(parts) == 4 and fnmatch.fnmatchcase(name, "search.*.js"):
        if not data.startswith(_PRELUDE_MARK):
            data = _PRELUDE_MARK + b"\n" + PRELUDE.read_bytes() + b"\n" + data
    return data


def _rewrite_search_index(site_dir: Path) -> list[str]:
    """UTF-8 JSON plus the same index as a script for file://; returns the index's languages."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return []
    index = json.loads(index_file.read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    index_file.write_text(text, encoding="utf-8")
    # Material's bundle reads the global __index after loading this script from disk.
    # "</" never appears raw in a script: the index holds HTML snippets.
    (site_dir / "search" / "search_index.js").write_text(
        "var __index = " + text.replace("</", "<\\/") + ";\n", encoding="utf-8")
    return list(index.get("config", {}).get("lang") or [])


def _lunr_kept(languages: list[str]) -> set[str]:
    """The stemmer support and the index's own languages; the worker imports nothing else."""
    keep = {"lunr.stemmer.support.min.js"} | {f"lunr.{lang}.min.js" for lang in languages if lang != "en"}
    if len(languages) > 1:
        keep.add("lunr.multi.min.js")
    segmenters = {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}
    return keep | {segmenters[lang] for lang in languages if lang in segmenters}
