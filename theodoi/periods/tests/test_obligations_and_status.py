"""Obligations per period and status as of a date, over the database."""

from datetime import date, datetime

import pytest

from theodoi.core.errors import ApplicationError
from theodoi.periods.models import ExtensionRequest, ReportingPeriod
from theodoi.periods.selectors import (
    assignment_status,
    obligations_for_period,
    plan_task_statuses,
    task_status,
    unit_report_status,
)
from theodoi.periods.services import (
    extension_decide,
    extension_request,
    schedule_set,
    task_event_record,
    task_halt,
    unit_report_submit,
    unit_reports_open,
)
from theodoi.periods.status import Status, end_of_day, on_time_rates
from theodoi.periods.submission import VIETNAM_TZ
from theodoi.plans.choices import AssignmentRole
from theodoi.plans.models import Assignment

from .fixtures import dated_task, recurring_task

S = Status
JAN_1 = datetime(2026, 1, 1, tzinfo=VIETNAM_TZ)


def vn(*args):
    return datetime(*args, tzinfo=VIETNAM_TZ)


@pytest.fixture
def monthly(loaded_plan, people):
    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text="Trước ngày 12 hằng tháng", now=JAN_1)
    return {p.index: p for p in ReportingPeriod.objects.filter(plan=loaded_plan)}


def owed(period):
    return {
        obligation.unit.code: (
            sorted(t.ref for t in obligation.tasks),
            sorted(i.ref for i in obligation.indicators),
        )
        for obligation in obligations_for_period(period)
    }


def test_obligations_per_period(monthly, loaded_plan, event_task):
    march = owed(monthly[3])
    # I.1 (dated, Quý II) and the indicator for Văn phòng Sở; II.1 ("Thường xuyên") every period.
    assert march["dn.khcn.vp"] == (["I.1"], ["1"])
    assert march["dn.khcn.cds"] == (["I.1", "II.1"], [])  # coordinating I.1 as a division, leading II.1
    assert "III.1" not in str(march)  # the event has not happened: nothing owed yet


def test_a_dated_task_is_owed_until_the_period_it_is_done_in(monthly, loaded_plan):
    vp = Assignment.objects.get(task=dated_task(loaded_plan), unit__code="dn.khcn.vp")
    vp.completed_on = date(2026, 4, 20)  # in the window of Tháng 5 (15/4 - 14/5)
    vp.save()
    assert "I.1" in owed(monthly[5])["dn.khcn.vp"][0]
    assert "I.1" not in owed(monthly[6])["dn.khcn.vp"][0]


def test_an_event_task_is_owed_from_its_event(monthly, event_task, people):
    task_event_record(actor=people["coordinator"], task=event_task, occurred_on=date(2026, 4, 20), offset_days=30)
    assert "III.1" not in owed(monthly[4])["dn.nv"][0]
    assert "III.1" in owed(monthly[5])["dn.nv"][0]


def test_a_yearly_task_in_a_monthly_schedule_is_owed_in_december(monthly, loaded_plan):
    task = recurring_task(loaded_plan)
    task.deadline_every = "year"
    task.save()
    assert "II.1" not in owed(monthly[11])["dn.khcn.cds"][0]
    assert "II.1" in owed(monthly[12])["dn.khcn.cds"][0]


def test_a_halted_task_is_no_longer_owed(monthly, loaded_plan, people):
    task_halt(
        actor=people["coordinator"],
        task=recurring_task(loaded_plan),
        effective_on=date(2026, 5, 1),
        reason="Điều chỉnh kế hoạch",
    )
    assert "II.1" in owed(monthly[5])["dn.khcn.cds"][0]
    assert "II.1" not in owed(monthly[6])["dn.khcn.cds"][0]
    assert task_status(recurring_task(loaded_plan), date(2026, 5, 1)) == S.HALTED
    assert task_status(recurring_task(loaded_plan), date(2026, 4, 30)) == S.IN_PROGRESS


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (date(2026, 6, 30), S.IN_PROGRESS),
        (date(2026, 7, 1), S.OVERDUE),
        (date(2026, 7, 9), S.OVERDUE),  # one unit done on 5/7, the other not yet
        (date(2026, 7, 10), S.DONE_LATE),
    ],
)
def test_a_task_given_to_several_units_is_done_when_all_are(loaded_plan, directory, day, status):
    task = dated_task(loaded_plan)
    Assignment.objects.filter(task=task, unit__code="dn.khcn.vp").update(completed_on=date(2026, 7, 5))
    Assignment.objects.create(
        task=task, unit=directory["dn.nv"], role=AssignmentRole.LEAD, completed_on=date(2026, 7, 10)
    )
    assert task_status(task, day) == status
    assert plan_task_statuses(loaded_plan, day)[task.pk] == status


