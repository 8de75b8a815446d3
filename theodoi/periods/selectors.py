"""Reads for the reporting calendar: working days, obligations per period, status as of a date."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from django.db.models import Case, Prefetch, QuerySet, When, prefetch_related_objects

from theodoi.periods.choices import DayKind, ExtensionState
from theodoi.periods.models import DayOff, ExtensionRequest, ReportingPeriod, TaskEvent, TaskHalt, UnitReport
from theodoi.periods.status import (
    Event,
    Extension,
    Halt,
    Item,
    OnTimeRate,
    Reading,
    Status,
    combine,
    end_of_day,
    on_time_rates,
    start_of_day,
    status_as_of,
)
from theodoi.periods.submission import SubmissionSchedule
from theodoi.periods.windows import Period, PeriodKind
from theodoi.periods.workdays import WorkCalendar
from theodoi.plans.choices import AssignmentRole, DeadlineKind, Every
from theodoi.plans.models import Assignment, Indicator, Plan, Task
from theodoi.units.models import Unit

DATED_KINDS = (DeadlineKind.DATE, DeadlineKind.RANGE, DeadlineKind.MIXED)


def work_calendar() -> WorkCalendar:
    """Vietnam's calendar with the days off and working days coordinators entered."""
    rows = list(DayOff.objects.values_list("day", "kind", "name"))
    return WorkCalendar.build(
        [(day, name) for day, kind, name in rows if kind == DayKind.DAY_OFF],
        [day for day, kind, _ in rows if kind == DayKind.WORKING_DAY],
    )


def _task_event(task: Task) -> TaskEvent | None:
    try:
        return task.event
    except TaskEvent.DoesNotExist:
        return None


def _task_halt(task: Task) -> TaskHalt | None:
    try:
        return task.halt
    except TaskHalt.DoesNotExist:
        return None


def plan_workdays(plan: Plan) -> WorkCalendar | None:
    """The working-day calendar when the plan moves deadlines off days off, else None."""
    schedule = getattr(plan, "reporting_schedule", None)
    return work_calendar() if schedule is not None and schedule.roll_to_working_day else None


def assignment_item(assignment: Assignment, workdays: WorkCalendar | None = None) -> Item:
    """What is known of one unit's part in a task, as a status `Item`. With `workdays`, a
    deadline on a day off ends on the next working day (BLDS 2015, Điều 148.5); approved
    extensions keep the date the coordinator approved."""
    task = assignment.task
    if task is None:
        raise ValueError("Chỉ tiêu không có thời hạn riêng; trạng thái tính theo từng kỳ báo cáo")

    def rolled(day: date) -> date:
        return workdays.next_working_day(day) if workdays is not None else day

    extensions = tuple(
        Extension(due=end_of_day(request.requested_due), approved_at=request.decided_at)
        for request in assignment.extension_requests.all()
        if request.state == ExtensionState.APPROVED and request.decided_at is not None
    )
    halt_row = _task_halt(task)
    halt = Halt(at=start_of_day(halt_row.effective_on), reason=halt_row.reason) if halt_row else None
    completed = end_of_day(assignment.completed_on) if assignment.completed_on else None
    if task.deadline_kind == DeadlineKind.EVENT:
        event_row = _task_event(task)
        event = Event(event_row.occurred_on, rolled(event_row.due_on)) if event_row else None
        return Item(awaits_event=True, event=event, extensions=extensions, completed_at=completed, halt=halt)
    dated = task.deadline_due if task.deadline_due and task.deadline_kind in DATED_KINDS else None
    due = end_of_day(rolled(dated)) if dated else None
    starts = start_of_day(task.deadline_from) if task.deadline_from else None
    return Item(original_due=due, extensions=extensions, completed_at=completed, starts_at=starts, halt=halt)


