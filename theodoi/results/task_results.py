"""Task results: statuses from the calendar counted per plan, section, unit and period; group
tasks and their members (timeliness and the scoreboard are in `reporting.py`).

Imported through `theodoi.results.selectors`, which is the public interface.

Statuses are the calendar's (`periods.status`), computed in Python from what was in force at
the moment asked about; everything they need is read in a fixed number of queries (values, not
a model per assignment), so the cost grows with the rows, not the queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cached_property

from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import Coalesce, RowNumber

from theodoi.periods.choices import ExtensionState
from theodoi.periods.models import ExtensionRequest
from theodoi.periods.selectors import assignment_item, work_calendar
from theodoi.periods.status import (
    DONE_STATUSES,
    Reading,
    Status,
    combine,
    end_of_day,
    start_of_day,
    status_as_of,
)
from theodoi.periods.windows import Period
from theodoi.periods.workdays import WorkCalendar
from theodoi.plans.choices import AssignmentRole
from theodoi.plans.models import Assignment, Plan, Section, Task
from theodoi.results import rules
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import TaskItem
from theodoi.units.models import Unit

HUNDRED = Decimal(100)
IN_DEADLINE = frozenset({Status.NOT_DUE, Status.IN_PROGRESS})


# --- counting statuses ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskSummary:
    """Counts by status and the rates read from them.

    `completion_rate` is the Government Office's: completed ÷ (completed + overdue and not
    completed), items within their deadline, waiting for their event or halted left out.
    `on_time_rate` is done on time ÷ the same whole: of what fell due, the share done in time.
    Both are percentages to two decimals, None when nothing has fallen due.
    """

    total: int
    counts: dict[str, int]
    completed: int
    done_on_time: int
    done_late: int
    overdue: int
    in_deadline: int
    awaiting_event: int
    halted: int
    due_soon: int
    completion_rate: Decimal | None
    on_time_rate: Decimal | None

    @classmethod
    def of(cls, readings: Iterable[Status | Reading]) -> TaskSummary:
        counts = {status.value: 0 for status in Status}
        due_soon = 0
        for reading in readings:
            status = reading.status if isinstance(reading, Reading) else reading
            counts[status] += 1
            due_soon += int(isinstance(reading, Reading) and reading.due_soon and status in IN_DEADLINE)
        on_time, late, overdue = counts[Status.DONE_ON_TIME], counts[Status.DONE_LATE], counts[Status.OVERDUE]
        return cls(
            total=sum(counts.values()),
            counts=counts,
            completed=on_time + late,
            done_on_time=on_time,
            done_late=late,
            overdue=overdue,
            in_deadline=counts[Status.NOT_DUE] + counts[Status.IN_PROGRESS],
            awaiting_event=counts[Status.AWAITING_EVENT],
            halted=counts[Status.HALTED],
            due_soon=due_soon,
            completion_rate=rules.completion_rate(completed=on_time + late, overdue=overdue),
            on_time_rate=rules.rate(on_time, on_time + late + overdue),
        )

    @property
    def count_labels(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in the calendar's order, for tables."""
        return [(status.value, str(status.label), self.counts[status.value]) for status in Status]


class _Calendars:
    """The working-day calendar each plan uses, built once per call."""

    def __init__(self) -> None:
        self._shared: WorkCalendar | None = None

    def for_plan(self, plan: Plan) -> WorkCalendar | None:
        schedule = getattr(plan, "reporting_schedule", None)
        if schedule is None or not schedule.roll_to_working_day:
            return None
        if self._shared is None:
            self._shared = work_calendar()
        return self._shared


def _due_soon_days(plan: Plan) -> int:
    schedule = getattr(plan, "reporting_schedule", None)
    return schedule.due_soon_days if schedule is not None else 3


@dataclass
class _Part:
    """One unit's part in a task, with just what a status needs, read without model instances
    (values and one Task per task): 4,500 parts of a province are read in tenths of a second.

    Quacks like an Assignment for `periods.selectors.assignment_item`, so the calendar's own
    reading of deadlines, extensions, events and halts is used unchanged."""

    pk: int
    task_id: int
    unit_id: int
    role: str
    via_group: str
    completed_on: date | None
    task: Task
    approved: list[_Approved] = field(default_factory=list)

    @property
    def extension_requests(self) -> _Approved.Manager:
        return _Approved.Manager(self.approved)


