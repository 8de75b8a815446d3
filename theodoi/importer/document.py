"""The layout-neutral form every source is read into before plan rules run.

A source (plain text export, .docx, .xlsx, .pdf) yields a `Document`: paragraphs and tables in
reading order, each block knowing where it came from so the review screen can point at it.
The plan rules never look at file formats, only at these blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where a block or row came from: `line` (text), `page` (PDF), `table`/`row` (docx, xlsx)."""

    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    sheet: str | None = None

    def label(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.page is not None:
            parts.append(f"trang {self.page}")
        if self.table is not None:
            parts.append(f"bảng {self.table}")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.line is not None:
            parts.append(f"dòng {self.line}")
        return ", ".join(parts)


@dataclass
class Paragraph:
    """Running text outside tables. `bold` and `heading` are hints some sources can give."""

    text: str
    origin: Origin = field(default_factory=Origin)
    bold: bool = False
    heading: bool = False
    notes: list[str] = field(default_factory=list)  # footnote markers (keys of Document.notes) it carried


@dataclass
class Row:
    """One table row; `cells` hold plain text, a merged cell repeated in each column it spans.

    A cell's own line breaks are kept as "\n". `header` marks rows the source flags as the table
    header (Word's repeat-on-every-page rows); `notes` maps a column to the footnote markers
    (keys of `Document.notes`) that cell carried, the markers themselves removed from the text.
    """

    cells: list[str]
    origin: Origin = field(default_factory=Origin)
    bold: bool = False
    header: bool = False
    notes: dict[int, list[str]] = field(default_factory=dict)


@dataclass
class Table:
    rows: list[Row]
    origin: Origin = field(default_factory=Origin)


Block = Paragraph | Table


@dataclass
class Document:
    """A source file as blocks in reading order. `notes` are footnotes keyed by their marker."""

    name: str
    blocks: list[Block]
    notes: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
