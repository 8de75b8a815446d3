"""Excel workbooks: a titled table per visible sheet, merges filled, numbers as a reader sees them."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest

from theodoi.importer.document import Paragraph, Table
from theodoi.importer.sources import read_document
from theodoi.importer.sources.xlsx import format_value
from theodoi.importer.tests.builders import GOLD_FILES, plan_to_xlsx


def workbook_bytes(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (95.0, "General", "95"),
        (95, "General", "95"),
        (90.46, "0.00", "90,46"),
        (0.9046, "0.00%", "90,46%"),
        (1, "0%", "100%"),
        ("90,46%", "@", "90,46%"),
        (dt.datetime(2026, 3, 30), "dd/mm/yyyy", "30/03/2026"),
        (dt.date(2026, 12, 31), "General", "31/12/2026"),
        (True, "General", "TRUE"),
    ],
)
def test_values_read_as_a_vietnamese_reader_sees_them(value: object, number_format: str, shown: str) -> None:
    assert format_value(value, number_format) == shown


def test_each_sheet_with_content_is_a_titled_table_with_merges_filled() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục I"
    sheet.append(["STT", "Chỉ tiêu", "Mục tiêu"])
    sheet.append(["I. Giai đoạn 2026 - 2027"])
    sheet.merge_cells("A2:C2")
    sheet.append([1, "Tỷ lệ hồ sơ trực tuyến", 0.95])
    sheet["C3"].number_format = "0%"
    sheet.append([2, "Tỷ lệ số hóa", None])
    sheet.merge_cells("C3:C4")
    workbook.create_sheet("Trống")
    hidden = workbook.create_sheet("Danh mục")
    hidden.append(["ẩn"])
    hidden.sheet_state = "hidden"
    document = read_document(workbook_bytes(workbook), "ke-hoach.xlsx")
    assert [type(block).__name__ for block in document.blocks] == ["Paragraph", "Table"]
    title, table = document.blocks
    assert isinstance(title, Paragraph) and title.text == "Phụ lục I" and title.heading
    assert isinstance(table, Table)
    assert [row.cells for row in table.rows] == [
        ["STT", "Chỉ tiêu", "Mục tiêu"],
        ["I. Giai đoạn 2026 - 2027"] * 3,
        ["1", "Tỷ lệ hồ sơ trực tuyến", "95%"],
        ["2", "Tỷ lệ số hóa", "95%"],
    ]
    assert table.rows[2].origin.sheet == "Phụ lục I" and table.rows[2].origin.row == 3
    assert any("Danh mục" in warning for warning in document.warnings)


def test_blank_rows_are_skipped_but_rows_keep_their_sheet_numbers() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B2"], sheet["C2"] = "Nội dung", "Chủ trì"
    sheet["B5"], sheet["C5"] = "Việc một", "Sở Tư pháp"
    table = read_document(workbook_bytes(workbook), "a.xlsx").blocks[1]
    assert isinstance(table, Table)
    assert [(row.origin.row, row.cells) for row in table.rows] == [
        (2, ["", "Nội dung", "Chủ trì"]),
        (5, ["", "Việc một", "Sở Tư pháp"]),
    ]


def test_title_rows_above_the_table_are_paragraphs() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["PHỤ LỤC II"])
    sheet.merge_cells("A1:C1")
    sheet.append([None, "Các nhiệm vụ cụ thể"])
    sheet.append(["STT", "Nội dung", "Chủ trì"])
    blocks = read_document(workbook_bytes(workbook), "a.xlsx").blocks
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [
        "Sheet",
        "PHỤ LỤC II",
        "Các nhiệm vụ cụ thể",
    ]
    assert isinstance(blocks[-1], Table) and blocks[-1].rows[0].cells == ["STT", "Nội dung", "Chủ trì"]


@pytest.mark.skipif(not GOLD_FILES, reason="shared/gold is not beside the project")
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem[:3])
def test_every_task_of_a_gold_plan_is_one_row(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    document = read_document(plan_to_xlsx(gold), path.stem + ".xlsx")
    names = [row.cells[1] for block in document.blocks if isinstance(block, Table) for row in block.rows]
    for task in gold["tasks"]:
        assert task["name"] in names
