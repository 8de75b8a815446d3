"""Indicator targets, baselines and formulas read from their cells (spec: "Targets")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from theodoi.core.text import clean, search_key
from theodoi.importer.registry import Registry

_NUMBER = r"\d+(?:[.,]\d+)*"
_FIGURE = re.compile(rf"({_NUMBER})\s*(%|[^\W\d_][^\d;,.()]*)?")


def parse_number(text: str) -> float | int | None:
    """'90,46' -> 90.46; '1.000' -> 1000; '05' -> 5 (Vietnamese separators)."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        text = text.replace(".", "")
    elif "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class OpRule:
    """A wording or sign that says which way a target points."""

    op: str
    pattern: re.Pattern[str]

    def test(self, key: str) -> bool:
        return self.pattern.search(key) is not None


_SIGNS = {"≥": ">=", "≤": "<=", ">=": ">=", "<=": "<=", ">": ">", "<": "<", "=": "="}


op_rules: Registry[OpRule] = Registry()
op_rules.register(OpRule(">=", re.compile(rf"{_NUMBER}\s*%?\s*[-–]\s*{_NUMBER}")), "range", 90)
op_rules.register(OpRule("<=", re.compile(r"\b(toi da|khong qua|khong vuot qua|duoi)\b")), "at_most", 80)
op_rules.register(
    OpRule(">=", re.compile(r"\b(toi thieu|it nhat|tro len|dat toi thieu|tu \d|tren)\b")), "at_least", 70
)

_SIGN = re.compile(r"(≥|≤|>=|<=|>|<|=)\s*\d")


def target_op(cell: str, name: str = "") -> str:
    sign = _SIGN.search(cell)
    if sign and not re.search(r"\w\s*=", cell[: sign.end()]):
        return _SIGNS[sign.group(1)]
    for key in (search_key(cell), search_key(name)):
        for rule in op_rules:
            if rule.test(key):
                return rule.op
    # The spec: a target is a floor unless it says otherwise.
    return ">="


@dataclass(frozen=True)
class Figure:
    value: float | int
    unit: str | None


def first_figure(text: str) -> Figure | None:
    match = _FIGURE.search(text)
    if not match:
        return None
    value = parse_number(match.group(1))
    if value is None:
        return None
    unit = clean(match.group(2)) if match.group(2) else None
    return Figure(value, unit or None)


def read_target(cell: str, name: str = "") -> dict[str, object] | None:
    text = clean(cell)
    if not text or text in {"-", "–", "—"}:
        return None
    figure = first_figure(text)
    return {
        "op": target_op(text, name),
        "value": figure.value if figure else None,
        "text": text,
    }


def target_unit(cell: str) -> str | None:
    text = clean(cell)
    if "%" in text:
        return "%"
    figures = list(_FIGURE.finditer(text))
    unit = figures[-1].group(2) if figures else None
    return clean(unit) or None if unit else None


def read_baseline(cell: str, year: int | None) -> dict[str, object] | None:
    text = clean(cell)
    figure = first_figure(text)
    if not text or figure is None:
        return None
    return {"value": figure.value, "text": text, "year": year}


# "a= numerator; b= denominator; Tỷ lệ= a/b": each part runs to the next "x=" clause.
_PART = re.compile(
    r"(?:^|;)\s*([ab])\s*=\s*(.*?)\s*(?=;\s*[ab]\s*=|;\s*[^;=]{0,20}=\s*[ab]\s*/|$)", re.S | re.I
)


_FRACTION = re.compile(
    r"\b(Tử số|Mẫu số)\s*(?:là|:|=)?\s*(.*?)\s*(?=[;.]?\s*(?:Tử số|Mẫu số)\b|$)", re.I | re.S
)


def read_formula(cell: str) -> dict[str, object] | None:
    text = clean(cell)
    if not text:
        return None
    parts = {m.group(1).lower(): m.group(2).strip(" ;") for m in _PART.finditer(text)}
    for match in _FRACTION.finditer(text):
        part = "a" if search_key(match.group(1)).startswith("tu") else "b"
        parts.setdefault(part, match.group(2).strip(" ;."))
    return {"numerator": parts.get("a"), "denominator": parts.get("b"), "text": text}
