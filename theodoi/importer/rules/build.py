"""Items of plan tables turned into the spec's indicator and task objects."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from theodoi.core.text import search_key
from theodoi.importer.document import Origin
from theodoi.importer.rules import columns as col
from theodoi.importer.rules.readers import Agencies, AgencyReader, read_deadline, strip_marks
from theodoi.importer.rules.rows import Item
from theodoi.importer.rules.targets import read_baseline, read_formula, read_target, target_unit

Locator = tuple[str, int]


@dataclass
class ReviewWarning:
    """Something a reviewer should look at: which row (`table`, `index`) and `field`, where in the
    file (`origin`), and a Vietnamese `message`."""

    table: str | None
    index: int | None
    field: str | None
    message: str
    origin: Origin | None = None

    @property
    def locator(self) -> Locator | None:
        return (self.table, self.index) if self.table is not None and self.index is not None else None


@dataclass
class BuildContext:
    agencies: AgencyReader
    default_year: int | None
    warnings: list[ReviewWarning] = field(default_factory=list)

    def warn(self, locator: Locator, item: Item, message: str, field: str | None = None) -> None:
        self.warnings.append(ReviewWarning(locator[0], locator[1], field, message, item.origin))


def _text(value: str) -> str | None:
    return strip_marks(value) or None


def _agencies(ctx: BuildContext, locator: Locator, item: Item, role: str) -> Agencies:
    column = item.table.column(role)
    found = ctx.agencies.read(item.get(role), item.notes.get(column, []) if column is not None else [])
    for name in found.unknown:
        ctx.warn(locator, item, f"Không nhận ra cơ quan “{name}” ở cột {_ROLE_LABEL.get(role, role)}.", role)
    return found


_REQUIRED = {col.NAME: "nội dung", col.LEAD: "chủ trì", col.DEADLINE: "thời gian"}
_FIELD_OF = {label: role for role, label in _REQUIRED.items()}
_ROLE_LABEL = {col.LEAD: "chủ trì", col.COORDINATING: "phối hợp", col.RESPONSIBLE: "theo dõi, đánh giá"}


def _footnotes(ctx: BuildContext, item: Item, *skip: str) -> list[str]:
    """Footnotes a source took out of the row's other cells (agency cells carry their own)."""
    skipped = {item.table.column(role) for role in skip}
    keys = [k for column, markers in item.notes.items() if column not in skipped for k in markers]
    return [ctx.agencies.notes[k] for k in keys if k in ctx.agencies.notes]


def _year_of(title: str) -> int | None:
    match = re.search(r"\b(19|20)\d{2}\b", title)
    return int(match.group(0)) if match else None


def build_indicator(ctx: BuildContext, index: int, item: Item) -> dict[str, Any]:
    locator: Locator = ("indicators", index)
    name = strip_marks(item.get(col.NAME))
    target_cell = item.get(col.TARGET)
    target = read_target(target_cell, name)
    if target_cell and (target is None or target["value"] is None):
        ctx.warn(locator, item, "Chỉ tiêu không có con số mục tiêu.", "target")
    unit = _text(item.get(col.UNIT)) or target_unit(target_cell)
    baseline_column = item.table.column(col.BASELINE)
    year = _year_of(item.table.header[baseline_column]) if baseline_column is not None else None
    responsible = _agencies(ctx, locator, item, col.RESPONSIBLE)
    coordinating = _agencies(ctx, locator, item, col.COORDINATING)
    notes = [n for n in (_text(item.get(col.NOTE)), responsible.note, coordinating.note) if n]
    notes += _footnotes(ctx, item, col.RESPONSIBLE, col.COORDINATING)
    return {
        "ref": item.ref,
        "group": item.headings[-1].title if item.headings else None,
        "name": name,
        "unit": unit,
        "target": target,
        "baseline": read_baseline(item.get(col.BASELINE), year),
        "formula": read_formula(item.get(col.FORMULA)),
        "data_source": _text(item.get(col.DATA_SOURCE)),
        "responsible": responsible.names,
        "coordinating": coordinating.names,
        "note": "; ".join(notes) or None,
    }


def build_task(ctx: BuildContext, index: int, item: Item) -> dict[str, Any]:
    locator: Locator = ("tasks", index)
    lead = _agencies(ctx, locator, item, col.LEAD)
    coordinating = _agencies(ctx, locator, item, col.COORDINATING)
    deadline_cell = item.get(col.DEADLINE)
    deadline = read_deadline(deadline_cell, ctx.default_year)
    if deadline is not None and deadline.get("kind") is None:
        ctx.warn(locator, item, f"Không đọc được thời hạn “{deadline['text']}”.", "deadline")
    missing = [label for role, label in _REQUIRED.items() if role in item.table.roles and not item.get(role)]
    if len(item.cells) < len(item.table.roles) or missing:
        detail = f" (trống: {', '.join(missing)})" if missing else ""
        field = _FIELD_OF.get(missing[0]) if len(missing) == 1 else None
        ctx.warn(locator, item, f"Dòng thiếu ô so với tiêu đề bảng{detail}.", field)
    notes = [n for n in (_text(item.get(col.NOTE)), lead.note, coordinating.note) if n]
    notes += _footnotes(ctx, item, col.LEAD, col.COORDINATING)
    return {
        "ref": item.ref,
        "section": [h.title for h in item.headings if h.title],
        "name": strip_marks(item.get(col.NAME)),
        "description": _text(item.get(col.DESCRIPTION)),
        "objective": _text(item.get(col.OBJECTIVE)) or item.extra.get("objective"),
        "lead": lead.names,
        "coordinating": coordinating.names,
        "output": _text(item.get(col.OUTPUT)),
        "deadline": deadline,
        "indicator_ref": None,
        "note": "; ".join(notes) or None,
    }


def link_indicators(indicators: list[dict[str, Any]], tasks: list[tuple[Item, dict[str, Any]]]) -> None:
    """A task appendix an indicator's note points to ('tại Phụ lục VI') serves that indicator."""
    by_appendix: dict[str, str] = {}
    for indicator in indicators:
        for text in (indicator.get("note") or "", indicator.get("name") or ""):
            for match in re.finditer(r"phu luc\s+([ivxlc]+|\d+)\b", search_key(text)):
                by_appendix.setdefault(match.group(1).upper(), indicator["ref"])
    for item, task in tasks:
        numeral = item.table.appendix
        if numeral and numeral in by_appendix:
            task["indicator_ref"] = by_appendix[numeral]
        elif item.table.appendix_title:
            task["indicator_ref"] = _named_in(item.table.appendix_title, indicators)


def _named_in(title: str, indicators: list[dict[str, Any]]) -> str | None:
    """The indicator an appendix title quotes ("... THỰC HIỆN CHỈ TIÊU “TỶ LỆ ...”")."""
    quoted = re.search(r"[“\"](.+?)[”\"]", title)
    if not quoted:
        return None
    wanted = search_key(quoted.group(1))
    best, best_score = None, 0.0
    for indicator in indicators:
        name = search_key(indicator.get("name") or "")
        score = SequenceMatcher(None, wanted[: len(name) + 10], name, autojunk=False).ratio() if name else 0.0
        if score > best_score:
            best, best_score = indicator["ref"], score
    return best if best_score >= 0.8 else None
