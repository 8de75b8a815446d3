"""The whole cycle of a unit's periodic report: draft, late submission, return with comments,
resubmission, acceptance, locked edits, reopening with a reason. Runs on SQLite and PostgreSQL."""

import pytest

from theodoi.audit.models import AuditEvent
from theodoi.core.errors import ApplicationError
from theodoi.submissions import selectors
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import Report, ReviewComment
from theodoi.submissions.services import (
    report_accept,
    report_reopen,
    report_return,
    report_save_draft,
    report_submit,
)
from theodoi.submissions.tests.conftest import at

DEADLINE = at(2026, 3, 12, 17)


def test_opening_the_period_gives_every_owing_unit_an_unsubmitted_report(opened, task_i1, indicator1):
    assert set(opened) == {"dn.khcn.vp", "dn.khcn.cds"}
    assert all(report.state == ReportState.NOT_SUBMITTED for report in opened.values())
    vp = opened["dn.khcn.vp"]
    assert [item.task for item in vp.task_items.all()] == [task_i1]
    assert [item.indicator for item in vp.indicator_items.all()] == [indicator1]
    assert [item.task.ref for item in opened["dn.khcn.cds"].task_items.all()] == ["II.1"]


def test_the_whole_cycle(ready_report, people, task_i1, indicator1):
    reporter, coordinator = people["reporter"], people["coordinator"]
    assert ready_report.state == ReportState.DRAFT

    report = report_submit(
        actor=reporter, report=ready_report, expected_version=ready_report.version, deadline=DEADLINE,
        now=at(2026, 3, 20, 9),
    )
    assert report.state == ReportState.SUBMITTED and report.is_late
    assert report.submitted_at == at(2026, 3, 20, 9) and report.versions.count() == 1

    with pytest.raises(ApplicationError, match="Đã nộp"):
        report_save_draft(actor=reporter, report=report, items=[], expected_version=report.version)

    task_item = report.task_items.get()
    report = report_return(
        actor=coordinator, report=report, now=at(2026, 3, 21, 8),
        comments=[{"task": task_i1.pk, "text": "Nêu rõ số văn bản đã rà soát và kết quả."},
                  {"text": "Bổ sung số liệu kèm theo."}],
    )
    assert report.state == ReportState.RETURNED
    comment = ReviewComment.objects.get(task_item=task_item)
    assert comment.version_number == 1 and comment.author == coordinator

    report = report_save_draft(
        actor=reporter, report=report, expected_version=report.version,
        items=[{"task": task_i1.pk, "percent_done": "55", "work_done": "Đã rà soát 17/30 văn bản, đề xuất bãi bỏ 2"}],
    )
    changed = selectors.report_changes_since_last_version(user=reporter, report_id=report.pk)
    assert [(row.key, sorted(change.field for change in row.changes)) for row in changed] == [
        (f"task:{task_i1.pk}", ["percent_done", "work_done"])
    ]
    report = report_submit(actor=reporter, report=report, expected_version=report.version, now=at(2026, 3, 22, 10))
    assert report.state == ReportState.SUBMITTED and report.versions.count() == 2
    assert report.is_late and report.first_submitted_at == at(2026, 3, 20, 9)  # lateness is judged on arrival

    diff = selectors.report_versions_diff(user=coordinator, report_id=report.pk, from_number=1, to_number=2)
    assert [(row.key, sorted(change.field for change in row.changes)) for row in diff] == [
        (f"task:{task_i1.pk}", ["percent_done", "work_done"])
    ]
    percent = next(change for change in diff[0].changes if change.field == "percent_done")
    assert (percent.before, percent.after) == ("40.00", "55.00")

    report = report_accept(actor=coordinator, report=report, now=at(2026, 3, 23, 8))
    assert report.state == ReportState.ACCEPTED and report.accepted_by == coordinator
    with pytest.raises(ApplicationError, match="đã được chấp nhận và khóa"):
        report_save_draft(actor=reporter, report=report, items=[], expected_version=report.version)
    with pytest.raises(ApplicationError, match="đã được chấp nhận và khóa"):
        report_submit(actor=reporter, report=report, expected_version=report.version)

    with pytest.raises(ApplicationError, match="Chỉ cơ quan thường trực"):
        report_reopen(actor=reporter, report=report, reason="Muốn sửa")
    with pytest.raises(ApplicationError, match="phải nêu lý do"):
        report_reopen(actor=coordinator, report=report, reason="   ")
    report = report_reopen(actor=coordinator, report=report, reason="Số liệu tháng 3 được Cục thống kê điều chỉnh")
    assert report.state == ReportState.RETURNED and report.accepted_at is None
    assert ReviewComment.objects.filter(report=report, is_reopen_reason=True).count() == 1

    actions = list(
        AuditEvent.objects.filter(target_type="submissions.report", target_id=str(report.pk))
        .order_by("pk").values_list("action", flat=True)
    )
    assert actions == [
        "submissions.report_save_draft", "submissions.evidence_add", "submissions.report_submit",
        "submissions.report_return", "submissions.report_save_draft", "submissions.report_submit",
        "submissions.report_accept", "submissions.report_reopen",
    ]


