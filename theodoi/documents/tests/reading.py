"""Reading generated files back, as a person opening them would see them."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook


def open_docx(content: bytes):
    return Document(io.BytesIO(content))


def all_paragraphs(document) -> list[Paragraph]:
    """Every paragraph in document order, inside tables too."""
    return [Paragraph(element, document) for element in document.element.body.iter(qn("w:p"))]


def texts(document) -> list[str]:
    return [paragraph.text for paragraph in all_paragraphs(document) if paragraph.text.strip()]


def paragraph(document, text: str) -> Paragraph:
    found = [p for p in all_paragraphs(document) if p.text == text]
    assert found, f"no paragraph {text!r} in {texts(document)}"
    return found[0]


def run_fonts(document) -> set[str | None]:
    return {run.font.name for p in all_paragraphs(document) for run in p.runs if run.text.strip()}


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def open_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content))


def sheet_rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]
