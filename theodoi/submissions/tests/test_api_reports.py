"""The report endpoints: who reaches what, the whole cycle through the API, stale versions, and
the cost of the list. Runs on SQLite and PostgreSQL."""

import pytest
from rest_framework.test import APIClient

from theodoi.core.tests.api_support import assert_queries_constant, client_for
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import Report, ReviewComment
from theodoi.submissions.tests.conftest import at


def url(report, action=""):
    return f"/api/v1/reports/{report.pk}/" + (f"{action}/" if action else "")


def post(user, path, body=None, **kwargs):
    return client_for(user).post(path, body or {}, format=kwargs.pop("format", "json"), **kwargs)


# --- reach ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("reporter", {"dn.khcn.vp"}),
        ("reporter_cds", {"dn.khcn.cds"}),
        ("reporter_nv", set()),
        ("leader", {"dn.khcn.vp"}),
        ("coordinator", {"dn.khcn.vp", "dn.khcn.cds"}),
        ("other_coordinator", set()),
        ("viewer", {"dn.khcn.vp", "dn.khcn.cds"}),
        ("admin", {"dn.khcn.vp", "dn.khcn.cds"}),
    ],
)
def test_each_role_lists_and_opens_only_the_reports_it_reads(opened, people, who, sees):
    client = client_for(people[who])
    response = client.get("/api/v1/reports/?page_size=500")
    assert response.status_code == 200
    assert {row["unit"]["code"] for row in response.json()["results"]} == sees
    for code, report in opened.items():
        detail = client.get(url(report))
        if code in sees:
            assert detail.status_code == 200
            assert detail.json()["report"]["id"] == report.pk
        else:
            assert detail.status_code == 404
            assert detail.json() == {"detail": "Không tìm thấy."}


def test_anonymous_gets_401_everywhere(opened):
    report = opened["dn.khcn.vp"]
    client = APIClient()
    for response in (
        client.get("/api/v1/reports/"), client.get(url(report)),
        client.post(url(report, "save-draft"), {}, format="json"), client.post(url(report, "accept")),
        client.get("/api/v1/evidence/"),
    ):
        assert response.status_code == 401
        assert response.json()["detail"].startswith("Chưa đăng nhập")


# Each action: who may do it (on the Văn phòng Sở's draft report); others who read it get 403.
ACTION_MATRIX = [
    # who, action, expected status for a report in the right state
    ("reporter_cds", "save-draft", 404),  # another unit's report: not even visible
    ("reporter_nv", "submit", 404),
    ("other_coordinator", "accept", 404),
    ("viewer", "save-draft", 403),
    ("viewer", "submit", 403),
    ("viewer", "accept", 403),
    ("viewer", "return", 403),
    ("viewer", "reopen", 403),
    ("coordinator", "save-draft", 403),  # coordinators review; they do not type the unit's report
    ("coordinator", "submit", 403),
    ("coordinator", "evidence", 403),
    ("reporter", "accept", 403),
    ("reporter", "return", 403),
    ("reporter", "reopen", 403),
    ("reporter", "approve", 403),
]


@pytest.mark.parametrize(("who", "action", "expected"), ACTION_MATRIX)
def test_action_permission_matrix(ready_report, people, who, action, expected):
    before = Report.objects.get(pk=ready_report.pk)
    body = {"expected_version": before.version, "items": [], "comments": [{"text": "x"}], "reason": "x",
            "url": "https://example.org/x"}
    response = post(people[who], url(ready_report, action), body)
    assert response.status_code == expected, response.content
    assert "detail" in response.json()
    after = Report.objects.get(pk=ready_report.pk)
    assert (after.state, after.version) == (before.state, before.version)


def test_reporter_saves_own_unit_draft(opened, people, task_i1):
    report = opened["dn.khcn.vp"]
    response = post(people["reporter"], url(report, "save-draft"), {
        "expected_version": report.version, "items": [{"task": task_i1.pk, "progress": "in_progress"}],
    })
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "draft" and response.json()["version"] == report.version + 1


# --- the cycle ------------------------------------------------------------------------------------


