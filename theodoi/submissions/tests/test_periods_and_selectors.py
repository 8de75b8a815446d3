"""Opening periods (with and without the calendar), who has not reported, and the flags an
indicator item carries into the review screen."""

from datetime import date
from decimal import Decimal

import pytest

from theodoi.core.errors import ApplicationError
from theodoi.periods.models import UnitReport
from theodoi.periods.selectors import obligations_for_period
from theodoi.periods.services import schedule_set, unit_reports_open
from theodoi.periods.windows import Period, PeriodKind
from theodoi.plans.models import Assignment
from theodoi.submissions import selectors
from theodoi.submissions.models import IndicatorCheckRule, Report
from theodoi.submissions.services import (
    report_accept,
    report_save_draft,
    report_submit,
    reports_open_period,
)
from theodoi.submissions.tests.conftest import at


def test_opening_is_idempotent_and_adds_what_became_owed(loaded_plan, people, march, directory):
    assert len(reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=march)) == 2
    assert reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=march) == []
    assert Report.objects.count() == 2
    task = loaded_plan.tasks.get(ref="II.1")
    Assignment.objects.create(task=task, unit=directory["dn.khcn.vp"], role="lead")
    assert reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=march) == []
    vp = Report.objects.get(unit=directory["dn.khcn.vp"])
    assert sorted(vp.task_items.values_list("task__ref", flat=True)) == ["I.1", "II.1"]


def test_a_dated_task_done_before_the_period_is_no_longer_owed(loaded_plan, people, directory):
    fourth_quarter = Period(2026, PeriodKind.QUARTER, 4)  # data from 15/9; I.1 was due 30/6
    unit = directory["dn.khcn.vp"]
    assert [task.ref for task in selectors.report_obligations(loaded_plan, unit, fourth_quarter).tasks] == ["I.1"]
    assignment = Assignment.objects.get(task__ref="I.1", role="lead")
    assignment.completed_on = date(2026, 6, 20)
    assignment.save()
    reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=fourth_quarter)
    vp = Report.objects.get(unit=unit)
    assert list(vp.task_items.all()) == [] and vp.indicator_items.count() == 1
    owed = selectors.report_obligations(loaded_plan, unit, fourth_quarter)
    assert owed.tasks == [] and [indicator.ref for indicator in owed.indicators] == ["1"]
    third_quarter = Period(2026, PeriodKind.QUARTER, 3)  # 15/6-14/9: the deadline falls inside, still owed
    assert [task.ref for task in selectors.report_obligations(loaded_plan, unit, third_quarter).tasks] == ["I.1"]


def test_with_the_calendar_the_deadline_is_its_and_the_calendar_hears_of_the_submission(
    loaded_plan, people, march, directory, complete_items, indicator1
):
    from theodoi.submissions.services import evidence_add

    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text="Trước 17h00 ngày 12 hằng tháng",
                 now=at(2026, 1, 2, 8))
    reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=march)
    vp = Report.objects.get(unit=directory["dn.khcn.vp"])
    assert vp.due_at == at(2026, 3, 12, 17)
    calendar_period = loaded_plan.reporting_periods.get(kind="month", year=2026, index=3)
    unit_reports_open(actor=people["coordinator"], period=calendar_period)

    vp = report_save_draft(actor=people["reporter"], report=vp, items=complete_items, expected_version=vp.version)
    evidence_add(actor=people["reporter"], report=vp, item=vp.indicator_items.get(), url="https://tthc.vn/3")
    vp = report_submit(actor=people["reporter"], report=vp, expected_version=vp.version, now=at(2026, 3, 13, 8))
    assert vp.is_late
    row = UnitReport.objects.get(period=calendar_period, unit=directory["dn.khcn.vp"])
    assert row.submitted_at == at(2026, 3, 13, 8) and row.submitted_by == people["reporter"]


def test_the_period_overview_tells_who_has_not_reported(ready_report, people, loaded_plan, march, directory):
    report_submit(actor=people["reporter"], report=ready_report, expected_version=ready_report.version,
                  deadline=at(2026, 3, 12, 17), now=at(2026, 3, 13, 9))
    Report.objects.filter(unit=directory["dn.khcn.cds"]).delete()
    overview = selectors.period_reports(user=people["coordinator"], plan=loaded_plan, period=march)
    assert overview.counts["submitted"] == 1 and [r.unit.code for r in overview.late] == ["dn.khcn.vp"]
    assert overview.not_sent == [] and [unit.code for unit in overview.unopened] == ["dn.khcn.cds"]
    reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=march)
    overview = selectors.period_reports(user=people["coordinator"], plan=loaded_plan, period=march)
    assert [r.unit.code for r in overview.not_sent] == ["dn.khcn.cds"] and overview.unopened == []
    Report.objects.filter(unit=directory["dn.khcn.cds"]).update(due_at=at(2026, 3, 12, 17))
    overview = selectors.period_reports(user=people["coordinator"], plan=loaded_plan, period=march)
    assert overview.overdue(at(2026, 3, 12, 16)) == []
    assert [r.unit.code for r in overview.overdue(at(2026, 3, 12, 18))] == ["dn.khcn.cds"]
    mine = selectors.period_reports(user=people["reporter_cds"], plan=loaded_plan, period=march)
    assert [r.unit.code for r in mine.reports] == ["dn.khcn.cds"] and mine.unopened == []


