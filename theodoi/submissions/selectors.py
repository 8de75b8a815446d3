"""Reads over periodic reports: a period's reports and who has not reported, one report with its
items, flags, evidence, comments and versions, and the difference between two versions.

Every read that takes a `user` goes through `policy.restrict_reports`.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from theodoi.accounts import policy
from theodoi.core.errors import ApplicationError
from theodoi.periods.windows import Period
from theodoi.plans.models import Plan
from theodoi.submissions import items as content
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import (
    Evidence,
    IndicatorItem,
    Report,
    ReportVersion,
    ReviewComment,
    SourceSystem,
    TaskItem,
)
from theodoi.submissions.obligations import Owed, period_obligations
from theodoi.submissions.services.external import token_hash
from theodoi.units.models import Unit

NOT_YET_SENT = (ReportState.NOT_SUBMITTED, ReportState.DRAFT, ReportState.AWAITING_LEADER)


def reports_visible(user: Any, action: str = policy.READ) -> QuerySet[Report]:
    return policy.restrict_reports(Report.objects.select_related("plan", "unit"), user, action)


def report_obligations(plan: Plan, unit: Unit, period: Period) -> Owed:
    """What `unit` owes in its report for `period` (see `obligations.period_obligations`)."""
    return next((owed for owed in period_obligations(plan, period) if owed.unit.pk == unit.pk), Owed(unit))


# --- a period's reports ---------------------------------------------------------------------------


@dataclass
class PeriodOverview:
    """The reports of one period of a plan that a user may read, and who has not reported.

    `not_sent`: reports that have never reached the standing agency; `returned`: sent back and not
    yet resubmitted; `unopened`: units that owe a report for which none was opened yet.
    """

    period: Period
    reports: list[Report]
    counts: dict[str, int]
    not_sent: list[Report] = field(default_factory=list)
    returned: list[Report] = field(default_factory=list)
    late: list[Report] = field(default_factory=list)
    unopened: list[Unit] = field(default_factory=list)

    def overdue(self, now: datetime) -> list[Report]:
        """Reports still not sent when their deadline has passed."""
        return [report for report in self.not_sent if report.due_at is not None and report.due_at < now]


def period_reports(*, user: Any, plan: Plan, period: Period) -> PeriodOverview:
    reports = list(
        reports_visible(user)
        .filter(plan=plan, period_kind=period.kind, period_year=period.year, period_index=period.index)
        .order_by("unit__name")
    )
    counts = {state: 0 for state in ReportState.values}
    for report in reports:
        counts[report.state] += 1
    overview = PeriodOverview(period, reports, counts)
    overview.not_sent = [report for report in reports if report.first_submitted_at is None]
    overview.returned = [report for report in reports if report.state == ReportState.RETURNED]
    overview.late = [report for report in reports if report.is_late]
    if policy.can(user, policy.REVIEW, plan):
        have = {report.unit_id for report in reports}
        overview.unopened = [owed.unit for owed in period_obligations(plan, period) if owed.unit.pk not in have]
    return overview


# --- one report -----------------------------------------------------------------------------------


@dataclass
class ReportDetail:
    """A report with what the report and review screens show."""

    report: Report
    task_items: list[TaskItem]
    indicator_items: list[IndicatorItem]
    versions: list[ReportVersion]
    comments: list[ReviewComment]
    figures: dict[int, content.Figures]
    can_edit: bool
    can_review: bool
    can_approve: bool

    @property
    def flags(self) -> list[dict[str, str]]:
        """Every flag of the report, each with the item it belongs to."""
        found = []
        for item in [*self.task_items, *self.indicator_items]:
            for flag in item.flags:
                found.append({**flag, "item": content.item_key(item), "label": content.item_label(item)})
        return found


def report_detail(*, user: Any, report_id: int) -> ReportDetail:
    report = reports_visible(user).filter(pk=report_id).first()
    if report is None:
        raise ApplicationError("Không tìm thấy báo cáo, hoặc bạn không có quyền xem.")
    evidence = Prefetch("evidence", queryset=Evidence.objects.order_by("pk"))
    comments = Prefetch("comments", queryset=ReviewComment.objects.select_related("author").order_by("created_at"))
    task_items = list(report.task_items.select_related("task").prefetch_related(evidence, comments))
    indicator_items = list(
        report.indicator_items.select_related("indicator", "indicator__check_rule").prefetch_related(evidence, comments)
    )
    return ReportDetail(
        report=report,
        task_items=task_items,
        indicator_items=indicator_items,
        versions=list(report.versions.select_related("created_by").order_by("number")),
        comments=list(report.comments.select_related("author", "task_item__task", "indicator_item__indicator")),
        figures={item.pk: content.effective_figures(item) for item in indicator_items},
        can_edit=policy.can_edit_report(user, report),
        can_review=policy.can_review_report(user, report),
        can_approve=policy.can_approve_report(user, report),
    )


def evidence_for_download(*, user: Any, evidence_id: int) -> Evidence:
    """An evidence file for a user allowed to read its report; the view streams `evidence.file`
    with `original_name` and `content_type` (as an attachment)."""
    row = policy.restrict_reports(Evidence.objects.filter(pk=evidence_id, kind="file"), user).first()
    if row is None:
        raise ApplicationError("Không tìm thấy tệp, hoặc bạn không có quyền tải.")
    return row


def source_system_for_token(token: str) -> SourceSystem | None:
    """The active system a token belongs to (compared by hash, in constant time)."""
    if not token:
        return None
    digest = token_hash(token)
    system = SourceSystem.objects.filter(token_hash=digest, is_active=True).first()
    if system is None or not hmac.compare_digest(system.token_hash, digest):
        return None
    return system


# --- comparing versions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass
class ItemDiff:
    """How one item changed between two versions: added, removed, or its changed fields."""

    key: str
    label: str
    status: str  # "changed", "added", "removed"
    changes: list[FieldChange] = field(default_factory=list)


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> list[ItemDiff]:
    """Item by item, field by field; unchanged items are left out."""
    old = {item["key"]: item for item in before.get("items", [])}
    new = {item["key"]: item for item in after.get("items", [])}
    found: list[ItemDiff] = []
    for key in [*old, *(key for key in new if key not in old)]:
        if key not in new:
            found.append(ItemDiff(key, old[key]["label"], "removed"))
            continue
        if key not in old:
            found.append(ItemDiff(key, new[key]["label"], "added"))
            continue
        names = [name for name in new[key] if name not in ("key", "label")]
        changes = [
            FieldChange(name, old[key].get(name), new[key].get(name))
            for name in names
            if old[key].get(name) != new[key].get(name)
        ]
        if changes:
            found.append(ItemDiff(key, new[key]["label"], "changed", changes))
    return found


def report_versions_diff(*, user: Any, report_id: int, from_number: int, to_number: int) -> list[ItemDiff]:
    report = reports_visible(user).filter(pk=report_id).first()
    if report is None:
        raise ApplicationError("Không tìm thấy báo cáo, hoặc bạn không có quyền xem.")
    versions = {row.number: row for row in report.versions.filter(number__in=[from_number, to_number])}
    missing = [number for number in (from_number, to_number) if number not in versions]
    if missing:
        raise ApplicationError(f"Báo cáo không có lần nộp {', '.join(map(str, missing))}.")
    return snapshot_diff(versions[from_number].snapshot, versions[to_number].snapshot)


def report_changes_since_last_version(*, user: Any, report_id: int) -> list[ItemDiff]:
    """What the unit changed since its last submission (e.g. while correcting a returned report)."""
    from django.utils import timezone

    from theodoi.submissions.services.reports import report_snapshot

    report = reports_visible(user).filter(pk=report_id).first()
    if report is None:
        raise ApplicationError("Không tìm thấy báo cáo, hoặc bạn không có quyền xem.")
    last = report.versions.order_by("-number").first()
    if last is None:
        return []
    return snapshot_diff(last.snapshot, report_snapshot(report, timezone.now()))
