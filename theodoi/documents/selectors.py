"""Reads behind the official documents, each in a fixed number of queries whatever the size of
the plan: assignments with their history in one pass, statuses from the calendar's own functions,
and the latest accepted report item of every (task, unit) in one query.

What a user may see is narrowed with `policy.restrict` (assignments) and
`policy.restrict_reports` (what units wrote), so the register of a plan shows each reader the
rows and results they could read on the pages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from theodoi.accounts import policy
from theodoi.periods.choices import ExtensionState
from theodoi.periods.models import ExtensionRequest
from theodoi.periods.selectors import assignment_status, open_deadlines, plan_workdays
from theodoi.periods.status import Reading, Status, combine
from theodoi.periods.windows import Period, PeriodKind
from theodoi.periods.workdays import WorkCalendar
from theodoi.plans.choices import AssignmentRole
from theodoi.plans.models import Assignment, Plan, Task
from theodoi.submissions.choices import ReportState, TaskProgress
from theodoi.submissions.models import Report, TaskItem
from theodoi.units.models import Unit

from .layout import Issuer

# Words left out of a unit's abbreviation ("Sở Khoa học và Công nghệ" → "SKHCN").
_SMALL_WORDS = {"và", "của", "các", "tỉnh", "thành", "phố"}


def unit_symbol(unit: Unit) -> str:
    """The abbreviation used in document numbers: the short name when it is one word, the
    acronym a name opens with ("UBND tỉnh …" → UBND), else the initials of the name."""
    short = unit.short_name.strip()
    if short and " " not in short:
        return short.upper()
    words = [word for word in re.split(r"[\s,]+", unit.name) if word and word.casefold() not in _SMALL_WORDS]
    if words and len(words[0]) > 1 and words[0].isupper():
        return words[0]
    return "".join(word[0] for word in words).upper()


def issuer_for(unit: Unit) -> Issuer:
    """The header's issuing body: the unit, under its parent (cơ quan chủ quản) when it has one."""
    parent = unit.parent.name if unit.parent_id and unit.parent is not None else ""
    return Issuer(parent=parent, unit=unit.name, symbol=unit_symbol(unit))


def place_name(unit: Unit, plan: Plan | None = None) -> str:
    """The place (địa danh) of the date line: the plan's, else the province's name."""
    if plan is not None and plan.place:
        return plan.place
    province = unit.province
    if province is None:
        return ""
    return re.sub(r"^(UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố)\s+", "", province.name, flags=re.IGNORECASE)


def plan_reference(plan: Plan) -> str:
    """ "Kế hoạch số 12/KH-SKHCN ngày 15/01/2026 của … về …" as a document cites another (a title
    opening with the document's own kind, "Kế hoạch cải cách …", is cited "về cải cách …")."""
    kind = plan.get_kind_display()
    number = f" số {plan.number}" if plan.number else ""
    issued = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
    issuer = f" của {plan.issuer or plan.owner.name}"
    subject = plan.title.strip()
    if subject.casefold().startswith(kind.casefold() + " "):
        subject = subject[len(kind) + 1 :].strip()
    return f"{kind}{number}{issued}{issuer} về {subject[:1].lower()}{subject[1:]}"