@pytest.fixture
def rule(indicator1):
    return IndicatorCheckRule.objects.create(
        indicator=indicator1, high_risk=True, tolerance_percent=Decimal(2), jump_threshold_percent=Decimal(10),
        min_sample=400,
    )


def flag_codes(report):
    return [flag["code"] for flag in report.indicator_items.get().flags]


def test_high_risk_needs_a_second_source_and_differing_sources_are_flagged(ready_report, people, rule, indicator1):
    reporter = people["reporter"]
    report = report_save_draft(actor=reporter, report=ready_report, items=[], expected_version=ready_report.version)
    assert flag_codes(report) == ["second_source_missing"]
    report = report_save_draft(
        actor=reporter, report=report, expected_version=report.version,
        items=[{"indicator": indicator1.pk, "second_source_value": "94", "second_source_name": "Sổ theo dõi"}],
    )
    assert flag_codes(report) == ["sources_differ"]
    with pytest.raises(ApplicationError) as caught:  # the rule asks for a minimum sample: its size is required
        report_submit(actor=reporter, report=report, expected_version=report.version)
    assert [error["field"] for error in caught.value.extra["errors"]] == ["sample_size"]
    report = report_save_draft(actor=reporter, report=report, expected_version=report.version,
                               items=[{"indicator": indicator1.pk, "sample_size": "450"}])
    report = report_submit(actor=reporter, report=report, expected_version=report.version)
    assert report.state == "submitted"  # a warning does not block; the reviewer sees it
    detail = selectors.report_detail(user=people["coordinator"], report_id=report.pk)
    assert [flag["code"] for flag in detail.flags] == ["sources_differ"]


def test_void_conditions_and_small_samples_void_achieved(ready_report, people, rule, indicator1):
    reporter = people["reporter"]
    report = report_save_draft(
        actor=reporter, report=ready_report, expected_version=ready_report.version,
        items=[{"indicator": indicator1.pk, "second_source_value": "99"}],
    )
    assert report.indicator_items.get().achieved is True
    report = report_save_draft(
        actor=reporter, report=report, expected_version=report.version,
        items=[{"indicator": indicator1.pk, "paper_in_parallel": True}],
    )
    item = report.indicator_items.get()
    assert item.achieved is False and flag_codes(report) == ["void_paper_in_parallel"]
    report = report_save_draft(
        actor=reporter, report=report, expected_version=report.version,
        items=[{"indicator": indicator1.pk, "paper_in_parallel": False, "sample_size": "120"}],
    )
    assert report.indicator_items.get().achieved is False and flag_codes(report) == ["void_insufficient_sample"]


def test_a_jump_against_the_last_period_is_flagged(ready_report, people, rule, indicator1, loaded_plan, directory,
                                                   complete_items):
    from theodoi.submissions.services import evidence_add

    reporter, coordinator = people["reporter"], people["coordinator"]
    report = report_save_draft(
        actor=reporter, report=ready_report, expected_version=ready_report.version,
        items=[{"indicator": indicator1.pk, "second_source_value": "99", "sample_size": "450"}],
    )
    report_accept(actor=coordinator, report=report_submit(actor=reporter, report=report,
                                                          expected_version=report.version))
    april = Period(2026, PeriodKind.MONTH, 4)
    reports_open_period(actor=coordinator, plan=loaded_plan, period=april)
    next_report = Report.objects.get(unit=directory["dn.khcn.vp"], period_index=4)
    items = [*complete_items[:1], {**complete_items[1], "numerator": "800", "value": "80", "second_source_value": "80"}]
    next_report = report_save_draft(actor=reporter, report=next_report, items=items,
                                    expected_version=next_report.version)
    assert flag_codes(next_report) == ["jump"]
    assert "99 → 80" in next_report.indicator_items.get().flags[0]["message"]
    evidence_add(actor=reporter, report=next_report, item=next_report.indicator_items.get(), url="https://a.vn/4")
    items[1].update(numerator="950", value="95", second_source_value="95")
    next_report = report_save_draft(actor=reporter, report=next_report, items=items,
                                    expected_version=next_report.version)
    assert flag_codes(next_report) == []


