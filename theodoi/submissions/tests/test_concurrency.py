"""Two people on one report never silently overwrite each other; a submission is all or nothing."""

import threading

import pytest
from django.db import connection, connections

from theodoi.core.errors import ApplicationError
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import Report, ReportVersion
from theodoi.submissions.services import report_save_draft, report_submit


def test_a_stale_save_is_refused_with_the_differences_shown(opened, people, task_i1):
    report = opened["dn.khcn.vp"]
    seen_by_both = report.version
    report_save_draft(
        actor=people["reporter"], report=report, expected_version=seen_by_both,
        items=[{"task": task_i1.pk, "percent_done": "40", "work_done": "Đã rà soát 12 văn bản"}],
    )
    with pytest.raises(ApplicationError) as caught:
        report_save_draft(
            actor=people["reporter2"], report=report, expected_version=seen_by_both,
            items=[{"task": task_i1.pk, "percent_done": "35", "work_done": "Đã rà soát 12 văn bản"}],
        )
    error = caught.value
    assert "Nguyễn Văn Báo" in error.message and "phiên bản 2" in error.message
    assert "Tỷ lệ hoàn thành (%): đã lưu “40”, của bạn “35”" in error.message
    assert error.extra["current_version"] == 2
    assert [(row["field"], row["saved"], row["yours"]) for row in error.extra["differences"]] == [
        ("percent_done", "40", "35")
    ]
    assert Report.objects.get(pk=report.pk).task_items.get().percent_done == 40


def test_a_submission_based_on_a_stale_version_is_refused(ready_report, people, task_i1):
    stale = ready_report.version
    report_save_draft(
        actor=people["reporter2"], report=ready_report, expected_version=stale,
        items=[{"task": task_i1.pk, "percent_done": "45"}],
    )
    with pytest.raises(ApplicationError, match="Lê Thị Cáo"):
        report_submit(actor=people["reporter"], report=ready_report, expected_version=stale)
    assert Report.objects.get(pk=ready_report.pk).state == ReportState.DRAFT


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks across connections need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_one_wins_the_other_is_told(directory, make_user, loaded_plan, march, complete_items,
                                                              indicator1):
    from theodoi.submissions.services import evidence_add, reports_open_period

    coordinator = make_user("coordinator", directory["dn.khcn"])
    first = make_user("reporter", directory["dn.khcn.vp"], full_name="Người thứ nhất")
    second = make_user("reporter", directory["dn.khcn.vp"], full_name="Người thứ hai")
    reports_open_period(actor=coordinator, plan=loaded_plan, period=march)
    report = Report.objects.get(unit=directory["dn.khcn.vp"])
    report = report_save_draft(actor=first, report=report, items=complete_items, expected_version=report.version)
    evidence_add(actor=first, report=report, item=report.indicator_items.get(), url="https://tthc.example.vn/x")
    version = report.version

    barrier = threading.Barrier(2)
    outcomes = {}

    def submit(user):
        try:
            barrier.wait(timeout=10)
            outcomes[user.pk] = report_submit(actor=user, report=report, expected_version=version).state
        except ApplicationError as error:
            outcomes[user.pk] = error.message
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(user,)) for user in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    results = sorted(outcomes.values(), key=len)
    assert results[0] == ReportState.SUBMITTED
    assert "Đã nộp" in results[1] and "không sửa hay nộp lại được" in results[1]
    assert ReportVersion.objects.filter(report=report).count() == 1
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.state == ReportState.SUBMITTED and fresh.task_items.get().percent_done == 40
