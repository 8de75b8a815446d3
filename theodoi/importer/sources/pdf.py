"""PDF: ruled tables (and aligned tables without rules), text outside them as paragraphs.

Header and footer lines that repeat on most pages, and page numbers, are dropped; a table cut by
a page break is joined again, its repeated header row dropped and a row split by the break put
back together. Side-by-side blocks without rules (the issuer and national motto at the top, the
recipients and signer at the bottom) come out as a one-row table, as Word stores them. Footnotes
go to `Document.notes`, their superscript markers out of the text. A PDF without a text layer is
read by OCR when `pdftoppm` and `tesseract` with Vietnamese data are installed.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from theodoi.importer.document import Document, Origin, Row, Table
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources.limits import check_pages
from theodoi.importer.sources.pdf_layout import (
    BULLET_LINE,
    EMPTY_MERGED,
    Line,
    Page,
    Segment,
    assemble,
    join_wrapped,
)

ENCRYPTED = "Tệp PDF được đặt mật khẩu. Hãy lưu một bản không có mật khẩu rồi tải lên lần nữa."
CORRUPT = "Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được."
SCANNED = (
    "Tệp PDF là bản quét, không có lớp chữ nên không đọc được nội dung. Hãy tải lên bản .docx "
    "hoặc bản PDF xuất trực tiếp từ Word."
)
_NOTE_START = re.compile(r"^(\d{1,3}|\*)\s+(.+)$")
_SMALL = 0.8  # a font this much smaller than the body text is a superscript or a footnote
_COLUMN_GAP = 2.5  # a gap this many font sizes wide separates side-by-side columns


@dataclass
class _Mark:
    """A superscript footnote reference found in the body text or a table."""

    text: str
    x: float
    y: float


def read_pdf(data: bytes, name: str) -> Document:
    import pdfplumber

    pdf = _open(pdfplumber, data)
    notes: dict[str, str] = {}
    try:
        pages = _pages(pdf)
        check_pages(len(pages))
        read = [_read_closing(page, number, notes) for number, page in enumerate(pages, start=1)]
        if not any(page.has_text for page in read):
            from theodoi.importer.sources.ocr import ocr_document

            return ocr_document(data, name, len(pages), SCANNED)
        warnings = [
            f"Trang {page.number} là ảnh quét, không có lớp chữ; nội dung trang này không được đọc."
            for page in read
            if page.scanned
        ]
    except UnreadableDocument:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer fails in many ways on damaged files
        raise UnreadableDocument(CORRUPT) from exc
    finally:
        pdf.close()
    return Document(name=name, blocks=assemble(read), notes=notes, warnings=warnings)


def _open(pdfplumber: Any, data: bytes) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        raise UnreadableDocument(ENCRYPTED if _is_password_error(exc) else CORRUPT) from exc


def _pages(pdf: Any) -> list[Any]:
    try:
        return list(pdf.pages)
    except Exception as exc:  # noqa: BLE001
        raise UnreadableDocument(ENCRYPTED if _is_password_error(exc) else CORRUPT) from exc


def _is_password_error(exc: BaseException | None) -> bool:
    for _ in range(10):
        if exc is None:
            return False
        text = f"{type(exc).__name__} {exc.args}".casefold()
        if "password" in text or "encrypt" in text:
            return True
        nested = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = exc.__cause__ or exc.__context__ or nested
    return False


def _read_closing(page: Any, number: int, notes: dict[str, str]) -> Page:
    """Read one page, then drop pdfplumber's parse of it: kept, it costs ~1.5 MB a page."""
    try:
        return _read_page(page, number, notes)
    finally:
        page.close()


def _read_page(page: Any, number: int, notes: dict[str, str]) -> Page:
    read = Page(number=number, height=float(page.height), has_text=bool(page.chars))
    if not read.has_text:
        read.scanned = bool(page.images)
        return read
    body_size = _body_size(page.chars)
    raised = _raised_digits(page.chars, body_size)
    marks = _superscripts([char for char in page.chars if id(char) in raised])
    if marks:
        page = page.filter(lambda obj: id(obj) not in raised)
    found = _find_tables(page)
    boxes = [table.bbox for table in found]
    for table in found:
        rows = _table_rows(table, number, marks)
        if rows:
            read.items.append((float(table.bbox[1]), Table(rows=rows, origin=Origin(page=number))))
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    lines = _lines(outside)
    below = max((box[3] for box in boxes), default=0.0)
    lines = _take_footnotes(lines, marks, notes, body_size, max(below, read.height * 0.5))
    for line in lines:
        line.notes = [
            mark.text
            for mark in marks
            if line.top - 4 <= mark.y <= line.bottom and line.x0 - 2 <= mark.x <= line.x1 + 8
        ]
        read.items.append((line.top, line))
    read.items.sort(key=lambda item: item[0])
    return read


def _body_size(chars: list[dict[str, Any]]) -> float:
    sizes = [round(float(char.get("size", 0)), 1) for char in chars if str(char.get("text", "")).strip()]
    return Counter(sizes).most_common(1)[0][0] if sizes else 0.0