def test_submission_on_time_is_not_late(ready_report, people):
    report = report_submit(
        actor=people["reporter"], report=ready_report, expected_version=ready_report.version,
        deadline=DEADLINE, now=at(2026, 3, 12, 16, 59),
    )
    assert report.state == ReportState.SUBMITTED and not report.is_late


def test_an_incomplete_submission_lists_every_gap_and_saves_nothing(opened, people, task_i1):
    report = opened["dn.khcn.vp"]
    with pytest.raises(ApplicationError) as caught:
        report_submit(actor=people["reporter"], report=report, expected_version=report.version)
    fields = {(error["item"], error["field"]) for error in caught.value.extra["errors"]}
    assert fields == {
        ("Nhiệm vụ I.1", "progress"), ("Chỉ tiêu 1", "numerator"), ("Chỉ tiêu 1", "denominator"),
        ("Chỉ tiêu 1", "source_kind"), ("Chỉ tiêu 1", "evidence"),
    }
    fresh = Report.objects.get(pk=report.pk)
    assert (fresh.state, fresh.version, fresh.versions.count()) == (ReportState.NOT_SUBMITTED, 1, 0)


def test_late_or_at_risk_tasks_require_difficulties_causes_and_remedies(ready_report, people, task_i1):
    reporter = people["reporter"]
    report = report_save_draft(
        actor=reporter, report=ready_report, expected_version=ready_report.version,
        items=[{"task": task_i1.pk, "progress": "at_risk"}],
    )
    with pytest.raises(ApplicationError) as caught:
        report_submit(actor=reporter, report=report, expected_version=report.version)
    assert {error["field"] for error in caught.value.extra["errors"]} == {
        "difficulties", "cause_kind", "causes", "remedies"
    }
    report = report_save_draft(
        actor=reporter, report=report, expected_version=report.version,
        items=[{"task": task_i1.pk, "difficulties": "Thiếu nhân lực", "cause_kind": "subjective",
                "causes": "Hai công chức nghỉ thai sản", "remedies": "Điều động thêm một chuyên viên"}],
    )
    assert report_submit(actor=reporter, report=report, expected_version=report.version).state == "submitted"


def test_a_check_error_blocks_submission(ready_report, people, indicator1):
    reporter = people["reporter"]
    report = report_save_draft(
        actor=reporter, report=ready_report, expected_version=ready_report.version,
        items=[{"indicator": indicator1.pk, "numerator": "1200", "value": ""}],
    )
    item = report.indicator_items.get()
    assert [flag["code"] for flag in item.flags] == ["numerator_exceeds_denominator"]
    with pytest.raises(ApplicationError) as caught:
        report_submit(actor=reporter, report=report, expected_version=report.version)
    assert caught.value.extra["errors"][0]["message"].startswith("Tử số (a = 1200) lớn hơn mẫu số")
    assert Report.objects.get(pk=report.pk).state == ReportState.DRAFT


