"""Writing user text into spreadsheets safely: every openpyxl (or CSV) writer of theodoi puts
cell values through `safe_cell`, so a cell never runs as a formula when opened.

Text beginning with = + - @ (or their full-width forms, which some spreadsheet programs also read
as formulas), a tab or a line break gets a leading apostrophe (OWASP's advice against CSV/formula
injection); characters that cannot live in an .xlsx file are dropped instead of failing the whole
download. `restore_cell` undoes the apostrophe when such a file is uploaded back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# What openpyxl refuses (ILLEGAL_CHARACTERS_RE): control characters other than tab and line breaks.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_text(text: str) -> str:
    text = _ILLEGAL.sub("", text)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def safe_cell(value: Any) -> Any:
    """`value` as a cell may hold it: text never read as a formula; numbers, dates, None as they are."""
    return safe_text(value) if isinstance(value, str) else value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


def restore_cell(text: str) -> str:
    """The text a person typed, from a cell `safe_text` wrote (the apostrophe removed)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text
