"""Writes to the reporting calendar. Each service checks the actor's right through the policy,
validates, writes in one transaction and records one audit event."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from theodoi.accounts import policy
from theodoi.accounts.choices import Role
from theodoi.accounts.models import User
from theodoi.audit.services import audit_record, model_snapshot
from theodoi.core.errors import ApplicationError
from theodoi.notifications.inbox import notify
from theodoi.periods.choices import BeforeDay, DayKind, ExtensionState, HaltKind, WindowMode
from theodoi.periods.models import (
    DayOff,
    ExtensionRequest,
    ReportingPeriod,
    ReportingSchedule,
    TaskEvent,
    TaskHalt,
    UnitReport,
)
from theodoi.periods.selectors import assignment_item, obligations_for_period, plan_workdays, work_calendar
from theodoi.periods.submission import SubmissionRule, read_submission_clause
from theodoi.plans.choices import DeadlineKind
from theodoi.plans.models import Assignment, Plan, Task


def _require(actor: Any, action: str, obj: Any) -> None:
    """The system (actor None: the worker, imports) may do anything; a person needs the right."""
    if actor is None:
        return
    if not policy.can(actor, action, obj):
        raise ApplicationError("Bạn không có quyền thực hiện thao tác này.")


def _require_coordinator(actor: Any) -> None:
    if actor is None or policy.is_admin(actor):
        return
    if not (actor.is_authenticated and actor.role == Role.COORDINATOR):
        raise ApplicationError("Chỉ cơ quan thường trực hoặc quản trị được cập nhật ngày nghỉ.")


def _clean(instance: Any, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        messages = [message for items in error.message_dict.values() for message in items]
        raise ApplicationError(" ".join(messages)) from error


# --- schedules and periods --------------------------------------------------------------------


def _schedule_span(schedule: ReportingSchedule) -> tuple[date, date]:
    plan = schedule.plan
    first_year = plan.period_from or (plan.issued_on.year if plan.issued_on else timezone.localdate().year)
    last_year = plan.period_to or first_year
    # Periods are taken by the end of their data window: a plan for 2026 reports on the periods
    # whose window closes in 2026 (its year report may still be due in early 2027).
    return schedule.starts_on or date(first_year, 1, 1), schedule.ends_on or date(last_year, 12, 31)


def _periods_redate(schedule: ReportingSchedule, now: datetime) -> dict[str, int]:
    """Bring the plan's period rows in line with its schedule. Periods already due keep their
    deadline; those to come take the new one; those the schedule dropped go, unless a unit
    already sent its report for them."""
    start, end = _schedule_span(schedule)
    wanted = schedule.submission_schedule().periods_between(start, end, work_calendar())
    existing = {row.period: row for row in ReportingPeriod.objects.filter(plan=schedule.plan)}
    counts = {"created": 0, "redated": 0, "removed": 0}
    for period, due in wanted:
        window = period.window(schedule.window_mode)
        row = existing.pop(period, None)
        if row is None:
            ReportingPeriod.objects.create(
                plan=schedule.plan, kind=period.kind, year=period.year, index=period.index,
                window_start=window[0], window_end=window[1], due_at=due, original_due_at=due,
            )  # fmt: skip
            counts["created"] += 1
        elif row.due_at > now and (row.due_at != due or (row.window_start, row.window_end) != window):
            row.due_at, (row.window_start, row.window_end) = due, window
            row.save(update_fields=["due_at", "window_start", "window_end"])
            counts["redated"] += 1
    for row in existing.values():
        if row.due_at > now and not row.unit_reports.filter(submitted_at__isnull=False).exists():
            row.delete()
            counts["removed"] += 1
    return counts


@transaction.atomic
def schedule_set(
    *,
    actor: Any,
    plan: Plan,
    clause_text: str = "",
    rules: list[SubmissionRule] | None = None,
    window_mode: str = WindowMode.DECREE_09,
    before_day: str = BeforeDay.INCLUSIVE,
    roll_to_working_day: bool = False,
    due_soon_days: int = 3,
    starts_on: date | None = None,
    ends_on: date | None = None,
    now: datetime | None = None,
) -> ReportingSchedule:
    """Set or change a plan's reporting schedule; rules are read from the clause when not given."""
    _require(actor, policy.CHANGE, plan)
    if rules is None:
        rules = list(read_submission_clause(clause_text, before_day=before_day))
    if not rules:
        raise ApplicationError(
            "Không đọc được hạn gửi báo cáo từ nội dung đã nhập (ví dụ: “Trước 17h00 ngày 12 hằng tháng”)."
        )
    schedule = ReportingSchedule.objects.select_for_update().filter(plan=plan).first()
    before = model_snapshot(schedule) if schedule else None
    now = now or timezone.now()
    schedule = schedule or ReportingSchedule(plan=plan, active_from=now)
    schedule.clause_text = clause_text
    schedule.rules = [rule.to_dict() for rule in rules]
    schedule.window_mode, schedule.before_day = window_mode, before_day
    schedule.roll_to_working_day, schedule.due_soon_days = roll_to_working_day, due_soon_days
    schedule.starts_on, schedule.ends_on = starts_on, ends_on
    schedule.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    _clean(schedule, exclude=["plan"])
    schedule.save()
    counts = _periods_redate(schedule, now)
    audit_record(
        actor=actor, action="periods.schedule_set", target=plan,
        before=before, after={**model_snapshot(schedule), "periods": counts},
    )  # fmt: skip
    return schedule


