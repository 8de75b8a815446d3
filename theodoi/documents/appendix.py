"""The plan's appendix tables (.xlsx) as printed, with three columns added to each: status,
progress and the latest result, read from accepted reports. Statuses, progress and indicator
results are theodoi.results' (its selectors `task_results` and `indicator_results`)."""

from __future__ import annotations

from datetime import date

from theodoi.periods.windows import Period
from theodoi.plans.models import Plan, Task
from theodoi.results.selectors import TaskResult, task_results

from . import sheets
from .indicators import indicator_lines, number_text
from .selectors import item_result

ADDED = [("Tình trạng", 18), ("Tiến độ", 12), ("Kết quả mới nhất", 45)]


def _progress(result: TaskResult) -> str:
    """theodoi.results' progress (the mean over the lead units, a unit that never reported
    counting 0), with how many reported when the task went to several units."""
    if result.progress is None:
        return ""
    text = f"{number_text(result.progress)}%"
    if len(result.members) > 1:
        text += f" ({result.reported_members}/{len(result.members)} đơn vị đã báo cáo)"
    return text


def _result(result: TaskResult) -> str:
    texts = [(member.unit.name, item_result(member.latest_item)) for member in result.members]
    texts = [(name, text) for name, text in texts if text]
    if len(result.members) == 1:
        return texts[0][1] if texts else ""
    return "\n".join(f"{name}: {text}" for name, text in texts)


def _task_rows(plan: Plan, as_of: date) -> list[list[object]]:
    tasks = list(Task.objects.filter(plan=plan, archived=False).select_related("section").order_by("position"))
    results = {result.task.pk: result for result in task_results(plan, as_of=as_of)}
    found = []
    for task in tasks:
        result = results.get(task.pk)
        found.append([
            task.ref, task.section.title if task.section else "", task.name, "; ".join(task.lead_names),
            "; ".join(task.coordinating_names), task.deadline_text, task.output,
            str(result.status.label) if result else "", _progress(result) if result else "",
            _result(result) if result else "",
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
