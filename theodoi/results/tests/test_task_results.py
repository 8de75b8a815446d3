"""Task results, reporting timeliness and the scoreboard, on a plan whose statuses are worked out
by hand. Runs on SQLite and PostgreSQL.

As of 1/7/2026 (see the `plan` fixture):
  I.1   Văn phòng, due 30/6, done 15/6               → done on time
  II.1  Chuyển đổi số, recurring (no deadline)        → in progress
  III.1 both communes, due 31/3; Biên Hòa done 20/3,
        Phú Lý not done                                → overdue (a group task is done when all are)
  III.2 Văn phòng, due 31/12                          → in progress (within deadline)
  III.3 Chuyển đổi số, due 31/5, done 10/6            → done late
"""

from datetime import date
from decimal import Decimal

import pytest

from theodoi.periods.status import Status
from theodoi.results import selectors, services
from theodoi.results.rules import Weights
from theodoi.results.tests.conftest import at, make_report, month
from theodoi.submissions.models import TaskItem

D = Decimal
AS_OF = date(2026, 7, 1)
pytestmark = pytest.mark.django_db


def complete(task, code, day):
    task.assignments.filter(unit__code=code, role="lead").update(completed_on=day)


@pytest.fixture
def worked(plan, tasks):
    complete(tasks["I.1"], "dn.khcn.vp", date(2026, 6, 15))
    complete(tasks["III.1"], "dn.bien-hoa", date(2026, 3, 20))
    complete(tasks["III.3"], "dn.khcn.cds", date(2026, 6, 10))
    return plan


def test_counts_by_status_and_the_government_office_rate(worked):
    summary = selectors.task_summary(worked, as_of=AS_OF)
    assert summary.total == 5
    assert (summary.done_on_time, summary.done_late, summary.overdue, summary.in_deadline) == (1, 1, 1, 2)
    # completed ÷ (completed + overdue): the two tasks within their deadline are left out.
    assert summary.completion_rate == D("66.67")
    assert summary.on_time_rate == D("33.33")
    assert summary.counts[Status.IN_PROGRESS] == 2


def test_counts_per_unit_subtree_use_each_units_own_part(worked, directory):
    summary = selectors.task_summary(worked, as_of=AS_OF, unit=directory["dn.khcn"])
    assert (summary.total, summary.completed, summary.overdue) == (4, 2, 0)
    assert summary.completion_rate == D(100)
    by_unit = selectors.task_summary_by_unit(worked, as_of=AS_OF)
    assert by_unit[directory["dn.bien-hoa"].pk].done_on_time == 1
    assert by_unit[directory["dn.phu-ly"].pk].overdue == 1
    assert by_unit[directory["dn.khcn.cds"].pk].done_late == 1


def test_counts_per_section_and_per_period(worked):
    sections = {section.title if section else None: summary
                for section, summary in selectors.task_summary_by_section(worked, as_of=AS_OF)}  # fmt: skip
    assert sections["KẾT QUẢ"].total == 3
    assert sections["KẾT QUẢ"].completion_rate == D(50)  # III.3 done late, III.1 overdue
    assert sections["CẢI CÁCH THỦ TỤC HÀNH CHÍNH"].total == 1  # II.1 sits in its sub-section
    section = worked.sections.get(title="KẾT QUẢ")
    assert selectors.task_summary(worked, as_of=AS_OF, section=section).total == 3
    second_quarter = selectors.task_summary(worked, as_of=AS_OF, period=selectors_period("quarter", 2))
    assert (second_quarter.total, second_quarter.done_on_time, second_quarter.done_late) == (2, 1, 1)


def selectors_period(kind, index):
    from theodoi.periods.windows import Period, PeriodKind

    return Period(2026, PeriodKind(kind), index)


def test_the_rate_changes_as_days_pass(worked):
    before = selectors.task_summary(worked, as_of=date(2026, 3, 1))
    assert before.completion_rate is None  # nothing had fallen due yet
    assert before.overdue == 0


def test_a_group_task_is_done_only_when_every_member_is(worked, tasks, directory):
    result = selectors.group_task_progress(tasks["III.1"], as_of=AS_OF)
    assert result.is_group
    assert result.status == Status.OVERDUE and not result.done
    assert [(member.unit.code, member.status) for member in result.members] == [
        ("dn.bien-hoa", Status.DONE_ON_TIME), ("dn.phu-ly", Status.OVERDUE),
    ]  # fmt: skip
    assert result.progress == D(50)  # 100 and an unreported 0
    assert result.reported_members == 0
    report = make_report(worked, directory["dn.phu-ly"], month(6))
    TaskItem.objects.create(report=report, task=tasks["III.1"], progress="in_progress", percent_done=D(40))
    result = selectors.group_task_progress(tasks["III.1"], as_of=AS_OF)
    assert result.progress == D(70)  # (100 + 40) / 2
    assert result.reported_members == 1
    complete(tasks["III.1"], "dn.phu-ly", date(2026, 6, 1))
    result = selectors.group_task_progress(tasks["III.1"], as_of=AS_OF)
    assert result.status == Status.DONE_LATE and result.done and result.progress == D(100)


