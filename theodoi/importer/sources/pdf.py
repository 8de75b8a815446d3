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
import unicodedata
from collections import Counter
from collections.abc import Iterator
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
# Stands in for an empty cell merged over several rows, until the page parts of a table are joined:
# at the top of a continued page it is the rest of the merged cell above the break.
_EMPTY_MERGED = "\u2063"
_LINKING_WORDS = {
    "của", "và", "các", "những", "với", "cho", "trong", "về", "theo", "tại", "để", "được", "là", "có",
    "từ", "đến", "trên", "dưới", "số", "ngày", "tháng", "năm", "đạt", "thiểu", "hoặc", "nhằm", "bằng",
    "vào", "khi", "như", "mà", "thì", "đối", "gồm", "phải",
}  # fmt: skip
_CLOSING = set("%),.;:!?”’]")
_BULLET_LINE = re.compile(r"^[-+•–]\s")
_NOTE_START = re.compile(r"^(\d{1,3}|\*)\s+(.+)$")
_SMALL = 0.8  # a font this much smaller than the body text is a superscript or a footnote
_COLUMN_GAP = 2.5  # a gap this many font sizes wide separates side-by-side columns


@dataclass
class _Segment:
    text: str
    x0: float
    x1: float


@dataclass
class _Line:
    segments: list[_Segment]
    top: float
    bottom: float
    bold: bool
    size: float
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(segment.text for segment in self.segments)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1


@dataclass
class _Mark:
    """A superscript footnote reference found in the body text or a table."""

    text: str
    x: float
    y: float


@dataclass
class _Page:
    number: int
    height: float
    items: list[tuple[float, _Line | Table]] = field(default_factory=list)
    has_text: bool = False
    scanned: bool = False  # no text layer but an image: a scanned page inside a text PDF


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
    return Document(name=name, blocks=_blocks(_drop_furniture(read)), notes=notes, warnings=warnings)


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


# One page


def _read_closing(page: Any, number: int, notes: dict[str, str]) -> _Page:
    """Read one page, then drop pdfplumber's parse of it: kept, it costs ~1.5 MB a page."""
    try:
        return _read_page(page, number, notes)
    finally:
        page.close()


def _read_page(page: Any, number: int, notes: dict[str, str]) -> _Page:
    read = _Page(number=number, height=float(page.height), has_text=bool(page.chars))
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


def _lines(page: Any) -> list[_Line]:
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
            _Segment(_chars_text(group, size), float(group[0]["x0"]), max(float(c["x1"]) for c in group))
            for group in groups
        ]
        bold = all("Bold" in str(c.get("fontname", "")) for c in visible)
        lines.append(
            _Line([s for s in segments if s.text], float(raw["top"]), float(raw["bottom"]), bold, size)
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
    lines: list[_Line], marks: list[_Mark], notes: dict[str, str], body_size: float, below: float
) -> list[_Line]:
    """Small-print lines at the foot of the page that start with a marker become notes."""
    kept: list[_Line] = []
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


# Tables


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
        shown = _cell_text(text) or (_EMPTY_MERGED if last_row - first_row > 1 else "")
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
        elif _BULLET_LINE.match(line):
            out += "\n" + line
        else:
            out = _join_wrapped(out, line)
    return out


def _join_wrapped(head: str, tail: str) -> str:
    """Join a wrapped line; no space where the break fell inside a word or a code.

    That is after "/" or a hyphen inside a code ("NQ-" / "CP"), and before a piece that cannot
    stand alone: closing punctuation, or lowercase letters without a vowel ("Nguồ" / "n" in a
    narrow column: every Vietnamese syllable has a vowel; "TTHC", "UBND" are words of their own).
    """
    first = tail.split(maxsplit=1)[0] if tail.strip() else ""
    glued = (
        head.endswith("/")
        or (head.endswith("-") and len(head) > 1 and not head[-2].isspace())
        or first[:1] in _CLOSING
        or (first.isalpha() and first.islower() and not _has_vowel(first))
    )
    return head + tail if glued else head + " " + tail


