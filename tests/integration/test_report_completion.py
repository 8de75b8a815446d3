"""Accepting a report completes the unit's assignments for the tasks it reports done; reopening it takes
back exactly what that acceptance wrote. Runs on SQLite and PostgreSQL."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from theodoi.audit.models import AuditEvent
from theodoi.periods.selectors import assignment_status, task_status
from theodoi.periods.status import Status
from theodoi.periods.windows import Period, PeriodKind
from theodoi.plans.choices import AssignmentRole
from theodoi.plans.models import Assignment
from theodoi.results.task_results import task_summary
from theodoi.submissions.choices import ReportState
from theodoi.submissions.history import report_history
from theodoi.submissions.models import Report, ReportCompletion, TaskItem
from theodoi.submissions.services import (
    evidence_add,
    report_accept,
    report_reopen,
    report_save_draft,
    report_submit,
    reports_open_period,
)

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AFTER_DUE = date(2026, 7, 1)  # task I.1 is due 30/6/2026


def at(*parts):
    return datetime(*parts, tzinfo=VN)


@pytest.fixture
def people(directory, make_user):
    return {
        "coordinator": make_user("coordinator", directory["dn.khcn"]),
        "reporter": make_user("reporter", directory["dn.khcn.vp"]),
    }


@pytest.fixture
def task(loaded_plan):
    return loaded_plan.tasks.get(ref="I.1")


@pytest.fixture
def lead(task, directory):
    return Assignment.objects.get(task=task, unit=directory["dn.khcn.vp"], role=AssignmentRole.LEAD)


@pytest.fixture
def coordinating(task):
    return Assignment.objects.filter(task=task, role=AssignmentRole.COORDINATING).order_by("pk").first()


def _submitted(plan, unit, month, items, *, submitted_at):
    """A unit's report for a month of 2026, sent to the standing agency with these task items."""
    report = Report.objects.create(
        plan=plan, unit=unit, period_kind=PeriodKind.MONTH, period_year=2026, period_index=month,
        state=ReportState.SUBMITTED, submitted_at=submitted_at, first_submitted_at=submitted_at,
    )  # fmt: skip
    for task, fields in items:
        TaskItem.objects.create(report=report, task=task, **fields)
    return report


def _done(day, **extra):
    return {"progress": "done", "percent_done": 100, "product": "Báo cáo rà soát", "completed_on": day, **extra}


def _completed_on(assignment):
    assignment.refresh_from_db()
    return assignment.completed_on


def test_accepting_a_report_done_completes_the_task_and_reopening_undoes_it(loaded_plan, people, task, lead):
    """The whole path through the services: the unit reports the task done, the report is accepted."""
    reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=Period(2026, PeriodKind.MONTH, 3))
    report = Report.objects.get(plan=loaded_plan, unit=lead.unit)
    indicator = loaded_plan.indicators.get(ref="1")
    report = report_save_draft(
        actor=people["reporter"], report=report, expected_version=report.version,
        items=[
            {"task": task.pk, "progress": "done", "percent_done": "100", "work_done": "Đã rà soát 30/30 văn bản",
             "product": "Báo cáo rà soát", "completed_on": "2026-03-10"},
            {"indicator": indicator.pk, "numerator": "990", "denominator": "1000", "value": "99",
             "source_kind": "extracted", "source_system": "Hệ thống thông tin giải quyết TTHC tỉnh"},
        ],
        now=at(2026, 3, 20, 9),
    )  # fmt: skip
    evidence_add(
        actor=people["reporter"],
        report=report,
        item=report.indicator_items.get(indicator=indicator),
        url="https://dichvucong.dongnai.gov.vn/thong-ke/2026-03",
        title="Bản trích xuất tháng 3",
    )
    report.refresh_from_db()
    report = report_submit(actor=people["reporter"], report=report, expected_version=report.version,
                           now=at(2026, 4, 2, 9))  # fmt: skip
    assert _completed_on(lead) is None  # sent is not enough
    before = task_summary(loaded_plan, as_of=AFTER_DUE)
    assert task_status(task, AFTER_DUE) == Status.OVERDUE

    report = report_accept(actor=people["coordinator"], report=report, now=at(2026, 4, 3, 8))

    assert _completed_on(lead) == date(2026, 3, 10)
    assert task_status(task, AFTER_DUE) == Status.DONE_ON_TIME
    after = task_summary(loaded_plan, as_of=AFTER_DUE)
    assert after.completed == before.completed + 1 and after.overdue == before.overdue - 1
    assert after.completion_rate > (before.completion_rate or 0)
    event = AuditEvent.objects.filter(action="submissions.report_accept", target_id=str(report.pk)).get()
    assert event.after["completions"] == [{
        "assignment": lead.pk, "task": task.pk, "unit": lead.unit_id, "role": "lead",
        "before": None, "after": "2026-03-10",
    }]  # fmt: skip

    history = report_history(user=people["coordinator"], report_id=report.pk)
    assert any("ghi nhận hoàn thành 1 phân công" in entry.detail for entry in history.entries)

    report_reopen(actor=people["coordinator"], report=report, reason="Sở Tư pháp chưa xác nhận kết quả rà soát")

    assert _completed_on(lead) is None
    assert task_status(task, AFTER_DUE) == Status.OVERDUE
    assert task_summary(loaded_plan, as_of=AFTER_DUE) == before
    assert not ReportCompletion.objects.exists()
    event = AuditEvent.objects.filter(action="submissions.report_reopen", target_id=str(report.pk)).get()
    assert [(row["assignment"], row["after"], row["now"]) for row in event.after["completions_undone"]] == [
        (lead.pk, "2026-03-10", None)
    ]