def test_progress_comes_from_accepted_reports_unless_drafts_are_asked_for(worked, tasks, directory):
    draft = make_report(worked, directory["dn.khcn.vp"], month(6), state="draft")
    TaskItem.objects.create(report=draft, task=tasks["III.2"], document_stage="consulting")
    assert selectors.group_task_progress(tasks["III.2"], as_of=AS_OF).progress is None
    assert selectors.group_task_progress(tasks["III.2"], as_of=AS_OF, include_drafts=True).progress == D(50)


def test_task_results_list_each_task_in_order(worked, directory):
    results = selectors.task_results(worked, as_of=AS_OF)
    assert [result.task.ref for result in results] == ["I.1", "II.1", "III.1", "III.2", "III.3"]
    assert [result.status for result in results] == [
        Status.DONE_ON_TIME, Status.IN_PROGRESS, Status.OVERDUE, Status.IN_PROGRESS, Status.DONE_LATE,
    ]  # fmt: skip
    mine = selectors.task_results(worked, as_of=AS_OF, unit=directory["dn.khcn.vp"])
    assert [result.task.ref for result in mine] == ["I.1", "III.2"]
    second_quarter = selectors.task_results(worked, as_of=AS_OF, period=selectors_period("quarter", 2))
    assert [result.task.ref for result in second_quarter] == ["I.1", "III.3"]


def test_reporting_timeliness(plan, directory):
    vp, cds, phu_ly = directory["dn.khcn.vp"], directory["dn.khcn.cds"], directory["dn.phu-ly"]
    make_report(plan, vp, month(1), due=at(2026, 2, 12, 17), arrived=at(2026, 2, 10, 9))
    make_report(plan, vp, month(2), due=at(2026, 3, 12, 17), arrived=at(2026, 3, 13, 9))
    make_report(plan, cds, month(1), state="not_submitted", due=at(2026, 2, 12, 17))
    make_report(plan, cds, month(7), state="draft", due=at(2026, 8, 12, 17))
    make_report(plan, phu_ly, month(1), state="awaiting_leader", due=at(2026, 2, 12, 17))
    rows = {row.unit.code: row for row in selectors.reporting_timeliness(plan, as_of=at(2026, 7, 1))}
    assert (rows["dn.khcn.vp"].on_time, rows["dn.khcn.vp"].late, rows["dn.khcn.vp"].on_time_rate) == (1, 1, D(50))
    assert (rows["dn.khcn.cds"].missing, rows["dn.khcn.cds"].pending) == (1, 1)
    assert rows["dn.phu-ly"].missing == 1  # still with its leader: it has not reached the standing agency
    january = {
        row.unit.code: row for row in selectors.reporting_timeliness(plan, period=month(1), as_of=at(2026, 7, 1))
    }
    assert january["dn.khcn.vp"].owed == 1
    before_due = selectors.reporting_timeliness(plan, period=month(1), unit=directory["dn.khcn"], as_of=at(2026, 2, 1))
    assert [(row.unit.code, row.pending) for row in before_due] == [("dn.khcn.cds", 1), ("dn.khcn.vp", 1)]
    grid = selectors.reporting_grid(plan, year=2026, as_of=at(2026, 7, 1))
    vp_row = next(row for row in grid.rows if row.unit.code == "dn.khcn.vp")
    assert [cell.timeliness if cell else None for cell in vp_row.cells[:3]] == [
        selectors.Timeliness.ON_TIME, selectors.Timeliness.LATE, None,
    ]  # fmt: skip


@pytest.fixture
def scored(worked, directory):
    vp, cds, phu_ly = directory["dn.khcn.vp"], directory["dn.khcn.cds"], directory["dn.phu-ly"]
    for index in (1, 2):
        make_report(worked, vp, month(index), due=at(2026, index + 1, 12, 17), arrived=at(2026, index + 1, 10, 9))
    make_report(worked, cds, month(1), due=at(2026, 2, 12, 17), arrived=at(2026, 2, 20, 9))
    make_report(worked, cds, month(2), state="draft", due=at(2026, 3, 12, 17))
    make_report(worked, phu_ly, month(1), due=at(2026, 2, 12, 17), arrived=at(2026, 2, 1, 9))
    return worked


def test_scoreboard_with_the_default_weights(scored):
    board = {row.unit.code: row for row in selectors.unit_scoreboard(scored, as_of=AS_OF)}
    # Văn phòng: 1 task on time (III.2 within its deadline, not counted), 2 reports on time.
    assert board["dn.khcn.vp"].score == D(100)
    # Chuyển đổi số: 1 task late (0.5), reports late + missing (0.25): 70 × 0.5 + 30 × 0.25.
    assert board["dn.khcn.cds"].score == D("42.50")
    assert board["dn.bien-hoa"].score == D(100)  # nothing to report: the tasks carry the score
    assert board["dn.phu-ly"].score == D(30)  # overdue task (0), report on time (1)
    assert [(row.unit.code, row.rank) for row in selectors.unit_scoreboard(scored, as_of=AS_OF)] == [
        ("dn.bien-hoa", 1), ("dn.khcn.vp", 1), ("dn.khcn.cds", 3), ("dn.phu-ly", 4),
    ]  # fmt: skip


