"""A coordinator opens a plan's rules from the plan page, changes how an indicator adds up and the
scoreboard's weights, and sees a wrong band refused in Vietnamese."""

import re

from playwright.sync_api import expect

from tests.browser.test_browse import sign_in


def test_coordinator_sets_the_rules_of_results(page, coordinator, appendix_plan):
    sign_in(page, coordinator.username)
    page.goto(f"/ke-hoach/{appendix_plan.pk}/")
    page.get_by_role("link", name="Quy tắc đánh giá").click()
    expect(page).to_have_url(re.compile(rf"/ke-hoach/{appendix_plan.pk}/quy-tac-danh-gia/$"))
    expect(page.get_by_role("heading", name="Quy tắc đánh giá kết quả")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Bảng điểm đơn vị"))).to_be_visible()

    indicator = appendix_plan.indicators.get(ref="1")
    page.get_by_label(f"1. {indicator.name}").select_option("mean")
    page.get_by_role("button", name="Lưu cách tổng hợp").click()
    expect(page.get_by_text("Đã lưu cách tổng hợp các chỉ tiêu.")).to_be_visible()
    indicator.refresh_from_db()
    assert indicator.aggregation == "mean"

    page.get_by_label("điểm cho nhiệm vụ hoàn thành quá hạn").fill("0.8")
    page.get_by_role("button", name="Lưu ngưỡng và cách chấm điểm").click()
    expect(page.get_by_text("Đã lưu ngưỡng cảnh báo và cách chấm điểm.")).to_be_visible()
    expect(page.get_by_text("Kế hoạch có thiết lập riêng.")).to_be_visible()

    page.get_by_label("an toàn khi thiếu không quá (điểm)").fill("20")
    page.get_by_role("button", name="Lưu ngưỡng và cách chấm điểm").click()
    expect(page.get_by_role("alert")).to_contain_text("tăng dần")
