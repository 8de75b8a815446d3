from datetime import date, datetime, time

import pytest
from django.utils.timezone import localdate

from theodoi.audit.models import AuditEvent
from theodoi.core.errors import ApplicationError
from theodoi.periods.choices import DayKind, WindowMode
from theodoi.periods.models import DayOff, ReportingPeriod, ReportingSchedule, UnitReport
from theodoi.periods.selectors import work_calendar
from theodoi.periods.services import (
    day_off_delete,
    day_off_set,
    schedule_set,
    unit_report_submit,
    unit_reports_open,
)
from theodoi.periods.submission import VIETNAM_TZ
from theodoi.periods.windows import PeriodKind

SEED_004 = "Trước 17h00 ngày 12 hằng tháng, các cơ quan, đơn vị cập nhật đầy đủ"
SEED_002 = "quý I trước ngày 13/3, 6 tháng trước 13/6, 9 tháng trước 13/9 và năm trước ngày 08/11"
JAN_1 = datetime(2026, 1, 1, tzinfo=VIETNAM_TZ)


def vn(*args):
    return datetime(*args, tzinfo=VIETNAM_TZ)


def test_monthly_schedule_gives_twelve_periods_at_17h(loaded_plan, people):
    schedule = schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text=SEED_004, now=JAN_1)
    periods = list(ReportingPeriod.objects.filter(plan=loaded_plan).order_by("due_at"))
    assert [p.label for p in periods][:2] == ["Tháng 1/2026", "Tháng 2/2026"]
    assert len(periods) == 12
    assert periods[2].due_at == vn(2026, 3, 12, 17) == periods[2].original_due_at
    assert (periods[0].window_start, periods[0].window_end) == (date(2025, 12, 15), date(2026, 1, 14))
    assert schedule.rules == [{"kind": "month", "day": 12, "month": None, "index": None, "at": "17:00"}]
    event = AuditEvent.objects.get(action="periods.schedule_set")
    assert event.after["periods"] == {"created": 12, "redated": 0, "removed": 0}


def test_seed_002_schedule_and_calendar_windows(loaded_plan, people):
    schedule_set(
        actor=people["coordinator"], plan=loaded_plan, clause_text=SEED_002,
        window_mode=WindowMode.CALENDAR, roll_to_working_day=True, now=JAN_1,
    )  # fmt: skip
    rows = {p.label: p for p in ReportingPeriod.objects.filter(plan=loaded_plan)}
    assert set(rows) == {"Quý I/2026", "6 tháng đầu năm 2026", "9 tháng 2026", "Năm 2026"}
    assert localdate(rows["6 tháng đầu năm 2026"].due_at) == date(2026, 6, 15)  # 13/6 is a Saturday
    assert rows["Năm 2026"].window_end == date(2026, 12, 31)
    assert rows["Năm 2026"].due_at == vn(2026, 11, 9, 23, 59, 59, 999999)  # 8/11 is a Sunday


def test_changing_the_schedule_keeps_past_deadlines(loaded_plan, people):
    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text=SEED_004, now=JAN_1)
    schedule_set(
        actor=people["coordinator"], plan=loaded_plan, clause_text="Trước ngày 10 hằng tháng",
        now=vn(2026, 4, 1, 9),
    )  # fmt: skip
    rows = {p.label: p for p in ReportingPeriod.objects.filter(plan=loaded_plan)}
    assert rows["Tháng 3/2026"].due_at == vn(2026, 3, 12, 17)
    assert localdate(rows["Tháng 4/2026"].due_at) == date(2026, 4, 10)
    assert rows["Tháng 4/2026"].original_due_at == vn(2026, 4, 12, 17)


def test_dropping_a_kind_removes_future_periods_only(loaded_plan, people):
    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text=SEED_002, now=JAN_1)
    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text="năm trước ngày 08/11", now=vn(2026, 7, 1))
    labels = set(ReportingPeriod.objects.filter(plan=loaded_plan).values_list("kind", "year"))
    assert labels == {(PeriodKind.QUARTER, 2026), (PeriodKind.HALF, 2026), (PeriodKind.YEAR, 2026)}


@pytest.mark.parametrize("who", ["reporter_vp", "other_coordinator"])
def test_only_the_plans_coordinator_sets_its_schedule(loaded_plan, people, who):
    with pytest.raises(ApplicationError, match="không có quyền"):
        schedule_set(actor=people[who], plan=loaded_plan, clause_text=SEED_004)
    assert not ReportingPeriod.objects.exists()


def test_an_unreadable_clause_is_refused_and_nothing_written(loaded_plan, people):
    with pytest.raises(ApplicationError, match="Không đọc được hạn gửi"):
        schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text="Báo cáo theo quy định")
    assert not ReportingPeriod.objects.exists()
    assert not AuditEvent.objects.filter(action="periods.schedule_set").exists()