def test_the_whole_cycle_through_the_api(opened, people, complete_items, indicator1, task_i1):
    reporter, coordinator = people["reporter"], people["coordinator"]
    report = opened["dn.khcn.vp"]

    saved = post(reporter, url(report, "save-draft"), {"expected_version": report.version, "items": complete_items})
    assert saved.status_code == 200, saved.content
    version = saved.json()["version"]

    incomplete = post(reporter, url(report, "submit"), {"expected_version": version})
    assert incomplete.status_code == 400  # the indicator's typed figures need evidence
    assert incomplete.json()["errors"] and {"item", "field", "message"} <= set(incomplete.json()["errors"][0])

    evidence = post(reporter, url(report, "evidence"), {
        "indicator": indicator1.pk, "url": "https://dichvucong.dongnai.gov.vn/thong-ke/2026-03", "title": "Trích xuất",
    })
    assert evidence.status_code == 201, evidence.content
    assert evidence.json()["kind"] == "link"
    listed = client_for(coordinator).get(f"/api/v1/evidence/?report={report.pk}")
    assert [row["id"] for row in listed.json()["results"]] == [evidence.json()["id"]]

    Report.objects.filter(pk=report.pk).update(due_at=at(2026, 3, 12, 17))
    version = Report.objects.get(pk=report.pk).version
    submitted = post(reporter, url(report, "submit"), {"expected_version": version})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == "submitted" and submitted.json()["is_late"] is True

    late = client_for(coordinator).get("/api/v1/reports/?late=true&state=submitted")
    assert [row["id"] for row in late.json()["results"]] == [report.pk]

    returned = post(coordinator, url(report, "return"), {
        "comments": [{"task": task_i1.pk, "text": "Nêu rõ số văn bản đã rà soát."}, {"text": "Bổ sung số liệu."}],
    })
    assert returned.status_code == 200, returned.content
    assert returned.json()["state"] == "returned"
    assert ReviewComment.objects.filter(report=report).count() == 2

    resaved = post(reporter, url(report, "save-draft"), {
        "expected_version": returned.json()["version"], "items": [{"task": task_i1.pk, "percent_done": "55"}],
    })
    assert resaved.status_code == 200, resaved.content
    resubmitted = post(reporter, url(report, "submit"), {"expected_version": resaved.json()["version"]})
    assert resubmitted.status_code == 200, resubmitted.content
    assert resubmitted.json()["state"] == "submitted"

    accepted = post(coordinator, url(report, "accept"))
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    locked = post(reporter, url(report, "save-draft"), {"expected_version": accepted.json()["version"], "items": []})
    assert locked.status_code == 400 and "khóa" in locked.json()["detail"]

    no_reason = post(coordinator, url(report, "reopen"), {"reason": ""})
    assert no_reason.status_code == 400
    reopened = post(coordinator, url(report, "reopen"), {"reason": "Số liệu chỉ tiêu 1 cần đối chiếu lại."})
    assert reopened.status_code == 200 and reopened.json()["state"] == ReportState.RETURNED

    detail = client_for(coordinator).get(url(report)).json()
    assert [row["number"] for row in detail["versions"]] == [1, 2]
    assert any(row["is_reopen_reason"] for row in detail["comments"])
    assert [row["task"] for row in detail["task_items"]] == [task_i1.pk]
    assert detail["indicator_items"][0]["evidence"][0]["url"].startswith("https://")
    assert detail["can_review"] is True and detail["can_edit"] is False


def test_a_stale_version_answers_409_with_the_differences(opened, people, task_i1):
    report = opened["dn.khcn.vp"]
    first = post(people["reporter"], url(report, "save-draft"), {
        "expected_version": report.version, "items": [{"task": task_i1.pk, "work_done": "Của người thứ nhất"}],
    })
    assert first.status_code == 200
    stale = post(people["reporter2"], url(report, "save-draft"), {
        "expected_version": report.version, "items": [{"task": task_i1.pk, "work_done": "Của người thứ hai"}],
    })
    assert stale.status_code == 409
    body = stale.json()
    assert "Nguyễn Văn Báo" in body["detail"] and body["current_version"] == first.json()["version"]
    assert body["differences"][0]["field"] == "work_done"
    assert body["differences"][0]["saved"] == "Của người thứ nhất"
    assert Report.objects.get(pk=report.pk).task_items.get().work_done == "Của người thứ nhất"


def test_invalid_values_are_listed_by_item_and_field(opened, people, indicator1):
    report = opened["dn.khcn.vp"]
    response = post(people["reporter"], url(report, "save-draft"), {
        "expected_version": report.version, "items": [{"indicator": indicator1.pk, "numerator": "-3"}],
    })
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "numerator"


def test_list_filters(opened, people, loaded_plan, directory):
    client = client_for(people["coordinator"])
    vp = opened["dn.khcn.vp"]

    def ids(query):
        response = client.get(f"/api/v1/reports/?{query}")
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    every = {report.pk for report in opened.values()}
    assert ids(f"plan={loaded_plan.pk}&period_kind=month&period_year=2026&period_index=3") == every
    assert ids(f"unit={directory['dn.khcn.vp'].pk}") == {vp.pk}
    assert ids("state=not_submitted") == every and ids("late=true") == set()
    assert ids("period_year=2025") == set()
    assert client.get("/api/v1/reports/?state=nope").status_code == 400


def test_report_list_queries_do_not_grow_with_rows(opened, people, loaded_plan, django_assert_max_num_queries):
    from theodoi.periods.windows import Period, PeriodKind
    from theodoi.submissions.services import reports_open_period

    def grow():
        periods = [Period(2026, PeriodKind.MONTH, month) for month in range(4, 13)]
        periods += [Period(2026, PeriodKind.QUARTER, quarter) for quarter in range(1, 5)]
        for period in periods:
            reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=period)

    client = client_for(people["coordinator"])
    assert_queries_constant(client, "/api/v1/reports/?page_size=500", grow, django_assert_max_num_queries, 8)


def test_the_leader_approves_when_the_plan_asks_for_it(ready_report, people, loaded_plan):
    from theodoi.submissions.models import PlanReportingSettings

    PlanReportingSettings.objects.create(plan=loaded_plan, requires_leader_approval=True)
    submitted = post(people["reporter"], url(ready_report, "submit"), {"expected_version": ready_report.version})
    assert submitted.status_code == 200 and submitted.json()["state"] == "awaiting_leader"
    assert post(people["reporter"], url(ready_report, "approve")).status_code == 403
    assert post(people["coordinator"], url(ready_report, "approve")).status_code == 403
    approved = post(people["leader"], url(ready_report, "approve"))
    assert approved.status_code == 200 and approved.json()["state"] == "submitted"
    again = post(people["leader"], url(ready_report, "approve"))
    assert again.status_code == 400 and "không chờ lãnh đạo duyệt" in again.json()["detail"]
