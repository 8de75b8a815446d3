"""Template helpers of the import review screen: a Plan JSON cell as the text a person edits."""

from __future__ import annotations

from typing import Any

from django import template

from theodoi.units.selectors import KNOWN_GROUPS

register = template.Library()


@register.filter
def cell_text(row: dict[str, Any], field: str) -> str:
    value = row.get(field)
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(KNOWN_GROUPS.get(item, item)) if item.startswith("@") else item for item in value)
    if isinstance(value, dict):
        return str(value.get("text") or "")
    return str(value)


@register.filter
def cell_input(row: dict[str, Any], field: str) -> str:
    """The value as typed back: group tokens kept as tokens so they round-trip."""
    value = row.get(field)
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, dict):
        return str(value.get("text") or "")
    return "" if value is None else str(value)


@register.filter
def deadline_reading(row: dict[str, Any]) -> str:
    deadline = row.get("deadline") or {}
    kind = deadline.get("kind")
    if kind == "unknown":
        return "chưa đọc được"
    if deadline.get("due"):
        return f"hạn {deadline['due']}"
    if kind == "recurring":
        return f"định kỳ ({deadline.get('every')})"
    if kind == "event":
        return "theo sự kiện"
    return ""
