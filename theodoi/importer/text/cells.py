"""Table layouts of text exports: one row per line (tab-separated) or one cell per line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from theodoi.core.text import clean
from theodoi.importer.document import Document, Origin, Row, Table
from theodoi.importer.text.inline import is_bold, strip_inline

_ROW_CODE = re.compile(r"^\s*(?:[IVXLC]+|\d+)(?:\s*\.\s*(?:[IVXLC]+|\d+))*\.?\s*$")


def cell_text(raw: str) -> str:
    return clean(strip_inline(raw))


def looks_like_row_code(text: str) -> bool:
    """'1', '1.', 'II', 'II.1', 'VII. 2': the printed number or code of a row."""
    return _ROW_CODE.match(text) is not None


class TabRowReader:
    """Markdown-ish exports: each row on one line, cells separated by tabs."""

    min_cells = 3

    def _is_row(self, line: str) -> bool:
        return line.count("\t") >= self.min_cells - 1

    def test(self, lines: list[str], pos: int) -> bool:
        return self._is_row(lines[pos])

    def run(self, lines: list[str], pos: int, doc: Document) -> int:
        rows: list[Row] = []
        start = pos
        while pos < len(lines) and self._is_row(lines[pos]):
            raw = lines[pos].split("\t")
            filled = [c for c in raw if c.strip()]
            bold = bool(filled) and all(is_bold(c) for c in filled)
            rows.append(Row([cell_text(c) for c in raw], Origin(line=pos + 1), bold=bold))
            pos += 1
        doc.blocks.append(Table(rows, Origin(line=start + 1)))
        return pos


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")


class PipeRowReader:
    """Markdown pipe tables: "| STT | Nhiệm vụ | ... |", the "|---|" rule line skipped."""

    def test(self, lines: list[str], pos: int) -> bool:
        return _PIPE_ROW.match(lines[pos]) is not None and lines[pos].count("|") >= 4

    def run(self, lines: list[str], pos: int, doc: Document) -> int:
        rows: list[Row] = []
        start = pos
        while pos < len(lines) and _PIPE_ROW.match(lines[pos]):
            if not _PIPE_RULE.match(lines[pos]):
                raw = re.split(r"(?<!\\)\|", lines[pos].strip())[1:-1]
                filled = [c for c in raw if c.strip()]
                bold = bool(filled) and all(is_bold(c) for c in filled)
                rows.append(Row([cell_text(c) for c in raw], Origin(line=pos + 1), bold=bold))
            pos += 1
        doc.blocks.append(Table(rows, Origin(line=start + 1)))
        return pos


_CELL_LINE = re.compile(r"^([ \u00a0]*)\t(.*)$")
# A title line that starts a new block even when the export glued it to the last cell.
_BLOCK_START = re.compile(r"^\s*(?:ph[uụ] l[uụ]c|PH[UỤ] L[UỤ]C)\s+[IVXLC\d]+\b", re.I)


@dataclass
class _Cell:
    text: str
    line: int


_Break = None


class CellPerLineReader:
    """Word exports: every cell on its own tab-indented line, rows separated by blank lines.

    Lines without the leading tab continue the cell above (a line break inside the cell).
    Blank lines also fall inside rows, so a short group of cells is joined to the next one when
    together they make exactly one row of the header's width.
    """

    def test(self, lines: list[str], pos: int) -> bool:
        return _CELL_LINE.match(lines[pos]) is not None and lines[pos].count("\t") == 1

    def run(self, lines: list[str], pos: int, doc: Document) -> int:
        start = pos
        tokens, pos = self._tokens(lines, pos)
        groups = _split_groups(tokens)
        if not groups:
            return start + 1
        width = len(groups[0])
        rows = [self._row(group) for group in _rows_of(groups, width)]
        doc.blocks.append(Table(rows, Origin(line=start + 1)))
        return pos

    def _tokens(self, lines: list[str], pos: int) -> tuple[list[_Cell | None], int]:
        tokens: list[_Cell | None] = []
        while pos < len(lines):
            line = lines[pos]
            match = _CELL_LINE.match(line)
            if match and line.count("\t") == 1:
                if match.group(1):
                    # A blank cell whose line break was lost: " \tnext cell".
                    tokens.append(_Cell("", pos))
                tokens.append(_Cell(match.group(2), pos))
            elif not line.strip():
                tokens.append(_Break)
            elif tokens and tokens[-1] is not None and not _BLOCK_START.match(line):
                tokens[-1].text += "\n" + line
            else:
                break
            pos += 1
        while tokens and tokens[-1] is None:
            tokens.pop()
            pos -= 1
        return tokens, pos

    @staticmethod
    def _row(group: list[_Cell]) -> Row:
        return Row([cell_text(c.text) for c in group], Origin(line=group[0].line + 1))


def _split_groups(tokens: list[_Cell | None]) -> list[list[_Cell]]:
    groups: list[list[_Cell]] = [[]]
    for token in tokens:
        if token is None:
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(token)
    return [g for g in groups if g]


def _rows_of(groups: list[list[_Cell]], width: int) -> list[list[_Cell]]:
    rows: list[list[_Cell]] = []
    i = 0
    while i < len(groups):
        group = list(groups[i])
        i += 1
        while (
            len(group) < width
            and i < len(groups)
            and len(group) + len(groups[i]) == width
            and not looks_like_row_code(cell_text(groups[i][0].text))
        ):
            group += groups[i]
            i += 1
        rows.extend(_chunks(group, width))
    return rows


def _chunks(group: list[_Cell], width: int) -> list[list[_Cell]]:
    if width and len(group) > width and len(group) % width == 0:
        return [group[k : k + width] for k in range(0, len(group), width)]
    return [group]
