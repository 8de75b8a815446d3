"""Writing the documents' .xlsx files with openpyxl: a header row, rows of values, and text that a
spreadsheet program can never run as a formula.

Text typed by people (task names, what units wrote) may begin with = + - @ (a Vietnamese list
often starts with "- "). Such a cell is written as a string with the `quotePrefix` style, the
way Excel stores a value typed with a leading apostrophe: the text reads exactly as written and
is never evaluated (formula injection).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from theodoi.core.spreadsheets import FORMULA_START

FONT = "Times New Roman"
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEAD_FILL = PatternFill("solid", fgColor="DDE5EE")
_HEAD_FONT = Font(name=FONT, bold=True, size=11)
_BODY_FONT = Font(name=FONT, size=11)


def set_cell(cell: Cell, value: Any) -> None:
    """Write one value: numbers and dates as themselves, text as text (never a formula)."""
    if value is None or value == "":
        cell.value = None
        return
    if isinstance(value, bool):
        value = "Có" if value else "Không"
    if isinstance(value, (int, float, Decimal, date, datetime)):
        cell.value = value
        if isinstance(value, date):
            cell.number_format = "DD/MM/YYYY"
        return
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.value = text
    if text.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def add_sheet(
    book: Workbook,
    title: str,
    columns: Sequence[tuple[str, int]],
    rows: Iterable[Sequence[Any]],
    *,
    heading: str = "",
) -> Worksheet:
    """A sheet with an optional title line, a bold header row frozen at the top, then the rows.
    `columns` are (header, width in characters)."""
    sheet = book.create_sheet(title[:31])
    row_number = 1
    if heading:
        set_cell(sheet.cell(row=1, column=1), heading)
        sheet.cell(row=1, column=1).font = Font(name=FONT, bold=True, size=13)
        row_number = 3
    for index, (header, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=row_number, column=index)
        set_cell(cell, header)
        cell.font, cell.fill, cell.border, cell.alignment = _HEAD_FONT, _HEAD_FILL, _BORDER, _WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=row_number + 1, column=1)
    for values in rows:
        row_number += 1
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=index)
            set_cell(cell, value)
            cell.font, cell.border, cell.alignment = _BODY_FONT, _BORDER, _WRAP
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.print_title_rows = f"{3 if heading else 1}:{3 if heading else 1}"
    return sheet


def new_workbook() -> Workbook:
    book = Workbook()
    book.remove(book.active)
    return book


def to_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