def day_text(moment: date | datetime | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        from theodoi.periods.submission import VIETNAM_TZ

        moment = moment.astimezone(VIETNAM_TZ).date()
    return f"{moment:%d/%m/%Y}"


# --- statuses, in bulk ----------------------------------------------------------------------------


def assignments_for_status(queryset: QuerySet[Assignment]) -> list[Assignment]:
    """The task assignments of `queryset` with what `assignment_status` reads, in four queries.

    The same data as `periods.selectors.assignments_with_history`, assembled by hand: a plan
    gives one task to every commune, so 30 tasks are 4,500 assignments, and select_related would
    build a task, a plan and a unit object for each row (five times the objects) and prefetching
    the extensions filters 4,500 managers. Here each task, plan and unit is built once and shared.
    """
    fields = ("pk", "task_id", "unit_id", "role", "completed_on", "via_group")
    ordered = queryset.filter(task__isnull=False).order_by("task__plan_id", "task__position", "role", "unit__name")
    rows = list(ordered.values(*fields))
    task_ids = {row["task_id"] for row in rows}
    tasks = Task.objects.filter(pk__in=task_ids).select_related("event", "halt", "plan__reporting_schedule")
    task_by_id = {task.pk: task for task in tasks}
    units = Unit.objects.filter(pk__in={row["unit_id"] for row in rows}).only("pk", "name", "code", "short_name")
    unit_by_id = {unit.pk: unit for unit in units}
    extensions: dict[int, list[ExtensionRequest]] = defaultdict(list)
    requests = ExtensionRequest.objects.filter(assignment_id__in=[row["pk"] for row in rows]).order_by("requested_at")
    for request in requests:
        extensions[request.assignment_id].append(request)
    found = []
    for row in rows:
        assignment = Assignment(
            pk=row["pk"], role=row["role"], completed_on=row["completed_on"], via_group=row["via_group"]
        )
        assignment.task = task_by_id[row["task_id"]]
        assignment.unit = unit_by_id[row["unit_id"]]
        assignment._prefetched_objects_cache = {"extension_requests": extensions.get(row["pk"], [])}
        found.append(assignment)
    return found


def readings_of(assignments: list[Assignment], as_of: date) -> dict[int, Reading]:
    """The status of each assignment at the end of `as_of`, keyed by assignment id. The rows must
    come from `assignments_with_history`; each plan's working-day calendar is read once."""
    calendars: dict[int, WorkCalendar | bool] = {}
    found = {}
    for row in assignments:
        plan = row.task.plan
        if plan.pk not in calendars:
            calendars[plan.pk] = plan_workdays(plan) or False
        found[row.pk] = assignment_status(row, as_of, workdays=calendars[plan.pk])  # type: ignore[arg-type]
    return found


def lead_status(rows: list[Assignment], readings: dict[int, Reading]) -> Status:
    """A task's status from its units' readings: done only when every lead unit is (as the
    calendar's `task_status` decides)."""
    leads = [row for row in rows if row.role == AssignmentRole.LEAD] or rows
    return combine(readings[row.pk] for row in leads)


# --- what units wrote -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """What a unit wrote on one task in one accepted report: the fields the documents print,
    read as plain values (a province's month is thousands of items)."""

    task_id: int
    unit_id: int
    unit_name: str
    progress: str
    percent_done: Decimal | None
    work_done: str
    product: str
    completed_on: date | None
    difficulties: str
    causes: str
    remedies: str
    rank: tuple[int, int, int, datetime | None]

    @property
    def progress_label(self) -> str:
        return str(TaskProgress(self.progress).label) if self.progress else ""


_WRITTEN = {
    "task_id": "task_id", "unit_id": "report__unit_id", "unit_name": "report__unit__name", "progress": "progress",
    "percent_done": "percent_done", "work_done": "work_done", "product": "product", "completed_on": "completed_on",
    "difficulties": "difficulties", "causes": "causes", "remedies": "remedies",
}  # fmt: skip
_KIND_RANK = {kind: rank for rank, kind in enumerate(reversed(PeriodKind.values))}


def written_items(items: QuerySet[TaskItem]) -> list[Written]:
    """The items of accepted reports among `items`, in one query, ordered by task then unit."""
    rows = (
        items.filter(report__state=ReportState.ACCEPTED)
        .order_by("task__position", "report__unit__name")
        .values(*_WRITTEN.values(), "report__period_year", "report__period_kind", "report__period_index",
                "report__accepted_at")
    )  # fmt: skip
    found = []
    for row in rows:
        period = Period(row["report__period_year"], PeriodKind(row["report__period_kind"]), row["report__period_index"])
        rank = (period.year, period.end_month, _KIND_RANK[period.kind], row["report__accepted_at"])
        found.append(Written(**{name: row[column] for name, column in _WRITTEN.items()}, rank=rank))
    return found


def latest_items(items: QuerySet[TaskItem]) -> dict[tuple[int, int], Written]:
    """The latest accepted item of each (task, unit) among `items`, by period then acceptance."""
    found: dict[tuple[int, int], Written] = {}
    for item in written_items(items):
        key = (item.task_id, item.unit_id)
        held = found.get(key)
        if held is None or item.rank > held.rank:
            found[key] = item
    return found


def item_result(item: Written | TaskItem | None) -> str:
    """What a unit reported done: its result, product and completion date."""
    if item is None:
        return ""
    parts = [item.work_done.strip()]
    if item.product.strip():
        parts.append(f"Sản phẩm: {item.product.strip()}")
    if item.percent_done is not None and not item.completed_on:
        parts.append(f"Đạt {item.percent_done.normalize():f}%")
    if item.completed_on:
        parts.append(f"Hoàn thành ngày {item.completed_on:%d/%m/%Y}")
    return "\n".join(part for part in parts if part)


def item_proposals(item: Written | None) -> str:
    """The unit's remedies and proposals (the report form keeps them in one field)."""
    return item.remedies.strip() if item is not None else ""


# --- the task register ----------------------------------------------------------------------------

LEAD_LEADER_NOTE = "Chưa có trường “lãnh đạo phụ trách” trong hệ thống; cột để trống để ghi tay."


@dataclass
class RegisterRow:
    """One line of the task register, in the paper register's column order."""

    task: Task
    lead_leader: str
    lead_units: list[str]
    coordinators: list[str]
    deadline: str
    original_deadline: str
    extensions: list[str]
    result: str
    difficulties: str
    proposals: str
    status: str
    status_code: str

    def cells(self) -> list[str]:
        """The columns as text, for the .xlsx and .docx exports."""
        return [
            f"{self.task.ref}. {self.task.name}", self.lead_leader, "\n".join(self.lead_units),
            "\n".join(self.coordinators), self.deadline, self.original_deadline, "\n".join(self.extensions),
            self.result, self.difficulties, self.proposals, self.status,
        ]  # fmt: skip


REGISTER_COLUMNS = [
    ("Nhiệm vụ", 40), ("Lãnh đạo phụ trách", 14), ("Đơn vị chủ trì", 18), ("Đơn vị phối hợp", 18),
    ("Thời hạn", 12), ("Thời hạn ban đầu", 14), ("Gia hạn", 18), ("Kết quả thực hiện", 40),
    ("Khó khăn, vướng mắc", 26), ("Giải pháp, đề xuất", 26), ("Tình trạng", 16),
]  # fmt: skip


@dataclass
class Register:
    """The task register of a plan or of a unit as a user may read it."""

    title: str
    plan: Plan | None
    unit: Unit | None
    as_of: date
    rows: list[RegisterRow] = field(default_factory=list)
    note: str = LEAD_LEADER_NOTE


def _extension_lines(rows: list[Assignment], named: bool) -> list[str]:
    lines = []
    for row in rows:
        for request in row.extension_requests.all():
            prefix = f"{row.unit.name}: " if named else ""
            span = f"{request.previous_due:%d/%m/%Y} → {request.requested_due:%d/%m/%Y}"
            if request.state == ExtensionState.APPROVED:
                lines.append(f"{prefix}{span} (duyệt {day_text(request.decided_at)})")
            elif request.state == ExtensionState.PENDING:
                lines.append(f"{prefix}{span} (đang chờ duyệt)")
    return lines


def _deadlines(task: Task, readings: list[Reading]) -> tuple[str, str]:
    dues = sorted({reading.due for reading in readings if reading.due is not None})
    originals = sorted({reading.original_due for reading in readings if reading.original_due is not None})
    current = "; ".join(day_text(due) for due in dues) or task.deadline_text
    original = "; ".join(day_text(due) for due in originals)
    if task.deadline_text and task.deadline_text != original:
        original = f"{original} ({task.deadline_text})" if original else task.deadline_text
    return current, original


def _joined(rows: list[Assignment], items: dict[tuple[int, int], Written], pick: Any) -> str:
    """One unit's text as is; several units' texts each under its unit's name."""
    texts = [(row.unit.name, pick(items.get((row.task_id, row.unit_id)))) for row in rows]
    texts = [(name, text) for name, text in texts if text]
    if len(texts) == 1 and len(rows) == 1:
        return texts[0][1]
    return "\n".join(f"{name}: {text}" for name, text in texts)


def _register_row(
    task: Task, rows: list[Assignment], readings: dict[int, Reading], items: Any, unit: Unit | None
) -> RegisterRow:
    leads = [row for row in rows if row.role == AssignmentRole.LEAD]
    mine = [row for row in rows if unit is not None and row.unit_id == unit.pk]
    focus = mine or leads or rows
    status = combine(readings[row.pk] for row in focus) if mine else lead_status(rows, readings)
    deadline, original = _deadlines(task, [readings[row.pk] for row in focus])
    coordinators = [row.unit.name for row in rows if row.role == AssignmentRole.COORDINATING]
    return RegisterRow(
        task=task, lead_leader="", lead_units=[row.unit.name for row in leads] or task.lead_names,
        coordinators=coordinators or task.coordinating_names, deadline=deadline, original_deadline=original,
        extensions=_extension_lines(focus, named=len(focus) > 1), result=_joined(focus, items, item_result),
        difficulties=_joined(focus, items, lambda item: item.difficulties.strip() if item else ""),
        proposals=_joined(focus, items, item_proposals), status=str(status.label), status_code=str(status),
    )  # fmt: skip


def task_register(*, user: Any, plan: Plan | None = None, unit: Unit | None = None, as_of: date) -> Register:
    """The register of a plan's tasks, or of the tasks a unit leads or coordinates (every plan)."""
    visible = policy.restrict(Assignment.objects.filter(task__isnull=False, task__archived=False), user)
    if plan is not None:
        visible = visible.filter(task__plan=plan)
    if unit is not None:
        visible = visible.filter(task__in=visible.filter(unit=unit).values("task_id"))
    assignments = assignments_for_status(visible)
    readings = readings_of(assignments, as_of)
    task_ids = {row.task_id for row in assignments}
    written = policy.restrict_reports(TaskItem.objects.filter(task_id__in=task_ids), user)
    if unit is not None:
        written = written.filter(report__unit=unit)
    items = latest_items(written)
    by_task: dict[int, list[Assignment]] = defaultdict(list)
    for row in assignments:
        by_task[row.task_id].append(row)
    title = plan.title if plan is not None else unit.name if unit is not None else ""
    register = Register(title=title, plan=plan, unit=unit, as_of=as_of)
    for rows in by_task.values():
        register.rows.append(_register_row(rows[0].task, rows, readings, items, unit))
    return register


# --- overdue items of one unit (the reminder letter) ----------------------------------------------


@dataclass(frozen=True)
class OverdueItem:
    plan: Plan
    title: str
    due: datetime | None
    days_late: int


def unit_overdue(*, unit: Unit, plans: list[Plan], now: datetime) -> tuple[list[OverdueItem], list[OverdueItem]]:
    """(tasks, reports) the unit has not done by their deadline in force, in these plans."""
    tasks = [
        OverdueItem(row.plan, row.title, row.due_at, row.reading.days_late)
        for row in open_deadlines(now, plans=plans, unit_ids=[unit.pk])
        if row.kind == "task" and row.reading.status == Status.OVERDUE
    ]
    reports = Report.objects.filter(
        Q(plan__in=plans), unit=unit, first_submitted_at__isnull=True, due_at__lt=now
    ).select_related("plan")
    late = [
        OverdueItem(report.plan, f"Báo cáo {report.period.label}", report.due_at, (now - report.due_at).days)
        for report in reports
    ]
    tasks.sort(key=lambda item: (item.plan.pk, item.due or now))
    late.sort(key=lambda item: (item.plan.pk, item.due or now))
    return tasks, late


def overdue_units(*, plan: Plan, now: datetime) -> list[Unit]:
    """Units of a plan with something overdue, for the reminder letter's choice of unit."""
    names = {row.unit.pk: row.unit for row in open_deadlines(now, plans=[plan]) if row.reading.status == Status.OVERDUE}
    for report in Report.objects.filter(plan=plan, first_submitted_at__isnull=True, due_at__lt=now).select_related(
        "unit"
    ):
        names.setdefault(report.unit_id, report.unit)
    return sorted(names.values(), key=lambda unit: unit.name)


def plan_units(plan: Plan) -> QuerySet[Unit]:
    """Every unit with a part in the plan."""
    return (
        Unit.objects.filter(Q(assignments__task__plan=plan) | Q(assignments__indicator__plan=plan))
        .distinct()
        .order_by("name")
    )


def report_periods(plan: Plan) -> list[Period]:
    """The periods the plan has reports for, newest first."""
    keys = Report.objects.filter(plan=plan).values_list("period_year", "period_kind", "period_index").distinct()
    periods = {Period(year, PeriodKind(kind), index) for year, kind, index in keys}
    return sorted(periods, key=lambda period: (period.year, period.end_month, period.kind), reverse=True)


def unit_plan_ids(unit: Unit) -> QuerySet[Plan]:
    """Ids of the plans in which the unit has a part, as a subquery."""
    rows = Assignment.objects.filter(unit=unit)
    return Plan.objects.filter(Q(tasks__assignments__in=rows) | Q(indicators__assignments__in=rows)).values("pk")