def test_scoreboard_with_weights_a_coordinator_changed(scored):
    services.result_settings_set(
        actor=None, plan=scored,
        values={"task_late": D("0.8"), "report_missing": D("-0.5"), "task_share": D(50), "report_share": D(50)},
    )  # fmt: skip
    board = {row.unit.code: row for row in selectors.unit_scoreboard(scored, as_of=AS_OF)}
    assert board["dn.khcn.cds"].score == D(40)  # 50 × 0.8 + 50 × (0.5 − 0.5) / 2
    assert board["dn.phu-ly"].score == D(50)
    assert board["dn.phu-ly"].rank < board["dn.khcn.cds"].rank
    explicit = selectors.unit_scoreboard(scored, as_of=AS_OF, weights=Weights())
    assert {row.unit.code: row.score for row in explicit}["dn.khcn.cds"] == D("42.50")


def test_statuses_are_the_calendars_with_extensions_halts_and_events(worked, tasks):
    """The fast reading (values, no model per row) gives what `periods.selectors` gives."""
    from theodoi.periods.models import ExtensionRequest, TaskEvent, TaskHalt
    from theodoi.periods.selectors import plan_task_statuses

    phu_ly = tasks["III.1"].assignments.get(unit__code="dn.phu-ly")
    ExtensionRequest.objects.create(
        assignment=phu_ly, previous_due=date(2026, 3, 31), requested_due=date(2026, 7, 31), reason="Thiếu kinh phí",
        requested_at=at(2026, 3, 20, 9), state="approved", decided_at=at(2026, 3, 25, 9),
    )  # fmt: skip
    TaskHalt.objects.create(task=tasks["III.2"], effective_on=date(2026, 5, 1), reason="Điều chỉnh kế hoạch")
    tasks["II.1"].deadline_kind = "event"
    tasks["II.1"].save()
    TaskEvent.objects.create(task=tasks["II.1"], occurred_on=date(2026, 5, 4), offset_days=30)
    for day in (date(2026, 3, 30), date(2026, 6, 1), AS_OF, date(2026, 8, 1)):
        expected = plan_task_statuses(worked, day)
        found = {result.task.pk: result.status for result in selectors.task_results(worked, as_of=day)}
        assert found == expected, day
    assert selectors.group_task_progress(tasks["III.1"], as_of=AS_OF).status == Status.IN_PROGRESS
    assert selectors.task_summary(worked, as_of=AS_OF).halted == 1


def test_a_report_sent_after_the_day_asked_about_does_not_count(worked, tasks, directory):
    report = make_report(worked, directory["dn.phu-ly"], month(6), arrived=at(2026, 7, 5, 9))
    TaskItem.objects.create(report=report, task=tasks["III.1"], percent_done=D(40))
    assert selectors.group_task_progress(tasks["III.1"], as_of=AS_OF).progress == D(50)
    assert selectors.group_task_progress(tasks["III.1"], as_of=date(2026, 7, 5)).progress == D(70)


def test_a_page_reads_the_same_parts_once_and_gets_the_same_answers(worked, directory, django_assert_num_queries):
    alone = selectors.task_summary(worked, as_of=AS_OF)
    alone_by_unit = selectors.task_summary_by_unit(worked, as_of=AS_OF)
    with selectors.readings_reused():
        assert selectors.task_summary(worked, as_of=AS_OF) == alone
        with django_assert_num_queries(0):
            assert selectors.task_summary(worked, as_of=AS_OF) == alone
        assert selectors.task_summary_by_unit(worked, as_of=AS_OF) == alone_by_unit
        # Another day or other parts are read anew.
        assert selectors.task_summary(worked, as_of=date(2026, 1, 1)) != alone
        assert selectors.task_summary(worked, as_of=AS_OF, unit=directory["dn.khcn"]).total == 4
    # Outside the block nothing is kept: a part completed since is seen.
    complete(worked.tasks.get(ref="III.2"), "dn.khcn.vp", date(2026, 6, 30))
    assert selectors.task_summary(worked, as_of=AS_OF).done_on_time == alone.done_on_time + 1


def test_task_results_of_one_status_are_those_of_all_with_that_status(worked, directory):
    every = selectors.task_results(worked, as_of=AS_OF)
    overdue = selectors.task_results(worked, as_of=AS_OF, status=Status.OVERDUE)
    assert [row.task.ref for row in overdue] == ["III.1"]
    assert overdue == [row for row in every if row.status == Status.OVERDUE]
    assert selectors.task_results(worked, as_of=AS_OF, unit=directory["dn.khcn.vp"], status=Status.OVERDUE) == []
