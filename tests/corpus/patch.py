"""Applies a corpus case (case.yml) to the small district, and reads the messages a run printed.

A case changes the district with these keys, applied in this order:
  files:      path under the tree → text (UTF-8, unless encodings says otherwise); "data/…" or "content/…"
  encodings:  path → codec the text is saved in (cp1251, utf-16, utf-8-sig …)
  generate:   path → a file too awkward to keep in git: huge, binary, deep, wide
  workbooks:  path → {sheet name: rows}, saved with openpyxl
  symlinks:   path → where the link points (absolute, or relative to the link)
  delete:     paths to remove
Paths without a leading data/ or content/ are under data/.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.excel.books import book

BIG_ATTACHMENT = 30 * 1024 * 1024
_SUMMARY = ("Найдено ошибок", "Не опубликовано сайтов", "Готово", "Ошибок нет", "✓", "✗",
            "подсказка:", "Проблемы на сайтах")


def _target(root: Path, name: str) -> Path:
    return root / (name if name.split("/")[0] in ("data", "content") else "data/" + name)


def _generated(kind: str) -> bytes:
    if kind == "huge":  # just over the 5 MB limit of a YAML file, and valid YAML
        line = b"  - id: e-0\n    title: " + b"x" * 100 + b"\n"
        return b"events:\n" + line * (5 * 1024 * 1024 // len(line) + 1)
    if kind == "binary":  # the start of a PNG picture saved under a data file's name
        return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    if kind == "deep":  # lists inside lists, far deeper than any data
        return b"district:\n  name: " + b"[" * 5000 + b"]" * 5000 + b"\n"
    if kind == "deep-block":
        return "".join("  " * i + f"k{i}:\n" for i in range(1000)).encode() + b"  " * 1000 + b"v\n"
    if kind == "ole2":  # the signature of an Excel 97–2003 workbook
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    raise ValueError(f"unknown generated file {kind!r}")


def apply_case(case: dict, folder: Path, root: Path) -> None:
    for name, text in (case.get("files") or {}).items():
        path = _target(root, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        codec = (case.get("encodings") or {}).get(name, "utf-8")
        path.write_bytes(textwrap.dedent(text).encode(codec))
    for name, kind in (case.get("generate") or {}).items():
        path = _target(root, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "big-pdf":  # a sparse file just over the size limit of an attachment
            with path.open("wb") as fh:
                fh.write(b"%PDF-1.4\n")
                fh.truncate(BIG_ATTACHMENT)
        else:
            path.write_bytes(_generated(kind))
    for name, sheets in (case.get("workbooks") or {}).items():
        book(_target(root, name), sheets)
    for name, points_to in (case.get("symlinks") or {}).items():
        path = _target(root, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(points_to)
    for name in case.get("delete") or []:
        _target(root, name).unlink()


def error_lines(output: str) -> list[str]:
    """The problems a run reported, one line each, without hints and totals."""
    lines = [line.strip() for line in output.splitlines()]
    return [line for line in lines if line and not line.startswith(_SUMMARY)]