def test_done_after_the_deadline_is_done_late(loaded_plan, people, task, lead):
    report = _submitted(loaded_plan, lead.unit, 7, [(task, _done(date(2026, 7, 5)))], submitted_at=at(2026, 8, 3, 9))
    report_accept(actor=people["coordinator"], report=report)
    assert _completed_on(lead) == date(2026, 7, 5)
    assert task_status(task, date(2026, 8, 31)) == Status.DONE_LATE
    summary = task_summary(loaded_plan, as_of=date(2026, 8, 31))
    assert summary.done_late == 1 and summary.done_on_time == 0


def test_an_item_without_a_completion_date_completes_on_the_day_the_report_arrived(loaded_plan, people, task, lead):
    report = _submitted(loaded_plan, lead.unit, 6, [(task, _done(None))], submitted_at=at(2026, 6, 29, 23, 30))
    report_accept(actor=people["coordinator"], report=report)
    assert _completed_on(lead) == date(2026, 6, 29)  # the local day, not UTC's
    assert task_status(task, AFTER_DUE) == Status.DONE_ON_TIME


def test_items_not_done_complete_nothing(loaded_plan, people, task, lead):
    items = [(task, {"progress": "in_progress", "percent_done": 90, "completed_on": date(2026, 3, 10)})]
    report = _submitted(loaded_plan, lead.unit, 3, items, submitted_at=at(2026, 4, 2, 9))
    report_accept(actor=people["coordinator"], report=report)
    assert _completed_on(lead) is None
    assert not ReportCompletion.objects.exists()


def test_a_coordinating_unit_done_completes_only_its_own_part(loaded_plan, people, task, lead, coordinating):
    assert coordinating is not None and coordinating.unit_id != lead.unit_id
    report = _submitted(
        loaded_plan, coordinating.unit, 3, [(task, _done(date(2026, 3, 15)))], submitted_at=at(2026, 4, 2, 9)
    )
    report_accept(actor=people["coordinator"], report=report)
    assert _completed_on(coordinating) == date(2026, 3, 15)
    assert _completed_on(lead) is None
    assert Assignment.objects.filter(task=task, completed_on__isnull=False).count() == 1
    assert assignment_status(coordinating, AFTER_DUE).status == Status.DONE_ON_TIME
    assert task_status(task, AFTER_DUE) == Status.OVERDUE  # the task is the lead unit's to finish


def test_an_earlier_completion_recorded_otherwise_is_kept(loaded_plan, people, task, lead):
    Assignment.objects.filter(pk=lead.pk).update(completed_on=date(2026, 3, 1))
    report = _submitted(loaded_plan, lead.unit, 3, [(task, _done(date(2026, 3, 10)))], submitted_at=at(2026, 4, 2, 9))
    report = report_accept(actor=people["coordinator"], report=report)
    assert _completed_on(lead) == date(2026, 3, 1)
    assert not ReportCompletion.objects.exists()
    report_reopen(actor=people["coordinator"], report=report, reason="Xem lại")
    assert _completed_on(lead) == date(2026, 3, 1)


