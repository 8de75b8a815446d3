"""A civil servant's month in one walk: sign in, find the plan, read its tables, search, sign out."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "pw-123456789"


def sign_in(page, username):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/dang-nhap/"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_sign_in_read_a_plan_search_and_sign_out(page, coordinator, appendix_plan, shots):
    sign_in(page, coordinator.username)
    expect(page).to_have_url(re.compile(r"/ke-hoach/$"))
    expect(page.get_by_role("heading", name="Kế hoạch", exact=True)).to_be_visible()
    expect(page.locator(".account__name")).to_have_text("Lê Thị Thường Trực")
    expect(page.locator(".account__role")).to_contain_text("Cơ quan thường trực")
    expect(page.get_by_role("link", name="Quản trị")).to_have_count(0)

    page.get_by_role("link", name="Kế hoạch cải cách hành chính năm 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch cải cách hành chính năm 2026")
    tasks = page.locator("table.table--tasks")
    expect(tasks.locator("tr.heading--1")).to_have_text(["CẢI CÁCH THỂ CHẾ", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"])
    expect(tasks.locator("tr.heading--2")).to_have_text(["Số hóa hồ sơ", "Công khai thủ tục"])
    expect(tasks.locator("tbody tr[id^=nv-]")).to_have_count(5)
    expect(tasks.get_by_text("Rà soát văn bản quy phạm pháp luật")).to_be_visible()
    expect(tasks.get_by_text("Hạn 30/06/2026")).to_be_visible()
    expect(tasks.get_by_text("UBND các xã, phường")).to_be_visible()
    page.screenshot(path=str(shots / "plan.png"), full_page=True)

    page.get_by_role("link", name="Tìm kiếm").click()
    # A marker on window survives only if the results come in by htmx, not by reloading the page.
    page.evaluate("window.__stillHere = true")
    page.get_by_label("Từ khóa").press_sequentially("cai cach", delay=30)
    results = page.locator("#search-results")
    expect(results.locator("mark").first).to_have_text(re.compile("cải|Cải"))
    expect(results.get_by_role("heading", name=re.compile("^Kế hoạch"))).to_be_visible()
    expect(results.get_by_role("heading", name=re.compile("^Nhiệm vụ"))).to_be_visible()
    assert page.evaluate("window.__stillHere") is True
    expect(page.locator("#search-status")).to_have_text("2 kết quả")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=cai(\+|%20)cach"))
    page.screenshot(path=str(shots / "search.png"), full_page=True)

    page.get_by_label("Từ khóa").fill("doi so")
    expect(results.get_by_text(re.compile("Chuyển đổi số trong tiếp nhận"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=doi(\+|%20)so"))
    # Back returns to the earlier results as a whole page (htmx keeps no copies of pages).
    page.go_back()
    expect(page).to_have_url(re.compile(r"q=cai(\+|%20)cach"))
    expect(page.get_by_label("Từ khóa")).to_have_value("cai cach")
    assert page.evaluate("localStorage.getItem('htmx-history-cache')") in (None, "[]")

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/dang-nhap/"))
    page.goto("/ke-hoach/")
    expect(page).to_have_url(re.compile(r"/dang-nhap/\?next="))


def test_wrong_password_is_refused_in_vietnamese(page, coordinator):
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(coordinator.username)
    page.get_by_label("Mật khẩu").fill("khong-dung")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")


def test_plan_filter_is_live_and_agencies_lead_to_unit_pages(page, coordinator, appendix_plan):
    sign_in(page, coordinator.username)
    table = page.locator("#plan-table")
    page.get_by_label("Lọc theo tên, số hiệu hoặc cơ quan ban hành").press_sequentially("du lich", delay=20)
    expect(table).to_contain_text("Không có kế hoạch nào khớp")
    page.get_by_label("Lọc theo tên, số hiệu hoặc cơ quan ban hành").fill("CAI CACH")
    expect(table.get_by_role("link", name="Kế hoạch cải cách hành chính năm 2026")).to_be_visible()

    page.goto(f"/ke-hoach/{appendix_plan.pk}/")
    page.get_by_role("link", name="Sở Nội vụ").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sở Nội vụ")
    expect(page.get_by_text("Phối hợp nhiệm vụ")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Chuyển đổi số trong tiếp nhận"))).to_be_visible()
