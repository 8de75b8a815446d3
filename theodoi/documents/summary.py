"""The periodic summary report (báo cáo tổng hợp) of a plan for one period, as a .docx.

Its parts, in the order provincial reports follow:

I.   what was done: each task with what the units wrote in their accepted reports;
II.  the indicators against their targets (results rolled up by theodoi.results);
III. the tasks by status as of the end of the period's data window;
IV.  late or unmet items, with the difficulties, causes and remedies as the units wrote them;
V.   units that reported late or not at all;
VI.  proposals (typed on the form, else a line left to fill in).

Data is read in a fixed number of queries (`summary_data`); the document is written with
paragraph and row stamps (layout.Stamp) so a province's month stays within a few seconds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q

from theodoi.periods.status import Reading, Status
from theodoi.periods.windows import Period
from theodoi.plans.choices import AssignmentRole
from theodoi.plans.models import Assignment, Plan, Task
from theodoi.results.selectors import TaskSummary
from theodoi.submissions.choices import ReportState, TaskProgress
from theodoi.submissions.models import Report, TaskItem
from theodoi.submissions.obligations import period_obligations, period_window

from . import layout
from .indicators import IndicatorLine, indicator_lines, number_text
from .selectors import (
    Written,
    assignments_for_status,
    day_text,
    issuer_for,
    lead_status,
    plan_reference,
    readings_of,
    written_items,
)

UNMET_PROGRESS = frozenset({TaskProgress.LATE, TaskProgress.AT_RISK, TaskProgress.NOT_STARTED})
STATUS_ORDER = [
    Status.DONE_ON_TIME, Status.DONE_LATE, Status.IN_PROGRESS, Status.OVERDUE, Status.NOT_DUE,
    Status.AWAITING_EVENT, Status.HALTED,
]  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """A late or unmet item of one unit, with what the unit wrote about it."""

    task: Task
    unit_name: str
    status: str
    days_late: int
    difficulties: str
    causes: str
    remedies: str


@dataclass(frozen=True)
class ReportLateness:
    unit_name: str
    text: str


@dataclass
class SummaryData:
    plan: Plan
    period: Period
    window: tuple[date, date]
    as_of: date
    done: list[tuple[Task, list[tuple[str, str]]]] = field(default_factory=list)
    indicators: list[IndicatorLine] = field(default_factory=list)
    status_counts: list[tuple[str, int]] = field(default_factory=list)
    tasks_by_status: dict[Status, list[Task]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    late_reports: list[ReportLateness] = field(default_factory=list)
    missing_reports: list[str] = field(default_factory=list)
    rates: TaskSummary | None = None
    report_count: int = 0
    accepted_count: int = 0


def _period_reports(plan: Plan, period: Period) -> list[Report]:
    return list(
        Report.objects.filter(
            plan=plan, period_kind=period.kind, period_year=period.year, period_index=period.index
        ).select_related("unit")
    )


def _done_section(tasks: list[Task], items: list[Written]) -> list[tuple[Task, list[tuple[str, str]]]]:
    by_task: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for item in items:
        text = "; ".join(part for part in (item.work_done.strip(), item.product.strip()) if part)
        if text:
            by_task[item.task_id].append((item.unit_name, text))
    return [(task, by_task[task.pk]) for task in tasks if by_task.get(task.pk)]


def _problems(
    assignments: list[Assignment], readings: dict[int, Reading], items: dict[tuple[int, int], Written]
) -> list[Problem]:
    found = []
    for row in assignments:
        reading = readings[row.pk]
        item = items.get((row.task_id, row.unit_id))
        if row.role != AssignmentRole.LEAD and item is None:
            continue  # a coordinating unit answers for its part only when it reported on it
        late = reading.status in (Status.OVERDUE, Status.DONE_LATE)
        flagged = item is not None and item.progress in UNMET_PROGRESS
        if not (late or flagged):
            continue
        found.append(
            Problem(
                task=row.task, unit_name=row.unit.name,
                status=str(reading.status.label) if late or item is None else item.progress_label,
                days_late=reading.days_late, difficulties=item.difficulties.strip() if item else "",
                causes=item.causes.strip() if item else "", remedies=item.remedies.strip() if item else "",
            )
        )  # fmt: skip
    return found


def _lateness(
    reports: list[Report], plan: Plan, period: Period, now: datetime
) -> tuple[list[ReportLateness], list[str]]:
    late = []
    for report in reports:
        if report.is_late and report.first_submitted_at and report.due_at:
            days = max(1, (report.first_submitted_at - report.due_at).days)
            late.append(
                ReportLateness(report.unit.name, f"nộp muộn {days} ngày ({day_text(report.first_submitted_at)})")
            )
    missing = [
        report.unit.name
        for report in reports
        if report.first_submitted_at is None and (report.due_at is None or report.due_at < now)
    ]
    have = {report.unit_id for report in reports}
    # Reports are opened for every unit that owes one; ask the calendar who owes only when some
    # unit leading part of the plan has none (reading the obligations walks every assignment).
    leading = Assignment.objects.filter(Q(task__plan=plan) | Q(indicator__plan=plan), role=AssignmentRole.LEAD)
    if set(leading.values_list("unit_id", flat=True).distinct()) - have:
        missing += [owed.unit.name for owed in period_obligations(plan, period) if owed.unit.pk not in have]
    return late, sorted(set(missing))


def summary_data(plan: Plan, period: Period, *, now: datetime, today: date) -> SummaryData:
    """Everything the summary report says, read in bulk."""
    window = period_window(plan, period)
    as_of = min(window[1], today)
    data = SummaryData(plan=plan, period=period, window=window, as_of=as_of)
    reports = _period_reports(plan, period)
    data.report_count = len(reports)
    accepted = [report for report in reports if report.state == ReportState.ACCEPTED]
    data.accepted_count = len(accepted)
    items = written_items(
        TaskItem.objects.filter(
            report__plan=plan, report__period_kind=period.kind, report__period_year=period.year,
            report__period_index=period.index, task__archived=False,
        )
    )  # fmt: skip
    tasks = list(Task.objects.filter(plan=plan, archived=False).order_by("position"))
    data.done = _done_section(tasks, items)
    assignments = assignments_for_status(Assignment.objects.filter(task__plan=plan, task__archived=False))
    readings = readings_of(assignments, as_of)
    by_task: dict[int, list[Assignment]] = defaultdict(list)
    for row in assignments:
        by_task[row.task_id].append(row)
    statuses = {task_id: lead_status(rows, readings) for task_id, rows in by_task.items()}
    counts = Counter(statuses.values())
    data.rates = TaskSummary.of(statuses.values())
    data.status_counts = [(str(status.label), counts.get(status, 0)) for status in STATUS_ORDER]
    for task in tasks:
        if task.pk in statuses:
            data.tasks_by_status.setdefault(statuses[task.pk], []).append(task)
    keyed = {(item.task_id, item.unit_id): item for item in items}
    data.problems = _problems(assignments, readings, keyed)
    data.late_reports, data.missing_reports = _lateness(reports, plan, period, now)
    data.indicators = indicator_lines(plan, period)
    return data


def percent_text(value: Decimal | None) -> str:
    return f"{number_text(value)}%" if value is not None else "—"


def period_phrase(period: Period) -> str:
    """The period as it reads inside a sentence: "tháng 3/2026", "quý I/2026"."""
    return f"{period.label[:1].lower()}{period.label[1:]}"


# --- the document ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Particulars:
    """What the person fills in before generating: number, date, place, signer, recipients."""

    number: str = ""
    day: date | None = None
    place: str = ""
    signature: layout.Signature = field(default_factory=layout.Signature)
    recipients: tuple[str, ...] = ()
    proposals: str = ""


def _write_done(document: layout.Document, data: SummaryData) -> None:
    layout.add_heading(document, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    if not data.done:
        layout.add_paragraph(document, "Chưa có báo cáo được chấp nhận trong kỳ.")
        return
    task_line = layout.runs_stamp(document, [(True, False)])
    unit_line = layout.runs_stamp(document, [(False, True), (False, False)])
    for task, lines in data.done:
        layout.add_stamped(document, task_line, [f"{task.ref}. {task.name}"])
        for unit_name, text in lines:
            layout.add_stamped(document, unit_line, [f"- {unit_name}: ", text])


def _write_indicators(document: layout.Document, data: SummaryData) -> None:
    layout.add_heading(document, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    if not data.indicators:
        layout.add_paragraph(document, "Kế hoạch không có chỉ tiêu.")
        return
    width = layout.text_width_mm(document)
    headers = ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả", "Đánh giá", "Ghi chú"]
    shares = [0.06, 0.34, 0.09, 0.12, 0.12, 0.12, 0.15]
    rows = [line.cells() for line in data.indicators]
    layout.add_grid(document, headers, rows, [width * share for share in shares], size=11)


def _write_statuses(document: layout.Document, data: SummaryData) -> None:
    layout.add_heading(document, f"III. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ (tính đến ngày {data.as_of:%d/%m/%Y})")
    total = sum(count for _, count in data.status_counts)
    layout.add_paragraph(document, f"Tổng số nhiệm vụ: {total}.")
    if data.rates is not None and data.rates.completion_rate is not None:
        layout.add_paragraph(
            document,
            f"Tỷ lệ hoàn thành (số hoàn thành trên tổng số hoàn thành và quá hạn chưa hoàn thành, không tính "
            f"nhiệm vụ còn trong hạn): {percent_text(data.rates.completion_rate)}; tỷ lệ hoàn thành đúng hạn: "
            f"{percent_text(data.rates.on_time_rate)}.",
        )
    width = layout.text_width_mm(document)
    rows = [
        [label, str(count), percent_text(Decimal(count * 100) / total) if total else "—"]
        for label, count in data.status_counts
    ]
    layout.add_grid(document, ["Tình trạng", "Số nhiệm vụ", "Tỷ lệ"], rows, [width * 0.6, width * 0.2, width * 0.2])
    line = layout.runs_stamp(document, [(False, True), (False, False)])
    for status in (Status.OVERDUE, Status.DONE_LATE):
        tasks = data.tasks_by_status.get(status, [])
        if tasks:
            names = "; ".join(f"{task.ref}. {task.name}" for task in tasks)
            layout.add_stamped(document, line, [f"{status.label}: ", names])


def _write_problems(document: layout.Document, data: SummaryData) -> None:
    layout.add_heading(document, "IV. NHIỆM VỤ CHẬM, CHƯA HOÀN THÀNH; KHÓ KHĂN, VƯỚNG MẮC, NGUYÊN NHÂN VÀ GIẢI PHÁP")
    if not data.problems:
        layout.add_paragraph(document, "Không có nhiệm vụ chậm tiến độ trong kỳ.")
        return
    width = layout.text_width_mm(document)
    headers = ["Nhiệm vụ", "Đơn vị", "Tình trạng", "Khó khăn, vướng mắc", "Nguyên nhân", "Giải pháp khắc phục"]
    shares = [0.22, 0.14, 0.13, 0.17, 0.17, 0.17]
    rows = []
    for problem in data.problems:
        status = f"{problem.status} ({problem.days_late} ngày)" if problem.days_late else problem.status
        rows.append([
            f"{problem.task.ref}. {problem.task.name}", problem.unit_name, status,
            problem.difficulties, problem.causes, problem.remedies,
        ])  # fmt: skip
    layout.add_grid(document, headers, rows, [width * share for share in shares], size=11)


def _write_reporting(document: layout.Document, data: SummaryData) -> None:
    layout.add_heading(document, "V. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ")
    layout.add_paragraph(
        document,
        f"Có {data.report_count} đơn vị phải báo cáo; {data.accepted_count} báo cáo đã được chấp nhận.",
    )
    line = layout.runs_stamp(document, [(False, False)])
    if data.late_reports:
        layout.add_paragraph(document, f"Đơn vị báo cáo chậm ({len(data.late_reports)}):")
        for row in data.late_reports:
            layout.add_stamped(document, line, [f"- {row.unit_name}: {row.text};"])
    if data.missing_reports:
        layout.add_paragraph(document, f"Đơn vị chưa báo cáo ({len(data.missing_reports)}):")
        for name in data.missing_reports:
            layout.add_stamped(document, line, [f"- {name};"])
    if not data.late_reports and not data.missing_reports:
        layout.add_paragraph(document, "Các đơn vị đều báo cáo đúng hạn.")


def summary_document(data: SummaryData, particulars: Particulars) -> bytes:
    plan = data.plan
    document = layout.new_document()
    phrase = period_phrase(data.period)
    number = f"số {plan.number}" if plan.number else plan.title
    heading = layout.Heading(
        kind_code="BC", number=particulars.number, place=particulars.place, day=particulars.day,
        kind_name="Báo cáo", title=f"Kết quả thực hiện {plan.get_kind_display()} {number} {phrase}",
    )  # fmt: skip
    layout.add_header(document, issuer_for(plan.standing_unit), heading)
    start, end = data.window
    layout.add_paragraph(
        document,
        f"Thực hiện {plan_reference(plan)}, {plan.standing_unit.name} báo cáo kết quả thực hiện "
        f"{phrase} (số liệu từ ngày {start:%d/%m/%Y} "
        f"đến ngày {end:%d/%m/%Y}) như sau:",
    )
    _write_done(document, data)
    _write_indicators(document, data)
    _write_statuses(document, data)
    _write_problems(document, data)
    _write_reporting(document, data)
    layout.add_heading(document, "VI. ĐỀ XUẤT, KIẾN NGHỊ")
    proposals = [line.strip() for line in particulars.proposals.splitlines() if line.strip()] or ["…"]
    for line in proposals:
        layout.add_paragraph(document, line)
    layout.add_paragraph(
        document,
        f"Trên đây là báo cáo kết quả thực hiện {plan.get_kind_display().lower()} {phrase} "
        f"của {plan.standing_unit.name}./.",
    )
    layout.add_closing(document, layout.Recipients(list(particulars.recipients)), particulars.signature)
    return layout.to_bytes(document)