def assignments_with_history(queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """Assignments with what status needs, in a fixed number of queries."""
    return queryset.select_related(
        "task__event", "task__halt", "unit", "task__plan__reporting_schedule"
    ).prefetch_related(Prefetch("extension_requests", queryset=ExtensionRequest.objects.order_by("requested_at")))


def assignment_status(
    assignment: Assignment,
    as_of: date,
    *,
    due_soon_days: int | None = None,
    workdays: WorkCalendar | Literal[False] | None = None,
) -> Reading:
    """The status of one unit's part in a task at the end of `as_of`."""
    plan = assignment.task.plan
    window = due_soon_days if due_soon_days is not None else _due_soon_days(plan)
    item = assignment_item(assignment, plan_workdays(plan) if workdays is None else workdays or None)
    return status_as_of(item, end_of_day(as_of), due_soon_days=window)


def _due_soon_days(plan: Plan) -> int:
    schedule = getattr(plan, "reporting_schedule", None)
    return schedule.due_soon_days if schedule is not None else 3


def task_status(task: Task, as_of: date) -> Status:
    """The status of a task at the end of `as_of`: done only when every unit leading it is."""
    rows = list(assignments_with_history(Assignment.objects.filter(task=task)))
    leads = [row for row in rows if row.role == AssignmentRole.LEAD] or rows
    if not leads:
        return status_as_of(Item(), end_of_day(as_of)).status
    workdays = plan_workdays(task.plan) or False
    return combine(assignment_status(row, as_of, workdays=workdays) for row in leads)


def plan_task_statuses(plan: Plan, as_of: date) -> dict[int, Status]:
    """Status of every live task of a plan as of a date, keyed by task id (one pass)."""
    rows = assignments_with_history(Assignment.objects.filter(task__plan=plan, task__archived=False))
    by_task: dict[int, list[Assignment]] = defaultdict(list)
    for row in rows:
        by_task[row.task_id].append(row)
    window, workdays = _due_soon_days(plan), plan_workdays(plan) or False
    result = {}
    for task_id, assignments in by_task.items():
        leads = [row for row in assignments if row.role == AssignmentRole.LEAD] or assignments
        readings = (assignment_status(row, as_of, due_soon_days=window, workdays=workdays) for row in leads)
        result[task_id] = combine(readings)
    return result


# --- obligations ------------------------------------------------------------------------------

# The calendar months that close a span of each `every` ("Hàng quý" closes in 3, 6, 9, 12).
_EVERY_END_MONTHS = {
    Every.MONTH: set(range(1, 13)),
    Every.QUARTER: {3, 6, 9, 12},
    Every.HALF: {6, 12},
    Every.YEAR: {12},
}
_EVERY_KIND = {
    Every.MONTH: PeriodKind.MONTH,
    Every.QUARTER: PeriodKind.QUARTER,
    Every.HALF: PeriodKind.HALF,
    Every.YEAR: PeriodKind.YEAR,
}


@dataclass
class Obligation:
    """What one unit owes in one period's report."""

    unit: Unit
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


def _recurring_owed(task: Task, period: ReportingPeriod, schedule_kinds: set[str]) -> bool:
    if task.deadline_from and task.deadline_from > period.window_end:
        return False
    if task.deadline_due and task.deadline_due < period.window_start:
        return False
    every = task.deadline_every or Every.PERIOD
    if every == Every.PERIOD:
        return True
    kind = _EVERY_KIND[Every(every)]
    if kind in schedule_kinds:
        return period.kind == kind
    # The schedule has no period of the task's kind: it is reported in the periods that close
    # its span (a yearly task in December's monthly report).
    return period.period.end_month in _EVERY_END_MONTHS[Every(every)]


def _open_during(assignment: Assignment, period: ReportingPeriod) -> bool:
    """A dated or event task is owed from its start until the period in which it is done."""
    task = assignment.task
    if assignment.completed_on and assignment.completed_on < period.window_start:
        return False
    halt = _task_halt(task)
    if halt and halt.effective_on < period.window_start:
        return False
    if task.deadline_kind == DeadlineKind.EVENT:
        event = _task_event(task)
        return event is not None and event.occurred_on <= period.window_end
    return not (task.deadline_from and task.deadline_from > period.window_end)


def assignment_owed(assignment: Assignment, period: ReportingPeriod, schedule_kinds: set[str]) -> bool:
    if assignment.indicator_id is not None:
        return not assignment.indicator.archived
    task = assignment.task
    if task.archived:
        return False
    if task.deadline_kind == DeadlineKind.RECURRING:
        halt = _task_halt(task)
        return not (halt and halt.effective_on < period.window_start) and _recurring_owed(task, period, schedule_kinds)
    return _open_during(assignment, period)


def plan_assignments(plan_id: int, *, tasks_only: bool = False) -> list[Assignment]:
    """Every assignment of a plan (of its tasks only, with `tasks_only`), in unit name order, each
    with its task (event, halt, plan and schedule), indicator and unit attached from one shared copy.

    A plan given to every unit of a province through groups has thousands of assignments but a few
    dozen tasks: select_related would build a task, a plan and a unit per row; this builds each once."""
    tasks = {
        task.pk: task
        for task in Task.objects.filter(plan_id=plan_id).select_related("event", "halt", "plan__reporting_schedule")
    }
    indicators = {} if tasks_only else {row.pk: row for row in Indicator.objects.filter(plan_id=plan_id)}
    rows = Assignment.objects.filter(task__plan_id=plan_id)
    if not tasks_only:
        rows = rows | Assignment.objects.filter(indicator__plan_id=plan_id)
    found = list(rows.order_by("unit__name", "pk"))
    units = Unit.objects.in_bulk({row.unit_id for row in found})
    task_field, indicator_field, unit_field = (
        Assignment._meta.get_field(name) for name in ("task", "indicator", "unit")
    )
    for row in found:
        task_field.set_cached_value(row, tasks.get(row.task_id))  # type: ignore[union-attr]
        indicator_field.set_cached_value(row, indicators.get(row.indicator_id))  # type: ignore[union-attr]
        unit_field.set_cached_value(row, units[row.unit_id])  # type: ignore[union-attr]
    return found


def obligations_for_period(period: ReportingPeriod) -> list[Obligation]:
    """For one period of a plan: each unit that owes a report, with the tasks and indicators it
    reports on, units in name order."""
    schedule_kinds = set(ReportingPeriod.objects.filter(plan_id=period.plan_id).values_list("kind", flat=True))
    found: dict[int, Obligation] = {}
    seen: set[tuple[int, int | None, int | None]] = set()  # a unit both leading and coordinating owes it once
    for row in plan_assignments(period.plan_id):
        if (row.unit_id, row.task_id, row.indicator_id) in seen or not assignment_owed(row, period, schedule_kinds):
            continue
        seen.add((row.unit_id, row.task_id, row.indicator_id))
        obligation = found.setdefault(row.unit_id, Obligation(row.unit))
        if row.task_id is not None:
            obligation.tasks.append(row.task)
        if row.indicator_id is not None:
            obligation.indicators.append(row.indicator)
    for obligation in found.values():
        obligation.tasks.sort(key=lambda task: task.position)
        obligation.indicators.sort(key=lambda indicator: indicator.position)
    return sorted(found.values(), key=lambda obligation: obligation.unit.name)


def periods_of_plan(plan: Plan) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(plan=plan).order_by("due_at", "kind")


def _unit_report_item(report: UnitReport) -> Item:
    period = report.period
    # A period re-dated by a schedule change before it fell due counts as extended from the
    # opening of its window; its original deadline stays the one rates are measured against.
    extensions = (
        (Extension(due=period.due_at, approved_at=start_of_day(period.window_start)),)
        if period.due_at != period.original_due_at
        else ()
    )
    return Item(
        original_due=period.original_due_at,
        extensions=extensions,
        completed_at=report.submitted_at,
        starts_at=start_of_day(period.window_start),
    )


def unit_report_status(report: UnitReport, as_of: datetime, *, due_soon_days: int = 3) -> Reading:
    """Whether a unit's periodic report was sent on time, as of a moment."""
    return status_as_of(_unit_report_item(report), as_of, due_soon_days=due_soon_days)


# --- what reminders look at -------------------------------------------------------------------


@dataclass(frozen=True)
class OpenDeadline:
    """Something a unit still owes, with the deadline in force and its status now."""

    plan: Plan
    unit: Unit
    kind: str  # "report" or "task"
    object_key: str
    title: str
    due_at: datetime
    reading: Reading


def open_deadlines(
    now: datetime, plans: Iterable[Plan] | None = None, unit_ids: Iterable[int] | None = None
) -> list[OpenDeadline]:
    """Unsent periodic reports and unfinished dated or event tasks, with their deadlines."""
    found: list[OpenDeadline] = []
    reports = UnitReport.objects.filter(submitted_at__isnull=True).select_related(
        "period__plan__reporting_schedule", "unit"
    )
    tasks = assignments_with_history(
        Assignment.objects.filter(
            task__isnull=False,
            task__archived=False,
            completed_on__isnull=True,
            task__deadline_kind__in=[*DATED_KINDS, DeadlineKind.EVENT],
        )
    )
    if plans is not None:
        plan_ids = [plan.pk for plan in plans]
        reports = reports.filter(period__plan_id__in=plan_ids)
        tasks = tasks.filter(task__plan_id__in=plan_ids)
    if unit_ids is not None:
        units = list(unit_ids)
        reports = reports.filter(unit_id__in=units)
        tasks = tasks.filter(unit_id__in=units)
    for report in reports:
        plan = report.period.plan
        reading = unit_report_status(report, now, due_soon_days=_due_soon_days(plan))
        found.append(
            OpenDeadline(
                plan, report.unit, "report", f"unit-report:{report.pk}", f"Báo cáo {report.period.label}",
                report.period.due_at, reading,
            )
        )  # fmt: skip
    calendars: dict[int, WorkCalendar | None] = {}
    for assignment in tasks:
        plan = assignment.task.plan
        if plan.pk not in calendars:
            calendars[plan.pk] = plan_workdays(plan)
        item = assignment_item(assignment, calendars[plan.pk])
        reading = status_as_of(item, now, due_soon_days=_due_soon_days(plan))
        if reading.status in (Status.HALTED, Status.AWAITING_EVENT) or reading.due is None:
            continue
        found.append(
            OpenDeadline(
                plan, assignment.unit, "task", f"assignment:{assignment.pk}",
                f"Nhiệm vụ {assignment.task.ref}. {assignment.task.name}", reading.due, reading,
            )
        )  # fmt: skip
    return found


# --- pages ------------------------------------------------------------------------------------


def schedule_preview(schedule: SubmissionSchedule, year: int) -> list[tuple[Period, datetime]]:
    """The periods and deadlines a schedule gives in a year, with the entered days off."""
    return schedule.periods_of_year(year, work_calendar())


def days_off_of_year(year: int) -> list[tuple[date, str, str]]:
    """(day, name, source) for the year's weekday holidays and the days coordinators entered."""
    entered = {row.day: row for row in DayOff.objects.filter(day__year=year)}
    calendar = work_calendar()
    found = [
        (day, name, "entered" if day in entered else "public")
        for day, name in calendar.days_off_between(date(year, 1, 1), date(year, 12, 31))
    ]
    found += [(row.day, row.name, "working_day") for row in entered.values() if row.kind == DayKind.WORKING_DAY]
    return sorted(found)


def event_tasks(plan: Plan) -> QuerySet[Task]:
    return (
        Task.objects.filter(plan=plan, archived=False, deadline_kind=DeadlineKind.EVENT)
        .select_related("event")
        .order_by("position")
    )


def extension_requests_of_plan(plan: Plan) -> QuerySet[ExtensionRequest]:
    """Every request of the plan's assignments, pending first, then the history newest first."""
    return (
        ExtensionRequest.objects.filter(assignment__task__plan=plan)
        .select_related("assignment__task", "assignment__unit", "requested_by", "decided_by")
        .annotate(pending_first=Case(When(state=ExtensionState.PENDING, then=0), default=1))
        .order_by("pending_first", "-requested_at")
    )


@dataclass(frozen=True)
class UnitReportRow:
    unit: Unit
    report: UnitReport | None
    reading: Reading | None
    tasks: list[tuple[Task, Reading | None]]
    indicators: list[Indicator]


def period_overview(period: ReportingPeriod, now: datetime) -> list[UnitReportRow]:
    """For a period's page: each owing unit, its report's status now, and the status of each
    task it reports on as of the end of the period's window (what the report should say)."""
    reports = {row.unit_id: row for row in UnitReport.objects.filter(period=period).select_related("period")}
    window, workdays = _due_soon_days(period.plan), plan_workdays(period.plan) or False
    as_of = period.window_end
    rows = plan_assignments(period.plan_id, tasks_only=True)
    prefetch_related_objects(
        rows, Prefetch("extension_requests", queryset=ExtensionRequest.objects.order_by("requested_at"))
    )
    assignments = {(row.task_id, row.unit_id): row for row in rows}
    rows = []
    for obligation in obligations_for_period(period):
        report = reports.get(obligation.unit.pk)
        reading = unit_report_status(report, now, due_soon_days=window) if report else None
        tasks = []
        for task in obligation.tasks:
            assignment = assignments.get((task.pk, obligation.unit.pk))
            task_reading = (
                assignment_status(assignment, as_of, due_soon_days=window, workdays=workdays) if assignment else None
            )
            tasks.append((task, task_reading))
        rows.append(UnitReportRow(obligation.unit, report, reading, tasks, obligation.indicators))
    return rows


@dataclass(frozen=True)
class PlanRates:
    """On-time rates of a plan: tasks and periodic reports, each against the original deadline
    and after approved extensions."""

    tasks: tuple[OnTimeRate, OnTimeRate]
    reports: tuple[OnTimeRate, OnTimeRate]


def plan_on_time_rates(plan: Plan, as_of: datetime) -> PlanRates:
    assignments = assignments_with_history(
        Assignment.objects.filter(
            task__plan=plan,
            task__archived=False,
            role=AssignmentRole.LEAD,
            task__deadline_kind__in=[*DATED_KINDS, DeadlineKind.EVENT],
        )
    )
    workdays = plan_workdays(plan)
    task_items = [assignment_item(row, workdays) for row in assignments]
    reports = UnitReport.objects.filter(period__plan=plan).select_related("period")
    report_items = [_unit_report_item(row) for row in reports]
    return PlanRates(on_time_rates(task_items, as_of), on_time_rates(report_items, as_of))