@dataclass(frozen=True)
class _Approved:
    """An approved extension request, as `assignment_item` reads it."""

    requested_due: date
    decided_at: datetime
    state: str = ExtensionState.APPROVED

    @dataclass(frozen=True)
    class Manager:
        rows: list[_Approved]

        def all(self) -> list[_Approved]:
            return self.rows


_PART_FIELDS = ("pk", "task_id", "unit_id", "role", "via_group", "completed_on")


_reused: ContextVar[dict[tuple[str, str, date], list[tuple[_Part, Reading]]] | None] = ContextVar(
    "task_readings", default=None
)


@contextmanager
def readings_reused() -> Iterator[None]:
    """Within the block, the same assignments read as of the same day are read and put on the
    calendar once: a dashboard page asks for the counts, the sections, the units and the late
    tasks of one plan, each of which needs every part's status (thousands in a province).

    For one page or one request only: what is kept is not refreshed by later writes."""
    token = _reused.set({})
    try:
        yield
    finally:
        _reused.reset(token)


def _readings(assignments: QuerySet[Assignment], as_of: date) -> list[tuple[_Part, Reading]]:
    """Each assignment with its status at the end of `as_of`, in three queries whatever the count
    (none when the same were read in the same `readings_reused()` block)."""
    kept = _reused.get()
    if kept is None:
        return _read(assignments, as_of)
    sql, params = assignments.order_by().values_list(*_PART_FIELDS).query.sql_with_params()
    key = (sql, repr(params), as_of)
    if key not in kept:
        kept[key] = _read(assignments, as_of)
    return list(kept[key])


def _read(assignments: QuerySet[Assignment], as_of: date) -> list[tuple[_Part, Reading]]:
    rows = list(assignments.order_by().values_list(*_PART_FIELDS))
    tasks = Task.objects.select_related("event", "halt", "section", "plan__reporting_schedule").in_bulk(
        {row[1] for row in rows}
    )
    approved: dict[int, list[_Approved]] = defaultdict(list)
    extensions = ExtensionRequest.objects.filter(
        assignment__in=assignments.order_by().values("pk"), state=ExtensionState.APPROVED,
        decided_at__isnull=False,
    ).order_by("requested_at").values_list("assignment_id", "requested_due", "decided_at")  # fmt: skip
    for assignment_id, requested_due, decided_at in extensions if rows else ():
        approved[assignment_id].append(_Approved(requested_due, decided_at))
    moment = end_of_day(as_of)
    calendars = _Calendars()
    found = []
    for pk, task_id, unit_id, role, via_group, completed_on in rows:
        task = tasks[task_id]
        part = _Part(pk, task_id, unit_id, role, via_group, completed_on, task, approved.get(pk, []))
        item = assignment_item(part, calendars.for_plan(task.plan))  # type: ignore[arg-type]
        found.append((part, status_as_of(item, moment, due_soon_days=_due_soon_days(task.plan))))
    return found


def _task_assignments(
    *,
    plan: Plan | None,
    plans: QuerySet[Plan] | Iterable[int] | None,
    section: Section | None,
    units: QuerySet[Unit] | Iterable[int] | None,
) -> QuerySet[Assignment]:
    rows = Assignment.objects.filter(task__isnull=False, task__archived=False)
    if plan is not None:
        rows = rows.filter(task__plan=plan)
    if plans is not None:
        rows = rows.filter(task__plan__in=plans)
    if section is not None:
        rows = rows.filter(task__section_id__in=section_subtree_ids(section))
    if units is not None:
        rows = rows.filter(unit__in=units)
    return rows


