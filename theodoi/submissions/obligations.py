"""What each unit owes in a period's report, and when it is due: asked of the reporting calendar.

When the plan has a reporting schedule and the calendar has dated the period, the calendar's
`obligations_for_period` and the period's `due_at` decide. A plan without a schedule (or a period
the calendar has not dated) falls back to the plan's assignments: every live task
and indicator a unit leads, less the dated tasks done before the period began.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import QuerySet

from theodoi.periods.models import ReportingPeriod
from theodoi.periods.selectors import obligations_for_period
from theodoi.periods.windows import Period, WindowMode
from theodoi.plans.choices import AssignmentRole, DeadlineKind
from theodoi.plans.models import Assignment, Indicator, Plan, Task
from theodoi.units.models import Unit


@dataclass
class Owed:
    """The tasks and indicators one unit reports on in one period."""

    unit: Unit
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


def calendar_period(plan: Plan, period: Period) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(
        plan=plan, kind=period.kind, year=period.year, index=period.index
    ).first()


def period_window(plan: Plan, period: Period) -> tuple[date, date]:
    """The data window of the period: the calendar's when dated, else Nghị định 09's."""
    row = calendar_period(plan, period)
    if row is not None:
        return row.window_start, row.window_end
    schedule = getattr(plan, "reporting_schedule", None)
    mode = schedule.window_mode if schedule is not None else WindowMode.DECREE_09
    return period.window(mode)


def period_due_at(plan: Plan, period: Period) -> datetime | None:
    """The submission deadline in force for the period, as the calendar dated it (None: unknown)."""
    row = calendar_period(plan, period)
    if row is not None:
        return row.due_at
    schedule = getattr(plan, "reporting_schedule", None)
    if schedule is None:
        return None
    from theodoi.periods.selectors import work_calendar

    return schedule.submission_schedule().due_at(period, work_calendar())


def period_obligations(plan: Plan, period: Period) -> list[Owed]:
    """Every unit that owes a report for the period, in name order, with what it owes."""
    row = calendar_period(plan, period)
    if row is not None:
        return [Owed(item.unit, list(item.tasks), list(item.indicators)) for item in obligations_for_period(row)]
    start, _ = period_window(plan, period)
    found: dict[int, Owed] = {}
    for assignment in _lead_assignments(plan):
        if not _owed_from_assignment(assignment, start):
            continue
        owed = found.setdefault(assignment.unit_id, Owed(assignment.unit))
        if assignment.task is not None:
            owed.tasks.append(assignment.task)
        else:
            owed.indicators.append(assignment.indicator)
    for owed in found.values():
        owed.tasks.sort(key=lambda task: task.position)
        owed.indicators.sort(key=lambda indicator: indicator.position)
    return sorted(found.values(), key=lambda owed: owed.unit.name)


def _lead_assignments(plan: Plan) -> QuerySet[Assignment]:
    tasks = Assignment.objects.filter(task__plan=plan, task__archived=False)
    indicators = Assignment.objects.filter(indicator__plan=plan, indicator__archived=False)
    return (
        (tasks | indicators)
        .filter(role=AssignmentRole.LEAD)
        .select_related("unit", "task", "indicator")
        .order_by("unit__name", "pk")
    )


def _owed_from_assignment(assignment: Assignment, period_start: date) -> bool:
    task = assignment.task
    if task is None:
        return True
    due_before = task.deadline_due is not None and task.deadline_due < period_start
    return not (task.deadline_kind == DeadlineKind.DATE and due_before and assignment.completed_on is not None)
