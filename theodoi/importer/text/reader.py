"""Plain-text exports to `Document`: a registry of block readers tried at each line.

Each reader's `test()` says whether the lines at the cursor are its layout and `run()` consumes
them into blocks and returns the new cursor. Readers know nothing of plans: they only rebuild
paragraphs and table rows.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

from theodoi.core.text import clean
from theodoi.importer.document import Document, Origin, Paragraph
from theodoi.importer.registry import Registry
from theodoi.importer.text.cells import CellPerLineReader, PipeRowReader, TabRowReader
from theodoi.importer.text.inline import is_bold, strip_inline
from theodoi.importer.text.pdf_columns import PdfColumnsReader


class BlockReader(Protocol):
    def test(self, lines: list[str], pos: int) -> bool: ...

    def run(self, lines: list[str], pos: int, doc: Document) -> int: ...


_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")


class ParagraphReader:
    """Any other non-blank line is a paragraph; blank lines are skipped."""

    def test(self, lines: list[str], pos: int) -> bool:
        return True

    def run(self, lines: list[str], pos: int, doc: Document) -> int:
        line = lines[pos]
        if line.strip():
            heading = _HEADING_MARK.match(line) is not None
            raw = _HEADING_MARK.sub("", line)
            text = clean(strip_inline(raw))
            if text:
                doc.blocks.append(Paragraph(text, _origin(pos), bold=is_bold(raw), heading=heading))
        return pos + 1


def _origin(pos: int) -> Origin:
    return Origin(line=pos + 1)


block_readers: Registry[BlockReader] = Registry()
block_readers.register(PdfColumnsReader(), "pdf_columns", 100)
block_readers.register(TabRowReader(), "tab_rows", 90)
block_readers.register(PipeRowReader(), "pipe_rows", 85)
block_readers.register(CellPerLineReader(), "cell_per_line", 80)
block_readers.register(ParagraphReader(), "paragraph", 0)

_FOOTNOTE_REF = re.compile(r"\[footnoteRef:\s*(\w+)\]")
_FOOTNOTE_BODY = re.compile(r"\[(\d+):\s*([^\[\]]*)\]")


_MARKDOWN_NOTE = re.compile(r"^\[\^(\w+)\]:\s*(.*)$", re.M)


def _take_footnotes(text: str, doc: Document) -> str:
    """Footnote bodies move to `doc.notes`; their markers stay as `[^n]` where they were cited."""

    def body(match: re.Match[str]) -> str:
        doc.notes[match.group(1)] = clean(match.group(2))
        return ""

    text = _FOOTNOTE_REF.sub(r"[^\1]", text)
    text = _MARKDOWN_NOTE.sub(body, text)
    return _FOOTNOTE_BODY.sub(body, text)


def read_text(text: str, name: str) -> Document:
    doc = Document(name=name, blocks=[])
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = _take_footnotes(text, doc).split("\n")
    pos = 0
    while pos < len(lines):
        for reader in block_readers:
            if reader.test(lines, pos):
                new_pos = reader.run(lines, pos, doc)
                if new_pos > pos:
                    pos = new_pos
                    break
        else:
            pos += 1
    return doc
