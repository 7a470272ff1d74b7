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
    _drop_source_maps(site_dir / "assets")
    _drop_unused_languages(site_dir / "assets" / "javascripts" / "lunr", languages)
    _add_worker_prelude(site_dir / "assets" / "javascripts" / "workers")


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


def _drop_source_maps(assets: Path) -> None:
    for path in sorted(assets.rglob("*.map")):
        path.unlink()
    for path in sorted([*assets.rglob("*.js"), *assets.rglob("*.css")]):
        data = path.read_bytes()
        trimmed = _without_source_map(data)
        if trimmed != data:
            path.write_bytes(trimmed)


def _without_source_map(data: bytes) -> bytes:
    return _MAP_COMMENT.sub(b"", data)


def _with_prelude(worker: bytes) -> bytes:
    return worker if worker.startswith(_PRELUDE_MARK) else _PRELUDE_MARK + b"\n" + PRELUDE.read_bytes() + b"\n" + worker


def finished_forms(data: bytes) -> set[bytes]:
    """What a theme file may become in a finished site: as it ships, without its source map
    comment, and (the search worker) with the prelude too. None of them depends on the data."""
    trimmed = _without_source_map(data)
    return {data, trimmed, _with_prelude(trimmed)}


def _drop_unused_languages(lunr_dir: Path, languages: list[str]) -> None:
    """Keep the stemmer support and the index's own languages; the worker imports nothing else."""
    if not lunr_dir.is_dir():
        return
    keep = {"lunr.stemmer.support.min.js"} | {f"lunr.{lang}.min.js" for lang in languages if lang != "en"}
    if len(languages) > 1:
        keep.add("lunr.multi.min.js")
    segmenters = {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}
    keep |= {segmenters[lang] for lang in languages if lang in segmenters}
    for path in sorted(lunr_dir.rglob("*.js")):
        if path.name not in keep:
            path.unlink()


def _add_worker_prelude(workers: Path) -> None:
    for worker in sorted(workers.glob("search.*.js")):
        data = worker.read_bytes()
        finished = _with_prelude(data)
        if finished != data:
            worker.write_bytes(finished)
