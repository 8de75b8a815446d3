"""The coordinator's calendar pages: they render in Vietnamese and write through the services."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from theodoi.periods.models import (
    DayOff,
    ExtensionRequest,
    ReportingPeriod,
    ReportingSchedule,
    TaskEvent,
    UnitReport,
)
from theodoi.plans.models import Assignment

from .fixtures import dated_task


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_coordinator_sets_the_schedule(as_user, people, loaded_plan):
    client = as_user(people["coordinator"])
    url = reverse("periods:schedule", kwargs={"plan_id": loaded_plan.pk})
    page = client.get(url)
    assert page.status_code == 200 and "Kế hoạch chưa có chế độ báo cáo." in page.content.decode()
    response = client.post(
        url,
        {
            "clause_text": "Trước 17h00 ngày 12 hằng tháng",
            "window_mode": "decree_09",
            "before_day": "inclusive",
            "roll_to_working_day": "on",
            "due_soon_days": "3",
        },  # fmt: skip
        follow=True,
    )
    body = response.content.decode()
    assert "Đã lưu chế độ báo cáo" in body
    assert "Tháng 3/2026" in body and "17:00 12/03/2026" in body
    assert ReportingSchedule.objects.get(plan=loaded_plan).roll_to_working_day
    assert ReportingPeriod.objects.filter(plan=loaded_plan).count() == 12


def test_unreadable_clause_shows_a_form_error(as_user, people, loaded_plan):
    client = as_user(people["coordinator"])
    url = reverse("periods:schedule", kwargs={"plan_id": loaded_plan.pk})
    response = client.post(
        url,
        {"clause_text": "Theo quy định", "window_mode": "decree_09", "before_day": "inclusive", "due_soon_days": "3"},
    )
    assert response.status_code == 200
    assert "Không đọc được hạn gửi báo cáo" in response.content.decode()
    assert not ReportingSchedule.objects.exists()


def test_a_reporter_sees_the_schedule_but_cannot_change_it(as_user, people, loaded_plan):
    client = as_user(people["reporter_vp"])
    url = reverse("periods:schedule", kwargs={"plan_id": loaded_plan.pk})
    assert 'name="clause_text"' not in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "clause_text": "Trước ngày 12 hằng tháng",
            "window_mode": "decree_09",
            "before_day": "inclusive",
            "due_soon_days": "3",
        },
    )
    assert "không có quyền" in response.content.decode()
    assert not ReportingSchedule.objects.exists()


def test_a_plan_out_of_sight_is_not_found(as_user, people, loaded_plan):
    client = as_user(people["other_coordinator"])
    assert client.get(reverse("periods:schedule", kwargs={"plan_id": loaded_plan.pk})).status_code == 404


def test_days_off_page_lists_lunar_holidays_and_takes_new_days(as_user, people):
    client = as_user(people["coordinator"])
    url = reverse("periods:days_off")
    body = client.get(url + "?nam=2026").content.decode()
    assert "Tết Nguyên Đán" in body and "17/02/2026" in body
    response = client.post(
        url, {"day": "2026-12-31", "kind": "day_off", "name": "Nghỉ theo thông báo của tỉnh"}, follow=True
    )
    assert "Đã lưu ngày 31/12/2026" in response.content.decode()
    row = DayOff.objects.get()
    client.post(reverse("periods:day_off_delete", kwargs={"day_off_id": row.pk}))
    assert not DayOff.objects.exists()


def test_reporters_do_not_get_the_days_off_form(as_user, people):
    client = as_user(people["reporter_vp"])
    body = client.get(reverse("periods:days_off")).content.decode()
    assert 'name="name"' not in body
    response = client.post(reverse("periods:days_off"), {"day": "2026-12-31", "kind": "day_off", "name": "x"})
    assert "Chỉ cơ quan thường trực hoặc quản trị" in response.content.decode()
    assert not DayOff.objects.exists()


def test_coordinator_records_an_event(as_user, people, loaded_plan, event_task):
    client = as_user(people["coordinator"])
    url = reverse("periods:events", kwargs={"plan_id": loaded_plan.pk})
    assert "Chờ sự kiện" in client.get(url).content.decode()
    response = client.post(
        url,
        {"task": event_task.pk, "occurred_on": "2026-04-20", "offset_days": "30", "note": "QĐ 12/QĐ-UBND"},
        follow=True,
    )
    body = response.content.decode()
    assert "Đã ghi nhận sự kiện của nhiệm vụ III.1" in body and "hạn 20/05/2026" in body
    assert TaskEvent.objects.get().offset_days == 30


def test_unit_asks_and_coordinator_decides_an_extension(as_user, people, loaded_plan):
    vp = Assignment.objects.get(task=dated_task(loaded_plan), unit__code="dn.khcn.vp")
    reporter = as_user(people["reporter_vp"])
    url = reverse("periods:extension_new", kwargs={"assignment_id": vp.pk})
    response = reporter.post(url, {"requested_due": "2026-07-31", "reason": "Chờ số liệu"}, follow=True)
    assert "Đã gửi đề nghị gia hạn" in response.content.decode()
    request = ExtensionRequest.objects.get()

    coordinator = as_user(people["coordinator"])
    page = reverse("periods:extensions", kwargs={"plan_id": loaded_plan.pk})
    refused = coordinator.post(page, {"request": request.pk, "decision": "refuse", "note": ""})
    assert "Cần nêu lý do khi không đồng ý" in refused.content.decode()
    coordinator.post(page, {"request": request.pk, "decision": "approve", "note": "Đồng ý"})
    request.refresh_from_db()
    assert request.state == "approved"
    assert "Đã đồng ý" in coordinator.get(page).content.decode()


def test_a_unit_cannot_ask_for_another_units_extension(as_user, people, loaded_plan):
    other = Assignment.objects.get(task=dated_task(loaded_plan), unit__code="dn.khcn.cds")
    client = as_user(people["reporter_vp"])
    assert client.get(reverse("periods:extension_new", kwargs={"assignment_id": other.pk})).status_code == 404


def test_coordinator_halts_a_task(as_user, people, loaded_plan):
    task = dated_task(loaded_plan)
    client = as_user(people["coordinator"])
    url = reverse("periods:halts", kwargs={"plan_id": loaded_plan.pk})
    assert "Chưa có nhiệm vụ nào dừng" in client.get(url).content.decode()
    response = client.post(
        url, {"task": task.pk, "kind": "adjusted", "effective_on": "2026-05-01", "reason": "Điều chỉnh theo QĐ 99"},
        follow=True,
    )  # fmt: skip
    body = response.content.decode()
    assert "Đã ghi nhận dừng/điều chỉnh nhiệm vụ I.1" in body and "Điều chỉnh theo QĐ 99" in body
    task.refresh_from_db()
    assert task.halt.effective_on == date(2026, 5, 1)


def test_a_reporter_cannot_halt_a_task(as_user, people, loaded_plan):
    task = dated_task(loaded_plan)
    client = as_user(people["reporter_vp"])
    url = reverse("periods:halts", kwargs={"plan_id": loaded_plan.pk})
    response = client.post(url, {"task": task.pk, "kind": "stopped", "effective_on": "2026-05-01", "reason": "x"})
    assert "không có quyền" in response.content.decode()
    task.refresh_from_db()
    assert not hasattr(task, "halt")


def test_period_page_shows_obligations_statuses_and_rates(as_user, people, loaded_plan):
    from theodoi.periods.services import schedule_set, unit_report_submit, unit_reports_open
    from theodoi.periods.submission import VIETNAM_TZ

    schedule_set(
        actor=people["coordinator"], plan=loaded_plan, clause_text="Trước ngày 12 hằng tháng",
        now=datetime(2026, 1, 1, tzinfo=VIETNAM_TZ),
    )  # fmt: skip
    july = ReportingPeriod.objects.get(plan=loaded_plan, kind="month", index=7)
    report = next(r for r in unit_reports_open(actor=None, period=july) if r.unit.code == "dn.khcn.vp")
    unit_report_submit(actor=people["reporter_vp"], unit_report=report, at=datetime(2026, 7, 13, 9, tzinfo=VIETNAM_TZ))
    client = as_user(people["coordinator"])
    body = client.get(
        reverse("periods:period", kwargs={"plan_id": loaded_plan.pk, "period_id": july.pk})
    ).content.decode()
    assert "Kỳ báo cáo Tháng 7/2026" in body
    assert "Văn phòng Sở" in body and "Hoàn thành quá hạn" in body  # the report, sent on the 13th
    assert "I.1. Rà soát văn bản quy phạm pháp luật — <strong>Đang thực hiện quá hạn</strong>" in body  # due 30/6
    from theodoi.periods.selectors import plan_on_time_rates

    rates = plan_on_time_rates(loaded_plan, datetime(2026, 7, 20, tzinfo=VIETNAM_TZ))
    reports, tasks = rates.reports[0], rates.tasks[0]
    owing = UnitReport.objects.filter(period=july).count()
    assert owing > 1 and (reports.on_time, reports.decided) == (0, owing)  # one sent late, the rest unsent
    assert (tasks.on_time, tasks.decided) == (0, 1)  # I.1, led by Văn phòng Sở, due 30/6, not done
    assert f"{reports.on_time}/{reports.decided}" in body and "0% (0/1)" in body


def test_unit_agenda_lists_what_the_unit_owes(as_user, people, loaded_plan):
    client = as_user(people["reporter_vp"])
    body = client.get(reverse("periods:agenda")).content.decode()
    assert "Việc của đơn vị: Văn phòng Sở" in body
    # I.1 (due 30/6/2026, led by Văn phòng Sở) is listed whatever today is, with its deadline.
    assert "Nhiệm vụ I.1. Rà soát văn bản quy phạm pháp luật" in body
    assert "23:59 30/06/2026" in body
    vp = Assignment.objects.get(task=dated_task(loaded_plan), unit__code="dn.khcn.vp")
    assert reverse("periods:extension_new", kwargs={"assignment_id": vp.pk}) in body
    other = as_user(people["reporter_nv"])
    assert "Nhiệm vụ I.1." not in other.get(reverse("periods:agenda")).content.decode()