def section_subtree_ids(section: Section) -> list[int]:
    """The section and every section under it (one query)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Section.objects.filter(plan_id=section.plan_id).values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found, frontier = [section.pk], [section.pk]
    while frontier:
        frontier = [child for node in frontier for child in children.get(node, [])]
        found.extend(frontier)
    return found


def _in_period(due: datetime | None, period: Period | None) -> bool:
    """Whether a deadline falls within the period's calendar months (no deadline: never)."""
    if period is None:
        return True
    if due is None:
        return False
    first = start_of_day(date(period.year, period.start_month, 1))
    last_day = date(period.year + period.end_month // 12, period.end_month % 12 + 1, 1) - timedelta(days=1)
    return first <= due <= end_of_day(last_day)


def _leads(rows: Sequence[tuple[_Part, Reading]]) -> list[tuple[_Part, Reading]]:
    """The units a task's completion depends on: its lead units, or everyone when none leads."""
    return [pair for pair in rows if pair[0].role == AssignmentRole.LEAD] or list(rows)


def _by_task(pairs: Iterable[tuple[_Part, Reading]]) -> dict[int, list[tuple[_Part, Reading]]]:
    grouped: dict[int, list[tuple[_Part, Reading]]] = defaultdict(list)
    for assignment, reading in pairs:
        grouped[assignment.task_id].append((assignment, reading))
    return grouped


@dataclass(frozen=True)
class _TaskReading:
    status: Status
    due: datetime | None
    due_soon: bool


def _task_reading(pairs: Sequence[tuple[_Part, Reading]]) -> _TaskReading:
    leads = _leads(pairs)
    status = combine(reading for _, reading in leads)
    dues = [reading.due for _, reading in leads if reading.due is not None]
    return _TaskReading(status, max(dues) if dues else None, any(reading.due_soon for _, reading in leads))


def task_summary(
    plan: Plan | None = None,
    *,
    as_of: date,
    section: Section | None = None,
    unit: Unit | None = None,
    period: Period | None = None,
    plans: QuerySet[Plan] | Iterable[int] | None = None,
    units: QuerySet[Unit] | Iterable[int] | None = None,
) -> TaskSummary:
    """Counts and rates of tasks as of the end of `as_of`.

    Without `unit`, each task counts once, with the status of its lead units together (done
    only when every lead unit is done). With `unit`, the lead parts of that unit and the units
    below it count, each with its own status. `period`: only items whose deadline in force falls
    within the period's months. `plans`/`units` narrow to what the viewer may see.
    """
    if unit is not None:
        from theodoi.units.selectors import unit_descendant_ids

        rows = _task_assignments(plan=plan, plans=plans, section=section, units=units).filter(
            unit_id__in=unit_descendant_ids(unit), role=AssignmentRole.LEAD
        )
        return TaskSummary.of(reading for _, reading in _readings(rows, as_of) if _in_period(reading.due, period))
    rows = _task_assignments(plan=plan, plans=plans, section=section, units=units)
    task_readings = [_task_reading(pairs) for pairs in _by_task(_readings(rows, as_of)).values()]
    return TaskSummary.of(
        Reading(reading.status, reading.due, None, reading.due_soon)
        for reading in task_readings
        if _in_period(reading.due, period)
    )


def task_summary_by_unit(
    plan: Plan | None = None,
    *,
    as_of: date,
    period: Period | None = None,
    plans: QuerySet[Plan] | Iterable[int] | None = None,
    units: QuerySet[Unit] | Iterable[int] | None = None,
) -> dict[int, TaskSummary]:
    """unit id → the counts of that unit's own lead parts (a group task counts for each member)."""
    rows = _task_assignments(plan=plan, plans=plans, section=None, units=units).filter(role=AssignmentRole.LEAD)
    per_unit: dict[int, list[Reading]] = defaultdict(list)
    for assignment, reading in _readings(rows, as_of):
        if _in_period(reading.due, period):
            per_unit[assignment.unit_id].append(reading)
    return {unit_id: TaskSummary.of(readings) for unit_id, readings in per_unit.items()}


def task_summary_by_section(
    plan: Plan, *, as_of: date, period: Period | None = None, units: QuerySet[Unit] | Iterable[int] | None = None
) -> list[tuple[Section | None, TaskSummary]]:
    """Every section of the plan in printed order with the counts of the tasks in it and below
    it, then (None) the tasks outside any section when there are some."""
    sections = list(Section.objects.filter(plan=plan).order_by("position"))
    parents = {section.pk: section.parent_id for section in sections}
    rows = _task_assignments(plan=plan, plans=None, section=None, units=units)
    per_section: dict[int | None, list[Status]] = defaultdict(list)
    for pairs in _by_task(_readings(rows, as_of)).values():
        reading = _task_reading(pairs)
        if not _in_period(reading.due, period):
            continue
        node: int | None = pairs[0][0].task.section_id
        if node is None:
            per_section[None].append(reading.status)
        while node is not None:
            per_section[node].append(reading.status)
            node = parents.get(node)
    found: list[tuple[Section | None, TaskSummary]] = [
        (section, TaskSummary.of(per_section.get(section.pk, []))) for section in sections
    ]
    if per_section.get(None):
        found.append((None, TaskSummary.of(per_section[None])))
    return found


# --- tasks one by one, and group tasks ----------------------------------------------------------------


@dataclass(frozen=True)
class MemberProgress:
    """One lead unit's part in a task: its own status and how far it says it is.

    `progress` is 100 when the part is done, else the percentage of the unit's latest counted
    report on the task (a document stage stands for its weight), None when it never reported.
    """

    unit: Unit
    part: _Part = field(repr=False)
    reading: Reading
    progress: Decimal | None
    latest_item: TaskItem | None

    @cached_property
    def assignment(self) -> Assignment:
        """The part as an (unsaved-looking) Assignment, built only when asked for: a province's
        results hold thousands of members and most pages read only their status and unit."""
        return _assignment(self.part, self.unit)

    @property
    def status(self) -> Status:
        return self.reading.status

    @property
    def done(self) -> bool:
        return self.reading.status in DONE_STATUSES


@dataclass(frozen=True)
class TaskResult:
    """A task as of a day: its status over its lead units, and each of them.

    A task given to a group ("Các sở, ban, ngành") is done only when every member is done; its
    `progress` is the mean over the members, a member that never reported counting as 0
    (`reported_members` says how many did).
    """

    task: Task
    status: Status
    due: datetime | None
    days_late: int
    is_group: bool
    progress: Decimal | None
    reported_members: int
    members: list[MemberProgress] = field(default_factory=list)
    coordinating: list[Unit] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def done_members(self) -> int:
        return sum(1 for member in self.members if member.done)


def _counted_states(include_drafts: bool) -> list[str]:
    if include_drafts:
        return [state.value for state in ReportState if state != ReportState.NOT_SUBMITTED]
    return [ReportState.ACCEPTED]


def _latest_items(parts: Iterable[_Part], include_drafts: bool, as_of: date) -> dict[tuple[int, int], TaskItem]:
    """(task id, unit id) → the unit's latest counted report item on the task, in one query: the
    latest year first, then the latest sent (or saved) report; reports sent after `as_of` are
    left out (a draft has not been sent and counts when drafts are asked for)."""
    parts = list(parts)
    if not parts:
        return {}
    moment = Coalesce("report__submitted_at", "report__last_saved_at", "report__created_at")
    items = (
        TaskItem.objects.alias(moment=moment)
        .filter(Q(report__submitted_at__isnull=True) | Q(report__submitted_at__lte=end_of_day(as_of)))
        .filter(
            task_id__in={part.task_id for part in parts}, report__unit_id__in={part.unit_id for part in parts},
            report__state__in=_counted_states(include_drafts),
        )
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("task_id"), F("report__unit_id")],
                order_by=[F("report__period_year").desc(), F("moment").desc(), F("pk").desc()],
            )
        )
        .filter(rank=1)
        .annotate(report_unit_id=F("report__unit_id"))
    )  # fmt: skip
    # The unit is read as a column, not through a Report instance per item (thousands of them).
    return {(item.task_id, item.report_unit_id): item for item in items}