def test_event_status_through_recording(loaded_plan, event_task, people):
    assignment = event_task.assignments.get()
    assert assignment_status(assignment, date(2026, 5, 1)).status == S.AWAITING_EVENT
    task_event_record(actor=people["coordinator"], task=event_task, occurred_on=date(2026, 4, 20), offset_days=30)
    assignment = Assignment.objects.get(pk=assignment.pk)
    assert assignment_status(assignment, date(2026, 4, 19)).status == S.AWAITING_EVENT
    assert assignment_status(assignment, date(2026, 5, 20)).status == S.IN_PROGRESS
    # Due 20/5 (20/4 + 30 days); "sắp đến hạn" within the default three days.
    assert assignment_status(assignment, date(2026, 5, 16)).due_soon is False
    assert assignment_status(assignment, date(2026, 5, 17)).due_soon is True
    assert assignment_status(assignment, date(2026, 5, 20)).due_soon is True
    assert assignment_status(assignment, date(2026, 5, 21)).status == S.OVERDUE


def test_event_can_only_be_recorded_for_event_tasks(loaded_plan, people):
    with pytest.raises(ApplicationError, match="không có thời hạn theo sự kiện"):
        task_event_record(
            actor=people["coordinator"],
            task=dated_task(loaded_plan),
            occurred_on=date(2026, 1, 2),
            offset_days=5,
        )


def test_extension_history_and_on_time_rates(loaded_plan, people):
    task = dated_task(loaded_plan)
    vp = Assignment.objects.get(task=task, unit__code="dn.khcn.vp")
    first = extension_request(
        actor=people["reporter_vp"], assignment=vp, requested_due=date(2026, 7, 31),
        reason="Chờ số liệu của Sở Nội vụ", now=vn(2026, 6, 20, 9),
    )  # fmt: skip
    with pytest.raises(ApplicationError, match="đang chờ quyết định"):
        extension_request(actor=people["reporter_vp"], assignment=vp, requested_due=date(2026, 8, 31), reason="x")
    with pytest.raises(ApplicationError, match="không có quyền"):
        extension_decide(actor=people["reporter_vp"], request=first, approve=True)
    from theodoi.notifications.models import Notification

    told = Notification.objects.get(recipient=people["coordinator"])
    assert told.title == "Văn phòng Sở xin gia hạn nhiệm vụ I.1 đến 31/07/2026"
    assert "Chờ số liệu của Sở Nội vụ" in told.body
    extension_decide(actor=people["coordinator"], request=first, approve=True, now=vn(2026, 6, 25, 10))
    answer = Notification.objects.get(recipient=people["reporter_vp"])
    assert answer.title == "Cơ quan thường trực đồng ý gia hạn nhiệm vụ I.1 đến 31/07/2026"
    vp = Assignment.objects.get(pk=vp.pk)
    second = extension_request(
        actor=people["reporter_vp"], assignment=vp, requested_due=date(2026, 9, 30), reason="Thêm thời gian",
        now=vn(2026, 7, 20, 9),
    )  # fmt: skip
    assert second.previous_due == date(2026, 7, 31)
    with pytest.raises(ApplicationError, match="lý do"):
        extension_decide(actor=people["coordinator"], request=second, approve=False)
    extension_decide(
        actor=people["coordinator"],
        request=second,
        approve=False,
        note="Không có căn cứ",
        now=vn(2026, 7, 21),
    )
    with pytest.raises(ApplicationError, match="đã được quyết định"):
        extension_decide(actor=people["coordinator"], request=second, approve=True)
    history = list(ExtensionRequest.objects.filter(assignment=vp).values_list("state", "previous_due", "requested_due"))
    assert history == [
        ("approved", date(2026, 6, 30), date(2026, 7, 31)),
        ("refused", date(2026, 7, 31), date(2026, 9, 30)),
    ]

    vp = Assignment.objects.get(pk=vp.pk)
    assert assignment_status(vp, date(2026, 7, 1)).status == S.IN_PROGRESS
    reading = assignment_status(vp, date(2026, 7, 15))
    assert reading.original_due == end_of_day(date(2026, 6, 30))
    assert reading.due == end_of_day(date(2026, 7, 31))
    assert assignment_status(vp, date(2026, 8, 1)).status == S.OVERDUE
    vp.completed_on = date(2026, 7, 20)
    vp.save()
    assert assignment_status(vp, date(2026, 7, 20)).status == S.DONE_ON_TIME

    from theodoi.periods.selectors import assignment_item

    original, extended = on_time_rates([assignment_item(vp)], end_of_day(date(2026, 12, 31)))
    assert (original.rate, extended.rate) == (0.0, 1.0)


