"""Writes to the reports themselves: opening a period, drafts, submission, the leader's approval, review,
reopening. Each service asks the policy, validates, writes in one transaction with the report row
locked, and records one audit event.

Concurrency: every write locks the report row (`select_for_update`; SQLite's IMMEDIATE
transactions serialise writers) and bumps `Report.version`. Edits carry the version they were
based on; a stale one is refused with the differences shown, never silently overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from theodoi.accounts import policy
from theodoi.audit.services import audit_record
from theodoi.core.errors import ApplicationError
from theodoi.periods.windows import Period
from theodoi.plans.models import Plan
from theodoi.submissions import items as content
from theodoi.submissions.choices import EDITABLE_STATES, ReportState
from theodoi.submissions.completion import completions_apply, completions_undo
from theodoi.submissions.models import (
    ExternalValue,
    IndicatorCheckRule,
    IndicatorItem,
    PlanReportingSettings,
    Report,
    ReportVersion,
    ReviewComment,
    TaskItem,
)
from theodoi.submissions.obligations import Owed, period_due_at, period_obligations, period_window

SENT_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)


def _require(allowed: bool, message: str = "Bạn không có quyền thực hiện thao tác này với báo cáo.") -> None:
    if not allowed:
        raise ApplicationError(message)


def _clean(instance: Any, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages)) from error


def _lock(report: Report) -> Report:
    # OF self: a plain FOR UPDATE would also lock the joined plan and unit rows, so every unit
    # saving a report of the same plan would queue behind one another (the whole province, at the deadline).
    return Report.objects.select_for_update(of=("self",)).select_related("plan", "unit").get(pk=report.pk)


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%H:%M ngày %d/%m/%Y") if moment else "không rõ lúc nào"


def _who(user: Any) -> str:
    return str(user) if user is not None else "người khác"


def _require_editable(report: Report) -> None:
    if report.state in EDITABLE_STATES:
        return
    if report.state == ReportState.ACCEPTED:
        raise ApplicationError(
            f"Báo cáo {report.period.label} của {report.unit} đã được chấp nhận và khóa; "
            "muốn sửa phải đề nghị cơ quan thường trực mở lại."
        )
    raise ApplicationError(
        f"Báo cáo {report.period.label} của {report.unit} đang ở trạng thái “{report.get_state_display()}” "
        f"(từ {_when(report.submitted_at or report.last_saved_at)}), không sửa hay nộp lại được."
    )


def _bump(report: Report, actor: Any, now: datetime) -> None:
    report.version += 1
    report.last_saved_at = now
    report.last_saved_by = actor if getattr(actor, "is_authenticated", False) else None


# --- opening a period -----------------------------------------------------------------------------


@transaction.atomic
def reports_open_period(*, actor: Any, plan: Plan, period: Period) -> list[Report]:
    """Create a "chưa nộp" report for every unit that owes one for `period`, with an empty item for
    each task and indicator it owes. Idempotent: run again, it only adds what became owed since
    (to reports the unit can still edit). Returns the reports created."""
    allowed = actor is None or policy.can_open_reporting_period(actor, plan)
    _require(allowed, "Chỉ cơ quan thường trực mở được kỳ báo cáo.")
    first, last = plan.period_from, plan.period_to
    if (first is not None and period.year < first) or (last is not None and period.year > last):
        span = f"{first or '…'}–{last or '…'}"
        raise ApplicationError(f"Kỳ {period.label} nằm ngoài thời gian thực hiện kế hoạch ({span}).")
    # Openings of the same plan run one after the other (the worker and a coordinator may start one
    # at the same moment), so each report is created, and counted as created, by exactly one of them.
    list(Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk", flat=True))
    due = period_due_at(plan, period)
    obligations = period_obligations(plan, period)
    of_period = Report.objects.filter(
        plan=plan, period_kind=period.kind, period_year=period.year, period_index=period.index
    )
    have = set(of_period.values_list("unit_id", flat=True))
    missing = [owed.unit.pk for owed in obligations if owed.unit.pk not in have]
    # The worker runs this every minute for every open period: one query for what exists, one insert for
    # what is missing (a concurrent run may have added some: ignore_conflicts, then read back).
    Report.objects.bulk_create(
        [Report(plan=plan, unit_id=unit_id, period_kind=period.kind, period_year=period.year,
                period_index=period.index, due_at=due) for unit_id in missing],
        ignore_conflicts=True,
    )  # fmt: skip
    # Locked so that two openings at once (the worker and a coordinator) add each item once.
    locked = of_period.select_for_update().filter(unit_id__in=[o.unit.pk for o in obligations])
    reports = {report.unit_id: report for report in locked}
    created = sorted((reports[unit_id] for unit_id in missing if unit_id in reports), key=lambda r: r.pk)
    editable = [(reports[owed.unit.pk], owed) for owed in obligations if reports[owed.unit.pk].state in EDITABLE_STATES]
    added = _add_missing_items(editable)
    if created or added:
        audit_record(
            actor=actor, action="submissions.reports_open_period", target=plan,
            after={"period": period.key, "reports": [report.pk for report in created], "items_added": added},
        )  # fmt: skip
    return created


def reports_open_due(*, now: datetime) -> int:
    """For the worker: open the reports of every calendar period whose data window has begun, as
    the calendar's `unit_reports_open_due` does: periods still to fall due are looked at on each
    run (a unit given a task meanwhile owes a report too); periods already past due when the
    schedule was set stay closed. Returns the number of reports created."""
    from theodoi.periods.models import ReportingPeriod

    opened = Report.objects.filter(
        plan_id=OuterRef("plan_id"), period_kind=OuterRef("kind"), period_year=OuterRef("year"),
        period_index=OuterRef("index"),
    )  # fmt: skip
    periods = (
        ReportingPeriod.objects.filter(
            ~Exists(opened) | Q(due_at__gte=now),
            window_start__lte=timezone.localdate(now), due_at__gte=F("plan__reporting_schedule__active_from"),
        )
        .select_related("plan")
        .order_by("due_at", "pk")
    )
    return sum(len(reports_open_period(actor=None, plan=row.plan, period=row.period)) for row in periods)


def _add_missing_items(reports: Sequence[tuple[Report, Owed]]) -> int:
    """Give each report an empty item for every task and indicator it owes and lacks (in two reads
    and two inserts for the whole period, whatever the number of units)."""
    ids = [report.pk for report, _ in reports]
    have_tasks = set(TaskItem.objects.filter(report_id__in=ids).values_list("report_id", "task_id"))
    have_indicators = set(IndicatorItem.objects.filter(report_id__in=ids).values_list("report_id", "indicator_id"))
    new_tasks = [
        TaskItem(report=report, task=task)
        for report, owed in reports
        for task in owed.tasks
        if (report.pk, task.pk) not in have_tasks
    ]
    new_indicators = [
        IndicatorItem(report=report, indicator=indicator)
        for report, owed in reports
        for indicator in owed.indicators
        if (report.pk, indicator.pk) not in have_indicators
    ]
    TaskItem.objects.bulk_create(new_tasks, batch_size=2000, ignore_conflicts=True)
    IndicatorItem.objects.bulk_create(new_indicators, batch_size=2000, ignore_conflicts=True)
    return len(new_tasks) + len(new_indicators)


# --- drafts -------------------------------------------------------------------------------------


@transaction.atomic
def report_save_draft(
    *, actor: Any, report: Report, items: Sequence[Mapping[str, Any]], expected_version: int,
    now: datetime | None = None,
) -> Report:
    """Save what the unit typed so far. `items` are {"task": id, field: value, …} or
    {"indicator": id, …}; only the fields given change. Drafts need not be complete, but each value
    must be valid (numbers, ranges, choices)."""
    now = now or timezone.now()
    locked = _lock(report)
    _require(policy.can_edit_report(actor, locked), "Chỉ cán bộ, lãnh đạo của đơn vị được sửa báo cáo này.")
    _require_editable(locked)
    _require_version(locked, expected_version, items)
    before, after = _apply_items(locked, items)
    refresh_report_figures(locked)
    if locked.state == ReportState.NOT_SUBMITTED:
        locked.state = ReportState.DRAFT
    _bump(locked, actor, now)
    locked.save()
    audit_record(actor=actor, action="submissions.report_save_draft", target=locked, before=before, after=after)
    return locked


def report_import_spreadsheet(*, actor: Any, report: Report, upload: IO[bytes], now: datetime | None = None) -> Report:
    """Save a filled-in workbook of the report as a draft: every cell is checked and every error
    listed by sheet, row and column; nothing is saved unless the whole workbook is right. The
    workbook carries the version it was downloaded at, so a stale one is refused like a stale save."""
    from theodoi.submissions.spreadsheet import read_report_workbook

    _require(policy.can_edit_report(actor, report), "Chỉ cán bộ, lãnh đạo của đơn vị được nhập báo cáo từ tệp.")
    parsed = read_report_workbook(report, upload)
    try:
        return report_save_draft(
            actor=actor, report=report, items=parsed.items, expected_version=parsed.version, now=now
        )
    except ApplicationError as error:
        problems = error.extra.get("errors")
        if not isinstance(problems, list):
            raise
        located = []
        for problem in problems:
            sheet, row, column = parsed.cells.get((problem.get("key", ""), problem["field"]), ("", 0, ""))
            located.append({**problem, "sheet": sheet, "row": row, "column": column})
        raise ApplicationError(error.message, extra={**error.extra, "errors": located}) from error


def _require_version(report: Report, expected_version: int, items: Sequence[Mapping[str, Any]]) -> None:
    if report.version == expected_version:
        return
    differences = _differences_with_saved(report, items)
    lines = "; ".join(
        f"{row['label']} – {row['field_label']}: đã lưu “{row['saved']}”, của bạn “{row['yours']}”"
        for row in differences
    )
    message = (
        f"Báo cáo vừa được {_who(report.last_saved_by)} lưu lúc {_when(report.last_saved_at)} "
        f"(phiên bản {report.version}; bạn đang sửa phiên bản {expected_version}). "
        "Nội dung của bạn chưa được lưu; hãy xem lại rồi lưu lần nữa."
    )
    if lines:
        message += f" Những chỗ khác nhau: {lines}."
    raise ApplicationError(message, extra={"current_version": report.version, "differences": differences})


def _require_reviewed_version(report: Report, expected_version: int | None) -> None:
    """A review decision is about what the reviewer saw: refused when the report changed since."""
    if expected_version is None or report.version == expected_version:
        return
    raise ApplicationError(
        f"Báo cáo đã thay đổi từ khi bạn mở nó: {_who(report.last_saved_by)} đã thao tác lúc "
        f"{_when(report.last_saved_at)} (phiên bản {report.version}; bạn đang xem phiên bản {expected_version}). "
        "Quyết định của bạn chưa được ghi; hãy tải lại trang, xem lại báo cáo rồi thao tác lần nữa.",
        extra={"current_version": report.version},
    )


def _differences_with_saved(report: Report, items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """For each field the stale edit sets, the saved value when it differs from the edit's."""
    found: list[dict[str, Any]] = []
    index = _item_index(report)
    for entry in items:
        item = _find_item(report, entry, index)
        if item is None:
            continue
        for name, raw in entry.items():
            if name in ("task", "indicator") or name not in _fields_of(item):
                continue
            model_field = type(item)._meta.get_field(name)
            try:
                yours = model_field.to_python(content.blank_to_empty(model_field, raw))
            except ValidationError:
                yours = raw
            saved = getattr(item, name)
            if saved != yours:
                found.append({
                    "item": content.item_key(item), "label": content.item_label(item), "field": name,
                    "field_label": content.field_label(type(item), name),
                    "saved": _shown(saved), "yours": _shown(yours),
                })  # fmt: skip
    return found


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    return str(value)