def _progress(reading: Reading, item: TaskItem | None) -> Decimal | None:
    if reading.status in DONE_STATUSES:
        return HUNDRED
    if item is None:
        return None
    if item.percent_done is not None:
        return item.percent_done
    from theodoi.submissions.choices import TaskProgress, document_stage_weights

    if item.document_stage:
        return document_stage_weights()[item.document_stage]
    return HUNDRED if item.progress == TaskProgress.DONE else None


def _assignment(part: _Part, unit: Unit) -> Assignment:
    assignment = Assignment(
        pk=part.pk, task=part.task, unit=unit, role=part.role, via_group=part.via_group,
        completed_on=part.completed_on,
    )  # fmt: skip
    return assignment


def _task_result(
    pairs: Sequence[tuple[_Part, Reading]], items: dict[tuple[int, int], TaskItem], units: dict[int, Unit]
) -> TaskResult:
    members = []
    for part, reading in _leads(pairs):
        item = items.get((part.task_id, part.unit_id))
        members.append(MemberProgress(units[part.unit_id], part, reading, _progress(reading, item), item))
    members.sort(key=lambda member: member.unit.name)
    combined = _task_reading(pairs)
    known = [member.progress for member in members if member.progress is not None]
    progress = (sum(known, Decimal(0)) / len(members)).quantize(rules.RATE_PRECISION) if known else None
    return TaskResult(
        task=pairs[0][0].task, status=combined.status, due=combined.due,
        days_late=max((member.reading.days_late for member in members), default=0),
        is_group=any(member.part.via_group for member in members), progress=progress,
        reported_members=sum(1 for member in members if member.latest_item is not None), members=members,
        coordinating=sorted(
            (units[part.unit_id] for part, _ in pairs if part.role == AssignmentRole.COORDINATING),
            key=lambda unit: unit.name,
        ),
    )  # fmt: skip