def test_extension_must_move_the_deadline_forward(loaded_plan, people):
    vp = Assignment.objects.get(task=dated_task(loaded_plan), unit__code="dn.khcn.vp")
    with pytest.raises(ApplicationError, match="phải sau hạn hiện tại"):
        extension_request(actor=people["reporter_vp"], assignment=vp, requested_due=date(2026, 6, 1), reason="x")
    nv_unit_assignment = Assignment.objects.get(task=dated_task(loaded_plan), unit__code="dn.khcn.cds")
    with pytest.raises(ApplicationError, match="không có quyền"):
        extension_request(
            actor=people["reporter_vp"],
            assignment=nv_unit_assignment,
            requested_due=date(2026, 8, 1),
            reason="x",
        )


@pytest.mark.parametrize(
    ("sent", "as_of", "status"),
    [
        (None, vn(2026, 3, 12, 23), S.IN_PROGRESS),
        (None, vn(2026, 3, 13, 0, 1), S.OVERDUE),
        (vn(2026, 3, 12, 23, 59), vn(2026, 3, 20), S.DONE_ON_TIME),
        (vn(2026, 3, 13, 8), vn(2026, 3, 20), S.DONE_LATE),
        (vn(2026, 3, 13, 8), vn(2026, 3, 13, 7), S.OVERDUE),
        (None, vn(2026, 2, 14), S.NOT_DUE),
    ],
)
def test_unit_report_status(monthly, people, sent, as_of, status):
    report = next(r for r in unit_reports_open(actor=None, period=monthly[3]) if r.unit.code == "dn.khcn.vp")
    if sent:
        report = unit_report_submit(actor=people["reporter_vp"], unit_report=report, at=sent)
    assert unit_report_status(report, as_of).status == status


@pytest.mark.parametrize(
    ("roll", "day", "status"),
    [
        (False, date(2026, 5, 1), S.IN_PROGRESS),
        (False, date(2026, 5, 2), S.OVERDUE),
        # 1/5 is Ngày Quốc tế Lao động, 2-3/5 a weekend: the task ends on Monday 4/5.
        (True, date(2026, 5, 2), S.IN_PROGRESS),
        (True, date(2026, 5, 4), S.IN_PROGRESS),
        (True, date(2026, 5, 5), S.OVERDUE),
    ],
)
def test_task_deadlines_on_a_day_off_follow_the_plans_setting(loaded_plan, people, roll, day, status):
    schedule_set(
        actor=people["coordinator"], plan=loaded_plan, clause_text="Trước ngày 12 hằng tháng",
        roll_to_working_day=roll, now=JAN_1,
    )  # fmt: skip
    task = dated_task(loaded_plan)
    task.deadline_due = date(2026, 5, 1)
    task.save()
    assert task_status(task, day) == status
