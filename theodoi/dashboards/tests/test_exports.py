"""Tables as .xlsx and .csv: values, types, and formula injection neutralised."""

import csv
import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from theodoi.dashboards.exports import Cell, Table, csv_bytes, format_number, safe_text, xlsx_bytes

DANGEROUS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("http://x")']


def table():
    rows = [[text, Decimal("12.5"), 3] for text in DANGEROUS]
    rows.append([Cell("Văn phòng Sở", url="/x"), None, Cell("Muộn · 15/01/2026", value="Muộn")])
    rows.append(["Đúng hạn", datetime(2026, 1, 10, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), True])
    return Table("bang-thu", "Bảng: thử / kiểm tra", ["Đơn vị", "=Giá trị", "Số"], rows)


def test_safe_text():
    assert safe_text("=1+2") == "'=1+2"
    assert safe_text("Sở Nội vụ") == "Sở Nội vụ"
    assert safe_text("") == ""


def test_xlsx_cells_are_text_numbers_and_dates():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(table()))).active
    assert sheet["A1"].value == "Bảng: thử / kiểm tra"
    assert [c.value for c in sheet[2]] == ["Đơn vị", "'=Giá trị", "Số"]
    for row, text in enumerate(DANGEROUS, start=3):
        cell = sheet.cell(row=row, column=1)
        assert cell.value == "'" + text and cell.data_type == "s"
        assert sheet.cell(row=row, column=2).value == 12.5
        assert sheet.cell(row=row, column=3).value == 3
    assert sheet["A8"].value == "Văn phòng Sở" and sheet["B8"].value is None and sheet["C8"].value == "Muộn"
    assert sheet["B9"].value == datetime(2026, 1, 10, 9, 30)  # local time, as people read it
    assert sheet["C9"].value == "Có"
    assert "/" not in sheet.title


def test_csv_has_bom_and_defused_text():
    data = csv_bytes(table())
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Đơn vị", "'=Giá trị", "Số"]
    assert [row[0] for row in rows[1:6]] == ["'" + text for text in DANGEROUS]
    assert rows[1][1] == "12.5"
    assert rows[7][1] == "10/01/2026 09:30"


def test_format_number_is_vietnamese():
    assert format_number(1234) == "1.234"
    assert format_number(Decimal("98.50")) == "98,5"
    assert format_number(0.126) == "0,13"
