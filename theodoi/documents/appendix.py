"""The plan's appendix tables (.xlsx) as printed, with three columns added to each: status,
progress and the latest result, read from accepted reports."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from theodoi.periods.windows import Period
from theodoi.plans.choices import AssignmentRole
from theodoi.plans.models import Assignment, Plan, Task
from theodoi.submissions.models import TaskItem

from . import sheets
from .indicators import indicator_lines
from .selectors import Written, assignments_for_status, item_result, latest_items, lead_status, readings_of

ADDED = [("Tình trạng", 18), ("Tiến độ", 12), ("Kết quả mới nhất", 45)]


def _progress(rows: list[Assignment], items: dict[tuple[int, int], Written]) -> str:
    """The mean over the lead units of their latest reported percent (a finished unit counts
    100); each unit's figure is in the result column."""
    leads = [row for row in rows if row.role == AssignmentRole.LEAD] or rows
    figures = []
    for row in leads:
        item = items.get((row.task_id, row.unit_id))
        if row.completed_on or (item is not None and item.completed_on):
            figures.append(Decimal(100))
        elif item is not None and item.percent_done is not None:
            figures.append(item.percent_done)
    if not figures:
        return ""
    mean = sum(figures, Decimal(0)) / len(figures)
    missing = len(leads) - len(figures)
    suffix = f" ({missing} đơn vị chưa báo cáo)" if missing else ""
    return f"{mean:.0f}%{suffix}"


def _result(rows: list[Assignment], items: dict[tuple[int, int], Written]) -> str:
    leads = [row for row in rows if row.role == AssignmentRole.LEAD] or rows
    texts = [(row.unit.name, item_result(items.get((row.task_id, row.unit_id)))) for row in leads]
    texts = [(name, text) for name, text in texts if text]
    if len(leads) == 1:
        return texts[0][1] if texts else ""
    return "\n".join(f"{name}: {text}" for name, text in texts)


def _task_rows(plan: Plan, as_of: date) -> list[list[object]]:
    tasks = list(Task.objects.filter(plan=plan, archived=False).select_related("section").order_by("position"))
    assignments = assignments_for_status(Assignment.objects.filter(task__plan=plan, task__archived=False))
    readings = readings_of(assignments, as_of)
    items = latest_items(TaskItem.objects.filter(task__plan=plan, task__archived=False))
    by_task: dict[int, list[Assignment]] = defaultdict(list)
    for row in assignments:
        by_task[row.task_id].append(row)
    found = []
    for task in tasks:
        rows = by_task.get(task.pk, [])
        status = str(lead_status(rows, readings).label) if rows else ""
        found.append([
            task.ref, task.section.title if task.section else "", task.name, "; ".join(task.lead_names),
            "; ".join(task.coordinating_names), task.deadline_text, task.output,
            status, _progress(rows, items), _result(rows, items),
        ])  # fmt: skip
    return found


def appendix_workbook(plan: Plan, period: Period | None, *, as_of: date) -> bytes:
    book = sheets.new_workbook()
    title = f"{plan.get_kind_display()} {plan.number}".strip()
    indicator_columns = [
        ("STT", 6), ("Nhóm", 18), ("Chỉ tiêu", 45), ("Đơn vị tính", 10), ("Mục tiêu", 14),
        ("Cơ quan theo dõi", 22), ("Cơ quan phối hợp", 22), ("Nguồn dữ liệu", 22), *ADDED,
    ]  # fmt: skip
    indicator_rows = []
    for line in indicator_lines(plan, period):
        row = line.indicator
        indicator_rows.append([
            row.ref, row.group, row.name, row.unit_of_measure, line.target, "; ".join(row.responsible_names),
            "; ".join(row.coordinating_names), row.data_source, line.verdict, line.progress, line.result,
        ])  # fmt: skip
    label = f" — {period.label}" if period is not None else ""
    sheets.add_sheet(book, "Chỉ tiêu", indicator_columns, indicator_rows, heading=f"Phụ lục chỉ tiêu: {title}{label}")
    task_columns = [
        ("STT", 6), ("Mục", 22), ("Nhiệm vụ", 45), ("Chủ trì", 22), ("Phối hợp", 22), ("Thời hạn", 14),
        ("Kết quả, sản phẩm", 24), *ADDED,
    ]  # fmt: skip
    sheets.add_sheet(
        book, "Nhiệm vụ", task_columns, _task_rows(plan, as_of),
        heading=f"Phụ lục nhiệm vụ: {title} (tình trạng đến ngày {as_of:%d/%m/%Y})",
    )  # fmt: skip
    return sheets.to_bytes(book)
