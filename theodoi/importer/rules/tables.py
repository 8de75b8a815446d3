"""Plan tables found in a `Document`: header recognised, page-break pieces joined, appendix known.

A table split by a page break arrives as several tables (text exports) or with its header row
repeated (Word, PDF). Both come back here as one `PlanTable` whose rows remember which of them
start a new page, because only such rows can be the rest of the row above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from theodoi.core.text import search_key
from theodoi.importer.document import Document, Paragraph, Row, Table
from theodoi.importer.rules.columns import (
    NAME,
    NUMBER,
    is_row_number,
    looks_like_header,
    resolve_roles,
    title_key,
)

_APPENDIX = re.compile(r"^phu luc(?:\s+(?:so\s+)?([ivxlc]+|\d+)\b)?", re.I)


@dataclass
class PlanRow:
    row: Row
    after_break: bool = False


@dataclass
class PlanTable:
    kind: str
    roles: list[str | None]
    header: list[str]
    appendix: str | None
    appendix_title: str | None
    first_header: list[str] = field(default_factory=list)
    rows: list[PlanRow] = field(default_factory=list)

    def column(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None


@dataclass
class _Appendix:
    numeral: str | None = None
    title: str | None = None
    fresh: bool = False


_APPENDIX_START = re.compile(r"^\s*ph[ụu]\s+l[ụu]c\b", re.I)


def appendix_numeral(text: str) -> tuple[bool, str | None]:
    if not _APPENDIX_START.match(text):
        return False, None
    match = _APPENDIX.match(search_key(text))
    if not match:
        return False, None
    numeral = match.group(1)
    return True, numeral.upper() if numeral else None


def _pieces(block: Table) -> list[Paragraph | Table]:
    """A sheet read as one table may hold titles and several tables: split it where a header row
    starts a table and where a one-cell row is a title ("Phụ lục II", a heading above a header)."""
    pieces: list[Paragraph | Table] = []
    rows: list[Row] = []
    header: list[str] | None = None

    def flush() -> None:
        if rows:
            pieces.append(Table(list(rows), rows[0].origin))
            rows.clear()

    for row in block.rows:
        filled = [c for c in row.cells if c.strip()]
        if len(filled) == 1 and (header is None or appendix_numeral(filled[0])[0]):
            flush()
            header = None
            pieces.append(Paragraph(filled[0].strip(), row.origin, bold=row.bold))
            continue
        if looks_like_header(row.cells) and (header is None or _new_header(row.cells, header)):
            flush()
            header = row.cells
        rows.append(row)
    flush()
    return pieces


def _new_header(cells: list[str], header: list[str]) -> bool:
    """Another header, not the current one again nor a row numbered in its number column."""
    if _same_header(cells, header):
        return False
    resolved = resolve_roles(header)
    number = resolved[1].index(NUMBER) if resolved and NUMBER in resolved[1] else None
    return number is None or number >= len(cells) or not is_row_number(cells[number])


def find_plan_tables(doc: Document) -> list[PlanTable]:
    tables: list[PlanTable] = []
    appendix = _Appendix()
    blocks = [
        piece for block in doc.blocks for piece in (_pieces(block) if isinstance(block, Table) else [block])
    ]
    for block in blocks:
        if isinstance(block, Paragraph):
            _note_paragraph(block, appendix)
            continue
        _take_table(block, tables, appendix)
    return tables


def _note_paragraph(block: Paragraph, appendix: _Appendix) -> None:
    is_appendix, numeral = appendix_numeral(block.text)
    if is_appendix and len(block.text) < 40:
        appendix.numeral, appendix.title, appendix.fresh = numeral, None, True
    elif appendix.fresh:
        appendix.title = f"{appendix.title or ''} {block.text}".strip()


def _take_table(block: Table, tables: list[PlanTable], appendix: _Appendix) -> None:
    previous = tables[-1] if tables else None
    if previous and not appendix.fresh and block.rows:
        # The header repeated at a page break: what follows it continues the same table.
        for index, row in enumerate(block.rows[:4]):
            if _same_header(row.cells, previous.first_header) or _same_header(row.cells, previous.header):
                _extend(previous, block.rows[index + 1 :], after_break=True)
                return
    found = _find_header(block.rows)
    if found is None:
        width = len(block.rows[0].cells) if block.rows else 0
        if previous and not appendix.fresh and abs(width - len(previous.roles)) <= 1:
            _extend(previous, block.rows, after_break=True)
        return
    start, kind, roles, header, first = found
    table = PlanTable(kind, roles, header, appendix.numeral, appendix.title, first)
    _extend(table, block.rows[start:], after_break=False)
    tables.append(table)
    appendix.fresh = False


def _find_header(rows: list[Row]) -> tuple[int, str, list[str | None], list[str], list[str]] | None:
    for index, row in enumerate(rows[:4]):
        if not looks_like_header(row.cells):
            continue
        titles, end = _header_continuation(rows, index)
        resolved = resolve_roles(titles)
        if resolved is None:
            resolved = resolve_roles(row.cells)
            titles, end = row.cells, index + 1
        assert resolved is not None
        return end, resolved[0], resolved[1], titles, row.cells
    return None


def _header_continuation(rows: list[Row], index: int) -> tuple[list[str], int]:
    """A second header row (blank number and name, words that finish the titles above)."""
    titles = list(rows[index].cells)
    resolved = resolve_roles(titles)
    assert resolved is not None
    roles = resolved[1]
    end = index + 1
    while end < len(rows) and len(rows[end].cells) == len(titles):
        cells = rows[end].cells
        if any(cells[i] for i, r in enumerate(roles) if r in (NUMBER, NAME)) or not any(cells):
            break
        titles = [f"{t} {c}".strip() for t, c in zip(titles, cells, strict=True)]
        end += 1
    return titles, end


def _same_header(a: list[str], b: list[str]) -> bool:
    return [title_key(t) for t in a] == [title_key(t) for t in b]


def _extend(table: PlanTable, rows: list[Row], *, after_break: bool) -> None:
    pending_break = after_break
    for row in rows:
        flagged = getattr(row, "header", False) is True
        if flagged or _same_header(row.cells, table.header) or _same_header(row.cells, table.first_header):
            pending_break = True
            continue
        if not any(c.strip() for c in row.cells):
            continue
        table.rows.append(PlanRow(row, after_break=pending_break))
        pending_break = False