def test_a_document_task_reports_its_stage_as_a_weighted_percentage(opened, people, task_i1, settings):
    report = opened["dn.khcn.vp"]
    report = report_save_draft(
        actor=people["reporter"], report=report, expected_version=report.version,
        items=[{"task": task_i1.pk, "document_stage": "consulting"}],
    )
    assert report.task_items.get().percent_done == 50
    settings.THEODOI_DOCUMENT_STAGE_WEIGHTS = {"consulting": 60}
    report = report_save_draft(
        actor=people["reporter"], report=report, expected_version=report.version,
        items=[{"task": task_i1.pk, "document_stage": "submitted"}],
    )
    assert report.task_items.get().percent_done == 75
    report = report_save_draft(
        actor=people["reporter"], report=report, expected_version=report.version,
        items=[{"task": task_i1.pk, "document_stage": "consulting"}],
    )
    assert report.task_items.get().percent_done == 60


def test_invalid_draft_values_are_all_refused_and_nothing_is_saved(opened, people, task_i1, indicator1):
    report = opened["dn.khcn.vp"]
    with pytest.raises(ApplicationError) as caught:
        report_save_draft(
            actor=people["reporter"], report=report, expected_version=report.version,
            items=[{"task": task_i1.pk, "percent_done": "140", "work_done": "ok"},
                   {"indicator": indicator1.pk, "numerator": "-3", "colour": "blue"},
                   {"task": 999999, "progress": "done"}],
        )
    fields = sorted(error["field"] for error in caught.value.extra["errors"])
    assert fields == ["", "colour", "numerator", "percent_done"]
    assert report.task_items.get().work_done == ""



def test_review_steps_refuse_the_wrong_state_or_a_foreign_item(ready_report, people, loaded_plan):
    coordinator = people["coordinator"]
    with pytest.raises(ApplicationError, match="chưa thể chấp nhận"):
        report_accept(actor=coordinator, report=ready_report)
    with pytest.raises(ApplicationError, match="không trả lại được"):
        report_return(actor=coordinator, report=ready_report, comments=[{"text": "Sai"}])
    with pytest.raises(ApplicationError, match="Chỉ mở lại được báo cáo đã được chấp nhận"):
        report_reopen(actor=coordinator, report=ready_report, reason="Sai")
    report = report_submit(actor=people["reporter"], report=ready_report, expected_version=ready_report.version)
    other_task = loaded_plan.tasks.get(ref="II.1")
    with pytest.raises(ApplicationError, match="không thuộc báo cáo này"):
        report_return(actor=coordinator, report=report, comments=[{"task": other_task.pk, "text": "Sai"}])
    assert Report.objects.get(pk=report.pk).state == ReportState.SUBMITTED and not ReviewComment.objects.exists()


def test_a_deadline_without_a_time_zone_is_refused(ready_report, people):
    from datetime import datetime

    with pytest.raises(ApplicationError, match="múi giờ"):
        report_submit(actor=people["reporter"], report=ready_report, expected_version=ready_report.version,
                      deadline=datetime(2026, 3, 12, 17))
    assert Report.objects.get(pk=ready_report.pk).state == ReportState.DRAFT


def test_numbers_may_be_typed_with_a_decimal_comma(opened, people, indicator1):
    report = opened["dn.khcn.vp"]
    report = report_save_draft(actor=people["reporter"], report=report, expected_version=report.version,
                               items=[{"indicator": indicator1.pk, "value": "66,67"}])
    assert str(report.indicator_items.get().value) == "66.6700"
    with pytest.raises(ApplicationError):
        report_save_draft(actor=people["reporter"], report=report, expected_version=report.version,
                          items=[{"indicator": indicator1.pk, "value": "1.000,5"}])
