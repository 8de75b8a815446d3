"""The review page of a lower plan, the take-up page of a higher plan, and /api/v1/task-links/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from theodoi.cascade import services
from theodoi.cascade.choices import LinkState
from theodoi.cascade.models import TaskLink
from theodoi.core.tests.api_support import client_for

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def coordinator(make_user, directory):
    return make_user("coordinator", directory["dn.khcn"])


@pytest.fixture
def suggested(small_pair):
    higher, lower = small_pair
    services.links_suggest(actor=None, plan=lower)
    return higher, lower


def test_review_page_shows_top_three_with_scores_and_the_decision_buttons(suggested, coordinator, client):
    higher, lower = suggested
    client.force_login(coordinator)
    html = client.get(reverse("cascade:review", args=[lower.pk])).content.decode()
    assert "Liên kết với kế hoạch cấp trên" in html and higher.title in html
    assert "282/QĐ-TTg" not in html  # that is the province's own higher document, not this plan's
    assert html.count('name="action" value="confirm"') == 2 * 3  # two tasks, three suggestions each
    assert "Không có nhiệm vụ tương ứng" in html and "%" in html


def test_a_higher_document_not_in_the_system_is_shown_by_its_number(suggested, make_user, directory, client):
    higher, _ = suggested
    client.force_login(make_user("coordinator", directory["dn.tc"]))
    html = client.get(reverse("cascade:review", args=[higher.pk])).content.decode()
    assert "282/QĐ-TTg" in html and "chưa có trong hệ thống" in html
    assert "Chưa có kế hoạch cấp trên nào trong hệ thống" in html


def test_confirm_by_htmx_returns_the_row_decided(suggested, coordinator, client):
    higher, lower = suggested
    client.force_login(coordinator)
    task = lower.tasks.get(ref="II.1")
    target = higher.tasks.get(ref="2")
    response = client.post(
        reverse("cascade:decide", args=[task.pk]), {"action": "confirm", "higher_task": target.pk}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith(f'<tr id="nv-{task.pk}"')
    assert "Đã xác nhận" in html and target.name[:30] in html
    assert TaskLink.objects.get(lower_task=task, state=LinkState.CONFIRMED).higher_task == target


def test_picking_another_task_opens_the_full_list_then_none_then_reopen(suggested, coordinator, client):
    higher, lower = suggested
    client.force_login(coordinator)
    task = lower.tasks.get(ref="I.1")
    url = reverse("cascade:decide", args=[task.pk])
    picker = client.get(url, **HTMX).content.decode()
    assert picker.count("<option value=") == 1 + higher.tasks.count()
    assert client.get(url).status_code == 302  # without htmx: the page with that row's list open
    client.post(url, {"action": "none"}, **HTMX)
    assert TaskLink.objects.get(lower_task=task, state=LinkState.CONFIRMED).higher_task is None
    html = client.post(url, {"action": "reopen"}, **HTMX).content.decode()
    assert "Không phục vụ" not in html and not TaskLink.objects.filter(state=LinkState.CONFIRMED).exists()


def test_bad_input_gives_a_vietnamese_message_and_changes_nothing(suggested, coordinator, client):
    _, lower = suggested
    client.force_login(coordinator)
    task = lower.tasks.get(ref="I.1")
    url = reverse("cascade:decide", args=[task.pk])
    html = client.post(url, {"action": "confirm", "higher_task": "abc"}, **HTMX).content.decode()
    assert "Hãy chọn một nhiệm vụ cấp trên" in html
    html = client.post(url, {"action": "confirm", "higher_task": lower.tasks.get(ref="II.1").pk}, **HTMX)
    assert "không thuộc kế hoạch cấp trên" in html.content.decode()
    assert not TaskLink.objects.filter(state=LinkState.CONFIRMED).exists()


def test_a_reporter_sees_the_suggestions_without_buttons_and_cannot_post(suggested, make_user, directory, client):
    _, lower = suggested
    client.force_login(make_user("reporter", directory["dn.khcn.vp"]))
    html = client.get(reverse("cascade:review", args=[lower.pk])).content.decode()
    assert "%" in html and 'value="confirm"' not in html and "Tạo gợi ý" not in html
    task = lower.tasks.get(ref="I.1")
    html = client.post(reverse("cascade:decide", args=[task.pk]), {"action": "none"}, **HTMX).content.decode()
    assert "cơ quan thường trực" in html and not TaskLink.objects.filter(state=LinkState.CONFIRMED).exists()


def test_suggest_and_set_higher_plans_from_the_page(small_pair, coordinator, client, directory):
    higher, lower = small_pair
    client.force_login(coordinator)
    # Only plans the coordinator reads can be chosen; one it does not read is left out quietly.
    client.post(reverse("cascade:higher_set", args=[lower.pk]), {"higher": [str(higher.pk)]})
    assert not lower.implements.exists()
    higher.followers.add(directory["dn.khcn"])
    client.post(reverse("cascade:higher_set", args=[lower.pk]), {"higher": [str(higher.pk)]})
    client.post(reverse("cascade:suggest", args=[lower.pk]))
    assert TaskLink.objects.filter(state=LinkState.SUGGESTED).count() == 6
    client.post(reverse("cascade:higher_set", args=[lower.pk]), {"higher": []})
    assert not lower.implements.exists() and not TaskLink.objects.exists()
    client.post(reverse("cascade:higher_set", args=[lower.pk]), {"higher": [str(higher.pk)]})
    assert list(lower.implements.all()) == [higher]


def test_uptake_page_lists_lower_tasks_and_the_untaken_ones(suggested, make_user, directory, client):
    higher, lower = suggested
    services.link_confirm(actor=None, lower_task=lower.tasks.get(ref="II.1"), higher_task=higher.tasks.get(ref="2"))
    client.force_login(make_user("coordinator", directory["dn.tc"]))
    html = client.get(reverse("cascade:uptake", args=[higher.pk])).content.decode()
    assert "1/3 nhiệm vụ đã có kế hoạch cấp dưới nhận thực hiện" in html
    assert "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính" in html
    assert "2 nhiệm vụ chưa có cấp dưới nhận" in html
    assert "Sở Khoa học và Công nghệ: II.1." in html
    assert "Chưa có phân công" not in html
    # Sở Tài chính follows the province's plan, not the Sở's: its title is shown, not linked.
    assert lower.title in html and reverse("cascade:review", args=[lower.pk]) not in html


def test_uptake_page_shows_the_progress_last_reported(suggested, make_user, directory, client):
    from django.utils import timezone

    from theodoi.submissions.models import Report, TaskItem

    higher, lower = suggested
    task = lower.tasks.get(ref="II.1")
    services.link_confirm(actor=None, lower_task=task, higher_task=higher.tasks.get(ref="2"))
    for index, (state, percent) in enumerate([("submitted", 40), ("draft", 90)], start=4):
        report = Report.objects.create(
            plan=lower,
            unit=directory["dn.khcn.cds"],
            period_kind="month",
            period_year=2026,
            period_index=index,
            state=state,
            submitted_at=timezone.now() if state == "submitted" else None,
        )
        TaskItem.objects.create(report=report, task=task, percent_done=percent, progress="in_progress")
    client.force_login(make_user("admin"))
    html = client.get(reverse("cascade:uptake", args=[higher.pk])).content.decode()
    assert "40%" in html and "Đang thực hiện" in html and "90%" not in html  # a draft is not reported yet


def test_pages_of_a_plan_one_cannot_read_are_404(suggested, make_user, directory, client):
    higher, lower = suggested
    client.force_login(make_user("viewer", directory["sl"]))
    assert client.get(reverse("cascade:review", args=[lower.pk])).status_code == 404
    assert client.get(reverse("cascade:uptake", args=[higher.pk])).status_code == 404


def test_api_lists_the_links_of_a_plan_on_either_side(suggested, make_user, directory):
    higher, lower = suggested
    link = services.link_confirm(
        actor=None, lower_task=lower.tasks.get(ref="II.1"), higher_task=higher.tasks.get(ref="2")
    )
    api = client_for(make_user("coordinator", directory["dn.tc"]))
    data = api.get("/api/v1/task-links/", {"plan": higher.pk, "state": "confirmed"}).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["id"] == link.pk and row["lower_plan"] == lower.pk and row["higher_plan"] == higher.pk
    assert row["lower_task_ref"] == "II.1" and row["higher_task_ref"] == "2" and row["state"] == "confirmed"
    assert api.get("/api/v1/task-links/", {"lower_plan": lower.pk}).json()["count"] == 6
    outsider = client_for(make_user("viewer", directory["sl"]))
    assert outsider.get("/api/v1/task-links/").json()["count"] == 0
    assert outsider.get(f"/api/v1/task-links/{link.pk}/").status_code == 404
    assert client_for(None).get("/api/v1/task-links/").status_code in (401, 403)
