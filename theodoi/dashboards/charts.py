"""Charts drawn on the server as inline SVG: horizontal bars, stacked bars and lines.

No JavaScript chart library: the page stays readable without scripts, prints, and screen readers
get the chart's `<title>` and `<desc>` (and each bar or point its own `<title>` with the number).
Every chart on a page sits beside a table of the same numbers, so the SVG is an illustration,
never the only place a figure is shown.

Pure Python (no Django apart from the escaping helper); values are numbers or None (missing data,
drawn as a gap, never as 0).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

Number = int | float | Decimal

# Colours that stay distinct for the common colour-blindnesses (Okabe–Ito) and on paper.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442", "#000000")
_ids = itertools.count(1)

BAR_HEIGHT = 18
BAR_GAP = 8
LABEL_WIDTH = 250
PLOT_WIDTH = 360
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Series:
    """One named row of numbers (one per label), drawn in one colour."""

    name: str
    values: Sequence[Number | None]
    colour: str = ""


def _fmt(value: Number | None, unit: str = "") -> str:
    if value is None:
        return "không có số liệu"
    number = float(value)
    text = f"{number:,.0f}" if number == int(number) else f"{number:,.1f}"
    text = text.replace(",", "\u202f").replace(".", ",")
    return f"{text}{unit}"


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _open(title: str, desc: str, width: int, height: int, css: str) -> tuple[str, list[str]]:
    ident = f"bieu-do-{next(_ids)}"
    head = (
        f'<svg class="chart {css}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )
    return ident, [head]


def _empty(title: str, desc: str) -> str:
    _, parts = _open(title, desc, LABEL_WIDTH + PLOT_WIDTH, 40, "chart--empty")
    parts.append('<text x="8" y="24" class="chart__empty">Chưa có số liệu để vẽ biểu đồ.</text></svg>')
    return "".join(parts)


def _scale_max(values: Sequence[Number | None], fixed: Number | None) -> float:
    if fixed is not None:
        return float(fixed) or 1.0
    largest = max((float(v) for v in values if v is not None), default=0.0)
    return largest or 1.0


def bar_chart(
    *,
    title: str,
    desc: str,
    labels: Sequence[str],
    values: Sequence[Number | None],
    unit: str = "",
    max_value: Number | None = None,
    colour: str = PALETTE[0],
) -> str:
    """Horizontal bars, one per label, the value written at the end of each bar."""
    if not labels or all(v is None for v in values):
        return _empty(title, desc)
    top = _scale_max(values, max_value)
    height = len(labels) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    _, parts = _open(title, desc, LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH, height, "chart--bar")
    for row, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = BAR_GAP + row * (BAR_HEIGHT + BAR_GAP)
        parts.append(f"<g><title>{escape(label)}: {escape(_fmt(value, unit))}</title>")
        parts.append(_label(label, y))
        if value is not None:
            width = max(0.0, min(1.0, float(value) / top)) * PLOT_WIDTH
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>')
            parts.append(_value_text(LABEL_WIDTH + width + 4, y, _fmt(value, unit)))
        else:
            parts.append(_value_text(LABEL_WIDTH + 4, y, "—"))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar_chart(*, title: str, desc: str, labels: Sequence[str], series: Sequence[Series], unit: str = "") -> str:
    """Horizontal bars split into the parts of each series (counts by status, say), with a legend."""
    totals = [sum(float(s.values[row] or 0) for s in series) for row in range(len(labels))]
    if not labels or not any(totals):
        return _empty(title, desc)
    top = max(totals)
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    legend, legend_height = _legend(series, 8, width)
    height = legend_height + len(labels) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    _, parts = _open(title, desc, width, height, "chart--stacked")
    parts.append(legend)
    for row, label in enumerate(labels):
        y = legend_height + BAR_GAP + row * (BAR_HEIGHT + BAR_GAP)
        parts.append(_label(label, y))
        x = float(LABEL_WIDTH)
        for index, item in enumerate(series):
            value = item.values[row]
            if not value:
                continue
            width = float(value) / top * PLOT_WIDTH
            fill = item.colour or PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{fill}">'
                f"<title>{escape(label)} — {escape(item.name)}: {escape(_fmt(value, unit))}</title></rect>"
            )
            x += width
        parts.append(_value_text(x + 4, y, _fmt(totals[row], unit)))
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    *,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[Series],
    unit: str = "",
    target: Number | None = None,
) -> str:
    """Lines over periods; a missing value breaks the line; an optional dashed target line."""
    numbers = [float(v) for s in series for v in s.values if v is not None]
    if not labels or not numbers:
        return _empty(title, desc)
    width, left, bottom = 600, 56, 40
    legend, top_pad = _legend(series, left, width)
    height = 200 + top_pad
    top = max([*numbers, float(target) if target is not None else 0.0]) * 1.1 or 1.0
    plot_w, plot_h = width - left - 16, height - bottom - top_pad
    step = plot_w / max(1, len(labels) - 1)

    def point(index: int, value: Number) -> tuple[float, float]:
        return left + index * step, top_pad + plot_h - float(value) / top * plot_h

    _, parts = _open(title, desc, width, height, "chart--line")
    parts.append(legend)
    parts.append(_axes(left, top_pad, plot_w, plot_h, top, unit))
    every = max(1, -(-len(labels) * 56 // plot_w))  # one tick label per ~56 px, so they never overlap
    for index, label in enumerate(labels):
        if index % every:
            continue
        x = left + index * step
        parts.append(f'<text x="{x:.1f}" y="{height - 20}" class="chart__tick" text-anchor="middle">'
                     f"{escape(_short(label, 16))}</text>")  # fmt: skip
    if target is not None:
        _, y = point(0, target)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" class="chart__target" '
            f'stroke="#555" stroke-dasharray="6 4"><title>Mục tiêu: {escape(_fmt(target, unit))}</title></line>'
        )
    for index, item in enumerate(series):
        colour = item.colour or PALETTE[index % len(PALETTE)]
        parts.extend(_line(item, colour, point, labels, unit))
    parts.append("</svg>")
    return "".join(parts)


def _line(item: Series, colour: str, point: object, labels: Sequence[str], unit: str) -> list[str]:
    parts, run = [], []
    for index, value in enumerate(item.values):
        if value is None:
            parts.append(_polyline(run, colour))
            run = []
            continue
        x, y = point(index, value)  # type: ignore[operator]
        run.append((x, y))
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
            f"<title>{escape(item.name)}, {escape(labels[index])}: {escape(_fmt(value, unit))}</title></circle>"
        )
    parts.append(_polyline(run, colour))
    return parts


def _polyline(run: list[tuple[float, float]], colour: str) -> str:
    if len(run) < 2:
        return ""
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
    return f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'


def _axes(left: int, top_pad: int, plot_w: int, plot_h: int, top: float, unit: str) -> str:
    parts = [
        f'<line x1="{left}" x2="{left}" y1="{top_pad}" y2="{top_pad + plot_h}" stroke="#999"/>',
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top_pad + plot_h}" y2="{top_pad + plot_h}" stroke="#999"/>',
    ]
    for fraction in (0, 0.5, 1):
        y = top_pad + plot_h - fraction * plot_h
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" class="chart__tick" text-anchor="end">'
            f"{escape(_fmt(top * fraction, unit))}</text>"
        )
    return "".join(parts)


def _legend(series: Sequence[Series], left: int, width: int) -> tuple[str, int]:
    """The legend, wrapped onto as many rows as it needs; returns it and the height it takes."""
    parts, x, y = [], float(left), 6
    for index, item in enumerate(series):
        fill = item.colour or PALETTE[index % len(PALETTE)]
        item_width = 28 + 7 * len(item.name)
        if x > left and x + item_width > width:
            x, y = float(left), y + 18
        parts.append(f'<rect x="{x:.0f}" y="{y}" width="12" height="12" fill="{fill}"/>')
        parts.append(f'<text x="{x + 16:.0f}" y="{y + 10}" class="chart__legend">{escape(item.name)}</text>')
        x += item_width
    return "".join(parts), y + 22


def _label(label: str, y: int) -> str:
    return (
        f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 5}" class="chart__label" text-anchor="end">'
        f"{escape(_short(label))}</text>"
    )


def _value_text(x: float, y: int, text: str) -> str:
    return f'<text x="{x:.1f}" y="{y + BAR_HEIGHT - 5}" class="chart__value">{escape(text)}</text>'


@dataclass(frozen=True)
class Chart:
    """A chart to draw later (in the template): its kind and the arguments of its function."""

    kind: str  # "bar", "stacked", "line"
    title: str
    desc: str
    labels: Sequence[str]
    values: Sequence[Number | None] = ()
    series: Sequence[Series] = ()
    unit: str = ""
    max_value: Number | None = None
    target: Number | None = None
    colour: str = PALETTE[0]

    def render(self) -> str:
        common = {"title": self.title, "desc": self.desc, "labels": self.labels, "unit": self.unit}
        if self.kind == "bar":
            return bar_chart(values=self.values, max_value=self.max_value, colour=self.colour, **common)
        if self.kind == "stacked":
            return stacked_bar_chart(series=self.series, **common)
        if self.kind == "line":
            return line_chart(series=self.series, target=self.target, **common)
        raise ValueError(f"unknown chart kind {self.kind}")
