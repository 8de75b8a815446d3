"""Excel .xlsx: each visible sheet with content becomes a titled Table, merged ranges filled in.

Values read as a Vietnamese reader sees them in Excel: whole numbers without ".0", decimals with a
decimal comma ("90,46", the form plan rules parse as Vietnamese), a percentage-formatted cell as
"90,46%", dates as dd/mm/yyyy. Text cells are kept exactly as typed. Formulas give the value Excel
saved with the file. The workbook is opened read-only so large files stream row by row.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree

from lxml import etree

from theodoi.importer.document import Block, Document, Origin, Paragraph, Row, Table
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources.limits import MAX_ROWS, open_zip
from theodoi.importer.sources.tables import without_repeated_headers

MAX_COLUMNS = 200
CORRUPT = "Tệp Excel bị hỏng hoặc không đúng định dạng .xlsx."
# What openpyxl and the XML and ZIP layers under it raise on a damaged workbook.
_DAMAGED = (
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    EOFError,
    OSError,
    zipfile.BadZipFile,
    zlib.error,
    etree.XMLSyntaxError,
    ElementTree.ParseError,
)
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_MERGE_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"

Merges = dict[tuple[int, int], tuple[int, int]]  # covered (row, col) -> top-left (row, col)


def read_xlsx(data: bytes, name: str) -> Document:
    import openpyxl

    package = open_zip(data)
    try:
        return _read_workbook(
            openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True), package, name
        )
    except _DAMAGED as exc:
        raise UnreadableDocument(CORRUPT) from exc


def _read_workbook(workbook: Any, package: zipfile.ZipFile, name: str) -> Document:
    blocks: list[Block] = []
    warnings: list[str] = []
    rows_left = MAX_ROWS
    tables = 0
    try:
        for sheet in workbook.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                warnings.append(f"Bỏ qua trang tính ẩn “{sheet.title}”.")
                continue
            merges = _merges(package, getattr(sheet, "_worksheet_path", None))
            rows = _sheet_rows(sheet.iter_rows(), merges, sheet.title, tables + 1)
            rows_left -= len(rows)
            if rows_left < 0:
                raise UnreadableDocument("Bảng tính có quá nhiều dòng để nhập một lần.")
            if not rows:
                continue
            blocks.append(Paragraph(text=sheet.title, origin=Origin(sheet=sheet.title), heading=True))
            captions, rows = _split_captions(rows)
            blocks.extend(captions)
            if rows:
                tables += 1
                blocks.append(Table(rows=rows, origin=Origin(sheet=sheet.title, table=tables)))
    finally:
        workbook.close()
    return Document(name=name, blocks=blocks, warnings=warnings)


def _sheet_rows(cells_by_row: Iterable[tuple[Any, ...]], merges: Merges, title: str, table: int) -> list[Row]:
    grid: dict[tuple[int, int], str] = {}
    bold: dict[int, bool] = {}
    for cells in cells_by_row:
        for cell in cells[:MAX_COLUMNS]:
            value = getattr(cell, "value", None)
            if value is None:
                continue
            row, col = int(cell.row), int(cell.column)
            text = format_value(value, str(getattr(cell, "number_format", "General") or "General"))
            if text:
                grid[(row, col)] = text
                font = getattr(cell, "font", None)
                bold[row] = bold.get(row, True) and bool(getattr(font, "b", False))
    for covered, origin in merges.items():
        if origin in grid:
            grid[covered] = grid[origin]
    if not grid:
        return []
    width = max(col for _, col in grid)
    rows = []
    for number in sorted({row for row, _ in grid}):
        texts = [grid.get((number, col), "") for col in range(1, width + 1)]
        rows.append(
            Row(
                cells=texts, origin=Origin(sheet=title, table=table, row=number), bold=bold.get(number, False)
            )
        )
    return without_repeated_headers(rows)


def _split_captions(rows: list[Row]) -> tuple[list[Paragraph], list[Row]]:
    """Title rows above the table (one text, often merged across it) are paragraphs, as in Word."""
    captions: list[Paragraph] = []
    for index, row in enumerate(rows):
        if len({cell for cell in row.cells if cell.strip()}) > 1:
            return captions, rows[index:]
        text = next(cell for cell in row.cells if cell.strip())
        captions.append(Paragraph(text=text, origin=row.origin, bold=row.bold))
    return captions, []


def format_value(value: object, number_format: str = "General") -> str:
    """A cell value as Excel would show it to a Vietnamese reader (see the module docstring)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        if "%" in number_format:
            return format_number(float(value) * 100) + "%"
        return format_number(value)
    return str(value).strip()


def format_number(value: float) -> str:
    if isinstance(value, int) or (abs(value) < 1e15 and float(value).is_integer()):
        return str(int(value))
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _merges(package: zipfile.ZipFile, part: str | None) -> Merges:
    """Merged ranges, read from the sheet XML since read-only mode does not expose them."""
    if not part:
        return {}
    covered: Merges = {}
    try:
        with package.open(part.lstrip("/")) as stream:
            for _, element in etree.iterparse(
                stream, tag=_MERGE_TAG, resolve_entities=False, no_network=True
            ):
                _add_range(covered, str(element.get("ref") or ""))
                element.clear()
    except _DAMAGED as exc:
        raise UnreadableDocument(CORRUPT) from exc
    return covered


def _add_range(covered: Merges, ref: str) -> None:
    if ":" not in ref:
        return
    start, end = (_CELL.match(part) for part in ref.split(":", 1))
    if not start or not end:
        return
    top, left = int(start.group(2)), _column(start.group(1))
    bottom, right = int(end.group(2)), _column(end.group(1))
    if (bottom - top + 1) * (right - left + 1) > 100_000:
        return
    for row in range(top, bottom + 1):
        for col in range(left, right + 1):
            if (row, col) != (top, left):
                covered[(row, col)] = (top, left)


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