def _redate_rolling_schedules(now: datetime) -> int:
    """Days off changed: re-date the periods to come of the plans that roll to working days."""
    total = 0
    for schedule in ReportingSchedule.objects.filter(roll_to_working_day=True).select_related("plan"):
        total += _periods_redate(schedule, now)["redated"]
    return total


@transaction.atomic
def day_off_set(
    *, actor: Any, day: date, name: str, kind: str = DayKind.DAY_OFF, now: datetime | None = None
) -> DayOff:
    """Enter a day off or a swapped working day the government announced."""
    _require_coordinator(actor)
    row = DayOff.objects.select_for_update().filter(day=day).first()
    before = model_snapshot(row) if row else None
    row = row or DayOff(day=day)
    row.name, row.kind = name.strip(), kind
    row.created_by = actor if getattr(actor, "is_authenticated", False) else None
    _clean(row, exclude=["day"] if before else None)
    row.save()
    redated = _redate_rolling_schedules(now or timezone.now())
    audit_record(
        actor=actor, action="periods.day_off_set", target=row, before=before,
        after={**model_snapshot(row), "periods_redated": redated},
    )  # fmt: skip
    return row


@transaction.atomic
def day_off_delete(*, actor: Any, day_off: DayOff, now: datetime | None = None) -> None:
    _require_coordinator(actor)
    before = model_snapshot(day_off)
    audit_record(actor=actor, action="periods.day_off_delete", target=day_off, before=before)
    day_off.delete()
    _redate_rolling_schedules(now or timezone.now())


# --- obligations and unit reports ---------------------------------------------------------------


@transaction.atomic
def unit_reports_open(*, actor: Any, period: ReportingPeriod) -> list[UnitReport]:
    """Create the report each owing unit must send for a period (idempotent)."""
    _require(actor, policy.CHANGE, period.plan)
    have = set(UnitReport.objects.filter(period=period).values_list("unit_id", flat=True))
    missing = [obligation.unit.pk for obligation in obligations_for_period(period) if obligation.unit.pk not in have]
    # One read and one insert per period (the worker asks every minute); a concurrent run's rows are kept.
    UnitReport.objects.bulk_create(
        [UnitReport(period=period, unit_id=unit_id) for unit_id in missing], ignore_conflicts=True
    )
    created = list(UnitReport.objects.filter(period=period, unit_id__in=missing).order_by("pk")) if missing else []
    if created:
        audit_record(
            actor=actor, action="periods.unit_reports_open", target=period,
            after={"units": [row.unit_id for row in created]},
        )  # fmt: skip
    return created


def unit_reports_open_due(*, now: datetime) -> int:
    """For the worker: open the unit reports of every period whose window has begun. Periods
    still to fall due are looked at again on each run, so a unit given a task meanwhile owes its
    report too. Periods already past due when the plan's schedule was first set stay closed:
    nobody could have reported them in theodoi, and opening them would greet every unit with
    overdue reminders."""
    opened = 0
    periods = ReportingPeriod.objects.filter(
        Q(unit_reports__isnull=True) | Q(due_at__gte=now),
        window_start__lte=timezone.localdate(now),
        due_at__gte=F("plan__reporting_schedule__active_from"),
    )
    for period in periods.select_related("plan").distinct():
        opened += len(unit_reports_open(actor=None, period=period))
    return opened


@transaction.atomic
def unit_report_submit(*, actor: Any, unit_report: UnitReport, at: datetime | None = None) -> UnitReport:
    """Record that a unit sent its report for a period (called by the submissions app)."""
    row = UnitReport.objects.select_for_update().get(pk=unit_report.pk)
    if actor is not None and not policy.can(actor, policy.READ, row.period.plan):
        raise ApplicationError("Bạn không có quyền gửi báo cáo của kế hoạch này.")
    if actor is not None and row.unit_id not in policy.unit_subtree_ids(actor.unit) and not policy.is_admin(actor):
        raise ApplicationError("Chỉ đơn vị được giao mới gửi được báo cáo này.")
    if row.submitted_at is not None:
        raise ApplicationError(f"Báo cáo {row.period.label} của {row.unit} đã được gửi.")
    row.submitted_at = at or timezone.now()
    row.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    row.save(update_fields=["submitted_at", "submitted_by"])
    audit_record(actor=actor, action="periods.unit_report_submit", target=row, after=model_snapshot(row))
    return row


# --- events, extensions, halts -----------------------------------------------------------------


