"""Results selectors at province scale: 150 units × 30 tasks × 10 indicators, twelve monthly
reports each, all accepted; median time and query count of each selector.

DATABASE_URL=sqlite:////tmp/bench-results.sqlite3 .venv/bin/python benchmarks/bench_results.py [--units 150] [-n 5]

The database named by DATABASE_URL is migrated and filled (a fresh file or an empty PostgreSQL
database; never point it at real data). --units 3700 gives the national set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.config.settings")
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/theodoi-bench-results.sqlite3")
    os.environ.setdefault("THEODOI_SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(units_count: int, tasks_count: int, indicators_count: int) -> Any:
    from django.db import transaction

    from theodoi.plans.models import Assignment, Indicator, Plan, Task
    from theodoi.submissions.models import IndicatorItem, Report, TaskItem
    from theodoi.units.models import Unit

    with transaction.atomic():
        province = Unit.objects.create(name=f"Tỉnh thử {time.time_ns()}", code=f"bench-{time.time_ns()}",
                                       kind="province")  # fmt: skip
        Unit.objects.bulk_create(
            Unit(parent=province, name=f"Đơn vị {n}", code=f"{province.code}.u{n}", kind="commune",
                 search_key=f"don vi {n}")
            for n in range(units_count)
        )  # fmt: skip
        units = list(Unit.objects.filter(parent=province))
        plan = Plan.objects.create(owner=province, standing_unit=province, title="Kế hoạch thử tải")
        indicators = Indicator.objects.bulk_create(
            Indicator(plan=plan, ref=str(n), position=n, name=f"Chỉ tiêu {n}",
                      unit_of_measure="%" if n % 2 else "hồ sơ", target_op=">=",
                      target_value=Decimal(95 if n % 2 else 1000))
            for n in range(indicators_count)
        )  # fmt: skip
        tasks = Task.objects.bulk_create(
            Task(plan=plan, ref=str(n), position=n, name=f"Nhiệm vụ {n}", deadline_kind="date",
                 deadline_due=date(2026, 1 + n % 12, 28))
            for n in range(tasks_count)
        )  # fmt: skip
        Assignment.objects.bulk_create(
            [Assignment(indicator=i, unit=u, role="lead") for i in indicators for u in units]
            + [
                Assignment(task=t, unit=u, role="lead", via_group="@ubnd-xa-phuong",
                           completed_on=t.deadline_due - timedelta(days=(u.pk + t.pk) % 20 - 5)
                           if (u.pk + t.pk) % 3 else None)
                for t in tasks for u in units
            ]
        )  # fmt: skip
        for month in range(1, 13):
            due = datetime(2026, month % 12 + 1, 12, 17, tzinfo=VN) if month < 12 else datetime(2027, 1, 12, tzinfo=VN)
            reports = Report.objects.bulk_create(
                Report(plan=plan, unit=u, period_kind="month", period_year=2026, period_index=month,
                       state="accepted", due_at=due, submitted_at=due - timedelta(days=u.pk % 5 - 2),
                       first_submitted_at=due - timedelta(days=u.pk % 5 - 2), is_late=u.pk % 5 < 2,
                       accepted_at=due)
                for u in units
            )  # fmt: skip
            IndicatorItem.objects.bulk_create(
                IndicatorItem(report=r, indicator=i, numerator=Decimal(90 + r.unit_id % 10),
                              denominator=Decimal(100), value=None if i.position % 2 else Decimal(80 + month))
                for r in reports for i in indicators
            )  # fmt: skip
            TaskItem.objects.bulk_create(
                TaskItem(report=r, task=t, progress="in_progress", percent_done=Decimal(min(100, month * 8)))
                for r in reports for t in tasks
            )  # fmt: skip
    return plan


def measure(call: Callable[[], Any], runs: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        queries = len(captured)
    return statistics.median(times) * 1000, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=150)
    parser.add_argument("--tasks", type=int, default=30)
    parser.add_argument("--indicators", type=int, default=10)
    parser.add_argument("-n", "--runs", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="measure the plan a previous run built")
    args = parser.parse_args()
    setup_django()
    from theodoi.periods.windows import Period, PeriodKind
    from theodoi.results import selectors

    start = time.perf_counter()
    if args.reuse:
        from theodoi.plans.models import Plan

        plan = Plan.objects.filter(title="Kế hoạch thử tải").order_by("pk").last()
    else:
        plan = build(args.units, args.tasks, args.indicators)
    verb = "reused" if args.reuse else "built"
    print(f"{verb} {args.units} units × {args.tasks} tasks × {args.indicators} indicators, 12 months "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
    as_of, june = date(2026, 7, 1), Period(2026, PeriodKind.MONTH, 6)
    moment = datetime(2026, 7, 1, tzinfo=VN)
    indicator = plan.indicators.first()
    calls = {
        "indicator_results(year)": lambda: selectors.indicator_results(plan, year=2026),
        "indicator_results(month)": lambda: selectors.indicator_results(plan, period=june),
        "indicator_trend": lambda: selectors.indicator_trend(indicator, year=2026),
        "task_summary": lambda: selectors.task_summary(plan, as_of=as_of),
        "task_summary_by_unit": lambda: selectors.task_summary_by_unit(plan, as_of=as_of),
        "task_results": lambda: selectors.task_results(plan, as_of=as_of),
        "reporting_timeliness": lambda: selectors.reporting_timeliness(plan, as_of=moment),
        "reporting_grid": lambda: selectors.reporting_grid(plan, year=2026, as_of=moment),
        "unit_scoreboard": lambda: selectors.unit_scoreboard(plan, as_of=as_of),
    }
    for name, call in calls.items():
        median, queries = measure(call, args.runs)
        print(f"{name:28} {median:9.1f} ms  {queries:3d} queries")


if __name__ == "__main__":
    main()
