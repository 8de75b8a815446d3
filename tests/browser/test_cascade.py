"""A standing agency confirms which provincial task each of its tasks serves, row by row (htmx)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_browse import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def plans_with_suggestions(directory):
    from conftest import plan_document
    from theodoi.cascade.services import links_suggest
    from theodoi.cascade.tests.conftest import small_higher_document
    from theodoi.plans.services import plan_load

    higher = plan_load(
        actor=None, document=small_higher_document(), owner=directory["dn"], standing_unit=directory["dn.tc"]
    ).plan
    lower = plan_load(actor=None, document=plan_document()).plan
    links_suggest(actor=None, plan=lower)
    return higher, lower


def test_coordinator_confirms_a_suggestion_in_place(page, coordinator, plans_with_suggestions, shots):
    from theodoi.cascade.models import TaskLink

    higher, lower = plans_with_suggestions
    sign_in(page, coordinator.username)
    page.goto(f"/ke-hoach/{lower.pk}/")
    page.get_by_role("link", name="Nhiệm vụ cấp trên mà từng nhiệm vụ phục vụ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Liên kết với kế hoạch cấp trên")
    expect(page.locator("#ke-hoach-cap-tren")).to_contain_text(higher.title)
    page.evaluate("window.__stillHere = true")

    task = lower.tasks.get(ref="II.1")
    row = page.locator(f"#nv-{task.pk}")
    suggestions = row.locator("ol.suggestions > li")
    expect(suggestions).to_have_count(3)
    expect(suggestions.first).to_contain_text("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính")
    expect(suggestions.first.locator(".score")).to_have_text(re.compile(r"^\d+%$"))
    page.screenshot(path=str(shots / "cascade-review.png"), full_page=True)

    suggestions.first.get_by_role("button", name="Xác nhận").click()
    expect(row).to_contain_text("Đã xác nhận")
    expect(page.locator("#dem-lien-ket")).to_have_text("1 đã xác nhận · 0 không tương ứng · 1 chưa xem xét")
    expect(row.get_by_role("button", name="Đổi")).to_be_visible()
    assert page.evaluate("window.__stillHere") is True  # the row was swapped, the page not reloaded
    link = TaskLink.objects.get(lower_task=task, state="confirmed")
    assert link.higher_task.ref == "2" and link.decided_by == coordinator

    # The other task: none of the province's tasks fits.
    other = page.locator(f"#nv-{lower.tasks.get(ref='I.1').pk}")
    other.get_by_role("button", name="Không có nhiệm vụ tương ứng").click()
    expect(other).to_contain_text("Không phục vụ nhiệm vụ cấp trên nào")
    expect(page.locator("#dem-lien-ket")).to_have_text("1 đã xác nhận · 1 không tương ứng · 0 chưa xem xét")
    page.screenshot(path=str(shots / "cascade-decided.png"), full_page=True)