def _raised_digits(chars: list[dict[str, Any]], body_size: float) -> set[int]:
    """Digits set smaller than the letters right beside them: footnote references."""
    candidates = [
        c for c in chars if str(c.get("text", "")).isdigit() and float(c.get("size", 0)) < body_size
    ]
    letters = [c for c in chars if str(c.get("text", "")).strip() and not str(c.get("text", "")).isdigit()]
    raised = set()
    for digit in candidates:
        size, x0, x1 = float(digit["size"]), float(digit["x0"]), float(digit["x1"])
        for letter in letters:
            near = float(letter["x1"]) >= x0 - 15 and float(letter["x0"]) <= x1 + 15
            if (
                near
                and abs(float(letter["top"]) - float(digit["top"])) < 10
                and size < _SMALL * float(letter["size"])
            ):
                raised.add(id(digit))
                break
    return raised


def _superscripts(chars: list[dict[str, Any]]) -> list[_Mark]:
    """Raised digits, consecutive ones joined ("12"), with where they sit."""
    marks: list[_Mark] = []
    last: dict[str, Any] | None = None
    for char in chars:
        if last is not None and abs(float(char["x0"]) - float(last["x1"])) < 1 and marks:
            marks[-1].text += str(char["text"])
        else:
            marks.append(_Mark(str(char["text"]), float(char["x0"]), float(char["top"])))
        last = char
    return marks


def _lines(page: Any) -> list[Line]:
    lines = []
    for raw in page.extract_text_lines(strip=True, return_chars=True):
        chars = sorted(raw.get("chars", []), key=lambda c: float(c["x0"]))
        visible = [c for c in chars if str(c.get("text", "")).strip()]
        if not visible:
            continue
        size = statistics.median(float(c.get("size", 0)) for c in visible)
        groups: list[list[dict[str, Any]]] = [[chars[0]]]
        for char in chars[1:]:
            if float(char["x0"]) - float(groups[-1][-1]["x1"]) > _COLUMN_GAP * size:
                groups.append([])
            groups[-1].append(char)
        segments = [
            Segment(_chars_text(group, size), float(group[0]["x0"]), max(float(c["x1"]) for c in group))
            for group in groups
        ]
        bold = all("Bold" in str(c.get("fontname", "")) for c in visible)
        lines.append(
            Line([s for s in segments if s.text], float(raw["top"]), float(raw["bottom"]), bold, size)
        )
    return [line for line in lines if line.segments]


def _chars_text(chars: list[dict[str, Any]], size: float) -> str:
    """Characters of one line left to right, a space where the PDF has one or leaves a gap."""
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for char in chars:
        if previous is not None and float(char["x0"]) - float(previous["x1"]) > 0.2 * size:
            out.append(" ")
        out.append(str(char.get("text", "")))
        previous = char
    return " ".join("".join(out).split())


def _take_footnotes(
    lines: list[Line], marks: list[_Mark], notes: dict[str, str], body_size: float, below: float
) -> list[Line]:
    """Small-print lines at the foot of the page that start with a marker become notes."""
    kept: list[Line] = []
    current: str | None = None
    for line in lines:
        small = line.size < _SMALL * body_size + 0.5 and line.top > below
        if not small:
            kept.append(line)
            current = None
            continue
        own = [m for m in marks if line.top - 4 <= m.y <= line.bottom and m.x <= line.x0 + 2]
        found = _NOTE_START.match(line.text)
        if own:
            current = own[0].text
            marks.remove(own[0])
            notes[current] = line.text
        elif found:
            current = found.group(1)
            notes[current] = found.group(2)
        elif current is not None:
            notes[current] += " " + line.text
        else:
            kept.append(line)
    return kept


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


def _table_rows(table: Any, page: int, marks: list[_Mark]) -> list[Row]:
    """Cells placed on the table's grid so that a merged cell fills every slot it covers."""
    texts = table.extract()
    boxes = [
        (cell, text)
        for row, row_texts in zip(table.rows, texts, strict=True)
        for cell, text in zip(row.cells, row_texts, strict=True)
        if cell is not None
    ]
    xs = _edges([value for cell, _ in boxes for value in (cell[0], cell[2])])
    ys = _edges([value for cell, _ in boxes for value in (cell[1], cell[3])])
    if len(xs) < 2 or len(ys) < 2:
        return []
    grid = [["" for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)]
    notes: dict[int, dict[int, list[str]]] = {}
    for (x0, top, x1, bottom), text in boxes:
        first_row, first_col = _index(ys, top), _index(xs, x0)
        last_row = max(_index(ys, bottom), first_row + 1)
        shown = _cell_text(text) or (EMPTY_MERGED if last_row - first_row > 1 else "")
        for row in range(first_row, last_row):
            for col in range(first_col, max(_index(xs, x1), first_col + 1)):
                grid[row][col] = shown
        for mark in marks:
            if x0 <= mark.x <= x1 and top <= mark.y <= bottom:
                notes.setdefault(first_row, {}).setdefault(first_col, []).append(mark.text)
    return [
        Row(cells=cells, origin=Origin(page=page, row=number), notes=notes.get(number - 1, {}))
        for number, cells in enumerate(grid, start=1)
        if any(cells)
    ]


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
    out = ""
    for line in (line.strip() for line in (text or "").split("\n")):
        if not line:
            continue
        if not out:
            out = line
        elif BULLET_LINE.match(line):
            out += "\n" + line
        else:
            out = join_wrapped(out, line)
    return out
