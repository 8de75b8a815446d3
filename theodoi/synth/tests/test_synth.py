"""theodoi synth: the counts a small spec asks for, the same data from the same seed, and data the
real selectors, services and pages work on."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from theodoi.accounts.models import User
from theodoi.periods.models import ReportingPeriod, UnitReport
from theodoi.periods.selectors import obligations_for_period
from theodoi.plans.models import Assignment, Plan
from theodoi.submissions import selectors, services
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import IndicatorItem, Report, ReportVersion, TaskItem
from theodoi.synth.builder import SynthSpec, spec_for, synth_build, synth_clear
from theodoi.units.models import Unit

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
SMALL = SynthSpec(
    provinces=2, departments=3, divisions=1, communes=4, tasks=6, indicators=3, months=2, group_share=0.5,
    password="mat-khau-thu-nghiem", now=NOW,
)  # fmt: skip

pytestmark = pytest.mark.django_db


def fingerprint() -> list[tuple[object, ...]]:
    """What a build wrote, by natural keys (database ids differ between runs)."""
    reports = Report.objects.order_by("unit__code", "period_year", "period_index")
    rows: list[tuple[object, ...]] = [
        (r.unit.code, r.period.key, r.state, r.version, r.submitted_at, r.is_late, r.accepted_at) for r in reports
    ]
    rows += [(u.code, u.name, u.kind) for u in Unit.objects.order_by("code")]
    rows += [
        (a.unit.code, a.role, a.via_group, a.task.ref if a.task else a.indicator.ref)
        for a in Assignment.objects.select_related("unit", "task", "indicator").order_by("unit__code", "pk")
    ]
    rows += [
        (i.report.unit.code, i.report.period.key, i.task.ref, i.progress, i.percent_done, i.work_done)
        for i in TaskItem.objects.select_related("report__unit", "task").order_by("report__unit__code", "pk")
    ]
    rows += [
        (i.report.unit.code, i.indicator.ref, i.value, i.numerator, i.extracted_value, i.achieved)
        for i in IndicatorItem.objects.select_related("report__unit", "indicator").order_by("report__unit__code", "pk")
    ]
    return rows


def test_small_spec_writes_the_expected_counts():
    counts = synth_build(SMALL)
    units_per_province = 1 + 3 + 3 * 1 + 4
    reporting = 2 * (3 + 4)
    periods = SMALL.months + 1
    assert Unit.objects.count() == counts["units.Unit"] == 2 * units_per_province
    assert Plan.objects.count() == 2
    assert ReportingPeriod.objects.count() == 2 * periods
    assert Report.objects.count() == reporting * periods
    assert UnitReport.objects.count() == reporting * periods
    assert IndicatorItem.objects.count() == reporting * periods * 3
    assert User.objects.count() == reporting + 2 * 2
    # Every unit owes its group tasks; a task led by one department reaches that one and its two helpers.
    plan_tasks = TaskItem.objects.filter(report__period_index=12, report__plan__owner__code="synth.ha-noi")
    pairs = Assignment.objects.filter(task__plan__owner__code="synth.ha-noi").values("task", "unit").distinct()
    assert plan_tasks.count() == pairs.count() > 0
    # The open period is the first still to fall due; nothing in it is accepted.
    open_period = ReportingPeriod.objects.filter(due_at__gt=NOW).get(plan__owner__code="synth.ha-noi")
    assert (open_period.year, open_period.index) == (2026, 12)
    assert not Report.objects.filter(period_index=12, state=ReportState.ACCEPTED).exists()


def test_same_seed_same_data_and_another_seed_differs():
    synth_build(SMALL)
    first = fingerprint()
    synth_clear()
    assert Unit.objects.count() == 0 and Report.objects.count() == 0
    synth_build(SMALL)
    assert fingerprint() == first
    synth_clear()
    synth_build(SynthSpec(**{**SMALL.__dict__, "seed": 2}))
    assert fingerprint() != first


def test_states_agree_with_timestamps_and_the_calendar():
    synth_build(SMALL)
    for report in Report.objects.all():
        sent = report.state in (ReportState.SUBMITTED, ReportState.ACCEPTED, ReportState.RETURNED)
        assert (report.submitted_at is not None) == sent
        assert report.is_late == bool(report.first_submitted_at and report.first_submitted_at > report.due_at)
        assert (report.accepted_at is not None) == (report.state == ReportState.ACCEPTED)
        assert report.submitted_at is None or report.submitted_at <= NOW
    rows = UnitReport.objects.select_related("period")
    calendar = {(row.period.index, row.unit_id): row.submitted_at for row in rows}
    assert all(calendar[(r.period_index, r.unit_id)] == r.first_submitted_at for r in Report.objects.all())
    # Sent reports of the latest closed period keep their frozen version; older ones were kept lighter.
    assert (
        ReportVersion.objects.filter(report__period_index=11).count()
        == Report.objects.filter(period_index=11, first_submitted_at__isnull=False).count()
    )


def test_the_calendar_agrees_on_who_owes_what():
    synth_build(SMALL)
    period = ReportingPeriod.objects.filter(due_at__gt=NOW).first()
    owed = {row.unit.pk: (len(row.tasks), len(row.indicators)) for row in obligations_for_period(period)}
    reports = Report.objects.filter(plan=period.plan, period_index=period.index)
    assert owed == {r.unit_id: (r.task_items.count(), r.indicator_items.count()) for r in reports}


def test_a_unit_fills_in_and_submits_its_open_report_through_the_services():
    synth_build(SMALL)
    report = Report.objects.filter(period_index=12, state=ReportState.NOT_SUBMITTED).select_related("unit").first()
    reporter = User.objects.get(username=f"cb.{report.unit.code}")
    detail = selectors.report_detail(user=reporter, report_id=report.pk)
    items = [
        {"task": item.task_id, "progress": "in_progress", "percent_done": "40", "work_done": "Đang thực hiện.",
         "difficulties": "Thiếu người.", "cause_kind": "objective", "causes": "Khối lượng lớn.", "remedies": "Bổ sung."}
        for item in detail.task_items
    ]  # fmt: skip
    for item in detail.indicator_items:
        figures = {"numerator": "9", "denominator": "10"} if item.indicator.formula_numerator else {"value": "3"}
        items.append({"indicator": item.indicator_id, "source_kind": "manual", **figures})
    report = services.report_save_draft(actor=reporter, report=report, items=items, expected_version=report.version)
    for item in IndicatorItem.objects.filter(report=report, extracted_value__isnull=True):
        services.evidence_add(
            actor=reporter, report=report, item=item, filename="bang.pdf",
            upload=SimpleUploadedFile("bang.pdf", b"%PDF-1.4 tong hop", "application/pdf"),
        )  # fmt: skip
    report.refresh_from_db()
    report = services.report_submit(actor=reporter, report=report, expected_version=report.version, now=NOW)
    assert report.state == ReportState.SUBMITTED and not report.is_late


def test_pages_open_on_synthetic_data(client):
    synth_build(SMALL)
    plan = Plan.objects.get(owner__code="synth.ha-noi")
    coordinator = User.objects.get(username="tt.synth.ha-noi")
    leader = User.objects.get(username="ld.synth.ha-noi")
    report = Report.objects.filter(plan=plan, period_index=11).first()
    client.force_login(coordinator)
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("submissions:period", args=[plan.pk, "month", 2026, 11])).status_code == 200
    assert client.get(reverse("submissions:review", args=[report.pk])).status_code == 200
    period = ReportingPeriod.objects.get(plan=plan, index=11)
    assert client.get(reverse("periods:period", args=[plan.pk, period.pk])).status_code == 200
    client.force_login(leader)
    assert client.get(reverse("submissions:list")).status_code == 200
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200


def test_command_runs_a_preset_with_flags():
    out = io.StringIO()
    call_command(
        "synth", "--size", "tiny", "--provinces", "1", "--communes", "2", "--no-users", "--now", "2026-11-23T09:00",
        stdout=out,
    )  # fmt: skip
    assert "submissions.Report" in out.getvalue()
    assert Unit.objects.filter(kind="commune").count() == 2
    assert not User.objects.exists()
    assert spec_for("national").provinces == 34