def test_a_later_completion_recorded_otherwise_is_brought_forward_and_restored(loaded_plan, people, task, lead):
    Assignment.objects.filter(pk=lead.pk).update(completed_on=date(2026, 5, 1))
    report = _submitted(loaded_plan, lead.unit, 3, [(task, _done(date(2026, 3, 10)))], submitted_at=at(2026, 4, 2, 9))
    report = report_accept(actor=people["coordinator"], report=report)
    assert _completed_on(lead) == date(2026, 3, 10)
    report_reopen(actor=people["coordinator"], report=report, reason="Xem lại")
    assert _completed_on(lead) == date(2026, 5, 1)


def test_a_date_changed_by_hand_after_acceptance_survives_reopening(loaded_plan, people, task, lead):
    report = _submitted(loaded_plan, lead.unit, 3, [(task, _done(date(2026, 3, 10)))], submitted_at=at(2026, 4, 2, 9))
    report = report_accept(actor=people["coordinator"], report=report)
    Assignment.objects.filter(pk=lead.pk).update(completed_on=date(2026, 3, 5))
    report_reopen(actor=people["coordinator"], report=report, reason="Xem lại")
    assert _completed_on(lead) == date(2026, 3, 5)


def test_a_later_report_not_done_does_not_erase_but_the_same_report_reaccepted_does(loaded_plan, people, task, lead):
    coordinator = people["coordinator"]
    march = _submitted(loaded_plan, lead.unit, 3, [(task, _done(date(2026, 3, 10)))], submitted_at=at(2026, 4, 2, 9))
    march = report_accept(actor=coordinator, report=march)
    april = _submitted(
        loaded_plan, lead.unit, 4, [(task, {"progress": "in_progress", "percent_done": 80})],
        submitted_at=at(2026, 5, 2, 9),
    )  # fmt: skip
    report_accept(actor=coordinator, report=april)
    assert _completed_on(lead) == date(2026, 3, 10)

    march = report_reopen(actor=coordinator, report=march, reason="Chưa xong thật")
    TaskItem.objects.filter(report=march).update(progress="in_progress", completed_on=None)
    Report.objects.filter(pk=march.pk).update(state=ReportState.SUBMITTED)
    report_accept(actor=coordinator, report=Report.objects.get(pk=march.pk))
    assert _completed_on(lead) is None


def test_reopening_one_of_two_reports_claiming_done_keeps_the_other_claim(loaded_plan, people, task, lead):
    coordinator = people["coordinator"]
    march = _submitted(loaded_plan, lead.unit, 3, [(task, _done(date(2026, 3, 10)))], submitted_at=at(2026, 4, 2, 9))
    april = _submitted(loaded_plan, lead.unit, 4, [(task, _done(date(2026, 3, 12)))], submitted_at=at(2026, 5, 2, 9))
    march = report_accept(actor=coordinator, report=march)
    april = report_accept(actor=coordinator, report=april)
    assert _completed_on(lead) == date(2026, 3, 10)
    assert list(ReportCompletion.objects.values_list("report_id", flat=True)) == [march.pk]

    report_reopen(actor=coordinator, report=march, reason="Xem lại")
    assert _completed_on(lead) == date(2026, 3, 12)  # April's acceptance still says so
    assert list(ReportCompletion.objects.values_list("report_id", "before", "after")) == [
        (april.pk, None, date(2026, 3, 12))
    ]
    report_reopen(actor=coordinator, report=april, reason="Xem lại")
    assert _completed_on(lead) is None


def test_reopening_a_superseded_report_splices_it_out(loaded_plan, people, task, lead):
    """March says done on 20/3; April, accepted later, says 10/3. Reopening March leaves 10/3, and
    reopening April then clears the date (not back to March's 20/3, which no longer stands)."""
    coordinator = people["coordinator"]
    march = _submitted(loaded_plan, lead.unit, 3, [(task, _done(date(2026, 3, 20)))], submitted_at=at(2026, 4, 2, 9))
    april = _submitted(loaded_plan, lead.unit, 4, [(task, _done(date(2026, 3, 10)))], submitted_at=at(2026, 5, 2, 9))
    march = report_accept(actor=coordinator, report=march)
    april = report_accept(actor=coordinator, report=april)
    assert _completed_on(lead) == date(2026, 3, 10)
    report_reopen(actor=coordinator, report=march, reason="Xem lại")
    assert _completed_on(lead) == date(2026, 3, 10)
    report_reopen(actor=coordinator, report=april, reason="Xem lại")
    assert _completed_on(lead) is None
