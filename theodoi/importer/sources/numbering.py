"""Automatic list numbers as a reader sees them ("1.", "II.", "a)"), computed per list and level.

Word stores only the list definition; the number is counted at display time, so a table whose
STT column is an automatic list has no digits in its XML at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from theodoi.importer.sources.ooxml import W, attr, int_attr

_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = "tab"
    legal: bool = False


@dataclass
class ListDefinition:
    levels: dict[int, Level]
    starts: dict[int, int] = field(default_factory=dict)


def roman(number: int) -> str:
    if number <= 0:
        return str(number)
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter)."""
    if number <= 0:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman(number)
    if fmt == "lowerRoman":
        return roman(number).lower()
    if fmt == "upperLetter":
        return letters(number).upper()
    if fmt == "lowerLetter":
        return letters(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "none":
        return ""
    return str(number)


class Numbering:
    """The lists of one document and their running counters."""

    def __init__(self, lists: dict[str, ListDefinition]) -> None:
        self._lists = lists
        self._counters: dict[str, list[int | None]] = {}

    @classmethod
    def from_xml(
        cls, root: etree._Element | None, style_list: Callable[[str], str | None] = lambda _style: None
    ) -> Numbering:
        """`style_list` gives the list a numbering style points at, for lists defined by a style."""
        if root is None:
            return cls({})
        abstracts = {attr(node, "abstractNumId"): _levels(node) for node in root.iter(W + "abstractNum")}
        _resolve_style_links(root, abstracts, style_list)
        lists: dict[str, ListDefinition] = {}
        for num in root.iter(W + "num"):
            num_id = attr(num, "numId")
            abstract = attr(num.find(W + "abstractNumId"), "val")
            if num_id is None or abstract not in abstracts:
                continue
            levels = dict(abstracts[abstract])
            starts: dict[int, int] = {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = int_attr(override, "ilvl", 0)
                start = override.find(W + "startOverride")
                if start is not None:
                    starts[ilvl] = int_attr(start, "val", 1)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            lists[num_id] = ListDefinition(levels=levels, starts=starts)
        return cls(lists)

    def label(self, num_id: str, ilvl: int) -> str:
        """Count one more item at `ilvl` of list `num_id` and return its printed label."""
        definition = self._lists.get(num_id)
        if definition is None or not 0 <= ilvl < _LEVELS:
            return ""
        level = definition.levels.get(ilvl, Level())
        counters = self._counters.setdefault(num_id, [None] * _LEVELS)
        current = counters[ilvl]
        counters[ilvl] = self._start(definition, ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            counters[deeper] = None
        if level.fmt == "bullet":
            return _bullet(level.text)
        return _PLACEHOLDER.sub(
            lambda match: self._shown(definition, counters, int(match.group(1)) - 1, level), level.text
        )

    def suffix(self, num_id: str, ilvl: int) -> str:
        definition = self._lists.get(num_id)
        level = definition.levels.get(ilvl, Level()) if definition else Level()
        return "" if level.suffix == "nothing" else " "

    def _start(self, definition: ListDefinition, ilvl: int) -> int:
        if ilvl in definition.starts:
            return definition.starts[ilvl]
        return definition.levels.get(ilvl, Level()).start

    def _shown(
        self, definition: ListDefinition, counters: list[int | None], index: int, current: Level
    ) -> str:
        value = counters[index]
        if value is None:
            value = self._start(definition, index)
        fmt = definition.levels.get(index, Level()).fmt
        return format_number(value, "decimal" if current.legal else fmt)


def _resolve_style_links(
    root: etree._Element,
    abstracts: dict[str | None, dict[int, Level]],
    style_list: Callable[[str], str | None],
) -> None:
    """A list that only names a numbering style (w:numStyleLink) takes the levels of that style's list."""
    num_abstract = {
        attr(num, "numId"): attr(num.find(W + "abstractNumId"), "val") for num in root.iter(W + "num")
    }
    for node in root.iter(W + "abstractNum"):
        link = attr(node.find(W + "numStyleLink"), "val")
        if not link or abstracts.get(attr(node, "abstractNumId")):
            continue
        target = num_abstract.get(style_list(link))
        if target in abstracts and target != attr(node, "abstractNumId"):
            abstracts[attr(node, "abstractNumId")] = abstracts[target]


def _levels(abstract: etree._Element) -> dict[int, Level]:
    return {int_attr(lvl, "ilvl", 0): _level(lvl) for lvl in abstract.findall(W + "lvl")}


def _level(lvl: etree._Element) -> Level:
    return Level(
        fmt=attr(lvl.find(W + "numFmt"), "val") or "decimal",
        text=attr(lvl.find(W + "lvlText"), "val") or "",
        start=int_attr(lvl.find(W + "start"), "val", 1),
        suffix=attr(lvl.find(W + "suff"), "val") or "tab",
        legal=lvl.find(W + "isLgl") is not None,
    )


def _bullet(text: str) -> str:
    """Symbol-font bullets live in the private use area; show them as the bullet a reader sees."""
    if not text or any(0xE000 <= ord(ch) <= 0xF8FF for ch in text):
        return "•"
    return text
