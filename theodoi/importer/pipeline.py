"""From bytes to Plan JSON: read the `Document`, find the plan tables, read rows and metadata."""

from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from theodoi.core.text import clean
from theodoi.importer.document import Document, Origin, Paragraph, Table
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.rules.build import (
    BuildContext,
    Locator,
    ReviewWarning,
    build_indicator,
    build_task,
    link_indicators,
)
from theodoi.importer.rules.meta import read_meta
from theodoi.importer.rules.readers import AgencyReader, document_abbreviations
from theodoi.importer.rules.rows import Item, RowReader, assign_refs
from theodoi.importer.rules.tables import PlanTable, find_plan_tables
from theodoi.importer.text import read_text

PLAN_KEYS = (
    "title",
    "kind",
    "number",
    "issued_on",
    "issuer",
    "place",
    "signer",
    "period",
    "legal_refs",
    "implements",
)


@dataclass
class ImportResult:
    plan: dict[str, Any]
    warnings: list[ReviewWarning] = field(default_factory=list)
    origins: dict[Locator, Origin] = field(default_factory=dict)


_BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1258", errors="replace")


def _sources() -> Any:
    try:
        return importlib.import_module("theodoi.importer.sources")
    except ImportError:
        return None


def _is_text(data: bytes, sources: Any) -> bool:
    sniff = getattr(sources, "sniff", None)
    if sniff is not None:
        return getattr(sniff(data), "value", None) == "text"
    return not (data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096])


def read_document(data: bytes, name: str) -> Document:
    """Binary files through `sources`; text exports through this package's text readers."""
    if not data.strip():
        raise UnreadableDocument(f"Tệp “{name}” trống.")
    sources = _sources()
    if not _is_text(data, sources):
        if sources is None or not hasattr(sources, "read_document"):
            raise UnreadableDocument(f"Chưa đọc được tệp “{name}”: định dạng này chưa được hỗ trợ.")
        document: Document = sources.read_document(data, name)
        return document
    decode = getattr(sources, "decode_text", None)
    text = decode(data) if decode else _decode(data)
    return read_text(text, name)


def _as_text(doc: Document) -> Document:
    """A source that found no table (a PDF whose columns came out as lines of text) is read again
    as the text export it amounts to."""
    lines = [block.text for block in doc.blocks if isinstance(block, Paragraph)]
    again = read_text("\n\n".join(lines), doc.name)
    again.warnings = doc.warnings + again.warnings
    return again


def _meta_lines(doc: Document, tables: list[PlanTable]) -> list[str]:
    used = {id(plan_row.row) for table in tables for plan_row in table.rows}
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table) and not any(id(row) in used for row in block.rows):
            lines += [cell for row in block.rows for cell in row.cells if cell]
    return lines


def _items(tables: list[PlanTable], kind: str) -> list[Item]:
    chosen = [t for t in tables if t.kind == kind]
    several = len({t.appendix for t in chosen}) > 1
    items: list[Item] = []
    for table in chosen:
        table_items = RowReader(table).read()
        assign_refs(table_items, table.appendix if several else None)
        items += table_items
    return items


def _fold(value: Any) -> Any:
    if isinstance(value, str):
        return clean(unicodedata.normalize("NFC", value)) or None
    if isinstance(value, list):
        return [v for v in (_fold(v) for v in value) if v is not None]
    if isinstance(value, dict):
        return {k: _fold(v) for k, v in value.items()}
    return value


def _owner(issuer: str | None) -> str | None:
    """The unit whose own offices the tables name ("Văn phòng" of a Sở is the Sở's office)."""
    if not issuer:
        return None
    return re.sub(r"\s+(tỉnh|thành phố)\s+[^,]+$", "", issuer) if issuer.startswith("Sở ") else issuer


def build_plan(
    doc: Document, *, aliases: dict[str, str] | None = None, plan_owner: str | None = None
) -> ImportResult:
    tables = find_plan_tables(doc)
    if not tables and not any(isinstance(block, Table) for block in doc.blocks):
        doc = _as_text(doc)
        tables = find_plan_tables(doc)
    if not tables:
        raise UnreadableDocument(
            f"Không tìm thấy bảng chỉ tiêu hay nhiệm vụ nào trong “{doc.name}” "
            "(cần dòng tiêu đề có các cột như STT, Nội dung/Nhiệm vụ, Chủ trì, Thời gian)."
        )
    lines = _meta_lines(doc, tables)
    meta = read_meta(lines)
    plan = {key: meta.get(key) for key in PLAN_KEYS}
    period = plan["period"] or {"from": None, "to": None}
    owner = plan_owner or _owner(plan.get("issuer"))
    # The caller's directory knows its own units better than a document's "(sau đây gọi tắt là …)".
    known = {**document_abbreviations("\n".join(lines)), **(aliases or {})}
    agencies = AgencyReader(doc.notes, known, owner)
    ctx = BuildContext(agencies, period.get("from"))
    result = ImportResult(plan={})
    indicators = []
    for index, item in enumerate(_items(tables, "indicators")):
        indicators.append(build_indicator(ctx, index, item))
        result.origins[("indicators", index)] = item.origin
    tasks = []
    for index, item in enumerate(_items(tables, "tasks")):
        tasks.append((item, build_task(ctx, index, item)))
        result.origins[("tasks", index)] = item.origin
    link_indicators(indicators, tasks)
    result.plan = _fold(
        {"source": doc.name, "plan": plan, "indicators": indicators, "tasks": [t for _, t in tasks]}
    )
    result.plan["plan"]["legal_refs"] = result.plan["plan"]["legal_refs"] or []
    result.plan["plan"]["implements"] = result.plan["plan"]["implements"] or []
    result.warnings = ctx.warnings + [ReviewWarning(None, None, None, w) for w in doc.warnings]
    return result


def import_document(
    data: bytes, name: str, *, aliases: dict[str, str] | None = None, plan_owner: str | None = None
) -> ImportResult:
    """Read one plan document into the spec's Plan JSON (`.plan`), with warnings and origins.

    `aliases` maps spellings to canonical unit names (the unit directory); `plan_owner` is the
    unit whose plan it is when the document does not say ("Văn phòng" means its Văn phòng).
    """
    return build_plan(read_document(data, name), aliases=aliases, plan_owner=plan_owner)
