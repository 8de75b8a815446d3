"""The reporting grid: units by periods, who reported when.

Read from the reports themselves (`submissions.Report`, narrowed by `policy.restrict_reports`) and
the calendar (`periods.ReportingPeriod` for the columns and their deadlines, `periods.UnitReport`
for a unit that owes a report not opened yet). A fixed number of queries whatever the size of the
plan: the periods, the reports, the calendar's obligations.

A cell reads:
- on_time: first reached the standing agency by the deadline (the date shown is that arrival);
- late: first arrived after the deadline;
- missing: not sent and the deadline has passed;
- pending: not sent, the deadline still ahead;
- not_owed: the unit owes nothing that period.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from theodoi.accounts import policy
from theodoi.periods.models import ReportingPeriod, UnitReport
from theodoi.periods.windows import Period, PeriodKind
from theodoi.plans.models import Plan
from theodoi.submissions.models import Report
from theodoi.units.models import Unit

ON_TIME, LATE, MISSING, PENDING, NOT_OWED = "on_time", "late", "missing", "pending", "not_owed"
CELL_LABELS = {
    ON_TIME: _("Đúng hạn"),
    LATE: _("Muộn"),
    MISSING: _("Chưa nộp, quá hạn"),
    PENDING: _("Chưa đến hạn"),
    NOT_OWED: _("Không phải báo cáo"),
}
STATUSES = (ON_TIME, LATE, MISSING, PENDING, NOT_OWED)
MAX_PERIODS = 12


@dataclass(frozen=True)
class GridPeriod:
    period: Period
    due_at: datetime | None

    @property
    def label(self) -> str:
        return self.period.label

    @property
    def key(self) -> str:
        return self.period.key


@dataclass(frozen=True)
class GridCell:
    status: str
    submitted_at: datetime | None = None
    due_at: datetime | None = None
    report_id: int | None = None
    state: str = ""

    @property
    def label(self) -> str:
        return str(CELL_LABELS[self.status])


@dataclass
class GridRow:
    unit: Unit
    cells: list[GridCell]

    @property
    def counts(self) -> Counter[str]:
        return Counter(cell.status for cell in self.cells)


@dataclass
class ReportingGrid:
    plan: Plan
    periods: list[GridPeriod]
    rows: list[GridRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for row in self.rows:
            total.update(row.counts)
        return {status: total[status] for status in STATUSES}


def period_from_key(key: str) -> Period | None:
    """ "2026-quarter-1" → Period, None when the key is not one."""
    try:
        year, kind, index = key.split("-")
        return Period(int(year), PeriodKind(kind), int(index))
    except (ValueError, KeyError):
        return None


def _period_q(periods: Iterable[Period], prefix: str = "period_") -> Q:
    condition = Q(pk__in=[])
    for period in periods:
        condition |= Q(**{f"{prefix}kind": period.kind, f"{prefix}year": period.year, f"{prefix}index": period.index})
    return condition


def grid_periods(plan: Plan, *, now: datetime, kind: str = "", year: int | None = None) -> list[GridPeriod]:
    """The plan's periods that were opened (a report or a calendar obligation exists), latest
    MAX_PERIODS; a period the calendar dated but nobody was asked for is left out."""
    found: dict[Period, datetime | None] = {}
    calendar = ReportingPeriod.objects.filter(plan=plan)
    reports = Report.objects.filter(plan=plan).values_list("period_year", "period_kind", "period_index").distinct()
    if kind:
        calendar, reports = calendar.filter(kind=kind), reports.filter(period_kind=kind)
    if year:
        calendar, reports = calendar.filter(year=year), reports.filter(period_year=year)
    dates = {row.period: row.due_at for row in calendar.only("kind", "year", "index", "due_at")}
    for row in calendar.filter(unit_reports__isnull=False).distinct().only("kind", "year", "index", "due_at"):
        found[row.period] = row.due_at
    for period_year, period_kind, period_index in reports:
        period = Period(period_year, PeriodKind(period_kind), period_index)
        found.setdefault(period, dates.get(period))
    ordered = sorted(found, key=lambda p: (p.year, p.end_month, p.kind))[-MAX_PERIODS:]
    return [GridPeriod(period, found[period]) for period in ordered]


def reporting_grid(
    *, user: Any, plan: Plan, now: datetime, kind: str = "", year: int | None = None,
    unit_ids: list[int] | None = None, periods: list[Period] | None = None,
) -> ReportingGrid:  # fmt: skip
    """The grid of `plan` as `user` may read it; `unit_ids` narrows the rows (a unit and its subtree)."""
    columns = grid_periods(plan, now=now, kind=kind, year=year)
    if periods:
        columns = [column for column in columns if column.period in set(periods)]
    grid = ReportingGrid(plan, columns)
    if not columns:
        return grid
    reports = policy.restrict_reports(
        Report.objects.filter(plan=plan).filter(_period_q(c.period for c in columns)), user
    ).select_related("unit")
    if unit_ids is not None:
        reports = reports.filter(unit_id__in=unit_ids)
    by_cell = {(r.unit_id, r.period): r for r in reports}
    units = {report.unit_id: report.unit for report in by_cell.values()}
    owed = _calendar_obligations(plan, columns, list(units))
    index = {column.period: column for column in columns}
    for unit in sorted(units.values(), key=lambda u: (u.name, u.pk)):
        cells = [
            _cell(by_cell.get((unit.pk, column.period)), owed.get((unit.pk, column.period)), index[column.period], now)
            for column in columns
        ]
        grid.rows.append(GridRow(unit, cells))
    return grid


def _calendar_obligations(plan: Plan, columns: list[GridPeriod], unit_ids: list[int]) -> dict[Any, UnitReport]:
    rows = (
        UnitReport.objects.filter(period__plan=plan, unit_id__in=unit_ids)
        .filter(_period_q((c.period for c in columns), prefix="period__"))
        .select_related("period")
    )
    return {(row.unit_id, row.period.period): row for row in rows}


def _cell(report: Report | None, owed: UnitReport | None, column: GridPeriod, now: datetime) -> GridCell:
    if report is not None:
        due = report.due_at or column.due_at
        if report.first_submitted_at is not None:
            status = LATE if report.is_late else ON_TIME
            return GridCell(status, report.first_submitted_at, due, report.pk, report.state)
        status = MISSING if due is not None and due < now else PENDING
        return GridCell(status, None, due, report.pk, report.state)
    if owed is not None:
        due = column.due_at or owed.period.due_at
        if owed.submitted_at is not None:
            return GridCell(LATE if owed.submitted_at > due else ON_TIME, owed.submitted_at, due)
        return GridCell(MISSING if due < now else PENDING, None, due)
    return GridCell(NOT_OWED)