def _fields_of(item: TaskItem | IndicatorItem) -> tuple[str, ...]:
    return content.TASK_FIELDS if isinstance(item, TaskItem) else content.INDICATOR_FIELDS


ItemIndex = tuple[dict[int, TaskItem], dict[int, IndicatorItem]]


def _item_index(report: Report) -> ItemIndex:
    """Every item of the report by task and indicator id, read in two queries (not one per entry:
    an autosave posts the whole form)."""
    return (
        {item.task_id: item for item in report.task_items.select_related("task")},
        {item.indicator_id: item for item in report.indicator_items.select_related("indicator")},
    )


def _find_item(
    report: Report, entry: Mapping[str, Any], index: ItemIndex | None = None
) -> TaskItem | IndicatorItem | None:
    if entry.get("task") is None and entry.get("indicator") is None:
        return None
    tasks, indicators = index or _item_index(report)
    if entry.get("task") is not None:
        return tasks.get(_int(entry["task"]))
    return indicators.get(_int(entry["indicator"]))


def _int(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**63 else 0


def _apply_items(report: Report, items: Sequence[Mapping[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply every entry or none: all problems are collected and reported together."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    problems: list[content.Problem] = []
    changed: list[TaskItem | IndicatorItem] = []
    index = _item_index(report)
    for position, entry in enumerate(items, start=1):
        item = _find_item(report, entry, index)
        if item is None:
            problems.append(content.Problem(f"Dòng {position}", "", "Nội dung này không thuộc báo cáo của kỳ."))
            continue
        values = {name: value for name, value in entry.items() if name not in ("task", "indicator")}
        old, found = content.apply_fields(item, values)
        problems += found + content.validation_problems(item)
        if old:
            key = content.item_key(item)
            before[key] = old
            after[key] = {name: getattr(item, name) for name in old}
            changed.append(item)
    if problems:
        raise ApplicationError(
            f"Chưa lưu được: có {len(problems)} chỗ chưa hợp lệ. " + " ".join(
                f"{problem.item} – {problem.message}" for problem in problems
            ),
            extra={"errors": [problem.as_dict() for problem in problems]},
        )
    for item in changed:
        item.save()
    return before, after


# --- figures derived from the items ---------------------------------------------------------------


def refresh_report_figures(report: Report) -> None:
    """Copy the latest extracted values into the items, and recompute flags and "đạt"."""
    _, period_end = period_window(report.plan, report.period)
    for task_item in report.task_items.select_related("task"):
        flags = [flag.as_dict() for flag in content.task_flags(task_item, period_end)]
        if flags != task_item.flags:
            task_item.flags = flags
            task_item.save(update_fields=["flags"])
    indicator_items = list(report.indicator_items.select_related("indicator"))
    ids = [item.indicator_id for item in indicator_items]
    rules = {rule.indicator_id: rule for rule in IndicatorCheckRule.objects.filter(indicator_id__in=ids)}
    externals = _latest_external_values(report, ids)
    previous = previous_values(report)
    derived = list(content.DERIVED_INDICATOR_FIELDS)
    for item in indicator_items:
        before = [getattr(item, name) for name in derived]
        _copy_external(item, externals.get(item.indicator_id))
        content.refresh_indicator(item, rules.get(item.indicator_id), previous.get(item.indicator_id))
        if [getattr(item, name) for name in derived] != before:  # an autosave rarely changes them
            item.save(update_fields=derived)


def _latest_external_values(report: Report, indicator_ids: list[int]) -> dict[int, ExternalValue]:
    rows = ExternalValue.objects.filter(
        unit=report.unit, indicator_id__in=indicator_ids, period_kind=report.period_kind,
        period_year=report.period_year, period_index=report.period_index, system__is_active=True,
    ).select_related("system").order_by("indicator_id", "-extracted_at", "-pk")  # fmt: skip
    latest: dict[int, ExternalValue] = {}
    for row in rows:
        latest.setdefault(row.indicator_id, row)
    return latest


def _copy_external(item: IndicatorItem, row: ExternalValue | None) -> None:
    item.extracted_numerator = row.numerator if row else None
    item.extracted_denominator = row.denominator if row else None
    item.extracted_value = row.value if row else None
    item.extracted_system = row.system.name if row else ""
    item.extracted_at = row.extracted_at if row else None


def previous_values(report: Report) -> dict[int, Decimal]:
    """Each indicator's value in the unit's last report of the same kind sent before this period."""
    earlier = Q(period_year__lt=report.period_year) | Q(
        period_year=report.period_year, period_index__lt=report.period_index
    )
    previous = (
        Report.objects.filter(earlier, plan_id=report.plan_id, unit_id=report.unit_id, period_kind=report.period_kind)
        .filter(state__in=SENT_STATES)
        .order_by("-period_year", "-period_index")
        .first()
    )
    if previous is None:
        return {}
    found: dict[int, Decimal] = {}
    for item in previous.indicator_items.select_related("indicator"):
        value = content.effective_figures(item).value
        if value is not None:
            found[item.indicator_id] = value
    return found


# --- submission -----------------------------------------------------------------------------------


@transaction.atomic
def report_submit(
    *, actor: Any, report: Report, expected_version: int, deadline: datetime | None = None,
    now: datetime | None = None,
) -> Report:
    """Submit the whole report or nothing. Every item must be complete (difficulties, causes and
    remedies when late or at risk) and pass the checks. Late submission is accepted and marked
    late. When the plan asks for it, the report goes to the unit's leader first (unless the leader
    submits it)."""
    now = now or timezone.now()
    if deadline is not None and timezone.is_naive(deadline):
        raise ApplicationError("Hạn nộp phải có múi giờ.")
    locked = _lock(report)
    _require(policy.can_edit_report(actor, locked), "Chỉ cán bộ, lãnh đạo của đơn vị được nộp báo cáo này.")
    _require_editable(locked)
    _require_version(locked, expected_version, ())
    refresh_report_figures(locked)
    problems = submission_problems(locked, now)
    if problems:
        raise ApplicationError(
            f"Báo cáo chưa nộp được: còn {len(problems)} chỗ cần hoàn thiện.",
            extra={"errors": [problem.as_dict() for problem in problems]},
        )
    before = locked.state
    if deadline is not None:
        locked.due_at = deadline
    elif locked.due_at is None:
        locked.due_at = period_due_at(locked.plan, locked.period)
    locked.submitted_by = actor
    if requires_leader_approval(locked.plan) and not policy.can_approve_report(actor, locked):
        locked.state = ReportState.AWAITING_LEADER
    else:
        _send_to_agency(locked, actor, now)
    _bump(locked, actor, now)
    locked.save()
    audit_record(
        actor=actor, action="submissions.report_submit", target=locked, before={"state": before},
        after={"state": locked.state, "is_late": locked.is_late, "due_at": locked.due_at},
    )  # fmt: skip
    return locked


@transaction.atomic
def report_save_and_submit(
    *, actor: Any, report: Report, items: Sequence[Mapping[str, Any]], expected_version: int,
    now: datetime | None = None,
) -> Report:
    """Save what is on the screen and submit it: both or neither, so a refused submission leaves
    the report exactly as it was (what was typed is shown again, not half saved)."""
    if items:
        report = report_save_draft(actor=actor, report=report, items=items, expected_version=expected_version, now=now)
        expected_version = report.version
    return report_submit(actor=actor, report=report, expected_version=expected_version, now=now)


def requires_leader_approval(plan: Plan) -> bool:
    return PlanReportingSettings.objects.filter(plan=plan, requires_leader_approval=True).exists()


def submission_problems(report: Report, now: datetime) -> list[content.Problem]:
    """Everything that keeps the report from being submitted, item by item."""
    _, period_end = period_window(report.plan, report.period)
    today = timezone.localdate(now)
    problems: list[content.Problem] = []
    for task_item in report.task_items.select_related("task"):
        problems += content.task_problems(task_item, period_end, today)
    indicator_items = list(report.indicator_items.select_related("indicator"))
    rules = {
        rule.indicator_id: rule
        for rule in IndicatorCheckRule.objects.filter(indicator_id__in=[item.indicator_id for item in indicator_items])
    }
    evidence_counts = _evidence_counts(report)
    for indicator_item in indicator_items:
        count = evidence_counts.get(indicator_item.pk, 0)
        problems += content.indicator_problems(indicator_item, count, rules.get(indicator_item.indicator_id))
    return problems


def _evidence_counts(report: Report) -> dict[int, int]:
    counts: dict[int, int] = {}
    for item_id in report.evidence.filter(indicator_item__isnull=False).values_list("indicator_item_id", flat=True):
        counts[item_id] = counts.get(item_id, 0) + 1
    return counts


def _send_to_agency(report: Report, actor: Any, now: datetime) -> None:
    """The report reaches the standing agency: timestamp, lateness (judged on first arrival), a
    frozen version, and the calendar told that the unit has reported."""
    report.state = ReportState.SUBMITTED
    report.submitted_at = now
    if report.first_submitted_at is None:
        report.first_submitted_at = now
        report.is_late = report.due_at is not None and now > report.due_at
        _tell_calendar(report, actor, now)
    number = report.versions.count() + 1
    ReportVersion.objects.create(
        report=report, number=number, snapshot=report_snapshot(report, now), created_at=now,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip


def _tell_calendar(report: Report, actor: Any, now: datetime) -> None:
    from theodoi.periods.models import UnitReport
    from theodoi.periods.services import unit_report_submit

    row = UnitReport.objects.filter(
        period__plan_id=report.plan_id, period__kind=report.period_kind, period__year=report.period_year,
        period__index=report.period_index, unit_id=report.unit_id, submitted_at__isnull=True,
    ).first()  # fmt: skip
    if row is not None:
        unit_report_submit(actor=actor, unit_report=row, at=now)


def report_snapshot(report: Report, now: datetime) -> dict[str, Any]:
    evidence = list(report.evidence.order_by("pk"))
    tasks = [
        content.item_snapshot(item, [row for row in evidence if row.task_item_id == item.pk])
        for item in report.task_items.select_related("task").order_by("task__position")
    ]
    indicators = [
        content.item_snapshot(item, [row for row in evidence if row.indicator_item_id == item.pk])
        for item in report.indicator_items.select_related("indicator").order_by("indicator__position")
    ]
    return {
        "report": report.pk, "plan": report.plan_id, "unit": report.unit_id, "unit_name": report.unit.name,
        "period": report.period.key, "period_label": report.period.label, "taken_at": now.isoformat(),
        "due_at": report.due_at.isoformat() if report.due_at else None, "is_late": report.is_late,
        "items": tasks + indicators,
    }  # fmt: skip


@transaction.atomic
def report_approve_by_leader(
    *, actor: Any, report: Report, now: datetime | None = None, expected_version: int | None = None
) -> Report:
    """The unit's leader approves a report waiting for them; it then goes to the standing agency."""
    now = now or timezone.now()
    locked = _lock(report)
    _require(policy.can_approve_report(actor, locked), "Chỉ lãnh đạo đơn vị được duyệt báo cáo này.")
    if locked.state != ReportState.AWAITING_LEADER:
        raise ApplicationError(f"Báo cáo đang ở trạng thái “{locked.get_state_display()}”, không chờ lãnh đạo duyệt.")
    _require_reviewed_version(locked, expected_version)
    locked.approved_by = actor
    _send_to_agency(locked, locked.submitted_by or actor, now)
    _bump(locked, actor, now)
    locked.save()
    audit_record(
        actor=actor, action="submissions.report_approve_by_leader", target=locked,
        before={"state": ReportState.AWAITING_LEADER}, after={"state": locked.state, "is_late": locked.is_late},
    )  # fmt: skip
    return locked


# --- review ---------------------------------------------------------------------------------------


@transaction.atomic
def report_return(
    *, actor: Any, report: Report, comments: Sequence[Mapping[str, Any]], now: datetime | None = None,
    expected_version: int | None = None,
) -> Report:
    """Send a report back to the unit with a comment on each item questioned ({"task": id,
    "text": …}, {"indicator": id, "text": …}, or {"text": …} on the whole report). The standing
    agency returns submitted reports; the unit's leader returns those waiting for approval."""
    now = now or timezone.now()
    locked = _lock(report)
    if locked.state == ReportState.AWAITING_LEADER:
        _require(policy.can_approve_report(actor, locked), "Chỉ lãnh đạo đơn vị được trả lại báo cáo này.")
    elif locked.state == ReportState.SUBMITTED:
        _require(policy.can_review_report(actor, locked), "Chỉ cơ quan thường trực của kế hoạch được trả lại báo cáo.")
    else:
        raise ApplicationError(f"Báo cáo đang ở trạng thái “{locked.get_state_display()}”, không trả lại được.")
    _require_reviewed_version(locked, expected_version)
    rows = _comment_rows(locked, comments, actor, now)
    ReviewComment.objects.bulk_create(rows)
    before = locked.state
    locked.state = ReportState.RETURNED
    _bump(locked, actor, now)
    locked.save()
    audit_record(
        actor=actor, action="submissions.report_return", target=locked, before={"state": before},
        after={"state": locked.state, "comments": [{"item": _comment_item(row), "text": row.text} for row in rows]},
    )  # fmt: skip
    return locked


def _comment_rows(
    report: Report, comments: Sequence[Mapping[str, Any]], actor: Any, now: datetime
) -> list[ReviewComment]:
    version = report.versions.order_by("-number").values_list("number", flat=True).first()
    rows: list[ReviewComment] = []
    index = _item_index(report)
    for entry in comments:
        text = str(entry.get("text") or "").strip()
        if not text:
            continue
        item = _find_item(report, entry, index)
        if item is None and (entry.get("task") is not None or entry.get("indicator") is not None):
            raise ApplicationError("Ý kiến gắn với một nội dung không thuộc báo cáo này.")
        rows.append(ReviewComment(
            report=report, version_number=version, text=text, author=actor, created_at=now,
            task_item=item if isinstance(item, TaskItem) else None,
            indicator_item=item if isinstance(item, IndicatorItem) else None,
        ))  # fmt: skip
    if not rows:
        raise ApplicationError("Trả lại báo cáo phải kèm ý kiến về nội dung cần sửa.")
    return rows


def _comment_item(row: ReviewComment) -> str:
    if row.task_item is not None:
        return content.item_key(row.task_item)
    if row.indicator_item is not None:
        return content.item_key(row.indicator_item)
    return "report"


@transaction.atomic
def report_accept(
    *, actor: Any, report: Report, now: datetime | None = None, expected_version: int | None = None
) -> Report:
    """The standing agency accepts a submitted report; it is then locked."""
    now = now or timezone.now()
    locked = _lock(report)
    _require(policy.can_review_report(actor, locked), "Chỉ cơ quan thường trực của kế hoạch được chấp nhận báo cáo.")
    if locked.state != ReportState.SUBMITTED:
        raise ApplicationError(f"Báo cáo đang ở trạng thái “{locked.get_state_display()}”, chưa thể chấp nhận.")
    _require_reviewed_version(locked, expected_version)
    locked.state = ReportState.ACCEPTED
    locked.accepted_at = now
    locked.accepted_by = actor
    _bump(locked, actor, now)
    locked.save()
    completions = completions_apply(locked)
    audit_record(
        actor=actor, action="submissions.report_accept", target=locked,
        before={"state": ReportState.SUBMITTED}, after={"state": locked.state, "completions": completions},
    )  # fmt: skip
    return locked


@transaction.atomic
def report_reopen(
    *, actor: Any, report: Report, reason: str, now: datetime | None = None, expected_version: int | None = None
) -> Report:
    """A coordinator reopens an accepted report for the unit to correct; the reason is kept."""
    now = now or timezone.now()
    locked = _lock(report)
    _require(policy.can_review_report(actor, locked), "Chỉ cơ quan thường trực của kế hoạch được mở lại báo cáo.")
    if locked.state != ReportState.ACCEPTED:
        raise ApplicationError("Chỉ mở lại được báo cáo đã được chấp nhận.")
    _require_reviewed_version(locked, expected_version)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("Mở lại báo cáo đã chấp nhận phải nêu lý do.")
    version = locked.versions.order_by("-number").values_list("number", flat=True).first()
    ReviewComment.objects.create(
        report=locked, version_number=version, text=reason, is_reopen_reason=True, author=actor, created_at=now
    )
    before = {"state": locked.state, "accepted_at": locked.accepted_at, "accepted_by": locked.accepted_by_id}
    locked.state = ReportState.RETURNED
    locked.accepted_at = None
    locked.accepted_by = None
    _bump(locked, actor, now)
    locked.save()
    # After the state change, so that this report no longer counts among the accepted ones still claiming.
    undone = completions_undo(locked)
    audit_record(
        actor=actor, action="submissions.report_reopen", target=locked, before=before,
        after={"state": locked.state, "reason": reason, "completions_undone": undone},
    )  # fmt: skip
    return locked
