"""Table clean-up shared by every source."""

from __future__ import annotations

from theodoi.importer.document import Row


def without_repeated_headers(rows: list[Row]) -> list[Row]:
    """Drop later copies of the header rows (the first row, and any flagged as header).

    Headers repeated at page breaks by hand, or by a PDF, carry no content; a real data row is
    never identical to the header.
    """
    headers: list[list[str]] = []
    kept: list[Row] = []
    for row in rows:
        if not any(cell.strip() for cell in row.cells):
            continue
        if not kept or (row.header and all(previous.header for previous in kept)):
            headers.append(_key(row.cells))
        elif _key(row.cells) in headers:
            continue
        kept.append(row)
    return kept


def _key(cells: list[str]) -> list[str]:
    return [" ".join(cell.split()).casefold() for cell in cells]
