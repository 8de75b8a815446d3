"""Broken PDF text where a table's columns come interleaved, one visual line at a time.

Text pulled from a PDF without layout lists, for each table row, the lines of the first cell,
then the lines of the next, and so on; blank cells leave a line of spaces, a page break leaves a
page number after a run of blank lines, and the pieces of a row cut by the break follow in
column order. This reader rebuilds the rows from that genre alone:

- the header ("Số TT" ... "Thời gian") gives the columns and their order;
- a roman heading line carries the section title and, after a wide gap, the agency cells that
  are merged down the whole section (the lines below it finish them);
- an arabic number line opens a group whose first cell (e.g. Mục tiêu) is merged down its rows;
- a line continues the cell above when its first word could not have fitted on the line above
  (the column's width is learnt from the text), otherwise it opens the next cell or a new row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from theodoi.core.text import clean, search_key
from theodoi.importer.document import Document, Origin, Row, Table
from theodoi.importer.rules.columns import role_of

_HEADER_START = re.compile(r"^(Số|STT|Số TT|TT)$")
_PAGE_FURNITURE = re.compile(r"^(https?://|www\.|Website\b|Trang\s+\d)", re.I)
_NUMBER = re.compile(r"^\d{1,3}\.?$")
_HEADING = re.compile(r"^([IVXLC]+|[A-H])\.?\s+(\S.*)$")
_GAP = re.compile(r"\S(\s{2,})\S")
# How cells of a role begin in this genre: a unit's name, or a time phrase.
_OPENERS = {
    "lead": re.compile(
        r"^(Sở|Văn phòng|Phòng|P\s?\.|Trung tâm|TT\.|Ban|UBND|Ủy ban|Công an|Thanh tra|Bộ|Cục|Chi cục"
        r"|Đơn vị|Cơ quan|Báo|Đài|Mặt trận|Hội|Các (sở|phòng|đơn vị|cơ quan|ban|xã|địa phương))\b"
    ),
    "deadline": re.compile(
        r"^(Thường xuyên|Hàng|Hằng|Năm|Quý|Tháng|Trước|Trong|Giai đoạn|Theo|Khi|Sau|Định kỳ|Đợt|\d)"
    ),
}
_OPENERS["coordinating"] = _OPENERS["lead"]
_TITLE_SPLIT = re.compile(r"\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][a-zđà-ỹ])")


@dataclass
class _Group:
    number: str
    lines: list[str] = field(default_factory=list)


@dataclass
class _Row:
    group: _Group | None
    cells: dict[int, list[str]] = field(default_factory=dict)
    line: int = 0

    def last(self, column: int) -> str | None:
        lines = self.cells.get(column)
        return lines[-1] if lines else None


@dataclass
class _Layout:
    titles: list[str]
    number: int
    first_text: int
    name: int
    agencies: list[int]
    deadline: int
    widths: dict[int, float]

    @property
    def text_columns(self) -> list[int]:
        return [c for c in range(self.first_text, len(self.titles)) if c not in self.agencies]


def _is_header_start(lines: list[str], pos: int) -> bool:
    if not _HEADER_START.match(lines[pos].strip()):
        return False
    window = search_key(" ".join(line.strip() for line in lines[pos : pos + 30]))
    named = "nhiem vu" in window or "noi dung" in window
    return named and any(word in window for word in ("chu tri", "thoi gian", "thoi han"))


# Words a column title begins with, for headers printed in capitals where case cannot split them.
_TITLE_HEADS = (
    "stt",
    "so tt",
    "tt",
    "noi dung",
    "nhiem vu",
    "ten",
    "muc tieu",
    "ket qua",
    "san pham",
    "du kien",
    "don vi",
    "co quan",
    "phong",
    "thoi gian",
    "thoi han",
    "tien do",
    "ghi chu",
    "luu y",
    "mo ta",
    "chi tieu",
    "nguon",
)


def _titles(text: str) -> list[str]:
    text = clean(text)
    if text.isupper():
        return _titles_by_words(text)
    return [clean(t) for t in _TITLE_SPLIT.split(text) if clean(t)]


def _titles_by_words(text: str) -> list[str]:
    words = text.split()
    titles: list[str] = []
    for index, word in enumerate(words):
        rest = re.sub(r"[^\w\s]", " ", search_key(" ".join(words[index:])))
        rest = " ".join(rest.split())
        head = next((h for h in _TITLE_HEADS if rest == h or rest.startswith(h + " ")), None)
        joined = titles and (titles[-1].endswith("/") or word.startswith("/"))
        current = _role(titles[-1]) if titles else None
        if head and not joined and current is not None and _role(head) != current:
            titles.append(word)
        elif titles:
            titles[-1] = f"{titles[-1]} {word}"
        else:
            titles.append(word)
    return titles


def _role(title: str) -> str | None:
    return role_of(title)


class PdfColumnsReader:
    def test(self, lines: list[str], pos: int) -> bool:
        return "\t" not in lines[pos] and _is_header_start(lines, pos)

    def run(self, lines: list[str], pos: int, doc: Document) -> int:
        start = pos
        header: list[str] = []
        while pos < len(lines) and not self._body_starts(lines[pos]):
            if lines[pos].strip():
                header.append(lines[pos].strip())
            pos += 1
        layout = self._layout(_titles(" ".join(header)), lines[pos:])
        if layout is None:
            return start
        rows = _Assembler(layout).read(lines, pos)
        table_rows = [Row(layout.titles, Origin(line=start + 1))] + rows
        doc.blocks.append(Table(table_rows, Origin(line=start + 1)))
        return len(lines)

    @staticmethod
    def _body_starts(line: str) -> bool:
        text = line.strip()
        heading = _HEADING.match(text)
        return bool(_NUMBER.match(text) or (heading and heading.group(2)[:3].isupper()))

    def _layout(self, titles: list[str], body: list[str]) -> _Layout | None:
        roles = [_role(t) for t in titles]
        if "number" not in roles or "name" not in roles:
            return None
        agencies = [i for i, r in enumerate(roles) if r in ("lead", "coordinating")]
        deadline = roles.index("deadline") if "deadline" in roles else len(titles) - 1
        name = roles.index("name")
        widths = _widths(body)
        column_widths = {c: widths[1] for c in range(len(titles))}
        column_widths[name] = widths[0]
        return _Layout(
            titles, roles.index("number"), roles.index("number") + 1, name, agencies, deadline, column_widths
        )


def _widths(body: list[str]) -> tuple[float, float]:
    """The wide (task) column's width and the narrow columns' width, in characters."""
    lengths = sorted(len(line.strip()) for line in body if line.strip() and not _GAP.search(line.strip()))
    if not lengths:
        return 45.0, 28.0
    # The longest ordinary line, ignoring the few where two cells ran together.
    typical = lengths[int(len(lengths) * 0.97) - 1 if len(lengths) > 1 else 0]
    wide = float(max(n for n in lengths if n <= typical * 1.1))
    narrow_lengths = [n for n in lengths if n < wide * 0.72]
    narrow = float(narrow_lengths[-1]) if narrow_lengths else wide / 2
    return wide, narrow


def _fits_after(previous: str, line: str, width: float) -> bool:
    """Whether the line's first word would clearly have fitted at the end of the previous line.

    Characters are not all as wide in a PDF, so only a clear fit (a margin of a few characters)
    counts as proof that the line starts a new cell.
    """
    first = line.split()[0] if line.split() else ""
    return len(previous) + 1 + len(first) <= width * 0.93


class _Assembler:
    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.rows: list[Row] = []
        self.row: _Row | None = None
        self.group: _Group | None = None
        self.column = layout.first_text
        self.agency_text: dict[int, list[str]] = {}
        self.collecting_agencies = False
        self.page_break = False
        self.after_furniture = False
        self.break_column = layout.first_text
        self.blank_run = 0

    def read(self, lines: list[str], pos: int) -> list[Row]:
        for index in range(pos, len(lines)):
            self._line(lines[index], index)
        self._finish()
        return self.rows

    def _line(self, raw: str, index: int) -> None:
        if raw == "":
            self.blank_run += 1
            return
        blank_run, self.blank_run = self.blank_run, 0
        text = raw.strip()
        if not text:
            self._marker(raw)
            return
        if _PAGE_FURNITURE.match(text):
            self.page_break = self.after_furniture = True
            return
        self.after_furniture = False
        if _NUMBER.match(text):
            self._number(text, blank_run, index)
            return
        heading = _HEADING.match(text)
        if heading and heading.group(2)[:3].isupper():
            self._heading(heading.group(1), heading.group(2), index)
            return
        self._content(raw, index)

    def _marker(self, raw: str) -> None:
        self.collecting_agencies = False
        if len(raw) >= 2:
            self._to_deadline()
            self.page_break = False
        elif self.row and self.column == self.layout.deadline:
            self.column = self.layout.deadline + 1

    def _number(self, text: str, blank_run: int, index: int) -> None:
        if blank_run >= 2 or self.after_furniture:
            self.after_furniture = False
            self.page_break = True
            self.break_column = self.layout.first_text
            return
        self._finish()
        self.group = _Group(text.rstrip("."))
        self.column = self.layout.first_text
        self.collecting_agencies = False

    def _heading(self, code: str, rest: str, index: int) -> None:
        self._finish()
        parts = re.split(r"\s{2,}", rest.strip(), maxsplit=1)
        cells = [""] * len(self.layout.titles)
        cells[self.layout.number] = code
        cells[self.layout.name] = clean(parts[0])
        self.rows.append(Row(cells, Origin(line=index + 1)))
        self.agency_text = {c: [] for c in self.layout.agencies}
        if len(parts) > 1 and self.layout.agencies:
            self.agency_text[self.layout.agencies[0]].append(parts[1])
        self.collecting_agencies = True
        self.group = None

    def _content(self, raw: str, index: int) -> None:
        if self.collecting_agencies and self.layout.agencies:
            self.agency_text[self.layout.agencies[-1]].append(raw.strip())
            return
        if re.match(r"^\s{2,}\S", raw):
            # The blank agency cells, then the deadline on the same line.
            self._to_deadline()
        # Two spaces also occur inside a cell; three or more are the blank cells between columns.
        segments = [s for s in re.split(r"\s{3,}", raw.strip()) if s]
        for number, segment in enumerate(segments):
            if number:
                self._to_deadline()
            for piece in self._split_wide(segment.strip()):
                self._place(piece, index)

    def _to_deadline(self) -> None:
        self.page_break = False
        if self.row is not None and self.column < self.layout.deadline:
            self._repair_output(self.row)
        self.column = max(self.column, self.layout.deadline)

    def _repair_output(self, row: _Row) -> None:
        """A row reaching its deadline with no result cell: the short lines that end its wide cell
        and start with a capital are that result, run on where the width rule could not tell."""
        following = [c for c in self.layout.text_columns if self.layout.name < c < self.layout.deadline]
        lines = row.cells.get(self.layout.name, [])
        if not following or row.cells.get(following[0]) or len(lines) < 2:
            return
        narrow = self.layout.widths[following[0]]
        start = len(lines)
        while start > 1 and len(lines[start - 1]) <= narrow:
            start -= 1
        for at in range(max(start, 1), len(lines)):
            if lines[at][:1].isupper():
                row.cells[following[0]] = lines[at:]
                del lines[at:]
                return

    def _split_wide(self, text: str) -> list[str]:
        """Two cells printed on one line: split where the right part starts a capitalised cell."""
        wide = self.layout.widths[self.layout.name]
        if len(text) <= wide + 3:
            return [text]
        spaces = [m.start() for m in re.finditer(r" ", text)]
        if self.page_break:
            # The tails of two cells after a page break: the shortest head leaving a tail that fits.
            for at in spaces:
                if len(text) - at - 1 <= wide + 1:
                    return [text[:at], text[at + 1 :]]
        for at in reversed(spaces):
            left, right = text[:at], text[at + 1 :]
            if len(left) <= wide + 1 and right[:1].isupper():
                return [left, right]
        return [text]

    def _place(self, text: str, index: int) -> None:
        if self.page_break and self.row is not None and self._continue_after_break(text):
            return
        self.page_break = False
        row = self.row
        last = len(self.layout.titles) - 1
        if row is None or self.column > last:
            self._start_row(text, index)
            return
        if self.column == self.layout.deadline == last:
            # A deadline is a short phrase; a line too long for it begins the next row.
            if self._fits(self.column, text):
                self._append(row, self.column, text)
            else:
                self._start_row(text, index)
            return
        following = self._next_column(row, text)
        opens = following is not None and self._opens(following, text)
        if following is not None and (opens or not self._continues(row, self.column, text)):
            self.column = following
            self._append(row, following, text)
        elif self._last(row, self.column) is None or (
            self._fits(self.column, text) and (self.column < last or self._continues(row, self.column, text))
        ):
            self._append(row, self.column, text)
        elif following is not None:
            self.column = following
            self._append(row, following, text)
        else:
            self._start_row(text, index)

    def _opens(self, column: int, text: str) -> bool:
        """A line that begins the way cells of the next column begin (a unit, a time phrase)."""
        role = _role(self.layout.titles[column])
        current = _role(self.layout.titles[self.column]) if self.column < len(self.layout.titles) else None
        opener = _OPENERS.get(role or "")
        return opener is not None and role != current and opener.match(text) is not None

    def _section_agencies(self) -> bool:
        return any(self.agency_text.values())

    def _columns(self) -> list[int]:
        """Columns a line can fill: agency cells too, unless the section heading gave them."""
        if self._section_agencies():
            return self.layout.text_columns
        return list(range(self.layout.first_text, len(self.layout.titles)))

    def _next_column(self, row: _Row, text: str) -> int | None:
        """The next cell this line can open: no wide cell opens with a short line, none is skipped."""
        for column in self._columns():
            if column <= self.column or (column == self.layout.deadline and self._section_agencies()):
                continue
            if column > self.layout.deadline and self.column < self.layout.deadline:
                return None
            if not self._fits(column, text):
                return None
            if column == self.layout.name and len(text) <= self.layout.widths[self.layout.first_text]:
                return None
            return column
        return None

    def _start_row(self, text: str, index: int) -> None:
        self._new_row(index)
        assert self.row is not None
        group = self.group
        opens_group = group is not None and not group.lines and self.row is not None
        if opens_group and len(text) <= self.layout.widths[self.layout.first_text] + 3:
            self.column = self.layout.first_text
        else:
            self.column = self.layout.name
        self._append(self.row, self.column, text)

    def _continue_after_break(self, text: str) -> bool:
        """After a page break the rest of each cell of the row above follows, in column order."""
        assert self.row is not None
        candidates = [
            c
            for c in self.layout.text_columns
            if c >= self.break_column
            and self._last(self.row, c) is not None
            and self._fits(c, text)
            and (c != self.layout.deadline or self.break_column == c)
        ]
        accepted = [c for c in candidates if self._goes_on(self._last(self.row, c) or "", c, text)]
        for position, column in enumerate(accepted):
            previous = self._last(self.row, column) or ""
            ended = len(previous) < 0.6 * self.layout.widths[column] and previous[-1:] not in ",;:"
            if ended and accepted[position + 1 :]:
                continue
            self.break_column = column
            self._append(self.row, column, text)
            return True
        return False

    def _goes_on(self, previous: str, column: int, text: str) -> bool:
        """After a break a tail starts mid-sentence; a capital only follows a clause mark."""
        return text[:1].islower() or text[:1].isdigit() or text[:1] in "(,;.%" or previous[-1:] in ",;:"

    def _continues(self, row: _Row, column: int, text: str) -> bool:
        previous = self._last(row, column)
        if previous is None or not self._fits(column, text):
            return False
        if text[:1].islower() or text[:1] in "(,;.%":
            return not previous.endswith((".", ":"))
        return not _fits_after(previous, text, self.layout.widths[column])

    def _fits(self, column: int, text: str) -> bool:
        return len(text) <= self.layout.widths[column] + 3

    def _last(self, row: _Row, column: int) -> str | None:
        if column == self.layout.first_text and row.group is not None:
            return row.group.lines[-1] if row.group.lines else None
        return row.last(column)

    def _append(self, row: _Row, column: int, text: str) -> None:
        if column == self.layout.first_text and row.group is not None:
            row.group.lines.append(text)
        else:
            row.cells.setdefault(column, []).append(text)

    def _new_row(self, index: int) -> None:
        self._finish()
        if self.group is None:
            self.group = _Group("")
        self.row = _Row(self.group, line=index)

    def _finish(self) -> None:
        row, self.row = self.row, None
        if row is None:
            return
        cells = [""] * len(self.layout.titles)
        for column, lines in row.cells.items():
            if column < len(cells):
                cells[column] = clean(" ".join(lines))
        if row.group is not None:
            cells[self.layout.number] = row.group.number
            cells[self.layout.first_text] = clean(" ".join(row.group.lines))
        for column, lines in self.agency_text.items():
            cells[column] = cells[column] or clean(" ".join(lines))
        self.rows.append(Row(cells, Origin(line=row.line + 1)))
