"""Column roles recognised from a table's header titles.

A header is recognised by what its columns are called, never by their position, so a table that
orders or words its columns differently still maps. Each role is a small named rule: patterns
matched against the unaccented, case-folded title, tried in priority order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from theodoi.core.text import search_key
from theodoi.importer.registry import Registry

NUMBER = "number"
NAME = "name"
DESCRIPTION = "description"
OBJECTIVE = "objective"
UNIT = "unit"
TARGET = "target"
BASELINE = "baseline"
FORMULA = "formula"
DATA_SOURCE = "data_source"
RESPONSIBLE = "responsible"
LEAD = "lead"
COORDINATING = "coordinating"
OUTPUT = "output"
DEADLINE = "deadline"
NOTE = "note"
# Titles whose role depends on the kind of table: filled in by `resolve_roles`.
INDICATOR_NAME = "indicator_name"
RESULT = "result"
AIM = "aim"


@dataclass(frozen=True)
class ColumnRule:
    role: str
    pattern: re.Pattern[str]

    def test(self, key: str) -> bool:
        return self.pattern.search(key) is not None


column_rules: Registry[ColumnRule] = Registry()


def _rule(role: str, pattern: str, priority: float, name: str | None = None) -> None:
    column_rules.register(ColumnRule(role, re.compile(pattern)), name or role, priority)


_rule(NOTE, r"\b(luu y|ghi chu)\b", 100)
_rule(DESCRIPTION, r"\bmo ta\b", 95)
_rule(FORMULA, r"\b(cong thuc|phuong phap tinh|cach tinh)\b", 90)
_rule(DATA_SOURCE, r"\bnguon du lieu\b|\bhe thong trich xuat\b", 85)
_rule(
    BASELINE,
    r"\b(ket qua|so lieu|uoc)? ?(thuc hien|dat duoc) nam \d{4}\b|\bket qua nam \d{4}\b"
    r"|\bhien trang\b|\bnam goc\b",
    80,
)
_rule(RESPONSIBLE, r"\bchiu trach nhiem\b|\btheo doi\b", 75)
_rule(COORDINATING, r"\bphoi hop\b", 70)
_rule(LEAD, r"\bchu tri\b|\b(don vi|co quan) thuc hien\b", 65)
_rule(DEADLINE, r"\bthoi (gian|han)\b|\btien do\b", 60)
_rule(UNIT, r"\bdon vi tinh\b|\bdvt\b", 55)
_rule(NUMBER, r"^(stt|so tt|so thu tu|tt)$", 50)
_rule(AIM, r"^(chi tieu|muc tieu|ke hoach)( nam| giai doan)? \d{4}", 47, "aim_of_year")
_rule(INDICATOR_NAME, r"^(ten |noi dung )?chi tieu$", 45)
_rule(NAME, r"\b(nhiem vu|noi dung|hoat dong|ten nhiem vu|cong viec)\b", 40)
_rule(AIM, r"\bmuc tieu\b", 35)
_rule(RESULT, r"\bket qua\b|\bsan pham\b", 30)

_PUNCT = re.compile(r"[^\w\s]")


@lru_cache(maxsize=4096)
def title_key(title: str) -> str:
    return re.sub(r"\s+", " ", _PUNCT.sub(" ", search_key(title))).strip()


@lru_cache(maxsize=4096)
def role_of(title: str) -> str | None:
    key = title_key(title)
    if not key:
        return None
    for rule in column_rules:
        if rule.test(key):
            return rule.role
    return None


def resolve_roles(titles: list[str]) -> tuple[str, list[str | None]] | None:
    """The table kind ('indicators' or 'tasks') and each column's role; None if not a plan header."""
    raw = [role_of(t) for t in titles]
    has_name = NAME in raw or INDICATOR_NAME in raw
    if sum(r is not None for r in raw) < 3 or not has_name:
        return None
    kind = "indicators" if _is_indicator_table(titles, raw) else "tasks"
    roles: list[str | None] = []
    for role in raw:
        if role == INDICATOR_NAME:
            role = NAME if NAME not in raw else TARGET
        elif role in (RESULT, AIM):
            role = TARGET if kind == "indicators" else (OUTPUT if role == RESULT else OBJECTIVE)
        elif role == LEAD and kind == "indicators":
            role = RESPONSIBLE
        roles.append(role if role not in roles or role in (None,) else None)
    return kind, roles


def _is_indicator_table(titles: list[str], raw: list[str | None]) -> bool:
    """Indicators: named as chỉ tiêu, with a figure to reach and no deadline to meet."""
    named = INDICATOR_NAME in raw or any(
        role == NAME and "chi tieu" in title_key(title) for title, role in zip(titles, raw, strict=True)
    )
    has_figure = any(role in (UNIT, RESULT, AIM, BASELINE, FORMULA) for role in raw)
    return named and has_figure and DEADLINE not in raw


_ROW_NUMBER = re.compile(r"^\(?(\d+(\.\d+)*|[ivxlcdm]+|[a-z])[.)]?$")
_TITLE_WORDS = 15


def is_row_number(text: str) -> bool:
    """A row's number or code ("9", "1.2", "IV", "a)"): what starts a data row, never a header."""
    return _ROW_NUMBER.match(search_key(text).strip()) is not None


def looks_like_header(titles: list[str]) -> bool:
    """Short titles, most of them naming a column, for several different roles: not a data row that
    happens to use the words ("sản phẩm", "kết quả", "nhiệm vụ" in its sentences).

    A header does not start with a row number, most of its cells are a few words, and the cells
    that name a role name different ones; a data row fails at least one of these.
    """
    filled = [t.strip() for t in titles if t.strip()]
    if not filled or any(len(t) > 90 for t in filled) or is_row_number(filled[0]):
        return False
    words = sorted(len(t.split()) for t in filled)
    if words[len(words) // 2] > 8:
        return False
    roles = [role_of(t) if len(t.split()) <= _TITLE_WORDS else None for t in filled]
    named = [r for r in roles if r is not None]
    if len(named) < 0.6 * len(filled) or len(set(named)) < 3 or len(set(named)) < 0.75 * len(named):
        return False
    return resolve_roles(titles) is not None
