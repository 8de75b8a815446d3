"""Every table on a dashboard, downloadable as .xlsx or .csv.

A page builds its tables as `Table` objects (the same rows the template shows); the view hands
one of them to `xlsx_bytes` or `csv_bytes` when the URL asks (`?xuat=xlsx&bang=<key>`), so a
download always carries the filters of the page it came from.

Text that came from people (unit names, task names, notes) may start with = + - @: a spreadsheet
would run it as a formula (formula injection). Such a cell is written behind an apostrophe, as
text; numbers and dates are written as numbers and dates.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from theodoi.core.spreadsheets import safe_text

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Cell:
    """A cell shown with more than its value: a link, a status badge, a hover title.

    `value` is what the download holds (a number, a date); `text` what the page shows.
    """

    text: str
    value: Any = None
    url: str = ""
    css: str = ""
    title: str = ""

    def __str__(self) -> str:
        return self.text


@dataclass
class Table:
    """A table as a page shows it: a key for its download link, a title, headings and rows."""

    key: str
    title: str
    columns: Sequence[str]
    rows: list[list[Any]] = field(default_factory=list)


def cell_value(value: Any) -> Any:
    """What goes into one cell: numbers as numbers, moments as local naive datetimes, text defused."""
    if isinstance(value, Cell):
        value = value.text if value.value is None else value.value
    if value is None:
        return None
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value
    return safe_text(str(value))


def _csv_value(value: Any) -> str:
    shown = cell_value(value)
    if shown is None:
        return ""
    if isinstance(shown, datetime):
        return shown.strftime("%d/%m/%Y %H:%M")
    if isinstance(shown, date):
        return shown.strftime("%d/%m/%Y")
    return str(shown)


def format_number(value: int | float | Decimal) -> str:
    """1234.5 → "1.234,5" (at most two decimals, trailing zeros dropped)."""
    number = float(value)
    text = f"{number:,.2f}".rstrip("0").rstrip(".") if number != int(number) else f"{int(number):,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Vietnamese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_text(str(name)) for name in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(table.title)
    sheet.append([safe_text(table.title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([safe_text(str(name)) for name in table.columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        sheet.append([cell_value(value) for value in row])
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
    for index, _ in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 14 if index > 1 else 40
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")
    return (cleaned or "Bảng")[:31]


def filename(table: Table, extension: str) -> str:
    return f"{table.key}.{extension}"
