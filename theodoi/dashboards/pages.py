"""What each dashboard page shows, as panels: a table (the numbers) and, beside it, a chart.

Views ask one builder here and render the generic templates; a download (`?xuat=`) takes the
same table the page shows. Builders read; they call the selectors of `results`, `submissions`
and `periods` and this app's `grid`, never compute a rule of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from theodoi.dashboards import grid as grid_module
from theodoi.dashboards.charts import Chart, Series
from theodoi.dashboards.exports import Cell, Table
from theodoi.dashboards.filters import Filters
from theodoi.dashboards.scope import visible_units
from theodoi.periods.windows import PeriodKind
from theodoi.plans.models import Plan
from theodoi.units.models import Unit

STATUS_COLOURS = {
    grid_module.ON_TIME: "#009e73",
    grid_module.LATE: "#e69f00",
    grid_module.MISSING: "#d55e00",
    grid_module.PENDING: "#56b4e9",
}


PAGE_ROWS = 60


@dataclass
class Panel:
    """A table and the chart drawn from it. The page shows the first PAGE_ROWS rows; the
    download always holds them all."""

    table: Table
    chart: Chart | None = None
    note: str = ""
    wide: bool = False

    @property
    def key(self) -> str:
        return self.table.key

    @property
    def shown_rows(self) -> list[list[Any]]:
        return self.table.rows[:PAGE_ROWS]

    @property
    def hidden_rows(self) -> int:
        return max(0, len(self.table.rows) - PAGE_ROWS)


@dataclass
class Page:
    """A dashboard page: its heading, key figures, panels and which filters it offers."""

    title: str
    filters: Filters
    panels: list[Panel] = field(default_factory=list)
    intro: str = ""
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)
    figures: list[tuple[str, Any]] = field(default_factory=list)
    filter_names: tuple[str, ...] = ()
    plan_choices: list[Plan] = field(default_factory=list)
    unit_choices: list[Unit] = field(default_factory=list)
    period_choices: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def period_kinds(self) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in PeriodKind.choices]

    def table(self, key: str) -> Table | None:
        return next((panel.table for panel in self.panels if panel.key == key), None)


def when(moment: datetime | None, fmt: str = "%d/%m/%Y") -> str:
    return timezone.localtime(moment).strftime(fmt) if moment else ""


# --- the reporting grid ---------------------------------------------------------------------------


def grid_cell(cell: grid_module.GridCell) -> Cell:
    text = cell.label
    if cell.submitted_at is not None:
        text = f"{text} · {when(cell.submitted_at)}"
    title = f"Hạn: {when(cell.due_at, '%H:%M %d/%m/%Y')}" if cell.due_at else ""
    url = reverse("submissions:detail", args=[cell.report_id]) if cell.report_id else ""
    return Cell(text, value=text, url=url, css=f"status status--{cell.status}", title=title)


def grid_table(grid: grid_module.ReportingGrid, key: str = "tinh-hinh-bao-cao") -> Table:
    columns = ["Đơn vị", *(column.label for column in grid.periods), "Đúng hạn", "Muộn", "Chưa nộp, quá hạn"]
    table = Table(key, "Báo cáo của các đơn vị theo kỳ", columns)
    for row in grid.rows:
        counts = row.counts
        unit = Cell(row.unit.name, url=reverse("dashboards:unit", args=[row.unit.pk]))
        table.rows.append([
            unit, *(grid_cell(cell) for cell in row.cells),
            counts[grid_module.ON_TIME], counts[grid_module.LATE], counts[grid_module.MISSING],
        ])  # fmt: skip
    return table


def grid_chart(grid: grid_module.ReportingGrid) -> Chart:
    labels = [column.label for column in grid.periods]
    series = []
    for status in (grid_module.ON_TIME, grid_module.LATE, grid_module.MISSING, grid_module.PENDING):
        values = [sum(1 for row in grid.rows if row.cells[i].status == status) for i in range(len(labels))]
        series.append(Series(str(grid_module.CELL_LABELS[status]), values, STATUS_COLOURS[status]))
    return Chart(
        "stacked", "Số đơn vị theo tình trạng báo cáo, từng kỳ",
        "Mỗi thanh là một kỳ báo cáo, chia theo số đơn vị nộp đúng hạn, nộp muộn, chưa nộp khi đã quá hạn "
        "và chưa đến hạn.", labels, series=series,
    )  # fmt: skip


def period_choices_of(grid: grid_module.ReportingGrid) -> list[tuple[str, str]]:
    return [(column.key, column.label) for column in reversed(grid.periods)]


def grid_page(*, user: Any, plan: Plan, filters: Filters, now: datetime) -> Page:
    full = grid_module.reporting_grid(
        user=user, plan=plan, now=now, kind=filters.kind, year=filters.year, unit_ids=filters.unit_ids,
    )  # fmt: skip
    shown = full
    if filters.period is not None:
        keep = [i for i, column in enumerate(full.periods) if column.period == filters.period]
        shown = grid_module.ReportingGrid(plan, [full.periods[i] for i in keep])
        shown.rows = [grid_module.GridRow(row.unit, [row.cells[i] for i in keep]) for row in full.rows]
    counts = shown.counts
    page = Page(
        title="Tình hình báo cáo theo kỳ",
        filters=filters,
        intro="Mỗi dòng là một đơn vị, mỗi cột một kỳ báo cáo: nộp đúng hạn, muộn (kèm ngày nộp lần đầu), "
        "chưa nộp khi đã quá hạn, chưa đến hạn, hoặc không phải báo cáo kỳ đó.",
        breadcrumbs=plan_breadcrumbs(plan),
        figures=[(str(grid_module.CELL_LABELS[status]), counts[status]) for status in grid_module.STATUSES[:4]],
        filter_names=("ky", "loai-ky", "nam", "don-vi"),
        period_choices=period_choices_of(full),
        unit_choices=list(visible_units(user, plan).order_by("name")),
    )
    page.panels.append(Panel(grid_table(shown), wide=True))
    page.panels.append(Panel(_grid_counts_table(shown), grid_chart(shown)))
    return page


def _grid_counts_table(grid: grid_module.ReportingGrid) -> Table:
    statuses = grid_module.STATUSES[:4]
    table = Table(
        "so-don-vi-theo-ky", "Số đơn vị theo tình trạng báo cáo",
        ["Kỳ", *(str(grid_module.CELL_LABELS[s]) for s in statuses)],
    )  # fmt: skip
    for i, column in enumerate(grid.periods):
        table.rows.append([column.label, *(sum(1 for row in grid.rows if row.cells[i].status == s) for s in statuses)])
    return table


def plan_breadcrumbs(plan: Plan) -> list[tuple[str, str]]:
    return [
        ("Tổng quan", reverse("dashboards:overview")),
        (plan.title[:80], reverse("dashboards:plan", args=[plan.pk])),
    ]
