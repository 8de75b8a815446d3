"""Rows of a plan table read into items: section headings, rows continued across pages, refs.

Headings carry a printed code (I, II.1, VII. 2) or come bold with nothing in the data columns.
A row with no number that starts a new page, or that has neither number nor name, finishes the
row above. Refs follow the spec's "Numbering" section: heading path, row number as printed, and
`#k` where the number is missing or shared under the same heading.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from theodoi.importer.document import Origin
from theodoi.importer.rules.columns import NAME, NUMBER, OBJECTIVE
from theodoi.importer.rules.tables import PlanRow, PlanTable

_ROMAN_CODE = re.compile(r"^[IVXLC]+(?:\s*\.\s*(?:[IVXLC]+|\d+))*\s*\.?$")
_ARABIC_CODE = re.compile(r"^\d+(?:\s*\.\s*\d+)*\s*\.?$")
_LETTER_CODE = re.compile(r"^[a-zđ]\s*[).]$")
_CAPITAL_CODE = re.compile(r"^[A-H]\s*[.)]?$")
_CODED_TEXT = re.compile(r"^((?:[IVXLC]+|[A-H]|\d+)(?:\.\d+)*)\s*[.)/]?\s+(\S.*)$")


@dataclass
class Heading:
    code: str
    title: str
    level: int


@dataclass
class Item:
    table: PlanTable
    cells: list[str]
    number: str
    headings: list[Heading]
    origin: Origin
    ref: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    # Footnote markers a source took out of the cells (`Row.notes`), by column.
    notes: dict[int, list[str]] = field(default_factory=dict)

    def get(self, role: str) -> str:
        index = self.table.column(role)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


def normalise_code(code: str) -> str:
    """'VII. 2' -> 'VII.2', '1.' -> '1', 'a)' -> 'a': the printed code without its punctuation."""
    return re.sub(r"\s*\.\s*", ".", code.strip()).strip(".)/ ")


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _data_cells(table: PlanTable, cells: list[str]) -> list[str]:
    """The cells besides number and name; a repeat of the name is that cell merged across them."""
    skip = {table.column(NUMBER), table.column(NAME)}
    name = _cell(cells, table.column(NAME))
    return [c for i, c in enumerate(cells) if i not in skip and not (name and c == name)]


def _row_notes(plan_row: PlanRow) -> dict[int, list[str]]:
    notes = getattr(plan_row.row, "notes", None)
    return notes if isinstance(notes, dict) else {}


def spanning_text(cells: list[str]) -> str | None:
    """A row merged across the whole table (one text repeated in every column it spans)."""
    filled = {c.strip() for c in cells if c.strip()}
    if len(filled) == 1 and sum(1 for c in cells if c.strip()) >= 3:
        return filled.pop()
    return None


def _is_heading(table: PlanTable, plan_row: PlanRow, next_number: str) -> bool:
    cells = plan_row.row.cells
    number = _cell(cells, table.column(NUMBER))
    name = _cell(cells, table.column(NAME))
    if any(_data_cells(table, cells)) or not (number or name):
        return False
    if _ROMAN_CODE.match(number) or _CAPITAL_CODE.match(number):
        return True
    if _ARABIC_CODE.match(number):
        # "1." over rows numbered "1.1", "1.2" is a heading, not a row of its own.
        code = normalise_code(number)
        return normalise_code(next_number).startswith(code + ".")
    return plan_row.row.bold


def _level(code: str, stack: list[Heading]) -> int:
    parts = normalise_code(code).split(".") if code else []
    if len(parts) > 1:
        return len(parts)
    if not parts:
        return stack[-1].level + 1 if stack else 1
    if _CAPITAL_CODE.match(parts[0]) and not _ROMAN_CODE.match(parts[0]):
        return 0
    if _ROMAN_CODE.match(parts[0]):
        return 1
    if _LETTER_CODE.match(code):
        return 3
    return 2 if any(h.level == 1 for h in stack) else 1


class RowReader:
    """Reads one table's rows; `items` are the data rows in document order."""

    def __init__(self, table: PlanTable) -> None:
        self.table = table
        self.items: list[Item] = []
        self.stack: list[Heading] = []
        self._last_was_heading = False

    def read(self) -> list[Item]:
        rows = self.table.rows
        for index, plan_row in enumerate(rows):
            following = rows[index + 1].row.cells if index + 1 < len(rows) else []
            self._take(plan_row, _cell(following, self.table.column(NUMBER)))
        return self.items

    def _take(self, plan_row: PlanRow, next_number: str) -> None:
        cells = list(plan_row.row.cells)
        number = _cell(cells, self.table.column(NUMBER))
        name = _cell(cells, self.table.column(NAME))
        spanning = spanning_text(cells)
        lone = self._lone_coded_text(cells, number, name)
        if spanning is not None:
            coded = _CODED_TEXT.match(spanning)
            self._heading(*(coded.groups() if coded else ("", spanning)))
        elif lone is not None and not plan_row.after_break:
            self._heading(*lone)
        elif self._continues(plan_row, number, name):
            self._merge(cells, _row_notes(plan_row))
        elif _is_heading(self.table, plan_row, next_number):
            self._heading(number, name)
        else:
            self._item(plan_row, cells, number)

    def _lone_coded_text(self, cells: list[str], number: str, name: str) -> tuple[str, str] | None:
        """A heading written whole in one cell ("II. CẢI CÁCH THỂ CHẾ"), the others left blank."""
        if any(_data_cells(self.table, cells)) or (number and name):
            return None
        coded = _CODED_TEXT.match(number or name)
        return (coded.group(1), coded.group(2)) if coded else None

    def _continues(self, plan_row: PlanRow, number: str, name: str) -> bool:
        if number and not (self._last_was_heading and plan_row.after_break and not name):
            return False
        if not (self.items or self.stack):
            return False
        if plan_row.after_break and not _ROMAN_CODE.match(number):
            # In a table that numbers its rows, an unnumbered row after a page break is the rest
            # of the row above; where no row is numbered it may be a row of its own.
            return not name or self._last_was_heading or bool(self.items and self.items[-1].number)
        return not name and not number

    def _merge(self, cells: list[str], notes: dict[int, list[str]] | None = None) -> None:
        if self._last_was_heading and self.stack:
            extra = " ".join(c for c in cells if c)
            self.stack[-1].title = f"{self.stack[-1].title} {extra}".strip()
            return
        item = self.items[-1]
        for column, markers in (notes or {}).items():
            item.notes.setdefault(column, []).extend(markers)
        width = max(len(item.cells), len(cells))
        item.cells += [""] * (width - len(item.cells))
        for index, text in enumerate(cells):
            if text:
                item.cells[index] = f"{item.cells[index]} {text}".strip()

    def _heading(self, number: str, name: str) -> None:
        is_code = _ROMAN_CODE.match(number) or _ARABIC_CODE.match(number) or _CAPITAL_CODE.match(number)
        code = number if is_code else ""
        title = name or ("" if code else number)
        level = _level(code, self.stack)
        self.stack = [h for h in self.stack if h.level < level]
        self.stack.append(Heading(normalise_code(code), title, level))
        self._last_was_heading = True

    def _item(self, plan_row: PlanRow, cells: list[str], number: str) -> None:
        origin = plan_row.row.origin
        number = self._fill_down_objective(cells, number)
        item = Item(self.table, cells, number, list(self.stack), origin)
        item.notes = {k: list(v) for k, v in _row_notes(plan_row).items()}
        self.items.append(item)
        self._last_was_heading = False

    def _fill_down_objective(self, cells: list[str], number: str) -> str:
        """An objective cell merged down its rows is printed once in text exports: the rows below
        it, left blank there, share it and the number printed beside it."""
        column = self.table.column(OBJECTIVE)
        previous = self.items[-1] if self.items else None
        if column is None or column >= len(cells) or cells[column] or previous is None:
            return number
        if previous.headings != self.stack or not previous.get(OBJECTIVE):
            return number
        cells[column] = previous.get(OBJECTIVE)
        if not number:
            number = previous.number
            number_column = self.table.column(NUMBER)
            if number_column is not None and number_column < len(cells):
                cells[number_column] = number
        return number


def heading_path(headings: list[Heading]) -> str:
    path = ""
    for heading in headings:
        if not heading.code:
            continue
        if not path or heading.code.startswith(path + "."):
            path = heading.code
        else:
            path = f"{path}.{heading.code}"
    return path


def assign_refs(items: list[Item], prefix: str | None) -> None:
    """Refs as the spec's Numbering section says, `#k` for a missing or shared number."""
    groups: dict[tuple[int, ...], list[Item]] = {}
    for item in items:
        groups.setdefault(tuple(id(h) for h in item.headings), []).append(item)
    for group in groups.values():
        counts = Counter(normalise_code(i.number) for i in group if i.number)
        for position, item in enumerate(group, start=1):
            parts = [p for p in (prefix, heading_path(item.headings)) if p]
            number = normalise_code(item.number)
            if number:
                parts.append(number)
            ref = ".".join(parts)
            if not number or counts[number] > 1:
                ref = f"{ref}#{position}"
            item.ref = ref