def test_the_worker_opens_the_reports_of_periods_that_have_begun(loaded_plan, people, directory):
    from theodoi.submissions.services import reports_open_due

    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text="Trước 17h00 ngày 12 hằng tháng",
                 now=at(2026, 1, 2, 8))
    # On 20/2 the windows of January (15/12-14/1), February (15/1-14/2) and March (15/2-14/3) have begun.
    begun = loaded_plan.reporting_periods.filter(index__in=[1, 2, 3])
    owing = sum(len(obligations_for_period(period)) for period in begun)
    assert owing >= 6 and reports_open_due(now=at(2026, 2, 20, 8)) == owing
    opened = set(Report.objects.values_list("period_index", flat=True))
    assert opened == {1, 2, 3}
    assert reports_open_due(now=at(2026, 2, 20, 9)) == 0
    newcomer = loaded_plan.tasks.get(ref="II.1")
    Assignment.objects.create(task=newcomer, unit=directory["dn.tc"], role="lead")
    assert reports_open_due(now=at(2026, 2, 20, 10)) == 1  # March is still to fall due; January is not
    assert list(Report.objects.filter(unit=directory["dn.tc"]).values_list("period_index", flat=True)) == [3]


def test_overdue_tasks_are_flagged_for_the_reviewer(opened, people, task_i1, loaded_plan, directory):
    july = Period(2026, PeriodKind.MONTH, 7)  # data up to 14/7; I.1 was due 30/6
    reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=july)
    report = Report.objects.get(unit=directory["dn.khcn.vp"], period_index=7)
    report = report_save_draft(actor=people["reporter"], report=report, expected_version=report.version,
                               items=[{"task": task_i1.pk, "progress": "in_progress"}])
    assert [flag["code"] for flag in report.task_items.get().flags] == ["overdue"]
    report = report_save_draft(actor=people["reporter"], report=report, expected_version=report.version,
                               items=[{"task": task_i1.pk, "progress": "done", "completed_on": "2026-07-03"}])
    assert [flag["code"] for flag in report.task_items.get().flags] == ["done_late"]
    march_report = opened["dn.khcn.vp"]
    march_report = report_save_draft(actor=people["reporter"], report=march_report,
                                     expected_version=march_report.version,
                                     items=[{"task": task_i1.pk, "progress": "in_progress"}])
    assert march_report.task_items.get().flags == []


def test_the_report_detail_reads_in_a_fixed_number_of_queries(ready_report, people, loaded_plan, directory,
                                                              django_assert_max_num_queries):
    from theodoi.plans.models import Task
    from theodoi.submissions.services import evidence_add

    for number in range(2, 8):
        task = Task.objects.create(plan=loaded_plan, ref=f"I.{number}", position=100 + number, name=f"Việc {number}")
        Assignment.objects.create(task=task, unit=directory["dn.khcn.vp"], role="lead")
    reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=ready_report.period)
    for item in ready_report.task_items.all():
        evidence_add(actor=people["reporter"], report=ready_report, item=item, url=f"https://a.vn/{item.pk}")
    with django_assert_max_num_queries(18):
        detail = selectors.report_detail(user=people["coordinator"], report_id=ready_report.pk)
        assert len(detail.task_items) == 7
        assert all(len(item.evidence.all()) == 1 for item in detail.task_items)
        assert detail.flags == [] and detail.can_review and not detail.can_edit


def test_a_period_outside_the_plans_years_is_not_opened(loaded_plan, people):
    with pytest.raises(ApplicationError, match="nằm ngoài thời gian thực hiện kế hoạch \\(2026–2026\\)"):
        reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=Period(2027, PeriodKind.MONTH, 1))
    assert not Report.objects.exists()


def test_the_scheduler_tick_opens_unit_reports_without_anyone_pressing_a_button(loaded_plan, people):
    from theodoi.notifications.scheduler import scheduler_tick

    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text="Trước 17h00 ngày 12 hằng tháng",
                 now=at(2026, 1, 2, 8))
    tick = scheduler_tick(now=at(2026, 2, 20, 8))
    assert tick.submissions_opened == Report.objects.count() > 0
    assert set(Report.objects.values_list("state", flat=True)) == {"not_submitted"}
    assert scheduler_tick(now=at(2026, 2, 20, 8)).submissions_opened == 0
