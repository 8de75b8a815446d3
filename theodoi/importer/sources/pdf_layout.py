"""How the pages of a PDF become blocks: page furniture dropped, tables cut by page breaks
joined again (a split row, a cell merged down across the break), side-by-side blocks as a one-row
table, wrapped lines as paragraphs. Pure geometry and text; pdfplumber stays in `pdf`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from theodoi.importer.document import Block, Origin, Paragraph, Row, Table
from theodoi.importer.sources.tables import without_repeated_headers

_MARGIN = 0.09  # share of the page height at top and bottom where running headers and footers sit
_PAGE_NUMBER = re.compile(r"^(trang\s*)?[-–—\s]*\d{1,4}(\s*/\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)
_ITEM_START = re.compile(r"^([-+•*–]\s|\d{1,2}[.)]\s|[IVXLC]{1,6}[.)]\s|[a-zđ][)]\s|Điều\s+\d)")
# Stands in for an empty cell merged over several rows, until the page parts of a table are joined:
# at the top of a continued page it is the rest of the merged cell above the break.
EMPTY_MERGED = "\u2063"
_LINKING_WORDS = {
    "của", "và", "các", "những", "với", "cho", "trong", "về", "theo", "tại", "để", "được", "là", "có",
    "từ", "đến", "trên", "dưới", "số", "ngày", "tháng", "năm", "đạt", "thiểu", "hoặc", "nhằm", "bằng",
    "vào", "khi", "như", "mà", "thì", "đối", "gồm", "phải",
}  # fmt: skip
_CLOSING = set("%),.;:!?”’]")
_MAX_RUN = 15  # lines of a side-by-side block; the header and the signature blocks are far shorter
BULLET_LINE = re.compile(r"^[-+•–]\s")


@dataclass
class Segment:
    text: str
    x0: float
    x1: float


@dataclass
class Line:
    segments: list[Segment]
    top: float
    bottom: float
    bold: bool
    size: float
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        # A gap that wide is a tab stop in the source (a form, a borderless table); keep it one.
        return "\t".join(segment.text for segment in self.segments)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1


@dataclass
class Page:
    number: int
    height: float
    items: list[tuple[float, Line | Table]] = field(default_factory=list)
    has_text: bool = False
    scanned: bool = False  # no text layer but an image: a scanned page inside a text PDF


def join_wrapped(head: str, tail: str) -> str:
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


def _drop_furniture(pages: list[Page]) -> list[Page]:
    """Remove running headers, footers and page numbers from the top and bottom margins."""

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.split()).casefold())

    def in_margin(page: Page, line: Line) -> bool:
        return line.top < page.height * _MARGIN or line.bottom > page.height * (1 - _MARGIN)

    counts: Counter[str] = Counter()
    for page in pages:
        counts.update(
            {key(item) for _, item in page.items if isinstance(item, Line) and in_margin(page, item)}
        )
    repeated = {text for text, count in counts.items() if count >= 2 and count >= 0.5 * len(pages)}
    for page in pages:
        page.items = [
            (top, item)
            for top, item in page.items
            if not (
                isinstance(item, Line)
                and in_margin(page, item)
                and (key(item) in repeated or _PAGE_NUMBER.match(item.text))
            )
        ]
    return pages


def _blocks(pages: list[Page]) -> list[Block]:
    blocks: list[Block] = []
    tables = 0
    for page in pages:
        lines: list[Line] = []
        for index, (_, item) in enumerate(page.items):
            if isinstance(item, Line):
                lines.append(item)
                continue
            blocks.extend(_text_blocks(lines, page.number))
            lines = []
            previous = blocks[-1] if blocks else None
            if index == 0 and isinstance(previous, Table) and _continues(previous, item):
                previous.rows = join_parts(
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
                row.cells = ["" if cell == EMPTY_MERGED else cell for cell in row.cells]
    return blocks


def _continues(previous: Table, table: Table) -> bool:
    """A table cut by a page break: first on its page, after a table of the same columns."""
    width = len(previous.rows[0].cells) if previous.rows else 0
    return (
        bool(table.rows) and len(table.rows[0].cells) == width and table.origin.page != previous.origin.page
    )


def join_parts(rows: list[Row], continuation: list[Row]) -> list[Row]:
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
    if below == EMPTY_MERGED and above not in ("", EMPTY_MERGED):
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
    return head + ("\n" if BULLET_LINE.match(tail) else " ") + tail


def _text_blocks(lines: list[Line], page: int) -> list[Block]:
    """Side-by-side runs become a one-row table; the rest are paragraphs."""
    blocks: list[Block] = []
    span = (min((line.x0 for line in lines), default=0.0), max((line.x1 for line in lines), default=0.0))
    index = 0
    while index < len(lines):
        run, gutters = _column_run(lines, index, span)
        if run:
            blocks.append(_column_table(run, gutters, page))
            index += len(run)
            continue
        stop = index + 1
        while stop < len(lines) and not _column_run(lines, stop, span)[0]:
            stop += 1
        blocks.extend(_paragraphs(lines[index:stop], page))
        index = stop
    return blocks


def _column_run(
    lines: list[Line], start: int, span: tuple[float, float]
) -> tuple[list[Line], list[tuple[float, float]]]:
    """Lines that keep to the gutter (an empty vertical strip) the first line opens, and the gutter.

    Side-by-side blocks are two halves of the text width: a gutter near the middle. More columns,
    or a gutter near an edge (a number column), is a table without rules, left to the plan rules.
    """
    first = lines[start]
    if len(first.segments) != 2 or (start > 0 and _tabular_neighbour(lines[start - 1], first)):
        return [], []
    gutters = [(first.segments[0].x1, first.segments[1].x0)]
    middle, width = (gutters[0][0] + gutters[0][1]) / 2, span[1] - span[0]
    if not span[0] + 0.3 * width <= middle <= span[0] + 0.7 * width:
        return [], []
    run = [first]
    for line in lines[start + 1 :]:
        gap = line.top - run[-1].bottom
        if (
            gap > 5 * (line.bottom - line.top)
            or len(line.segments) > len(gutters) + 1
            or len(run) >= _MAX_RUN
        ):
            break
        narrowed = _narrow(gutters, line)
        if narrowed is None:
            break
        gutters = narrowed
        run.append(line)
    after = start + len(run)
    if len(run) < 2 or (after < len(lines) and _tabular_neighbour(lines[after], run[-1])):
        return [], []
    return run, gutters


def _tabular_neighbour(line: Line, next_to: Line) -> bool:
    """A line of several columns right above or below: the run is part of a table without rules."""
    close = min(abs(line.top - next_to.bottom), abs(next_to.top - line.bottom)) < 2 * (line.bottom - line.top)
    return close and len(line.segments) >= 2


def _narrow(gutters: list[tuple[float, float]], line: Line) -> list[tuple[float, float]] | None:
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


def _column_table(lines: list[Line], gutters: list[tuple[float, float]], page: int) -> Table:
    columns: list[list[str]] = [[] for _ in range(len(gutters) + 1)]
    for line in lines:
        for segment in line.segments:
            middle = (segment.x0 + segment.x1) / 2
            columns[sum(1 for left, right in gutters if (left + right) / 2 < middle)].append(segment.text)
    return Table(
        rows=[Row(cells=["\n".join(column) for column in columns], origin=Origin(page=page, row=1))],
        origin=Origin(page=page),
    )


def _paragraphs(lines: list[Line], page: int) -> list[Paragraph]:
    """Join wrapped lines into paragraphs: a line that reaches the right edge continues below."""
    if not lines:
        return []
    right = max(line.x1 for line in lines)
    left = min(line.x0 for line in lines)
    heights = sorted(line.bottom - line.top for line in lines)
    height = heights[len(heights) // 2] or 10.0
    paragraphs: list[Paragraph] = []
    previous: Line | None = None
    for line in lines:
        joins = (
            previous is not None
            and line.top - previous.bottom < 0.9 * height
            and previous.x1 > right - 0.12 * (right - left)
            and line.bold == previous.bold
            and not _ITEM_START.match(line.text)
            and len(previous.segments) == len(line.segments) == 1  # columns of a table are no prose
        )
        if joins and paragraphs:
            paragraphs[-1].text = join_wrapped(paragraphs[-1].text, line.text)
            paragraphs[-1].notes.extend(line.notes)
        else:
            paragraphs.append(
                Paragraph(text=line.text, origin=Origin(page=page), bold=line.bold, notes=list(line.notes))
            )
        previous = line
    return paragraphs


def assemble(pages: list[Page]) -> list[Block]:
    """The document's blocks from its read pages, in reading order."""
    return _blocks(_drop_furniture(pages))
