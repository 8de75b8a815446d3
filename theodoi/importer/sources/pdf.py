"""PDF: ruled tables (and aligned tables without rules), text outside them as paragraphs.

Header and footer lines that repeat on most pages, and page numbers, are dropped; a table cut by
a page break is joined again, its repeated header row dropped. A PDF without a text layer is read
by OCR when `pdftoppm` and `tesseract` with Vietnamese data are installed.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from theodoi.importer.document import Block, Document, Origin, Paragraph, Row, Table
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources.limits import check_pages
from theodoi.importer.sources.tables import without_repeated_headers

ENCRYPTED = "Tệp PDF được đặt mật khẩu. Hãy lưu một bản không có mật khẩu rồi tải lên lần nữa."
CORRUPT = "Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được."
SCANNED = (
    "Tệp PDF là bản quét, không có lớp chữ nên không đọc được nội dung. Hãy tải lên bản .docx "
    "hoặc bản PDF xuất trực tiếp từ Word."
)
_MARGIN = 0.09  # share of the page height at top and bottom where running headers and footers sit
_PAGE_NUMBER = re.compile(r"^(trang\s*)?[-–—\s]*\d{1,4}(\s*/\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)
_ITEM_START = re.compile(r"^([-+•*–]\s|\d{1,2}[.)]\s|[IVXLC]{1,6}[.)]\s|[a-zđ][)]\s|Điều\s+\d)")
_BULLET_LINE = re.compile(r"^[-+•–]\s")


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    bold: bool


@dataclass
class _Page:
    number: int
    height: float
    items: list[tuple[float, _Line | Table]] = field(default_factory=list)


def read_pdf(data: bytes, name: str) -> Document:
    import pdfplumber

    pdf = _open(pdfplumber, data)
    try:
        pages = _pages(pdf)
        check_pages(len(pages))
        if not any(page.chars for page in pages):
            from theodoi.importer.sources.ocr import ocr_document

            return ocr_document(data, name, len(pages), SCANNED)
        read = [_read_page(page, number) for number, page in enumerate(pages, start=1)]
    except UnreadableDocument:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer fails in many ways on damaged files
        raise UnreadableDocument(CORRUPT) from exc
    finally:
        pdf.close()
    warnings = [f"Trang {page.number} là ảnh quét, không có lớp chữ; nội dung trang này không được đọc."
                for page, raw in zip(read, pages, strict=True) if not raw.chars and raw.images]
    return Document(name=name, blocks=_blocks(_drop_furniture(read)), warnings=warnings)


def _open(pdfplumber: Any, data: bytes) -> Any:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        raise UnreadableDocument(ENCRYPTED if _is_password_error(exc) else CORRUPT) from exc
    return pdf


def _pages(pdf: Any) -> list[Any]:
    try:
        return list(pdf.pages)
    except Exception as exc:  # noqa: BLE001
        raise UnreadableDocument(ENCRYPTED if _is_password_error(exc) else CORRUPT) from exc


def _is_password_error(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        text = type(exc).__name__ + " " + " ".join(str(arg) for arg in exc.args)
        if "Password" in text or "Encrypt" in text or "password" in text:
            return True
        exc = exc.__cause__ or exc.__context__ or (exc.args[0] if exc.args and isinstance(exc.args[0],
                                                                                        BaseException) else None)
        seen += 1
    return False


def _read_page(page: Any, number: int) -> _Page:
    read = _Page(number=number, height=float(page.height))
    found = _find_tables(page)
    boxes = [table.bbox for table in found]
    for table in found:
        rows = _table_rows(table, number)
        if rows:
            read.items.append((float(table.bbox[1]), Table(rows=rows, origin=Origin(page=number))))
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    for line in outside.extract_text_lines(strip=True, return_chars=True):
        if line["text"].strip():
            chars = line.get("chars", [])
            bold = bool(chars) and all("Bold" in str(char.get("fontname", "")) for char in chars
                                       if str(char.get("text", "")).strip())
            read.items.append((float(line["top"]), _Line(line["text"].strip(), float(line["top"]),
                                                         float(line["bottom"]), float(line["x0"]),
                                                         float(line["x1"]), bold)))
    read.items.sort(key=lambda item: item[0])
    return read


def _find_tables(page: Any) -> list[Any]:
    ruled = [table for table in page.find_tables() if len(table.rows) >= 2 and _width(table) >= 2]
    if ruled:
        return ruled
    aligned = page.find_tables({"vertical_strategy": "text", "horizontal_strategy": "text"})
    return [table for table in aligned if _looks_tabular(table)]


def _width(table: Any) -> int:
    return max((len(row.cells) for row in table.rows), default=0)


def _looks_tabular(table: Any) -> bool:
    """Text-aligned columns are a table only when most rows fill several of at least three columns."""
    rows = table.extract()
    if len(rows) < 3 or _width(table) < 3:
        return False
    filled = sum(1 for row in rows if sum(1 for cell in row if cell and cell.strip()) >= 2)
    return filled >= 0.6 * len(rows)


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (float(obj.get("x0", 0)) + float(obj.get("x1", 0))) / 2
    y = (float(obj.get("top", 0)) + float(obj.get("bottom", 0))) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _table_rows(table: Any, page: int) -> list[Row]:
    """Cells placed on the table's grid so that a merged cell fills every slot it covers."""
    texts = table.extract()
    boxes = [(cell, text) for row, row_texts in zip(table.rows, texts, strict=True)
             for cell, text in zip(row.cells, row_texts, strict=True) if cell is not None]
    xs = _edges([value for cell, _ in boxes for value in (cell[0], cell[2])])
    ys = _edges([value for cell, _ in boxes for value in (cell[1], cell[3])])
    if len(xs) < 2 or len(ys) < 2:
        return []
    grid = [["" for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)]
    for (x0, top, x1, bottom), text in boxes:
        for row in range(_index(ys, top), max(_index(ys, bottom), _index(ys, top) + 1)):
            for col in range(_index(xs, x0), max(_index(xs, x1), _index(xs, x0) + 1)):
                grid[row][col] = _cell_text(text)
    return [Row(cells=cells, origin=Origin(page=page, row=number)) for number, cells in enumerate(grid, start=1)
            if any(cells)]