def _results(pairs: list[tuple[_Part, Reading]], include_drafts: bool, as_of: date) -> dict[int, TaskResult]:
    by_task = _by_task(pairs)
    leads = (part for task_pairs in by_task.values() for part, _ in _leads(task_pairs))
    items = _latest_items(leads, include_drafts, as_of)
    units = Unit.objects.in_bulk({part.unit_id for part, _ in pairs})
    return {task_id: _task_result(task_pairs, items, units) for task_id, task_pairs in by_task.items()}


def _wanted(reading: _TaskReading, period: Period | None, status: Status | None) -> bool:
    return _in_period(reading.due, period) and (status is None or reading.status == status)


def task_results(
    plan: Plan,
    *,
    as_of: date,
    section: Section | None = None,
    unit: Unit | None = None,
    period: Period | None = None,
    units: QuerySet[Unit] | Iterable[int] | None = None,
    include_drafts: bool = False,
    status: Status | None = None,
) -> list[TaskResult]:
    """Every live task of the plan in printed order, with its lead units' parts and progress.

    `unit`: only tasks the unit (or a unit below it) leads. `period`: only tasks whose deadline
    in force falls within the period's months. `status`: only tasks with that status (e.g. the
    overdue ones; their progress alone is read). Progress comes from accepted reports unless
    `include_drafts`."""
    pairs = _readings(_task_assignments(plan=plan, plans=None, section=section, units=units), as_of)
    allowed: set[int] | None = None
    if unit is not None:
        from theodoi.units.selectors import unit_descendant_ids

        allowed = set(unit_descendant_ids(unit))
    # Narrow before reading progress, so a month's report fetches the items of that month's tasks only.
    kept = [
        pair
        for task_pairs in _by_task(pairs).values()
        if _wanted(_task_reading(task_pairs), period, status)
        and (allowed is None or any(part.unit_id in allowed for part, _ in _leads(task_pairs)))
        for pair in task_pairs
    ]
    found = _results(kept, include_drafts, as_of).values()
    return sorted(found, key=lambda result: result.task.position)


def group_task_progress(task: Task, *, as_of: date, include_drafts: bool = False) -> TaskResult:
    """One task's parts: done only when every lead member is, progress the mean over them."""
    pairs = _readings(Assignment.objects.filter(task=task), as_of)
    if not pairs:
        return TaskResult(task, Status.NOT_DUE, None, 0, False, None, 0)
    return _results(pairs, include_drafts, as_of)[task.pk]
