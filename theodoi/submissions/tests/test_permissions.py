"""Who may do what with a report: the policy's matrix, and the leader's approval step."""

import pytest

from theodoi.accounts import policy
from theodoi.core.errors import ApplicationError
from theodoi.submissions import selectors
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import PlanReportingSettings, Report
from theodoi.submissions.services import (
    report_accept,
    report_approve_by_leader,
    report_return,
    report_save_draft,
    report_submit,
    reports_open_period,
)

# role -> (read, edit, approve, review) on the Văn phòng Sở's report
MATRIX = {
    "admin": (True, True, True, True),
    "coordinator": (True, False, False, True),
    "other_coordinator": (False, False, False, False),
    "reporter": (True, True, False, False),
    "leader": (True, True, True, False),
    "reporter_cds": (False, False, False, False),
    "reporter_nv": (False, False, False, False),
    "viewer": (True, False, False, False),
}


@pytest.mark.parametrize("who", sorted(MATRIX))
def test_permission_matrix(opened, people, who):
    report = opened["dn.khcn.vp"]
    user = people[who]
    seen = (
        policy.can_on_report(user, policy.READ, report),
        policy.can_edit_report(user, report),
        policy.can_approve_report(user, report),
        policy.can_review_report(user, report),
    )
    assert seen == MATRIX[who]
    assert (report in selectors.reports_visible(user)) is MATRIX[who][0]


def test_anonymous_sees_no_report(opened):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.reports_visible(AnonymousUser()).exists()


def test_only_the_plans_coordinators_open_a_period(loaded_plan, people, march):
    for who in ("reporter", "leader", "viewer", "other_coordinator"):
        with pytest.raises(ApplicationError, match="Chỉ cơ quan thường trực"):
            reports_open_period(actor=people[who], plan=loaded_plan, period=march)
    assert not Report.objects.exists()
    assert len(reports_open_period(actor=None, plan=loaded_plan, period=march)) == 2


def test_a_unit_cannot_touch_another_units_report(opened, people, task_i1):
    report = opened["dn.khcn.vp"]
    with pytest.raises(ApplicationError, match="Chỉ cán bộ, lãnh đạo của đơn vị"):
        report_save_draft(actor=people["reporter_cds"], report=report, items=[], expected_version=report.version)
    with pytest.raises(ApplicationError, match="Chỉ cán bộ, lãnh đạo của đơn vị"):
        report_save_draft(actor=people["coordinator"], report=report, items=[], expected_version=report.version)


def test_reviewers_and_reporters_keep_to_their_steps(ready_report, people):
    report = report_submit(actor=people["reporter"], report=ready_report, expected_version=ready_report.version)
    with pytest.raises(ApplicationError, match="Chỉ cơ quan thường trực"):
        report_accept(actor=people["reporter"], report=report)
    with pytest.raises(ApplicationError, match="Chỉ cơ quan thường trực"):
        report_accept(actor=people["other_coordinator"], report=report)
    with pytest.raises(ApplicationError, match="phải kèm ý kiến"):
        report_return(actor=people["coordinator"], report=report, comments=[{"text": "  "}])
    assert Report.objects.get(pk=report.pk).state == ReportState.SUBMITTED


def test_with_leader_approval_the_report_goes_to_the_leader_first(ready_report, people, loaded_plan):
    PlanReportingSettings.objects.create(plan=loaded_plan, requires_leader_approval=True)
    report = report_submit(actor=people["reporter"], report=ready_report, expected_version=ready_report.version)
    assert report.state == ReportState.AWAITING_LEADER
    assert report.submitted_at is None and report.versions.count() == 0
    with pytest.raises(ApplicationError, match="Chỉ lãnh đạo đơn vị"):
        report_approve_by_leader(actor=people["reporter"], report=report)
    with pytest.raises(ApplicationError, match="không trả lại được|Chỉ lãnh đạo"):
        report_return(actor=people["coordinator"], report=report, comments=[{"text": "Sai"}])

    report = report_approve_by_leader(actor=people["leader"], report=report)
    assert report.state == ReportState.SUBMITTED and report.approved_by == people["leader"]
    assert report.versions.get().created_by == people["reporter"]


def test_the_leader_may_send_a_report_back_to_its_unit(ready_report, people, loaded_plan):
    PlanReportingSettings.objects.create(plan=loaded_plan, requires_leader_approval=True)
    report = report_submit(actor=people["reporter"], report=ready_report, expected_version=ready_report.version)
    report = report_return(actor=people["leader"], report=report, comments=[{"text": "Bổ sung kết quả"}])
    assert report.state == ReportState.RETURNED


def test_a_leader_submitting_needs_no_second_approval(ready_report, people, loaded_plan):
    PlanReportingSettings.objects.create(plan=loaded_plan, requires_leader_approval=True)
    report = report_submit(actor=people["leader"], report=ready_report, expected_version=ready_report.version)
    assert report.state == ReportState.SUBMITTED


def test_the_generic_restrict_knows_reports_and_their_parts(opened, people):
    from theodoi.submissions.models import TaskItem

    report = opened["dn.khcn.vp"]
    assert policy.can(people["reporter"], policy.REPORT, report)
    assert not policy.can(people["reporter_cds"], policy.READ, report)
    items = policy.restrict(TaskItem.objects.all(), people["reporter_cds"])
    assert {item.report.unit.code for item in items} == {"dn.khcn.cds"}
