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
from typing import Any

from django.db.models import Q, QuerySet

from theodoi.accounts import policy
from theodoi.periods.choices import ExtensionState
from theodoi.periods.selectors import assignment_status, assignments_with_history, open_deadlines, plan_workdays
from theodoi.periods.status import Reading, Status, combine
from theodoi.periods.windows import Period, PeriodKind
from theodoi.periods.workdays import WorkCalendar
from theodoi.plans.choices import AssignmentRole
from theodoi.plans.models import Assignment, Plan, Task
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import Report, TaskItem
from theodoi.units.models import Unit

from .layout import Issuer

# Words left out of a unit's abbreviation ("Sở Khoa học và Công nghệ" → "SKHCN").
_SMALL_WORDS = {"và", "của", "các", "tỉnh", "thành", "phố"}


def unit_symbol(unit: Unit) -> str:
    """The abbreviation used in document numbers: the short name when it is one word, else the
    initials of the name."""
    short = unit.short_name.strip()
    if short and " " not in short:
        return short.upper()
    words = [word for word in re.split(r"[\s,]+", unit.name) if word and word.casefold() not in _SMALL_WORDS]
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
    """ "Kế hoạch số 12/KH-SKHCN ngày 15/01/2026 của … về …" as a document cites another."""
    kind = plan.get_kind_display()
    number = f" số {plan.number}" if plan.number else ""
    issued = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
    issuer = f" của {plan.issuer or plan.owner.name}"
    return f"{kind}{number}{issued}{issuer} về {plan.title[:1].lower()}{plan.title[1:]}"


def day_text(moment: date | datetime | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        from theodoi.periods.submission import VIETNAM_TZ

        moment = moment.astimezone(VIETNAM_TZ).date()
    return f"{moment:%d/%m/%Y}"


# --- statuses, in bulk ----------------------------------------------------------------------------


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


def _period_order(report: Report) -> tuple[int, int, int]:
    period = report.period
    return (period.year, period.end_month, -list(PeriodKind).index(period.kind))


def latest_items(items: QuerySet[TaskItem]) -> dict[tuple[int, int], TaskItem]:
    """The latest accepted item of each (task, unit) among `items`, by period then acceptance."""
    rows = items.filter(report__state=ReportState.ACCEPTED).select_related("report").defer("flags")
    found: dict[tuple[int, int], TaskItem] = {}
    for item in rows:
        key = (item.task_id, item.report.unit_id)
        held = found.get(key)
        rank = (_period_order(item.report), item.report.accepted_at)
        if held is None or rank > (_period_order(held.report), held.report.accepted_at):
            found[key] = item
    return found


def item_result(item: TaskItem | None) -> str:
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


def item_proposals(item: TaskItem | None) -> str:
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


def _joined(rows: list[Assignment], items: dict[tuple[int, int], TaskItem], pick: Any) -> str:
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
    assignments = list(assignments_with_history(visible).order_by("task__plan_id", "task__position", "pk"))
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
