"""Playwright against pytest-django's live_server, driving Debian's chromium (never a downloaded one)."""

import os
import shutil
from pathlib import Path

import pytest

from conftest import plan_document

CHROMIUM = os.environ.get("THEODOI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PASSWORD = "pw-123456789"


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"chromium không có tại {CHROMIUM} (apt-get install chromium)")
    # The sync API runs an event loop in this thread; Django refuses database access from a
    # thread with a running loop unless told it is safe (the test's own thread, not the server's).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1360, "height": 900}, base_url=live_server.url
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def appendix_document():
    """The test plan with more rows, nested sections and a group, so the page looks like a real appendix."""
    document = plan_document()
    deadline = {
        "text": "Hằng năm",
        "kind": "recurring",
        "from": None,
        "due": None,
        "every": "year",
        "trigger": None,
    }
    extra = [
        (
            "I.2",
            ["CẢI CÁCH THỂ CHẾ"],
            "Kiểm tra việc thực hiện cải cách hành chính tại các phòng, đơn vị",
            ["Văn phòng Sở"],
            ["@phong-don-vi"],
            "Báo cáo kết quả kiểm tra",
        ),
        (
            "II.2",
            ["CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Số hóa hồ sơ"],
            "Chuyển đổi số trong tiếp nhận, giải quyết hồ sơ; kết nối với Cổng Dịch vụ công quốc gia",
            ["Phòng Chuyển đổi số"],
            ["Sở Nội vụ", "@co-quan-bao-dai"],
            "Hồ sơ được số hóa",
        ),
        (
            "II.3",
            ["CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Công khai thủ tục"],
            "Công khai đầy đủ, kịp thời thủ tục hành chính trên Cổng thông tin điện tử của Sở",
            ["Trung tâm Khoa học và Công nghệ"],
            ["Văn phòng Sở"],
            "Thủ tục được công khai",
        ),
    ]
    for ref, section, name, lead, coordinating, output in extra:
        document["tasks"].append(
            {
                "ref": ref,
                "section": section,
                "name": name,
                "description": None,
                "objective": None,
                "lead": lead,
                "coordinating": coordinating,
                "output": output,
                "deadline": deadline,
                "indicator_ref": None,
                "note": None,
            }
        )
    document["tasks"].sort(key=lambda task: task["ref"])
    return document


@pytest.fixture
def appendix_plan(directory):
    from theodoi.plans.services import plan_load

    return plan_load(actor=None, document=appendix_document()).plan


@pytest.fixture
def coordinator(directory, make_user):
    return make_user(
        "coordinator", directory["dn.khcn"], username="thuongtruc", full_name="Lê Thị Thường Trực"
    )


@pytest.fixture
def shots(tmp_path):
    """Screenshots go to a temporary directory; THEODOI_SCREENSHOTS copies them somewhere to look at."""
    yield tmp_path
    keep = os.environ.get("THEODOI_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for shot in tmp_path.glob("*.png"):
            shutil.copy(shot, Path(keep) / shot.name)
