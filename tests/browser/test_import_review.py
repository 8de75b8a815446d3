"""A standing agency uploads a plan document, corrects what was read, maps a name and saves it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_browse import sign_in
from theodoi.imports.tests.test_import_review import TABLE

pytestmark = pytest.mark.browser


def test_upload_review_correct_and_save(page, coordinator, tmp_path, shots):
    document = tmp_path / "ke-hoach.txt"
    document.write_bytes(TABLE)
    sign_in(page, coordinator.username)
    page.get_by_role("link", name="Nhập kế hoạch").click()
    page.get_by_label("Văn bản kế hoạch").set_input_files(str(document))
    page.get_by_role("button", name="Đọc văn bản").click()
    expect(page).to_have_url(re.compile(r"/nhap-ke-hoach/\d+/$"))

    unknown = page.locator("#ten-chua-biet").locator("..")
    expect(unknown).to_contain_text("Phòng Hành Chánh Lạ")
    unknown.locator("select[name=unit]").select_option(label="Văn phòng Sở — Sở Khoa học và Công nghệ")
    unknown.get_by_role("button", name="Áp dụng").click()
    expect(page.locator("#ten-chua-biet")).to_have_count(0)

    row = page.locator("#tasks-1")
    row.locator("td.editable").nth(4).locator("summary").click()
    row.locator("td.editable").nth(4).locator("textarea").fill("Quý III/2026")
    row.locator("td.editable").nth(4).get_by_role("button", name="Lưu ô này").click()
    expect(page.locator("#tasks-1")).to_contain_text("hạn 2026-09-30")  # swapped in place by htmx

    meta = page.locator("#thong-tin")
    meta.locator("summary").first.click()
    meta.locator("input[name=value]").first.fill("Kế hoạch rà soát thủ tục hành chính năm 2026")
    meta.get_by_role("button", name="Lưu").first.click()
    page.screenshot(path=str(shots / "import-review.png"), full_page=True)

    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page).to_have_url(re.compile(r"/ke-hoach/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch rà soát thủ tục hành chính năm 2026")
    expect(page.locator(".message--success")).to_contain_text("Đã tạo kế hoạch")