def _edges(values: list[float], tolerance: float = 2.0) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > tolerance:
            edges.append(value)
    return edges


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _cell_text(text: str | None) -> str:
    """Wrapped lines of a cell joined with spaces; a line that starts a bullet keeps its break."""
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    out = ""
    for line in lines:
        if not out:
            out = line
        elif _BULLET_LINE.match(line):
            out += "\n" + line
        else:
            out += " " + line
    return out


def _drop_furniture(pages: list[_Page]) -> list[_Page]:
    """Remove running headers, footers and page numbers from the top and bottom margins."""
    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.split()).casefold())

    def in_margin(page: _Page, line: _Line) -> bool:
        return line.top < page.height * _MARGIN or line.bottom > page.height * (1 - _MARGIN)

    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({key(item) for _, item in page.items if isinstance(item, _Line) and in_margin(page, item)})
    repeated = {text for text, count in counts.items() if count >= 2 and count >= 0.5 * len(pages)}
    for page in pages:
        page.items = [(top, item) for top, item in page.items
                      if not (isinstance(item, _Line) and in_margin(page, item)
                              and (key(item) in repeated or _PAGE_NUMBER.match(item.text)))]
    return pages


def _blocks(pages: list[_Page]) -> list[Block]:
    blocks: list[Block] = []
    tables = 0
    for page in pages:
        lines: list[_Line] = []
        for _, item in page.items:
            if isinstance(item, _Line):
                lines.append(item)
                continue
            blocks.extend(_paragraphs(lines, page.number))
            lines = []
            previous = blocks[-1] if blocks else None
            if isinstance(previous, Table) and _continues(previous, item):
                previous.rows = without_repeated_headers(previous.rows + item.rows)
            else:
                tables += 1
                item.origin = Origin(page=page.number, table=tables)
                item.rows = without_repeated_headers(item.rows)
                blocks.append(item)
            for row in item.rows:
                row.origin = Origin(page=row.origin.page, table=tables, row=row.origin.row)
        blocks.extend(_paragraphs(lines, page.number))
    return blocks


def _continues(previous: Table, table: Table) -> bool:
    """A table cut by a page break: nothing between the two parts and the same columns."""
    width = len(previous.rows[0].cells) if previous.rows else 0
    return bool(table.rows) and len(table.rows[0].cells) == width and table.origin.page != previous.origin.page


def _paragraphs(lines: list[_Line], page: int) -> list[Paragraph]:
    """Join wrapped lines into paragraphs: a line that reaches the right edge continues below."""
    if not lines:
        return []
    right = max(line.x1 for line in lines)
    left = min(line.x0 for line in lines)
    heights = sorted(line.bottom - line.top for line in lines)
    height = heights[len(heights) // 2] or 10.0
    paragraphs: list[Paragraph] = []
    previous: _Line | None = None
    for line in lines:
        joins = (
            previous is not None
            and line.top - previous.bottom < 0.9 * height
            and previous.x1 > right - 0.12 * (right - left)
            and line.bold == previous.bold
            and not _ITEM_START.match(line.text)
        )
        if joins and paragraphs:
            paragraphs[-1].text += " " + line.text
        else:
            paragraphs.append(Paragraph(text=line.text, origin=Origin(page=page), bold=line.bold))
        previous = line
    return paragraphs
