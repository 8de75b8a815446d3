"""A coordinator fills in the summary report's form on the plan's documents page and downloads it."""

import re

import pytest
from docx import Document
from playwright.sync_api import expect

from tests.browser.test_browse import sign_in
from theodoi.documents.tests.scenario import build_scenario
from theodoi.periods.windows import Period, PeriodKind

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_downloads_the_summary_report(page, coordinator, loaded_plan, make_user, directory, shots):
    reporter = make_user("reporter", directory["dn.khcn.vp"], full_name="Nguyễn Văn Báo")
    build_scenario(loaded_plan, coordinator, reporter, Period(2026, PeriodKind.MONTH, 3))
    sign_in(page, coordinator.username)
    expect(page).to_have_url(re.compile(r"/ke-hoach/$"))
    page.goto(f"/ke-hoach/{loaded_plan.pk}/")
    page.get_by_role("link", name="Văn bản, sổ theo dõi").click()
    expect(page.get_by_role("heading", name="Báo cáo tổng hợp (.docx)")).to_be_visible()
    form = page.locator("form", has=page.get_by_role("button", name="Tạo báo cáo tổng hợp"))
    form.get_by_label("Kỳ báo cáo").select_option(label="Tháng 3/2026")
    form.get_by_label("Số văn bản").fill("15")
    form.get_by_label("Quyền hạn ký").fill("KT. GIÁM ĐỐC")
    form.get_by_label("Chức vụ người ký").fill("PHÓ GIÁM ĐỐC")
    form.get_by_label("Họ và tên người ký").fill("Lê Văn Ký")
    form.get_by_label("Nơi nhận").fill("UBND tỉnh (b/c)\nSở Nội vụ")
    page.screenshot(path=str(shots / "documents-plan.png"), full_page=True)
    with page.expect_download() as info:
        form.get_by_role("button", name="Tạo báo cáo tổng hợp").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    document = Document(download.path())
    lines = [p.text for table in document.tables for cell in table._cells for p in cell.paragraphs if p.text]
    lines += [p.text for p in document.paragraphs if p.text]
    assert "Số: 15/BC-SKHCN" in lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "- Văn phòng Sở: Đã rà soát 12/30 văn bản" in lines
    assert {"Nơi nhận:", "- UBND tỉnh (b/c);", "- Sở Nội vụ;", "Lê Văn Ký"} <= set(lines)


def test_register_page_prints_the_paper_columns(page, coordinator, loaded_plan, shots):
    sign_in(page, coordinator.username)
    expect(page).to_have_url(re.compile(r"/ke-hoach/$"))
    page.goto(f"/ke-hoach/{loaded_plan.pk}/so-theo-doi/")
    headers = page.locator("table.register thead th")
    expect(headers).to_have_text([
        "STT", "Nhiệm vụ", "Lãnh đạo phụ trách", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn",
        "Thời hạn ban đầu", "Gia hạn", "Kết quả thực hiện", "Khó khăn, vướng mắc", "Giải pháp, đề xuất", "Tình trạng",
    ])  # fmt: skip
    expect(page.locator("table.register tbody tr")).to_have_count(2)
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    page.screenshot(path=str(shots / "documents-register-print.png"), full_page=True)
