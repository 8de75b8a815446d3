"""Word documents: body order, merged cells, header rows, numbering, footnotes, what is skipped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from theodoi.importer.document import Document, Paragraph, Table
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources import read_document
from theodoi.importer.tests import docx_parts as parts
from theodoi.importer.tests.builders import GOLD, GOLD_FILES, plan_to_docx  # noqa: E402


def tables(document: Document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def read(doc: Any) -> Document:
    return read_document(parts.to_bytes(doc), "t.docx")


def test_paragraphs_and_tables_keep_body_order_with_hints() -> None:
    doc = parts.new_document()
    doc.add_heading("KẾ HOẠCH", 1)
    doc.add_paragraph().add_run("Căn cứ Luật Tổ chức chính quyền địa phương;")
    doc.add_table(rows=1, cols=2).rows[0].cells[0].text = "STT"
    doc.add_paragraph().add_run("Nơi nhận:").bold = True
    blocks = read(doc).blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    assert blocks[0].heading and not blocks[1].heading and not blocks[1].bold
    assert isinstance(blocks[3], Paragraph) and blocks[3].bold


def test_merged_cells_repeat_their_text_across_and_down() -> None:
    doc = parts.new_document()
    table = doc.add_table(rows=4, cols=3)
    for col, text in enumerate(["STT", "Nội dung", "Chủ trì"]):
        table.cell(0, col).text = text
    table.cell(1, 0).merge(table.cell(1, 2)).text = "I. CẢI CÁCH THỂ CHẾ"
    table.cell(2, 0).text, table.cell(2, 1).text = "1", "Rà soát văn bản"
    table.cell(3, 0).text, table.cell(3, 1).text = "2", "Hệ thống hóa"
    table.cell(2, 2).merge(table.cell(3, 2)).text = "Sở Tư pháp"
    rows = tables(read(doc))[0].rows
    assert rows[1].cells == ["I. CẢI CÁCH THỂ CHẾ"] * 3
    assert [row.cells[2] for row in rows[2:]] == ["Sở Tư pháp", "Sở Tư pháp"]
    assert [row.origin.row for row in rows] == [1, 2, 3, 4]


def test_header_row_kept_once_even_when_typed_again_after_a_page_break() -> None:
    doc = parts.new_document()
    table = doc.add_table(rows=4, cols=2)
    for row, texts in enumerate(
        [("STT", "Nội dung"), ("1", "Việc một"), ("STT", "Nội dung"), ("2", "Việc hai")]
    ):
        table.cell(row, 0).text, table.cell(row, 1).text = texts
    parts.mark_header(table.rows[0])
    rows = tables(read(doc))[0].rows
    assert [row.cells for row in rows] == [["STT", "Nội dung"], ["1", "Việc một"], ["2", "Việc hai"]]
    assert [row.header for row in rows] == [True, False, False]


def test_automatic_numbers_are_rendered_per_list_and_level() -> None:
    doc = parts.new_document()
    parts.add_list(doc, 907, [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")])
    table = doc.add_table(rows=5, cols=2)
    for row, (level, text) in enumerate(
        [(0, "CHỈ ĐẠO"), (1, "Việc"), (1, "Việc"), (0, "THỂ CHẾ"), (1, "Việc")]
    ):
        cell = table.cell(row, 1)
        cell.text = text
        parts.number(cell.paragraphs[0], 907, level)
    body = doc.add_paragraph("tiểu mục")
    parts.number(body, 907, 2)
    document = read(doc)
    assert [row.cells[1] for row in tables(document)[0].rows] == [
        "I. CHỈ ĐẠO",
        "1. Việc",
        "2. Việc",
        "II. THỂ CHẾ",
        "1. Việc",
    ]
    assert document.blocks[-1].text == "a) tiểu mục"


def test_a_numbered_empty_cell_shows_its_number() -> None:
    doc = parts.new_document()
    parts.add_list(doc, 903, [("decimal", "%1")])
    table = doc.add_table(rows=2, cols=2)
    for row in range(2):
        parts.number(table.cell(row, 0).paragraphs[0], 903)
        table.cell(row, 1).text = f"Nhiệm vụ {row}"
    assert [row.cells[0] for row in tables(read(doc))[0].rows] == ["1", "2"]


def test_nested_table_is_flattened_into_its_cell() -> None:
    doc = parts.new_document()
    outer = doc.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "1"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Năm 2026", "50%"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "Năm 2027", "70%"
    cell = tables(read(doc))[0].rows[0].cells[1]
    assert cell.splitlines()[-2:] == ["Năm 2026 50%", "Năm 2027 70%"]


def test_text_boxes_and_hidden_text_are_skipped_with_a_warning() -> None:
    doc = parts.new_document()
    paragraph = doc.add_paragraph("Kế hoạch")
    parts.add_text_box(paragraph, "DỰ THẢO")
    parts.hide(paragraph.add_run(" ẩn"))
    document = read(doc)
    assert document.blocks[0].text == "Kế hoạch"
    assert document.warnings and "hộp văn bản" in document.warnings[0]


def test_document_without_tables_is_read_for_the_plan_rules_to_judge() -> None:
    doc = parts.new_document()
    doc.add_paragraph("Kế hoạch chỉ có lời văn.")
    document = read(doc)
    assert not tables(document) and document.blocks[0].text == "Kế hoạch chỉ có lời văn."


def test_page_cap_from_the_recorded_page_count() -> None:
    doc = parts.new_document()
    doc.add_paragraph("Kế hoạch")
    data = parts.to_bytes(doc)
    assert read_document(parts.with_pages(data, 300), "a.docx").blocks
    with pytest.raises(UnreadableDocument, match="301 trang"):
        read_document(parts.with_pages(data, 301), "a.docx")


@pytest.mark.skipif(not GOLD_FILES, reason="shared/gold is not beside the project")
def test_footnote_goes_to_notes_and_its_marker_leaves_the_cell() -> None:
    gold = json.loads((GOLD / "001_d3ec81e35b4e1de3.json").read_text(encoding="utf-8"))
    document = read_document(plan_to_docx(gold), "001.docx")
    noted = [row for table in tables(document) for row in table.rows if row.notes]
    assert len(noted) == 1
    ((column, markers),) = noted[0].notes.items()
    assert document.notes[markers[0]].startswith("Theo phân công tại Kế hoạch hành động")
    assert not noted[0].cells[column].endswith(markers[0])


@pytest.mark.skipif(not GOLD_FILES, reason="shared/gold is not beside the project")
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem[:3])
def test_every_task_and_indicator_of_a_gold_plan_is_one_row(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    document = read_document(plan_to_docx(gold), path.stem + ".docx")
    names = [row.cells[1] for table in tables(document) for row in table.rows if len(row.cells) > 2]
    for item in gold["tasks"] + gold["indicators"]:
        assert item["name"] in names
    header_rows = [row for table in tables(document) for row in table.rows if row.header]
    assert all(row.cells[0] == "STT" for row in header_rows)


def test_a_row_deleted_with_tracked_changes_is_gone() -> None:
    doc = parts.new_document()
    table = doc.add_table(rows=3, cols=2)
    for row, texts in enumerate([("STT", "Nội dung"), ("1", "Việc đã xóa"), ("2", "Việc còn")]):
        table.cell(row, 0).text, table.cell(row, 1).text = texts
    parts.delete_tracked(table.rows[1])
    assert [row.cells[1] for row in tables(read(doc))[0].rows] == ["Nội dung", "Việc còn"]


def test_a_picture_without_words_gives_no_warning() -> None:
    doc = parts.new_document()
    paragraph = doc.add_paragraph("Kế hoạch")
    parts.add_text_box(paragraph, "")
    assert read(doc).warnings == []


def test_a_list_defined_by_a_numbering_style_counts_like_its_style() -> None:
    doc = parts.new_document()
    parts.add_list(doc, 950, [("upperRoman", "%1.")])
    parts.add_style_linked_list(doc, list_num_id=951, style_id="MucLaMa", target_num_id=950)
    for text in ("MỤC TIÊU", "NHIỆM VỤ"):
        parts.number(doc.add_paragraph(text), 951)
    assert [b.text for b in read(doc).blocks] == ["I. MỤC TIÊU", "II. NHIỆM VỤ"]


def test_pending_tracked_changes_are_read_as_accepted_with_a_warning() -> None:
    doc = parts.new_document()
    doc.add_table(rows=2, cols=1)
    parts.delete_tracked(doc.tables[0].rows[1])
    document = read(doc)
    assert any("Track Changes" in warning for warning in document.warnings)


def test_a_web_page_embedded_as_alt_chunk_is_read_in_place() -> None:
    doc = parts.new_document()
    doc.add_paragraph("KẾ HOẠCH")
    page = (
        "<html><body><table><tr><td>STT</td><td>Nội dung</td></tr><tr><td>1</td><td>Rà soát</td></tr></table>"
    )
    document = read_document(parts.with_alt_chunk(parts.to_bytes(doc), page + "</body></html>"), "a.docx")
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    cells = [" ".join(r.cells) for t in tables(document) for r in t.rows]
    assert texts[0] == "KẾ HOẠCH"
    assert any("Rà soát" in line for line in texts[1:] + cells)


def test_pages_come_from_the_breaks_word_rendered() -> None:
    doc = parts.new_document()
    doc.add_paragraph("Trang một")
    second = doc.add_paragraph()
    parts.rendered_break(second.add_run())
    second.add_run("Trang hai")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "STT", "Nội dung"
    for col, text in enumerate(("1", "Việc cắt đôi")):
        cell = table.cell(1, col)
        cell.text = text
        parts.rendered_break(cell.paragraphs[0].add_run())
        cell.paragraphs[0].add_run(" tiếp")
    doc.add_paragraph("Sau bảng")
    document = read(doc)
    assert [b.origin.page for b in document.blocks] == [1, 2, 2, 3]
    assert [r.origin.page for r in tables(document)[0].rows] == [2, 2]


def test_no_pages_when_word_left_no_breaks() -> None:
    doc = parts.new_document()
    doc.add_paragraph("Kế hoạch")
    assert read(doc).blocks[0].origin.page is None
