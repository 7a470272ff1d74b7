"""Download workbooks written straight as XML: one sheet of texts, whole numbers and dates.

openpyxl makes an object of every cell and serialises each through ElementTree, which took
more time than all the Markdown of a site. A download always has the same shape (one sheet,
a styled heading row frozen at the top, then rows), so its sheet is written here in exactly
the form openpyxl gives it, and every other part of the file (styles, workbook, properties)
is taken from a small workbook openpyxl makes once per title, date and kind of cells.
tests/excel/test_plain_book.py holds the bytes to openpyxl's own for the same table.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import zipfile

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.exceptions import IllegalCharacterError

from generator.excel.writer import DATE_FORMAT, heading_row, put, stamped_zip, workbook_bytes

Cell = str | int | dt.date
SHEET = "xl/worksheets/sheet1.xml"
MAX_TEXT = 32767  # what a cell holds; openpyxl cuts longer texts there
_HEADING_STYLE, _DATE_STYLE = 1, 2  # the order in which the frame workbook first uses them
_HEAD = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr>'
         '<outlinePr summaryBelow="1" summaryRight="1" /><pageSetUpPr /></sheetPr><dimension ref="A1:{last}" />'
         '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
         'state="frozen" /><selection pane="bottomLeft" activeCell="A1" sqref="A1" /></sheetView></sheetViews>'
         '<sheetFormatPr baseColWidth="8" defaultRowHeight="15" /><cols>{cols}</cols><sheetData>')
_TAIL = ('</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5" />'
         '</worksheet>')


def table_book(rows: list[list[Cell]], widths: list[int], title: str, day: dt.date) -> bytes:
    """The workbook of a table whose first row is its heading; the same table and day give the same bytes."""
    dated = any(map(isinstance, itertools.chain.from_iterable(rows[1:]), itertools.repeat(dt.date)))
    return book_of([rows_xml(rows[:1], len(rows[0]), 1), rows_xml(rows[1:], len(rows[0]), 2)],
                   len(rows), widths, dated, title, day)


def book_of(pieces: list[bytes], count: int, widths: list[int], dated: bool, title: str, day: dt.date) -> bytes:
    """table_book of a table whose rows are written already (rows_xml): its heading row first, count rows
    in all, dated when some cell below the heading is a date. A region's base of mentors is written
    a piece at a time, and a piece is kept between builds while its rows stay the same (downloads.py)."""
    parts = dict(_frame(title, dated, day))
    sheet = io.BytesIO()
    last = f"{get_column_letter(len(widths))}{count}"
    cols = "".join(f'<col width="{width}" customWidth="1" min="{c}" max="{c}" />' for c, width in enumerate(widths, 1))
    sheet.write(_HEAD.format(last=last, cols=cols).encode("utf-8"))
    for piece in pieces:
        sheet.write(piece)
    sheet.write(_TAIL.encode("utf-8"))
    parts[SHEET] = (parts[SHEET][0], sheet.getbuffer())  # zipped as it is: no copy of a region's 35 MB
    return stamped_zip(parts.items(), day)


@functools.lru_cache(maxsize=64)
def _frame(title: str, dated: bool, day: dt.date) -> tuple:
    """Every part of the file as openpyxl writes it for such a table: name → (file mode, content)."""
    book = Workbook()
    ws = book.active
    ws.title = title[:31]
    heading_row(ws, 1, ["№"], [8])
    if dated:
        put(ws, 2, 1, day, DATE_FORMAT)
    book.properties.title = title
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(book, day))) as made:
        return tuple((info.filename, (info.external_attr, made.read(info.filename))) for info in made.infolist())


def rows_xml(rows: list[list[Cell]], columns: int, first: int) -> bytes:
    """The sheet's XML of these rows, numbered from first (row 1 is the heading), of the first columns
    cells each. Encoded row by row: a region's base of mentors held as one string, and as a list of its
    cells before that, took three times the memory of its bytes."""
    letters = [get_column_letter(c) for c in range(1, columns + 1)]
    out = []
    for r, row in enumerate(rows, first):
        heading = r == 1
        cells = "".join([f'<c r="{letter}{r}"{_cell_rest(type(value), value, heading)}'
                         for letter, value in zip(letters, row)])
        out.append(f'<row r="{r}">{cells}</row>'.encode("utf-8"))
    return b"".join(out)


@functools.lru_cache(maxsize=4096)
def _cell_rest(kind: type, value: Cell, heading: bool) -> str:
    """A cell after its reference «<c r="B2"». Columns repeat their values (categories, forms, dates): each
    distinct one is written once. kind is in the key: 1 and True are equal keys, not equal cells."""
    style = f' s="{_HEADING_STYLE}"' if heading else ""
    if isinstance(value, dt.date):
        return f' s="{_DATE_STYLE}" t="n"><v>{safe_string(to_excel(value))}</v></c>'
    if isinstance(value, int):
        return f'{style} t="n"><v>{safe_string(value)}</v></c>'
    value = value[:MAX_TEXT]
    if ILLEGAL_CHARACTERS_RE.search(value):
        raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
    if value in ERROR_CODES:  # openpyxl types «#N/A» as an error value, not as text
        return f'{style} t="e"><v>{_escape(value)}</v></c>'
    if not value:
        return f'{style} t="inlineStr" />'
    stripped = value.strip()
    space = ' xml:space="preserve"' if stripped and stripped != value else ""
    return f'{style} t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'


def _escape(text: str) -> str:
    """As ElementTree escapes element text."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text