def _has_vowel(word: str) -> bool:
    return any(unicodedata.normalize("NFD", char)[0].lower() in "aeiouy" for char in word)


# The whole document


def _drop_furniture(pages: list[_Page]) -> list[_Page]:
    """Remove running headers, footers and page numbers from the top and bottom margins."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.split()).casefold())

    def in_margin(page: _Page, line: _Line) -> bool:
        return line.top < page.height * _MARGIN or line.bottom > page.height * (1 - _MARGIN)

    counts: Counter[str] = Counter()
    for page in pages:
        counts.update(
            {key(item) for _, item in page.items if isinstance(item, _Line) and in_margin(page, item)}
        )
    repeated = {text for text, count in counts.items() if count >= 2 and count >= 0.5 * len(pages)}
    for page in pages:
        page.items = [
            (top, item)
            for top, item in page.items
            if not (
                isinstance(item, _Line)
                and in_margin(page, item)
                and (key(item) in repeated or _PAGE_NUMBER.match(item.text))
            )
        ]
    return pages


def _blocks(pages: list[_Page]) -> list[Block]:
    blocks: list[Block] = []
    tables = 0
    for page in pages:
        lines: list[_Line] = []
        for index, (_, item) in enumerate(page.items):
            if isinstance(item, _Line):
                lines.append(item)
                continue
            blocks.extend(_text_blocks(lines, page.number))
            lines = []
            previous = blocks[-1] if blocks else None
            if index == 0 and isinstance(previous, Table) and _continues(previous, item):
                previous.rows = _join_parts(
                    previous.rows, without_repeated_headers([previous.rows[0]] + item.rows)[1:]
                )
                table = previous
            else:
                tables += 1
                item.origin = Origin(page=page.number, table=tables)
                item.rows = without_repeated_headers(item.rows)
                blocks.append(item)
                table = item
            for row in table.rows:
                row.origin = Origin(page=row.origin.page, table=tables, row=row.origin.row)
        blocks.extend(_text_blocks(lines, page.number))
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                row.cells = ["" if cell == _EMPTY_MERGED else cell for cell in row.cells]
    return blocks


def _continues(previous: Table, table: Table) -> bool:
    """A table cut by a page break: first on its page, after a table of the same columns."""
    width = len(previous.rows[0].cells) if previous.rows else 0
    return (
        bool(table.rows) and len(table.rows[0].cells) == width and table.origin.page != previous.origin.page
    )


def _join_parts(rows: list[Row], continuation: list[Row]) -> list[Row]:
    """Put back what the page break cut: cells merged down across it, and a row split by it."""
    if not rows or not continuation:
        return rows + continuation
    head, tail = rows[-1], continuation[0]
    split = _is_split_half(head, tail)
    for col in range(min(len(head.cells), len(tail.cells))):
        _join_merged_cell(rows, continuation, col, split)
    if split:
        head.cells = [_join_cell(a, b) for a, b in zip(head.cells, tail.cells, strict=True)]
        for col, markers in tail.notes.items():
            head.notes.setdefault(col, []).extend(markers)
        continuation = continuation[1:]
    return rows + continuation


def _join_merged_cell(rows: list[Row], continuation: list[Row], col: int, split: bool) -> None:
    """A cell merged down over several rows and cut by the page: every row it covers gets all of it.

    Its second part starts mid-sentence, and on one side at least two rows show the same part;
    a single lowercase cell alone is more often a value of its own ("các cơ quan liên quan").
    """
    above, below = rows[-1].cells[col], continuation[0].cells[col]
    if below == _EMPTY_MERGED and above not in ("", _EMPTY_MERGED):
        for row in continuation[: _run_length(iter(continuation), col, below)]:
            row.cells[col] = above
        return
    if not above or not below or above == below or not (below[0].islower() or _unfinished(above)):
        return
    before = _run_length(reversed(rows), col, above)
    after = _run_length(iter(continuation), col, below)
    if max(before, after) < 2 and not split:
        return
    whole = _join_cell(above, below)
    for row in rows[len(rows) - before :] + continuation[:after]:
        row.cells[col] = whole


def _unfinished(text: str) -> bool:
    """Text that stops on a word no Vietnamese phrase ends with ("… quy định của" / "Trung ương")."""
    words = text.rstrip().rsplit(maxsplit=1)
    return bool(words) and words[-1].casefold() in _LINKING_WORDS


def _run_length(rows: Iterator[Row], col: int, text: str) -> int:
    count = 0
    for row in rows:
        if row.cells[col] != text:
            break
        count += 1
    return count


def _is_split_half(last: Row, first: Row) -> bool:
    if first.cells[0].strip() or len(set(first.cells)) == 1:
        return False
    texts = [cell for cell in first.cells if cell.strip()]
    return bool(last.cells[0].strip()) or any(text[0].islower() for text in texts)


def _join_cell(head: str, tail: str) -> str:
    if not tail or head == tail:
        return head
    if not head:
        return tail
    return head + ("\n" if _BULLET_LINE.match(tail) else " ") + tail


def _text_blocks(lines: list[_Line], page: int) -> list[Block]:
    """Side-by-side runs become a one-row table; the rest are paragraphs."""
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        run, gutters = _column_run(lines, index)
        if run:
            blocks.append(_column_table(run, gutters, page))
            index += len(run)
            continue
        stop = index + 1
        while stop < len(lines) and _column_run_end(lines, stop) <= stop + 1:
            stop += 1
        blocks.extend(_paragraphs(lines[index:stop], page))
        index = stop
    return blocks


def _column_run_end(lines: list[_Line], start: int) -> int:
    """Where a run of side-by-side lines starting at `start` ends (start itself when there is none)."""
    return start + len(_column_run(lines, start)[0])


def _column_run(lines: list[_Line], start: int) -> tuple[list[_Line], list[tuple[float, float]]]:
    """Lines that keep to the gutters (empty vertical strips) the first line opens, and the gutters."""
    first = lines[start]
    if len(first.segments) < 2:
        return [], []
    gutters = [(left.x1, right.x0) for left, right in zip(first.segments, first.segments[1:], strict=False)]
    run = [first]
    for line in lines[start + 1 :]:
        gap = line.top - run[-1].bottom
        if gap > 5 * (line.bottom - line.top) or len(line.segments) > len(gutters) + 1:
            break
        narrowed = _narrow(gutters, line)
        if narrowed is None:
            break
        gutters = narrowed
        run.append(line)
    return (run, gutters) if len(run) > 1 else ([], [])


def _narrow(gutters: list[tuple[float, float]], line: _Line) -> list[tuple[float, float]] | None:
    """The gutters left open once `line` is placed, or None when one of its segments crosses one."""
    out = []
    for left, right in gutters:
        middle = (left + right) / 2
        for segment in line.segments:
            if segment.x0 < middle < segment.x1:
                return None
            if segment.x1 <= middle:
                left = max(left, segment.x1)
            else:
                right = min(right, segment.x0)
        if right - left < 4:
            return None
        out.append((left, right))
    return out


def _column_table(lines: list[_Line], gutters: list[tuple[float, float]], page: int) -> Table:
    columns: list[list[str]] = [[] for _ in range(len(gutters) + 1)]
    for line in lines:
        for segment in line.segments:
            middle = (segment.x0 + segment.x1) / 2
            columns[sum(1 for left, right in gutters if (left + right) / 2 < middle)].append(segment.text)
    return Table(
        rows=[Row(cells=["\n".join(column) for column in columns], origin=Origin(page=page, row=1))],
        origin=Origin(page=page),
    )


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
            paragraphs[-1].text = _join_wrapped(paragraphs[-1].text, line.text)
            paragraphs[-1].notes.extend(line.notes)
        else:
            paragraphs.append(
                Paragraph(text=line.text, origin=Origin(page=page), bold=line.bold, notes=list(line.notes))
            )
        previous = line
    return paragraphs
