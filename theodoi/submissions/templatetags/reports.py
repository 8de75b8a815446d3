"""Small helpers for the report screens: numbers as typed, dates for date boxes, dict lookups."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def number(value: Any) -> str:
    """A decimal as people type it ("66,67", "990"), anything else as it is."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    return str(value)


@register.filter
def iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return value or ""


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key, []) if isinstance(mapping, dict) else []


@register.filter
def field_label(name: str, item: str) -> str:
    """A field's Vietnamese name; `item` is the item's key ("task:3") or label ("Nhiệm vụ I.1")."""
    from django.core.exceptions import FieldDoesNotExist

    from theodoi.submissions.items import field_label as label_of
    from theodoi.submissions.models import IndicatorItem, TaskItem

    special = {"evidence": "Minh chứng", "effective_value": "Giá trị được dùng", "ref": "Số thứ tự", "name": "Tên"}
    if name in special:
        return special[name]
    model = TaskItem if str(item).startswith(("task", "Nhiệm vụ")) else IndicatorItem
    try:
        return label_of(model, name)
    except (FieldDoesNotExist, AttributeError):
        return name
