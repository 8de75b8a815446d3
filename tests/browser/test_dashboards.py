"""The dashboards in a browser: a leader's overview, a plan's dashboard with its filters, the grid
of who reported when, and a download."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.test_browse import sign_in
from theodoi.dashboards.tests.conftest import NOW, dash_plan, filed, people  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr("theodoi.dashboards.views.clock", lambda: NOW)


def test_leader_lands_on_the_overview(page, filed, people, shots):  # noqa: F811
    sign_in(page, people["viewer"].username)
    expect(page).to_have_url(re.compile(r"/tong-quan/$"))
    expect(page.get_by_role("heading", name="Tổng quan", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Tổng quan", exact=True)).to_have_attribute("aria-current", "page")
    figures = page.locator(".dash-figures")
    expect(figures).to_contain_text("Nhiệm vụ quá hạn")
    expect(page.locator("#nhiem-vu-qua-han")).to_contain_text("Nâng cấp cổng dịch vụ công")
    # Each chart is an image with a title, and has its table beside it.
    chart = page.locator("#don-vi-cham-bao-cao svg[role=img]")
    expect(chart).to_have_count(1)
    expect(chart.locator("title").first).to_have_text("Báo cáo muộn và chưa nộp theo đơn vị")
    expect(page.locator("#don-vi-cham-bao-cao table")).to_contain_text("Phòng Chuyển đổi số")
    page.screenshot(path=str(shots / "dashboard-overview.png"), full_page=True)
    page.locator("#ke-hoach table").get_by_role("link", name=filed.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(filed.title)


def test_plan_dashboard_filters_and_download(page, filed, people, shots):  # noqa: F811
    sign_in(page, people["coordinator"].username)
    page.goto(f"/tong-quan/ke-hoach/{filed.pk}/")
    indicators = page.locator("#chi-tieu table")
    expect(indicators).to_contain_text("Chưa đạt")
    page.get_by_role("combobox", name="Kỳ báo cáo").select_option(label="Tháng 2/2026")
    expect(page).to_have_url(re.compile(r"ky=2026-month-2"))
    expect(page.locator("#chi-tieu table")).to_contain_text("Đạt")
    expect(page.locator("#chi-tieu table")).not_to_contain_text("Chưa đạt")
    page.get_by_role("combobox", name="Lĩnh vực").select_option(label="ỨNG DỤNG CÔNG NGHỆ THÔNG TIN")
    expect(page).to_have_url(re.compile(r"linh-vuc=muc-"))
    sections = page.locator("#nhiem-vu-theo-linh-vuc tbody tr")
    expect(sections).to_have_count(1)
    expect(sections).to_contain_text("ỨNG DỤNG CÔNG NGHỆ THÔNG TIN")
    page.screenshot(path=str(shots / "dashboard-plan.png"), full_page=True)
    with page.expect_download() as info:
        page.locator("#nhiem-vu-theo-linh-vuc").get_by_role("link", name=".xlsx").click()
    sheet = load_workbook(io.BytesIO(open(info.value.path(), "rb").read())).active
    assert sheet["A3"].value == "ỨNG DỤNG CÔNG NGHỆ THÔNG TIN" and sheet["F3"].value == 1


def test_reporting_grid(page, filed, people, directory, shots):  # noqa: F811
    sign_in(page, people["coordinator"].username)
    page.goto(f"/tong-quan/ke-hoach/{filed.pk}/")
    page.get_by_role("link", name="Tình hình báo cáo theo kỳ").click()
    grid = page.locator("#tinh-hinh-bao-cao table")
    row = grid.locator("tr", has_text="Văn phòng Sở")
    expect(row.locator("td.status--on_time")).to_contain_text("Đúng hạn · 10/01/2026")
    expect(row.locator("td.status--late")).to_contain_text("Muộn · 15/02/2026")
    expect(grid.locator("tr", has_text="Phòng Chuyển đổi số").locator("td.status--missing")).to_have_count(1)
    page.screenshot(path=str(shots / "dashboard-grid.png"), full_page=True)
    page.get_by_role("combobox", name="Đơn vị").select_option(label="Sở Nội vụ")
    expect(page).to_have_url(re.compile(r"don-vi="))
    expect(page.locator("#tinh-hinh-bao-cao tbody tr")).to_have_count(1)
    page.locator("#tinh-hinh-bao-cao tbody tr td.status--on_time a").first.click()
    expect(page).to_have_url(re.compile(r"/bao-cao/\d+/$"))