def test_days_off_move_deadlines_of_rolling_schedules(loaded_plan, people):
    schedule_set(
        actor=people["coordinator"], plan=loaded_plan, clause_text="Trước ngày 12 hằng tháng",
        roll_to_working_day=True, now=JAN_1,
    )  # fmt: skip
    november = ReportingPeriod.objects.get(plan=loaded_plan, kind="month", index=11)
    assert localdate(november.due_at) == date(2026, 11, 12)
    day_off_set(
        actor=people["coordinator"],
        day=date(2026, 11, 12),
        name="Nghỉ theo thông báo của tỉnh",
        now=vn(2026, 11, 1),
    )
    november.refresh_from_db()
    assert localdate(november.due_at) == date(2026, 11, 13)
    assert not work_calendar().is_working_day(date(2026, 11, 12))
    day_off_delete(actor=people["coordinator"], day_off=DayOff.objects.get(), now=vn(2026, 11, 1))
    november.refresh_from_db()
    assert localdate(november.due_at) == date(2026, 11, 12)


def test_days_off_leave_past_deadlines_alone(loaded_plan, people):
    schedule_set(
        actor=people["coordinator"], plan=loaded_plan, clause_text="Trước ngày 12 hằng tháng",
        roll_to_working_day=True, now=JAN_1,
    )  # fmt: skip
    day_off_set(actor=people["coordinator"], day=date(2026, 3, 12), name="Nghỉ", now=vn(2026, 4, 1))
    march = ReportingPeriod.objects.get(plan=loaded_plan, kind="month", index=3)
    assert localdate(march.due_at) == date(2026, 3, 12)


def test_swapped_working_day(people):
    day_off_set(actor=people["coordinator"], day=date(2027, 1, 9), name="Làm bù", kind=DayKind.WORKING_DAY)
    assert work_calendar().is_working_day(date(2027, 1, 9))


def test_reporters_cannot_enter_days_off(people):
    with pytest.raises(ApplicationError):
        day_off_set(actor=people["reporter_vp"], day=date(2026, 11, 12), name="Nghỉ")
    assert not DayOff.objects.exists()


def test_unit_reports_open_once_and_are_submitted_once(loaded_plan, people):
    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text=SEED_004, now=JAN_1)
    march = ReportingPeriod.objects.get(plan=loaded_plan, kind="month", index=3)
    created = unit_reports_open(actor=None, period=march)
    assert created and unit_reports_open(actor=None, period=march) == []
    report = UnitReport.objects.get(period=march, unit__code="dn.khcn.vp")
    unit_report_submit(actor=people["reporter_vp"], unit_report=report, at=vn(2026, 3, 12, 16))
    with pytest.raises(ApplicationError, match="đã được gửi"):
        unit_report_submit(actor=people["reporter_vp"], unit_report=report)
    other = UnitReport.objects.get(period=march, unit__code="dn.khcn.cds")
    with pytest.raises(ApplicationError, match="Chỉ đơn vị được giao"):
        unit_report_submit(actor=people["reporter_vp"], unit_report=other)


def test_schedule_hour_is_kept_in_vietnam_time(loaded_plan, people):
    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text=SEED_004, now=JAN_1)
    due = ReportingPeriod.objects.get(plan=loaded_plan, kind="month", index=5).due_at
    assert due.astimezone(VIETNAM_TZ).time() == time(17, 0)


def test_periods_past_due_before_the_schedule_existed_are_not_opened(loaded_plan, people):
    from theodoi.periods.services import unit_reports_open_due

    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text=SEED_004, now=vn(2026, 5, 20, 9))
    unit_reports_open_due(now=vn(2026, 6, 1, 9))
    opened = set(UnitReport.objects.values_list("period__index", flat=True))
    assert opened == {6}  # Tháng 6 (due 12/6) is open; Tháng 1-5 were due before the schedule
    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text=SEED_004, now=vn(2026, 7, 1))
    assert ReportingSchedule.objects.get().active_from == vn(2026, 5, 20, 9)  # set once


def test_a_unit_given_a_task_during_a_period_owes_its_report(loaded_plan, people, directory):
    from theodoi.periods.services import unit_reports_open_due
    from theodoi.plans.choices import AssignmentRole
    from theodoi.plans.models import Assignment

    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text=SEED_004, now=JAN_1)
    unit_reports_open_due(now=vn(2026, 3, 1, 9))
    assert not UnitReport.objects.filter(unit=directory["dn.tc"]).exists()
    task = loaded_plan.tasks.get(ref="I.1")
    Assignment.objects.create(task=task, unit=directory["dn.tc"], role=AssignmentRole.COORDINATING)
    assert unit_reports_open_due(now=vn(2026, 3, 2, 9)) == 1
    assert UnitReport.objects.get(unit=directory["dn.tc"]).period.label == "Tháng 3/2026"
    assert unit_reports_open_due(now=vn(2026, 3, 2, 9, 1)) == 0
