"""Demo reports, so the dashboards have something to show: a few past periods of the seed plans
that have a reporting schedule, filed through the real submissions services.

Deterministic: which unit reports on time, late or not at all, and what it writes, follow from the
unit's place in code order and the period, never from the clock or chance. Re-running it changes
nothing: a report already sent is left alone and a "missing" one stays missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from theodoi.periods.windows import Period, PeriodKind
from theodoi.plans.models import Plan

# The seed plans (by source file) and the periods filed for each.
DEMO_PERIODS: dict[str, list[Period]] = {
    "004_b739e41cd6749cb2.txt": [Period(2026, PeriodKind.MONTH, index) for index in (2, 3)],
    "003_7aa614ab00280345.txt": [Period(2025, PeriodKind.MONTH, 12)],
}
# How a unit fares, by (its place in code order + the period's place) modulo the pattern's length.
PATTERN = ("missing", "late", "accepted", "accepted", "on_time", "accepted")


@dataclass(frozen=True)
class Filed:
    plan: Plan
    period: Period
    counts: dict[str, int]


def demo_reports(actor: Any) -> list[Filed]:
    from theodoi.submissions.models import Report
    from theodoi.submissions.services import reports_open_period

    filed = []
    for source_name, periods in DEMO_PERIODS.items():
        plan = Plan.objects.filter(source_name=source_name).first()
        if plan is None:
            continue
        for offset, period in enumerate(periods):
            reports_open_period(actor=actor, plan=plan, period=period)
            reports = (
                Report.objects.filter(
                    plan=plan, period_kind=period.kind, period_year=period.year, period_index=period.index
                )
                .select_related("unit", "plan")
                .order_by("unit__code")
            )
            counts: dict[str, int] = {}
            for place, report in enumerate(reports):
                fate = PATTERN[(place + offset) % len(PATTERN)]
                counts[fate] = counts.get(fate, 0) + 1
                file_report(report, actor=actor, fate=fate, seed=place + offset)
            filed.append(Filed(plan, period, counts))
    return filed


def file_report(report: Any, *, actor: Any, fate: str, seed: int) -> None:
    """Fill in `report` and send it on time or late (then accept it), or leave it missing."""
    from theodoi.submissions.choices import EDITABLE_STATES
    from theodoi.submissions.services import evidence_add, report_accept, report_save_draft, report_submit

    if fate == "missing" or report.state not in EDITABLE_STATES or report.due_at is None:
        return
    due: datetime = report.due_at
    sent_at = due + timedelta(days=3) if fate == "late" else due - timedelta(days=2)
    items = demo_items(report, seed, sent_at)
    report = report_save_draft(actor=actor, report=report, items=items, expected_version=report.version, now=sent_at)
    for item in report.indicator_items.all():
        evidence_add(
            actor=actor, report=report, item=item, url=f"https://example.gov.vn/bao-cao/{report.pk}/{item.pk}",
            title="Bảng tổng hợp số liệu (mẫu)",
        )  # fmt: skip
    report.refresh_from_db()
    report = report_submit(actor=actor, report=report, expected_version=report.version, now=sent_at)
    if fate in ("accepted", "late"):
        report_accept(actor=actor, report=report, now=sent_at + timedelta(days=1))


def demo_items(report: Any, seed: int, sent_at: datetime) -> list[dict[str, Any]]:
    """What the unit writes: tasks mostly under way, some done, some at risk; indicator figures near
    their targets, a few short of them."""
    from theodoi.submissions.models import IndicatorItem, TaskItem
    from theodoi.submissions.services.reports import period_window

    _, period_end = period_window(report.plan, report.period)
    done_by = min(period_end, timezone.localdate(sent_at) - timedelta(days=1))
    items: list[dict[str, Any]] = []
    for task_item in TaskItem.objects.filter(report=report).select_related("task"):
        items.append(_task_values(task_item, (seed + task_item.task.position) % 5, period_end, done_by))
    for indicator_item in IndicatorItem.objects.filter(report=report).select_related("indicator"):
        items.append(_indicator_values(indicator_item, seed))
    return items


def _task_values(item: Any, choice: int, period_end: date, done_by: date) -> dict[str, Any]:
    values: dict[str, Any] = {"task": item.task_id, "work_done": "Đã triển khai theo kế hoạch (dữ liệu mẫu)."}
    if choice == 0:
        values.update(progress="done", percent_done="100", product="Báo cáo kết quả (mẫu)", completed_on=done_by)
    elif choice == 1:
        values.update(progress="at_risk", percent_done="30")
    else:
        values.update(progress="in_progress", percent_done=str(20 * choice))
    due = item.task.deadline_due
    done_on = values.get("completed_on")
    late = due is not None and (done_on > due if done_on else due < period_end)
    if values["progress"] == "at_risk" or late:
        values.update(
            difficulties="Thiếu nhân lực, kinh phí (dữ liệu mẫu).", cause_kind="objective",
            causes="Nguồn lực được phân bổ chậm.", remedies="Đề nghị bổ sung nguồn lực trong quý tới.",
        )  # fmt: skip
    return values


def _indicator_values(item: Any, seed: int) -> dict[str, Any]:
    from theodoi.submissions.items import has_formula

    target = item.indicator.target_value or Decimal(80)
    # Within a few points of the target, below it for one unit in three.
    shift = Decimal((seed % 3) * 4 - 3)
    percent = max(Decimal(0), min(Decimal(100), target + shift))
    values: dict[str, Any] = {"indicator": item.indicator_id, "source_kind": "manual"}
    if has_formula(item):
        denominator = 200 + 10 * (seed % 7)
        values.update(numerator=str((percent * denominator / 100).quantize(Decimal(1))), denominator=str(denominator))
    else:
        values.update(value=str(percent if item.indicator.unit_of_measure.strip() == "%" else target))
    return values
