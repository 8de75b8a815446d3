"""Reporting timeliness per unit and the grid of who reported when; the unit scoreboard.

Imported through `theodoi.results.selectors`, which is the public interface.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from theodoi.periods.status import end_of_day
from theodoi.periods.windows import Period, PeriodKind, periods_of_year
from theodoi.plans.models import Plan
from theodoi.results import rules
from theodoi.results.rules import Weights
from theodoi.results.task_results import TaskSummary, task_summary_by_unit
from theodoi.submissions.models import Report
from theodoi.units.models import Unit

# --- reporting timeliness ---------------------------------------------------------------------------


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Muộn")
    MISSING = "missing", _("Chưa nộp, đã quá hạn")
    PENDING = "pending", _("Chưa đến hạn")


def _timeliness_conditions(moment: datetime) -> dict[str, Q]:
    """The four verdicts on a report as SQL conditions, as of `moment`.

    Arrival is the first time the report reached the standing agency (`first_submitted_at`,
    after the leader's approval when the plan asks for it); late is `is_late`, set then against
    the deadline. A report not arrived by `moment` is missing once its deadline has passed."""
    arrived = Q(first_submitted_at__isnull=False, first_submitted_at__lte=moment)
    return {
        Timeliness.ON_TIME: arrived & Q(is_late=False),
        Timeliness.LATE: arrived & Q(is_late=True),
        Timeliness.MISSING: ~arrived & Q(due_at__isnull=False, due_at__lt=moment),
        Timeliness.PENDING: ~arrived & (Q(due_at__isnull=True) | Q(due_at__gte=moment)),
    }


@dataclass(frozen=True)
class UnitTimeliness:
    """A unit's periodic reports: how many arrived on time, late, are missing, not yet due.

    `on_time_rate` is on time ÷ (on time + late + missing), in %, None when nothing was due."""

    unit: Unit
    owed: int
    on_time: int
    late: int
    missing: int
    pending: int
    on_time_rate: Decimal | None


def _reports(
    *,
    plan: Plan | None,
    plans: QuerySet[Plan] | Iterable[int] | None,
    period: Period | None,
    year: int | None,
    unit: Unit | None,
    units: QuerySet[Unit] | Iterable[int] | None,
) -> QuerySet[Report]:
    reports = Report.objects.all()
    if plan is not None:
        reports = reports.filter(plan=plan)
    if plans is not None:
        reports = reports.filter(plan__in=plans)
    if period is not None:
        reports = reports.filter(period_kind=period.kind, period_year=period.year, period_index=period.index)
    elif year is not None:
        reports = reports.filter(period_year=year)
    if unit is not None:
        from theodoi.units.selectors import unit_descendant_ids

        reports = reports.filter(unit_id__in=unit_descendant_ids(unit))
    if units is not None:
        reports = reports.filter(unit__in=units)
    return reports


def _timeliness_counts(reports: QuerySet[Report], moment: datetime) -> dict[int, dict[str, int]]:
    conditions = _timeliness_conditions(moment)
    rows = (
        reports.order_by()
        .values("unit_id")
        .annotate(owed=Count("pk"), **{name: Count("pk", filter=q) for name, q in conditions.items()})
    )
    return {row["unit_id"]: row for row in rows}


def reporting_timeliness(
    plan: Plan | None = None,
    *,
    period: Period | None = None,
    year: int | None = None,
    unit: Unit | None = None,
    units: QuerySet[Unit] | Iterable[int] | None = None,
    plans: QuerySet[Plan] | Iterable[int] | None = None,
    as_of: datetime | None = None,
) -> list[UnitTimeliness]:
    """Per unit, its periodic reports' timeliness as of `as_of` (now by default), units by name.

    The source is `submissions.Report`, not the calendar's `periods.UnitReport`: Report is the
    record units actually fill in and send; it exists from the moment the period opens (so a
    unit that never reported is known), carries the deadline it was judged against (`due_at`),
    the first arrival and `is_late` fixed at that arrival, and exists for plans with no dated
    calendar too. UnitReport only mirrors the arrival for plans whose calendar dated the period.
    """
    from django.utils import timezone

    moment = as_of or timezone.now()
    counts = _timeliness_counts(
        _reports(plan=plan, plans=plans, period=period, year=year, unit=unit, units=units), moment
    )
    found = [_unit_timeliness(unit_obj, counts[unit_obj.pk]) for unit_obj in Unit.objects.filter(pk__in=counts)]
    return sorted(found, key=lambda row: row.unit.name)


def _unit_timeliness(unit: Unit, row: dict[str, Any]) -> UnitTimeliness:
    due = row[Timeliness.ON_TIME] + row[Timeliness.LATE] + row[Timeliness.MISSING]
    return UnitTimeliness(
        unit=unit,
        owed=row["owed"],
        on_time=row[Timeliness.ON_TIME],
        late=row[Timeliness.LATE],
        missing=row[Timeliness.MISSING],
        pending=row[Timeliness.PENDING],
        on_time_rate=rules.rate(row[Timeliness.ON_TIME], due),
    )


@dataclass(frozen=True)
class GridCell:
    """One unit's report for one period, as the grid of who reported when shows it."""

    period: Period
    report_id: int
    state: str
    timeliness: Timeliness
    due_at: datetime | None
    submitted_at: datetime | None


@dataclass(frozen=True)
class GridRow:
    unit: Unit
    cells: list[GridCell | None]


@dataclass(frozen=True)
class ReportingGrid:
    """Units by periods of a year: who reported when (None where no report was owed)."""

    periods: list[Period]
    rows: list[GridRow]


def reporting_grid(
    plan: Plan,
    *,
    year: int,
    kind: PeriodKind | str = PeriodKind.MONTH,
    unit: Unit | None = None,
    units: QuerySet[Unit] | Iterable[int] | None = None,
    as_of: datetime | None = None,
) -> ReportingGrid:
    """The plan's reports of one kind in a year, one row per unit, one column per period (two queries)."""
    from django.utils import timezone

    moment = as_of or timezone.now()
    periods = periods_of_year(kind, year)
    reports = _reports(plan=plan, plans=None, period=None, year=year, unit=unit, units=units).filter(period_kind=kind)
    conditions = _timeliness_conditions(moment)
    verdict = models.Case(
        *(models.When(q, then=models.Value(name)) for name, q in conditions.items()),
        output_field=models.CharField(),
    )
    rows = (
        reports.order_by()
        .annotate(verdict=verdict)
        .values("pk", "unit_id", "period_index", "state", "due_at", "first_submitted_at", "verdict")
    )
    cells: dict[int, list[GridCell | None]] = {}
    for row in rows:
        line = cells.setdefault(row["unit_id"], [None] * len(periods))
        index = row["period_index"] - 1
        line[index] = GridCell(
            periods[index],
            row["pk"],
            row["state"],
            Timeliness(row["verdict"]),
            row["due_at"],
            row["first_submitted_at"],
        )
    unit_rows = [GridRow(unit_obj, cells[unit_obj.pk]) for unit_obj in Unit.objects.filter(pk__in=cells)]
    return ReportingGrid(periods, sorted(unit_rows, key=lambda row: row.unit.name))


# --- the unit scoreboard ----------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitScore:
    """A unit's place on the scoreboard: its score out of 100 (None when nothing was due) and
    the counts it was computed from."""

    unit: Unit
    rank: int | None
    score: Decimal | None
    task_credit: Decimal | None
    report_credit: Decimal | None
    tasks: TaskSummary
    reports: UnitTimeliness | None


def unit_scoreboard(
    plan: Plan | None = None,
    *,
    as_of: date,
    units: QuerySet[Unit] | Iterable[int] | None = None,
    plans: QuerySet[Plan] | Iterable[int] | None = None,
    weights: Weights | None = None,
) -> list[UnitScore]:
    """Units ranked by score as of the end of `as_of`: their own lead parts in tasks (on time,
    late, overdue; those within their deadline not counted) and their periodic reports (on time,
    late, missing). Weights are the plan's (or the default) unless given."""
    from theodoi.results.settings import weights_for

    weights = weights if weights is not None else weights_for(plan.pk if plan is not None else None)
    moment = end_of_day(as_of)
    by_unit = task_summary_by_unit(plan, as_of=as_of, plans=plans, units=units)
    report_counts = _timeliness_counts(
        _reports(plan=plan, plans=plans, period=None, year=None, unit=None, units=units), moment
    )
    unit_objs = Unit.objects.in_bulk(set(by_unit) | set(report_counts))
    scores = []
    for unit_id, unit_obj in unit_objs.items():
        tasks = by_unit.get(unit_id) or TaskSummary.of([])
        reports = _unit_timeliness(unit_obj, report_counts[unit_id]) if unit_id in report_counts else None
        parts = rules.score(
            weights,
            on_time=tasks.done_on_time,
            late=tasks.done_late,
            overdue=tasks.overdue,
            reports_on_time=reports.on_time if reports else 0,
            reports_late=reports.late if reports else 0,
            reports_missing=reports.missing if reports else 0,
        )
        scores.append(UnitScore(unit_obj, None, parts.score, parts.task_credit, parts.report_credit, tasks, reports))
    scores.sort(key=lambda row: (row.score is None, -(row.score or 0), row.unit.name))
    ranked, rank, previous = [], 0, None
    for position, row in enumerate(scores, start=1):
        if row.score is not None and row.score != previous:
            rank, previous = position, row.score
        ranked.append(UnitScore(row.unit, rank if row.score is not None else None, *_rest(row)))
    return ranked


def _rest(row: UnitScore) -> tuple[Any, ...]:
    return (row.score, row.task_credit, row.report_credit, row.tasks, row.reports)
