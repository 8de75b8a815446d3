"""A unit reports its month; the standing agency returns it with a comment; the unit resubmits;
the standing agency accepts it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_browse import sign_in
from theodoi.periods.windows import Period, PeriodKind

pytestmark = pytest.mark.browser


def sign_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def test_report_return_resubmit_accept(page, loaded_plan, coordinator, directory, make_user, shots):
    from theodoi.submissions.models import Report
    from theodoi.submissions.services import reports_open_period

    reporter = make_user("reporter", directory["dn.khcn.vp"], username="vanphong", full_name="Nguyễn Văn Báo")
    reports_open_period(actor=coordinator, plan=loaded_plan, period=Period(2026, PeriodKind.MONTH, 3))
    report = Report.objects.get(plan=loaded_plan, unit=directory["dn.khcn.vp"])
    task = loaded_plan.tasks.get(ref="I.1")
    indicator = loaded_plan.indicators.get(ref="1")

    sign_in(page, reporter.username)
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    page.get_by_role("link", name=report.unit.name).click()
    expect(page).to_have_url(re.compile(rf"/bao-cao/{report.pk}/$"))
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_role("alert")).to_contain_text("chưa nộp được")
    expect(page.locator(f"#task-{task.pk} .error").first).to_contain_text("Chưa nhập “Tình trạng”")
    page.screenshot(path=str(shots / "report-errors.png"), full_page=True)
    page.locator(f"#t-{task.pk}-progress").select_option(label="Đang thực hiện")
    page.locator(f"#t-{task.pk}-percent_done").fill("40")
    page.locator(f"#t-{task.pk}-work_done").fill("Đã rà soát 12/30 văn bản")
    page.locator(f"#i-{indicator.pk}-numerator").fill("990")
    page.locator(f"#i-{indicator.pk}-denominator").fill("1000")
    page.locator(f"#i-{indicator.pk}-value").fill("99")
    page.locator(f"#i-{indicator.pk}-source_kind").select_option(label="Trích xuất từ hệ thống")
    page.locator(f"#i-{indicator.pk}-source_system").fill("Hệ thống thông tin giải quyết TTHC tỉnh")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".message--success")).to_contain_text("Đã lưu nháp")
    expect(page.locator(f"#i-{indicator.pk}-numerator")).to_have_value("990")

    page.get_by_label("Gắn với").select_option(label="Chỉ tiêu 1")
    page.get_by_label("hoặc đường dẫn").fill("https://dichvucong.dongnai.gov.vn/thong-ke/2026-03")
    page.get_by_label("Mô tả").fill("Bản trích xuất tháng 3")
    page.get_by_role("button", name="Thêm minh chứng").click()
    expect(page.locator(".message--success")).to_contain_text("Đã thêm minh chứng")
    page.screenshot(path=str(shots / "report-draft.png"), full_page=True)
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.locator(".message--success")).to_contain_text("Đã nộp báo cáo")
    expect(page.locator(".state")).to_have_text("Đã nộp")
    sign_out(page)

    sign_in(page, coordinator.username)
    page.goto(f"/bao-cao/{report.pk}/kiem-tra/")
    page.get_by_label("Ý kiến về nhiệm vụ I.1").fill("Ghi rõ số, ngày các văn bản đã rà soát.")
    page.screenshot(path=str(shots / "report-review.png"), full_page=True)
    page.get_by_role("button", name="Trả lại").click()
    expect(page.locator(".message--success")).to_contain_text("Đã trả lại")
    sign_out(page)

    sign_in(page, reporter.username)
    page.goto(f"/bao-cao/{report.pk}/")
    expect(page.locator(".state")).to_have_text("Bị trả lại")
    expect(page.locator(f"#task-{task.pk}")).to_contain_text("Ghi rõ số, ngày các văn bản đã rà soát.")
    page.locator(f"#t-{task.pk}-work_done").fill("Đã rà soát 12/30 văn bản (số 01 đến 12/QĐ-SKHCN)")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.locator(".state")).to_have_text("Đã nộp")
    sign_out(page)

    sign_in(page, coordinator.username)
    page.goto(f"/bao-cao/{report.pk}/kiem-tra/?tu=1&den=2")
    expect(page.locator("#so-sanh")).to_contain_text("Nhiệm vụ I.1")
    page.get_by_role("button", name="Chấp nhận").click()
    expect(page.locator(".state")).to_have_text("Đã chấp nhận")
    page.screenshot(path=str(shots / "report-accepted.png"), full_page=True)
    report.refresh_from_db()
    assert report.state == "accepted"
