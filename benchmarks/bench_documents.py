"""Time the official documents on a province-size plan (target: the summary report of a month
in under 3 s).

python benchmarks/bench_documents.py [--units 150] [--tasks 30] [--indicators 10] [--runs 5]

The plan is generated here with bulk inserts: one department as standing agency, `--units`
communes each leading every task and indicator (as a plan that gives a task to "UBND các xã,
phường" does), and two months of reports (February and March 2026): most accepted, some sent
late, some never sent; every fifth task item late with its difficulties, causes and remedies;
some approved extensions. It runs on a fresh SQLite file unless DATABASE_URL names another
database (which must be empty: the script migrates it and writes into it).

Each document is built `--runs` times and the median is printed with the number of queries of
one run (the query count must not grow with the number of units: no N+1).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-documents-')}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.config.settings")
    os.environ.setdefault("THEODOI_SECRET_KEY", "bench-only-not-secret")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def build(units: int, tasks: int, indicators: int) -> dict[str, object]:
    """The province, the plan and two months of reports, with bulk inserts."""
    from theodoi.periods.models import ExtensionRequest
    from theodoi.plans.models import Assignment, Indicator, Plan, Section, Task
    from theodoi.submissions.models import IndicatorItem, Report, TaskItem
    from theodoi.units.models import Unit

    province = Unit.objects.create(name="UBND tỉnh Thử Nghiệm", code="bench", kind="province")
    department = Unit.objects.create(name="Sở Nội vụ", code="bench.snv", kind="department", parent=province)
    Unit.objects.bulk_create(
        Unit(name=f"UBND xã Số {n:03d}", code=f"bench.xa{n:03d}", kind="commune", parent=province, search_key=f"xa {n}")
        for n in range(1, units + 1)
    )
    communes = list(Unit.objects.filter(kind="commune", parent=province).order_by("code"))
    plan = Plan.objects.create(
        owner=department, standing_unit=department, title="Kế hoạch cải cách hành chính năm 2026 (thử tải)",
        number="99/KH-SNV", issued_on=date(2026, 1, 10), place="Thử Nghiệm", period_from=2026, period_to=2026,
    )  # fmt: skip
    sections = [Section.objects.create(plan=plan, title=f"PHẦN {n}", position=n) for n in range(1, 4)]
    Task.objects.bulk_create(
        Task(
            plan=plan, section=sections[n % 3], ref=f"{n}", position=n,
            name=f"Nhiệm vụ số {n}: triển khai nội dung cải cách hành chính thứ {n} trên địa bàn",
            deadline_text="Tháng 2/2026" if n % 3 == 0 else "Thường xuyên",
            deadline_kind="date" if n % 3 == 0 else "recurring",
            deadline_due=date(2026, 2, 28) if n % 3 == 0 else None,
            deadline_every="" if n % 3 == 0 else "period", lead_names=["UBND các xã, phường"],
        )
        for n in range(1, tasks + 1)
    )  # fmt: skip
    Indicator.objects.bulk_create(
        Indicator(
            plan=plan, ref=f"{n}", position=n, name=f"Tỷ lệ hồ sơ loại {n} giải quyết đúng hạn",
            unit_of_measure="%", target_op=">=", target_value=Decimal(90 + n % 10), target_text=f"≥ {90 + n % 10}%",
            formula_numerator="Số hồ sơ đúng hạn", formula_denominator="Tổng số hồ sơ",
        )
        for n in range(1, indicators + 1)
    )  # fmt: skip
    task_rows = list(Task.objects.filter(plan=plan).order_by("position"))
    indicator_rows = list(Indicator.objects.filter(plan=plan).order_by("position"))
    group = "@ubnd-xa-phuong"
    Assignment.objects.bulk_create(
        [Assignment(task=task, unit=unit, role="lead", via_group=group) for task in task_rows for unit in communes]
        + [Assignment(indicator=i, unit=u, role="lead", via_group=group) for i in indicator_rows for u in communes]
    )
    dated = Assignment.objects.filter(task__plan=plan, task__deadline_kind="date").order_by("pk")[:100]
    ExtensionRequest.objects.bulk_create(
        ExtensionRequest(
            assignment=row, previous_due=date(2026, 2, 28), requested_due=date(2026, 4, 30), reason="Thiếu nhân lực",
            requested_at=datetime(2026, 2, 20, 9, tzinfo=VN), state="approved",
            decided_at=datetime(2026, 2, 22, 9, tzinfo=VN),
        )
        for row in dated
    )  # fmt: skip
    for month in (2, 3):
        _reports(plan, communes, task_rows, indicator_rows, month)
    counts = {
        "units": len(communes), "tasks": len(task_rows), "indicators": len(indicator_rows),
        "assignments": Assignment.objects.count(), "reports": Report.objects.count(),
        "task_items": TaskItem.objects.count(), "indicator_items": IndicatorItem.objects.count(),
    }  # fmt: skip
    return {"plan": plan, "unit": communes[0], "counts": counts}


def _reports(plan, communes, task_rows, indicator_rows, month: int) -> None:  # type: ignore[no-untyped-def]
    from theodoi.submissions.models import IndicatorItem, Report, TaskItem

    due = datetime(2026, month, 20, 17, tzinfo=VN)
    reports = []
    for n, unit in enumerate(communes):
        state = "not_submitted" if n % 15 == 14 else "accepted"
        late = state == "accepted" and n % 10 == 3
        sent = due + timedelta(days=2 if late else -1)
        reports.append(
            Report(
                plan=plan, unit=unit, period_kind="month", period_year=2026, period_index=month, state=state,
                due_at=due, submitted_at=sent if state == "accepted" else None,
                first_submitted_at=sent if state == "accepted" else None, is_late=late,
                accepted_at=sent + timedelta(days=1) if state == "accepted" else None,
            )
        )  # fmt: skip
    Report.objects.bulk_create(reports)
    accepted = list(Report.objects.filter(plan=plan, period_index=month, state="accepted"))
    TaskItem.objects.bulk_create(
        [
            TaskItem(
                report=report, task=task, progress="late" if task.position % 5 == 0 else "in_progress",
                percent_done=Decimal(40 + task.position), work_done=(
                    f"Đã triển khai nội dung {task.position} tại {report.unit_id}: tổ chức hội nghị, "
                    "ban hành văn bản hướng dẫn, kiểm tra việc thực hiện tại các thôn, ấp trên địa bàn."
                ),
                difficulties="Thiếu kinh phí" if task.position % 5 == 0 else "",
                causes="Chưa được bố trí dự toán" if task.position % 5 == 0 else "",
                remedies="Đề nghị bổ sung kinh phí trong quý II" if task.position % 5 == 0 else "",
            )
            for report in accepted
            for task in task_rows
        ],
        batch_size=2000,
    )  # fmt: skip
    IndicatorItem.objects.bulk_create(
        [
            IndicatorItem(
                report=report, indicator=ind, numerator=Decimal(90 + report.unit_id % 10),
                denominator=Decimal(100), value=Decimal(90 + report.unit_id % 10), source_kind="manual",
            )
            for report in accepted
            for ind in indicator_rows
        ],
        batch_size=2000,
    )  # fmt: skip


def measure(name: str, runs: int, work) -> tuple[str, float, float, int, int]:  # type: ignore[no-untyped-def]
    """Median wall-clock and CPU seconds of `runs` builds, queries and size of the last one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, cpus = [], []
    size = queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start, cpu = time.perf_counter(), time.process_time()
            content = work()
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        size, queries = len(content), len(captured)
    return name, statistics.median(walls), statistics.median(cpus), queries, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=150)
    parser.add_argument("--tasks", type=int, default=30)
    parser.add_argument("--indicators", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from theodoi.documents.appendix import appendix_workbook
    from theodoi.documents.register import register_document, register_workbook
    from theodoi.documents.reminder import reminder_document
    from theodoi.documents.selectors import task_register, unit_overdue
    from theodoi.documents.summary import Particulars, summary_data, summary_document
    from theodoi.periods.windows import Period, PeriodKind

    start = time.perf_counter()
    data = build(args.units, args.tasks, args.indicators)
    print(f"data: {data['counts']} built in {time.perf_counter() - start:.1f} s")
    plan, unit = data["plan"], data["unit"]
    march, today = Period(2026, PeriodKind.MONTH, 3), date(2026, 4, 2)
    now = datetime(2026, 4, 2, 9, tzinfo=VN)
    from theodoi.accounts.models import User

    admin = User.objects.create(username="bench-admin", role="admin", is_superuser=True, is_staff=True)

    def summary() -> bytes:
        return summary_document(summary_data(plan, march, now=now, today=today), Particulars(number="12"))

    def reminder() -> bytes:
        tasks, reports = unit_overdue(unit=unit, plans=[plan], now=now)
        return reminder_document(
            issuer_unit=plan.standing_unit, unit=unit, plans=[plan], tasks=tasks, reports=reports,
            particulars=Particulars(), reply_by=None,
        )  # fmt: skip

    cases = [
        ("summary report (.docx), one month", summary),
        ("appendix tables (.xlsx)", lambda: appendix_workbook(plan, march, as_of=today)),
        ("plan register (.xlsx)", lambda: register_workbook(task_register(user=admin, plan=plan, as_of=today))),
        ("plan register (.docx)", lambda: register_document(task_register(user=admin, plan=plan, as_of=today))),
        ("unit register (.xlsx)", lambda: register_workbook(task_register(user=admin, unit=unit, as_of=today))),
        ("reminder letter (.docx)", reminder),
    ]
    print(f"{'document':38} {'wall':>8} {'cpu':>8} {'queries':>8} {'size':>9}   (medians of {args.runs} runs)")
    for name, work in cases:
        label, wall, cpu, queries, size = measure(name, args.runs, work)
        print(f"{label:38} {wall:7.2f}s {cpu:7.2f}s {queries:8d} {size / 1024:6.0f} kB")


if __name__ == "__main__":
    main()
