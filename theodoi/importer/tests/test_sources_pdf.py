"""PDF: tables across pages, page furniture, side-by-side blocks, footnotes, scans, passwords."""

from __future__ import annotations

import json
import shutil
from functools import cache

import pytest

from theodoi.importer.document import Document, Paragraph, Row, Table
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources import pdf_layout, read_document
from theodoi.importer.sources.ocr import ocr_available
from theodoi.importer.tests.builders import (
    GOLD,
    GOLD_FILES,
    docx_to_pdf,
    minimal_pdf,
    plan_to_docx,
    scanned_pdf,
)

needs_libreoffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")) or not GOLD_FILES,
    reason="LibreOffice (to print the test plans to PDF) or shared/gold missing",
)


@cache
def gold_pdf(stem: str) -> tuple[dict, bytes]:
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    pdf = docx_to_pdf(plan_to_docx(gold))
    assert pdf is not None
    return gold, pdf


def rows(document: Document) -> list[list[str]]:
    return [row.cells for block in document.blocks if isinstance(block, Table) for row in block.rows]


def test_text_layer_becomes_paragraphs_with_pages() -> None:
    document = read_document(minimal_pdf(["KE HOACH", "Phu luc"]), "a.pdf")
    assert [(b.text, b.origin.page) for b in document.blocks if isinstance(b, Paragraph)] == [
        ("KE HOACH", 1),
        ("Phu luc", 2),
    ]


def test_encrypted_pdf_has_its_own_message() -> None:
    with pytest.raises(UnreadableDocument, match="mật khẩu"):
        read_document(minimal_pdf(["x"], encrypted=True), "a.pdf")


def test_pdf_without_text_layer_is_a_scan() -> None:
    with pytest.raises(UnreadableDocument, match="bản quét, không có lớp chữ"):
        read_document(minimal_pdf(2), "scan.pdf")


def test_page_cap() -> None:
    with pytest.raises(UnreadableDocument, match="301 trang"):
        read_document(minimal_pdf(301), "a.pdf")


@needs_libreoffice
@pytest.mark.parametrize("stem", ["001_d3ec81e35b4e1de3", "004_b739e41cd6749cb2"])
def test_every_task_is_one_row_despite_page_breaks(stem: str) -> None:
    gold, pdf = gold_pdf(stem)
    document = read_document(pdf, stem + ".pdf")
    names = [" ".join(cells[1].split()) for cells in rows(document) if len(cells) > 2]
    for task in gold["tasks"]:
        assert " ".join(task["name"].split()) in names
    headers = [cells for cells in rows(document) if cells[0] == "STT"]
    assert len(headers) == len(
        [b for b in document.blocks if isinstance(b, Table) and b.rows[0].cells[0] == "STT"]
    )


@needs_libreoffice
def test_page_numbers_are_dropped_and_the_header_block_is_side_by_side() -> None:
    _, pdf = gold_pdf("001_d3ec81e35b4e1de3")
    document = read_document(pdf, "001.pdf")
    paragraphs = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert not [text for text in paragraphs if text.strip().isdigit()]
    first = document.blocks[0]
    assert isinstance(first, Table)
    left, right = first.rows[0].cells
    assert "Số: 1065/QĐ-UBND" in left and right.startswith("CỘNG HÒA XÃ HỘI CHỦ")


@needs_libreoffice
def test_footnote_of_a_cell_goes_to_notes() -> None:
    _, pdf = gold_pdf("001_d3ec81e35b4e1de3")
    document = read_document(pdf, "001.pdf")
    noted = [row for block in document.blocks if isinstance(block, Table) for row in block.rows if row.notes]
    assert len(noted) == 1
    marker = next(iter(noted[0].notes.values()))[0]
    assert document.notes[marker].startswith("Theo phân công tại Kế hoạch hành động")


