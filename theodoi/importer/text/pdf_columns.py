"""Broken PDF text where a table's columns come interleaved line by line (filled in below)."""

from __future__ import annotations

from theodoi.importer.document import Document


class PdfColumnsReader:
    def test(self, lines: list[str], pos: int) -> bool:
        return False

    def run(self, lines: list[str], pos: int, doc: Document) -> int:
        return pos
