"""Template tags of the dashboards: `{% chart %}` draws a chart as inline SVG, `{% export_links %}`
offers a table as .xlsx and .csv with the page's filters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from theodoi.dashboards.charts import Chart
from theodoi.dashboards.exports import Cell, format_number

register = template.Library()


@register.simple_tag
def chart(spec: Chart | None) -> SafeString | str:
    """The chart's SVG; every text in it is escaped by `charts`, so it is safe to insert."""
    return mark_safe(spec.render()) if spec is not None else ""  # noqa: S308


@register.inclusion_tag("dashboards/_export_links.html", takes_context=True)
def export_links(context: template.Context, key: str) -> dict[str, Any]:
    query = context["request"].GET.copy()
    for name in ("xuat", "bang"):
        query.pop(name, None)
    base = query.urlencode()
    prefix = f"?{base}&" if base else "?"
    return {"xlsx": f"{prefix}xuat=xlsx&bang={key}", "csv": f"{prefix}xuat=csv&bang={key}"}


@register.filter
def is_cell(value: Any) -> bool:
    return isinstance(value, Cell)


@register.filter
def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


@register.filter
def shown(value: Any) -> Any:
    """Numbers the Vietnamese way (1.234,5), moments and days as people write them, yes/no in words."""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if is_number(value):
        return format_number(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value
