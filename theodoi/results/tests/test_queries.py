"""The main selectors cost a fixed number of queries however many units, reports and tasks there
are (no N+1): measured on a small plan, then again after 25 more units report."""

from datetime import date

import pytest

from theodoi.plans.models import Assignment, Indicator
from theodoi.results import selectors
from theodoi.results.tests.conftest import at, make_report, month
from theodoi.submissions.models import TaskItem
from theodoi.units.models import Unit

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 7, 1)


def grow(plan, indicators, tasks, directory, count=25):
    """`count` more communes, each given every indicator and the group task, each reporting two months."""
    for number in range(count):
        unit = Unit.objects.create(parent=directory["dn"], kind="commune", name=f"UBND xã Thử {number}",
                                   code=f"dn.thu-{number}")  # fmt: skip
        for indicator in indicators.values():
            Assignment.objects.create(indicator=indicator, unit=unit, role="lead")
        Assignment.objects.create(task=tasks["III.1"], unit=unit, role="lead", via_group="@ubnd-xa-phuong")
        for index in (1, 2):
            figures = {indicator: (number, 100, None) for indicator in indicators.values()}
            report = make_report(plan, unit, month(index), figures=figures, due=at(2026, index + 1, 12, 17))
            TaskItem.objects.create(report=report, task=tasks["III.1"], percent_done=number * 2)


CALLS = {
    "indicator_results (year)": lambda plan, units: selectors.indicator_results(plan, year=2026),
    "indicator_results (month)": lambda plan, units: selectors.indicator_results(plan, period=month(2)),
    "indicator_results (scoped)": lambda plan, units: selectors.indicator_results(
        plan, year=2026, unit=units["dn"], units=Unit.objects.all()
    ),
    "indicator_trend": lambda plan, units: selectors.indicator_trend(plan.indicators.get(ref="1"), year=2026),
    "plan_indicator_trends": lambda plan, units: selectors.plan_indicator_trends(plan, year=2026),
    "task_summary": lambda plan, units: selectors.task_summary(plan, as_of=AS_OF),
    "task_summary (unit)": lambda plan, units: selectors.task_summary(plan, as_of=AS_OF, unit=units["dn"]),
    "task_summary_by_section": lambda plan, units: selectors.task_summary_by_section(plan, as_of=AS_OF),
    "task_results": lambda plan, units: selectors.task_results(plan, as_of=AS_OF),
    "group_task_progress": lambda plan, units: selectors.group_task_progress(plan.tasks.get(ref="III.1"), as_of=AS_OF),
    "reporting_timeliness": lambda plan, units: selectors.reporting_timeliness(plan, as_of=at(2026, 7, 1)),
    "reporting_grid": lambda plan, units: selectors.reporting_grid(plan, year=2026, as_of=at(2026, 7, 1)),
    "unit_scoreboard": lambda plan, units: selectors.unit_scoreboard(plan, as_of=AS_OF),
}


def test_query_counts_do_not_grow_with_the_data(plan, indicators, tasks, directory, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for code in ("dn.khcn.vp", "dn.khcn.cds", "dn.phu-ly"):
        report = make_report(plan, directory[code], month(1), figures={indicators["1"]: (9, 10, None)})
    TaskItem.objects.create(report=report, task=tasks["III.1"], percent_done=10)
    Indicator.objects.filter(plan=plan, ref="3").update(aggregation="latest")
    before = {}
    for name, call in CALLS.items():
        with CaptureQueriesContext(connection) as captured:
            call(plan, directory)
        before[name] = len(captured)
    for name, count in before.items():
        assert count <= 12, f"{name}: {count} queries"
    grow(plan, indicators, tasks, directory)
    for name, call in CALLS.items():
        with django_assert_max_num_queries(before[name]):
            call(plan, directory)
