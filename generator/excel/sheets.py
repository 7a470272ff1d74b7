"""Open a workbook or a CSV file as plain grids of cell values, or say in one line why not.

Only reading happens here: which form a sheet holds is recognise.py's business. Workbooks
are read in openpyxl's streaming mode, which copes with the long formatted but empty tail
real files have; it does not report merged cells, so those are read from the sheet's XML.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from generator.errors import ErrorList, Location

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000  # filled rows of one sheet: far more than any school keeps
MAX_COLUMNS = 200
EMPTY_TAIL = 1000  # this many empty rows in a row end the sheet: the rest is formatting
TABLE_SUFFIXES = {".xlsx", ".xlsm", ".csv", ".xls", ".ods"}

_OLE2 = b"\xd0\xcf\x11\xe0"  # Compound File: Excel 97–2003, or an encrypted (password) workbook
_ZIP = b"PK\x03\x04"
_RESAVE = "откройте файл в Excel и сохраните как «Книга Excel (*.xlsx)»"


@dataclass
class Sheet:
    """The cell values of one sheet (0-based) and its merged ranges."""

    file: str  # as shown to the user
    name: str | None  # None for a CSV file
    rows: list[list[Any]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, col, last row, col
    hidden: bool = False
    _owner: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for r0, c0, r1, c1 in self.merges:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self._owner[(r, c)] = (r0, c0)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def raw(self, r: int, c: int) -> Any:
        row = self.rows[r] if r < len(self.rows) else []
        return row[c] if c < len(row) else None

    def value(self, r: int, c: int) -> Any:
        """The value shown in a cell: a merged range shows its first cell's value everywhere."""
        return self.raw(*self.origin(r, c))

    def origin(self, r: int, c: int) -> tuple[int, int]:
        """The cell that holds what (r, c) shows: the first cell of its merged range, or itself."""
        return self._owner.get((r, c), (r, c))

    def merge_of(self, r: int, c: int) -> tuple[int, int, int, int] | None:
        return next((m for m in self.merges if m[0] <= r <= m[2] and m[1] <= c <= m[3]), None)

    @staticmethod
    def cell_name(r: int, c: int) -> str:
        from openpyxl.utils import get_column_letter  # imported when used: see _workbook

        return f"{get_column_letter(c + 1)}{r + 1}"

    def location(self, r: int | None = None, c: int | None = None) -> Location:
        if r is None:
            return Location(self.file, sheet=self.name)
        if c is None:
            return Location(self.file, r + 1, sheet=self.name)
        return Location(self.file, sheet=self.name, cell=self.cell_name(r, c))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _rows(values, file: str, sheet: str | None, errors: ErrorList) -> list[list[Any]] | None:
    """Rows up to the last filled one; None when there are too many to be a school's registry."""
    rows: list[list[Any]] = []
    filled = empty_run = 0
    for row in values:
        row = list(row[:MAX_COLUMNS])
        if all(_blank(v) for v in row):
            empty_run += 1
            if empty_run >= EMPTY_TAIL:
                break
        else:
            empty_run = 0
            filled += 1
        if filled > MAX_ROWS:
            errors.add(Location(file, sheet=sheet), f"больше {MAX_ROWS} заполненных строк — это не похоже на базу "
                       "одной организации", "оставьте в файле только базу школы или разделите его на несколько")
            return None
        rows.append(row)
    while rows and all(_blank(v) for v in rows[-1]):
        rows.pop()
    return rows


def _merges(archive: zipfile.ZipFile, part: str) -> list[tuple[int, int, int, int]]:
    from openpyxl.utils import range_boundaries  # imported when used: see _workbook

    found = []
    with archive.open(part) as stream:
        for _, element in ElementTree.iterparse(stream):
            tag = element.tag.rpartition("}")[2]
            if tag == "mergeCell":
                c0, r0, c1, r1 = range_boundaries(element.get("ref"))
                found.append((r0 - 1, c0 - 1, r1 - 1, c1 - 1))
            elif tag == "row":
                element.clear()  # rows are read by openpyxl; keep memory flat on a long tail
    return found


def _workbook(path: Path, file: str, errors: ErrorList) -> list[Sheet]:
    # Imported here: openpyxl costs a tenth of a second to import, and most builds (every
    # rebuild of a district whose schools keep their data in YAML) never open a workbook.
    from openpyxl import load_workbook

    # openpyxl raises many kinds of errors on a damaged file; every one of them means the same to the user.
    # It is given the open file, not the path: a workbook saved with the extension .xls is still read.
    with path.open("rb") as stream:
        try:
            book = load_workbook(stream, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001
            errors.add(Location(file), "файл повреждён или это не книга Excel", _RESAVE)
            return []
        try:
            return [Sheet(file, ws.title, rows, _merges(book._archive, ws._worksheet_path),
                          hidden=ws.sheet_state != "visible")
                    for ws in book.worksheets
                    if (rows := _rows(ws.iter_rows(values_only=True), file, ws.title, errors)) is not None]
        except Exception:  # noqa: BLE001
            errors.add(Location(file), "файл повреждён: не все листы удалось прочитать", _RESAVE)
            return []
        finally:
            book.close()


def _decode_csv(raw: bytes) -> str:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(encoding)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1251")  # «CSV (разделители — запятые)» of a Russian Excel


def _csv(path: Path, file: str, errors: ErrorList) -> list[Sheet]:
    try:
        text = _decode_csv(path.read_bytes())
    except UnicodeDecodeError:
        errors.add(Location(file), "не удалось определить кодировку файла", "сохраните файл в кодировке UTF-8")
        return []
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = _rows(([v if v.strip() else None for v in row] for row in reader), file, None, errors)
    return [] if rows is None else [Sheet(file, None, rows)]


def _not_a_workbook(path: Path, file: str, head: bytes, errors: ErrorList) -> bool:
    """Say what to do with a file that cannot be read as .xlsx; True when it was such a file."""
    suffix = path.suffix.lower()
    if head.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in path.read_bytes()[:1 << 20]:
            errors.add(Location(file), "файл защищён паролем, его нельзя прочитать",
                       "снимите пароль (Файл → Сведения → Защита книги → Зашифровать с использованием пароля → "
                       "пустой пароль) и сохраните файл")
        else:
            errors.add(Location(file), "файл в старом формате Excel 97–2003 (.xls)", _RESAVE)
        return True
    if suffix == ".ods" or (head.startswith(_ZIP) and b"opendocument.spreadsheet" in head):
        errors.add(Location(file), "таблица OpenDocument (.ods) не читается",
                   "сохраните её как «Книга Excel (*.xlsx)» (LibreOffice: Файл → Сохранить как)")
        return True
    if not head.startswith(_ZIP):
        errors.add(Location(file), "файл не является книгой Excel (.xlsx)",
                   "возможно, это страница или текст с расширением .xlsx; " + _RESAVE)
        return True
    return False


def read_sheets(path: Path, file: str, errors: ErrorList) -> list[Sheet]:
    """Every sheet of a workbook, or the one table of a CSV file; problems go to errors."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        errors.add(Location(file), f"файл больше {MAX_BYTES // (1024 * 1024)} МБ",
                   "сохраните в нём только базы, без картинок и лишних листов, или разделите его")
        return []
    if size == 0:
        errors.add(Location(file), "файл пуст", "заполните файл или удалите его")
        return []
    if path.suffix.lower() == ".csv":
        return _csv(path, file, errors)
    with path.open("rb") as fh:
        head = fh.read(4096)
    if _not_a_workbook(path, file, head, errors):
        return []
    return _workbook(path, file, errors)