@transaction.atomic
def task_event_record(*, actor: Any, task: Task, occurred_on: date, offset_days: int, note: str = "") -> TaskEvent:
    """Record that the event an event task waits for happened; it is then due `offset_days` later."""
    _require(actor, policy.CHANGE, task.plan)
    if task.deadline_kind != DeadlineKind.EVENT:
        raise ApplicationError(f"Nhiệm vụ {task.ref} không có thời hạn theo sự kiện.")
    if occurred_on > timezone.localdate():
        raise ApplicationError("Ngày xảy ra sự kiện không được sau ngày hôm nay.")
    row = TaskEvent.objects.select_for_update().filter(task=task).first()
    before = model_snapshot(row) if row else None
    row = row or TaskEvent(task=task)
    row.occurred_on, row.offset_days, row.note = occurred_on, offset_days, note.strip()
    row.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    _clean(row, exclude=["task"])
    row.save()
    audit_record(actor=actor, action="periods.task_event_record", target=task, before=before, after=model_snapshot(row))
    return row


def _due_in_force(assignment: Assignment, now: datetime) -> date:
    due = assignment_item(assignment, plan_workdays(assignment.task.plan)).due_as_of(now)
    if due is None:
        raise ApplicationError("Nhiệm vụ chưa có thời hạn cụ thể nên không thể gia hạn.")
    return timezone.localdate(due)


@transaction.atomic
def extension_request(
    *, actor: Any, assignment: Assignment, requested_due: date, reason: str, now: datetime | None = None
) -> ExtensionRequest:
    """A unit asks to extend its deadline, with a reason."""
    _require(actor, policy.REPORT, assignment)
    now = now or timezone.now()
    if assignment.completed_on is not None:
        raise ApplicationError("Nhiệm vụ đã hoàn thành, không cần gia hạn.")
    if not reason.strip():
        raise ApplicationError("Cần nêu lý do xin gia hạn.")
    previous = _due_in_force(assignment, now)
    if requested_due <= previous:
        raise ApplicationError(f"Hạn xin gia hạn phải sau hạn hiện tại ({previous:%d/%m/%Y}).")
    row = ExtensionRequest(
        assignment=assignment, previous_due=previous, requested_due=requested_due, reason=reason.strip(),
        requested_by=actor if getattr(actor, "is_authenticated", False) else None, requested_at=now,
    )  # fmt: skip
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:
        raise ApplicationError("Đã có một đề nghị gia hạn đang chờ quyết định cho nhiệm vụ này.") from error
    task = assignment.task
    notify(
        User.objects.filter(unit_id=task.plan.standing_unit_id, role=Role.COORDINATOR),
        title=f"{assignment.unit.name} xin gia hạn nhiệm vụ {task.ref} đến {requested_due:%d/%m/%Y}",
        body=f"Nhiệm vụ: {task.name}\nHạn hiện tại: {previous:%d/%m/%Y}\nLý do: {row.reason}",
        link=reverse("periods:extensions", kwargs={"plan_id": task.plan_id}),
    )
    audit_record(actor=actor, action="periods.extension_request", target=row, after=model_snapshot(row))
    return row


@transaction.atomic
def extension_decide(
    *, actor: Any, request: ExtensionRequest, approve: bool, note: str = "", now: datetime | None = None
) -> ExtensionRequest:
    """The coordinator approves or refuses a pending extension request; the decision is final."""
    row = (
        ExtensionRequest.objects.select_for_update(of=("self",))
        .select_related("assignment__task__plan")
        .get(pk=request.pk)
    )
    _require(actor, policy.REVIEW, row.assignment.task.plan)
    if row.state != ExtensionState.PENDING:
        raise ApplicationError("Đề nghị gia hạn này đã được quyết định.")
    if not approve and not note.strip():
        raise ApplicationError("Cần nêu lý do khi không đồng ý gia hạn.")
    before = model_snapshot(row)
    row.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    row.decided_at = now or timezone.now()
    row.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    row.decision_note = note.strip()
    row.save(update_fields=["state", "decided_at", "decided_by", "decision_note"])
    task = row.assignment.task
    verdict = "đồng ý" if approve else "không đồng ý"
    notify(
        [row.requested_by] if row.requested_by else [],
        title=f"Cơ quan thường trực {verdict} gia hạn nhiệm vụ {task.ref} đến {row.requested_due:%d/%m/%Y}",
        body=row.decision_note,
        link=reverse("periods:extension_new", kwargs={"assignment_id": row.assignment_id}),
    )
    audit_record(actor=actor, action="periods.extension_decide", target=row, before=before, after=model_snapshot(row))
    return row


@transaction.atomic
def task_halt(*, actor: Any, task: Task, effective_on: date, reason: str, kind: str = HaltKind.STOPPED) -> TaskHalt:
    """Stop or adjust a task from a date, with the reason (e.g. the decision that adjusted it)."""
    _require(actor, policy.CHANGE, task.plan)
    if not reason.strip():
        raise ApplicationError("Cần nêu lý do dừng hoặc điều chỉnh nhiệm vụ.")
    row = TaskHalt.objects.select_for_update().filter(task=task).first()
    before = model_snapshot(row) if row else None
    row = row or TaskHalt(task=task)
    row.kind, row.effective_on, row.reason = kind, effective_on, reason.strip()
    row.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    _clean(row, exclude=["task"])
    row.save()
    audit_record(actor=actor, action="periods.task_halt", target=task, before=before, after=model_snapshot(row))
    return row