@needs_libreoffice
@pytest.mark.skipif(not ocr_available(), reason="tesseract with Vietnamese data is not installed")
def test_scanned_pdf_is_read_by_ocr_with_a_warning() -> None:
    import docx

    from theodoi.importer.tests.docx_parts import to_bytes

    doc = docx.Document()
    doc.add_paragraph("Căn cứ Quyết định số 1065/QĐ-UBND của Ủy ban nhân dân tỉnh Đồng Nai;")
    pdf = docx_to_pdf(to_bytes(doc))
    assert pdf is not None
    document = read_document(scanned_pdf(pdf), "scan.pdf")
    assert "1065/QĐ-UBND" in " ".join(b.text for b in document.blocks if isinstance(b, Paragraph))
    assert "OCR" in document.warnings[0]


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        ("Nghị quyết số 66.7/2025/", "NQ-CP ngày 15", "Nghị quyết số 66.7/2025/NQ-CP ngày 15"),
        ("Phươ", "ng pháp tính", "Phương pháp tính"),
        ("Tối thiểu 80", "% TTHC", "Tối thiểu 80% TTHC"),
        ("Tối thiểu 80%", "TTHC có yêu cầu", "Tối thiểu 80% TTHC có yêu cầu"),
        ("Giai đoạn 2026 -", "2030", "Giai đoạn 2026 - 2030"),
    ],
)
def test_wrapped_lines_join_as_printed(head: str, tail: str, joined: str) -> None:
    assert pdf_layout.join_wrapped(head, tail) == joined


def row(*cells: str) -> Row:
    return Row(cells=list(cells))


def test_a_row_split_by_the_page_break_is_one_row_again() -> None:
    rows = [row("STT", "Nội dung", "Chủ trì"), row("1", "Rà soát, hoàn thiện", "Sở Tư pháp")]
    continuation = [row("", "quy trình nội bộ", ""), row("2", "Số hóa hồ sơ", "Văn phòng")]
    joined = pdf_layout.join_parts(rows, continuation)
    assert [r.cells for r in joined] == [
        ["STT", "Nội dung", "Chủ trì"],
        ["1", "Rà soát, hoàn thiện quy trình nội bộ", "Sở Tư pháp"],
        ["2", "Số hóa hồ sơ", "Văn phòng"],
    ]


def test_a_cell_merged_down_across_the_page_break_is_whole_in_every_row() -> None:
    rows = [row("1", "Việc một", "Tăng cường điện tử hóa"), row("2", "Việc hai", "Tăng cường điện tử hóa")]
    continuation = [row("3", "Việc ba", "quy trình giải quyết"), row("4", "Việc bốn", "quy trình giải quyết")]
    joined = pdf_layout.join_parts(rows, continuation)
    assert {r.cells[2] for r in joined} == {"Tăng cường điện tử hóa quy trình giải quyết"}


def test_an_empty_merged_cell_at_the_top_of_a_page_continues_the_one_above() -> None:
    rows = [row("1", "Việc một", "Mục tiêu A")]
    empty = pdf_layout.EMPTY_MERGED
    continuation = [row("2", "Việc hai", empty), row("3", "Việc ba", empty)]
    assert [r.cells[2] for r in pdf_layout.join_parts(rows, continuation)] == ["Mục tiêu A"] * 3


def test_a_lowercase_value_of_its_own_is_not_glued_to_the_row_above() -> None:
    rows = [row("1", "Việc một", "Văn phòng UBND tỉnh")]
    joined = pdf_layout.join_parts(rows, [row("2", "Việc hai", "các cơ quan liên quan")])
    assert [r.cells[2] for r in joined] == ["Văn phòng UBND tỉnh", "các cơ quan liên quan"]


def test_a_merged_cell_cut_after_a_linking_word_is_joined_even_before_a_capital() -> None:
    rows = [row("1", "Việc một", "trên cơ sở quy định của"), row("2", "Việc hai", "trên cơ sở quy định của")]
    continuation = [row("3", "Việc ba", "Trung ương"), row("4", "Việc bốn", "Trung ương")]
    joined = pdf_layout.join_parts(rows, continuation)
    assert {r.cells[2] for r in joined} == {"trên cơ sở quy định của Trung ương"}


@needs_libreoffice
def test_a_table_without_rules_is_left_as_lines_not_guessed_into_tables() -> None:
    import docx

    from theodoi.importer.tests.docx_parts import to_bytes

    doc = docx.Document()
    table = doc.add_table(rows=1, cols=4)  # no borders: python-docx's default table style
    for cell, text in zip(table.rows[0].cells, ["STT", "Nội dung", "Chủ trì", "Thời gian"], strict=True):
        cell.text = text
    for number in range(1, 8):
        cells = table.add_row().cells
        texts = [
            str(number),
            f"Tổ chức các phiên họp, hội nghị lần {number}",
            "Sở Khoa học và Công nghệ",
            "Quý IV",
        ]
        for cell, text in zip(cells, texts, strict=True):
            cell.text = text
    pdf = docx_to_pdf(to_bytes(doc))
    assert pdf is not None
    document = read_document(pdf, "a.pdf")
    assert not [b for b in document.blocks if isinstance(b, Table)]
    assert any(b.text.startswith("STT\t") for b in document.blocks if isinstance(b, Paragraph))
