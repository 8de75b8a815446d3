"""The overview and the pages per plan, unit and indicator, built on `theodoi.results.selectors`.

Each builder narrows by policy (`scope`), asks the results selectors (which hold every rule:
roll-ups, verdicts, completion rates, warning levels, timeliness, scores) and lays their answers
out as panels. Nothing here decides whether a number is good or bad.

Query budget: a fixed number of queries per plan shown (the results selectors each use a few), never
per unit, task or indicator.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from theodoi.dashboards import scope
from theodoi.dashboards.charts import Chart, Series
from theodoi.dashboards.exports import Cell, Table
from theodoi.dashboards.filters import Filters
from theodoi.dashboards.pages import Page, Panel, plan_breadcrumbs, when
from theodoi.periods.status import Status
from theodoi.plans.models import Indicator, Plan, Section
from theodoi.results import selectors as results
from theodoi.results.selectors import IndicatorResult, TaskResult, TaskSummary, Verdict, WarningLevel
from theodoi.submissions.models import Report
from theodoi.units.models import Unit

TASK_SERIES = (
    ("done_on_time", "Hoàn thành đúng hạn", "#009e73"),
    ("done_late", "Hoàn thành quá hạn", "#e69f00"),
    ("in_deadline", "Đang thực hiện trong hạn", "#56b4e9"),
    ("overdue", "Quá hạn, chưa hoàn thành", "#d55e00"),
)
TASK_COLUMNS = ["Tổng số", *(label for _, label, _ in TASK_SERIES), "Tỷ lệ hoàn thành (%)", "Tỷ lệ đúng hạn (%)"]
AT_RISK = (WarningLevel.AT_RISK, WarningLevel.ALARM)
CHART_ROWS = 15


def _today(now: datetime) -> date:
    return timezone.localdate(now)


def _task_numbers(summary: TaskSummary) -> list[Any]:
    return [
        summary.total, *(getattr(summary, name) for name, _, _ in TASK_SERIES),
        summary.completion_rate, summary.on_time_rate,
    ]  # fmt: skip


def _task_chart(title: str, labels: list[str], summaries: list[TaskSummary]) -> Chart:
    series = [
        Series(label, [getattr(summary, name) for summary in summaries], colour) for name, label, colour in TASK_SERIES
    ]
    desc = "Mỗi thanh chia số nhiệm vụ theo tình trạng: hoàn thành đúng hạn, hoàn thành quá hạn, trong hạn, quá hạn."
    return Chart("stacked", title, desc, labels, series=series)


def _verdict_cell(verdict: Verdict) -> Cell:
    css = {Verdict.ACHIEVED: "achieved--yes", Verdict.NOT_ACHIEVED: "achieved--no"}.get(verdict, "")
    return Cell(str(Verdict(verdict).label), css=css)


def _warning_cell(level: WarningLevel) -> Cell:
    return Cell(str(WarningLevel(level).label), css=f"level--{level}")


def _plan_cell(plan: Plan) -> Cell:
    return Cell(plan.title, url=reverse("dashboards:plan", args=[plan.pk]))


def _unit_cell(unit: Unit, depth: int = 0) -> Cell:
    return Cell(("— " * depth) + unit.name, value=unit.name, url=reverse("dashboards:unit", args=[unit.pk]))


def _indicator_cell(indicator: Indicator) -> Cell:
    text = f"{indicator.ref}. {indicator.name}" if indicator.ref else indicator.name
    return Cell(text, url=reverse("dashboards:indicator", args=[indicator.pk]))


def _target(indicator: Indicator) -> str:
    if indicator.target_text:
        return indicator.target_text
    if indicator.target_value is None:
        return ""
    return f"{indicator.get_target_op_display()} {indicator.target_value.normalize():f}"


# --- the overview ---------------------------------------------------------------------------------


def overview_plans(user: Any) -> list[Plan]:
    return list(scope.visible_plans(user).order_by("-period_to", "title"))


def overview_page(*, user: Any, filters: Filters, now: datetime, plans: list[Plan] | None = None) -> Page:
    plans = plans if plans is not None else overview_plans(user)
    page = Page(
        title="Tổng quan",
        filters=filters,
        intro="Các kế hoạch bạn được theo dõi: tiến độ nhiệm vụ, chỉ tiêu có nguy cơ không đạt, nhiệm vụ quá hạn "
        "và đơn vị chậm báo cáo. Số liệu chỉ tính các báo cáo đã được chấp nhận.",
        filter_names=("ke-hoach", "nam", "don-vi"),
        plan_choices=plans,
    )
    chosen = [filters.plan] if filters.plan is not None else plans
    page.unit_choices = list(scope.visible_units(user).order_by("name")) if plans else []
    today = _today(now)
    summaries, risky, overdue = [], [], []
    scopes = {plan.pk: scope.unit_scope(user, plan) for plan in chosen}
    for plan in chosen:
        units = scopes[plan.pk]
        summary = results.task_summary(plan, as_of=today, unit=filters.unit, units=units)
        summaries.append((plan, summary))
        risky += _at_risk(plan, filters, units, today)
        overdue += [(plan, row) for row in _overdue(plan, filters, units, today)]
    timeliness = _late_units(scopes, chosen, filters, now)
    page.figures = [
        ("Kế hoạch", len(chosen)),
        ("Nhiệm vụ quá hạn", sum(summary.overdue for _, summary in summaries)),
        ("Chỉ tiêu có nguy cơ", len(risky)),
        ("Đơn vị chậm, thiếu báo cáo", len(timeliness)),
    ]
    page.panels = [
        _plans_panel(summaries),
        _at_risk_panel(risky),
        _overdue_panel(overdue, show_plan=True),
        _late_units_panel(timeliness),
    ]
    return page


def _plans_panel(summaries: list[tuple[Plan, TaskSummary]]) -> Panel:
    table = Table("ke-hoach", "Tiến độ nhiệm vụ theo kế hoạch", ["Kế hoạch", *TASK_COLUMNS])
    for plan, summary in summaries:
        table.rows.append([_plan_cell(plan), *_task_numbers(summary)])
    shown = summaries[:CHART_ROWS]
    chart = _task_chart("Nhiệm vụ theo tình trạng, từng kế hoạch", [p.title for p, _ in shown], [s for _, s in shown])
    return Panel(table, chart)


def _at_risk(plan: Plan, filters: Filters, units: Any, today: date) -> list[tuple[Plan, Any]]:
    """Indicators of `plan` whose warning level this year is "at risk" or "alarm" (the results
    app's bands and gap), every indicator of the plan read at once."""
    trends = results.plan_indicator_trends(plan, year=filters.year or today.year, unit=filters.unit, units=units)
    return [(plan, trend) for trend in trends if trend.warning in AT_RISK]


def _at_risk_panel(risky: list[tuple[Plan, Any]]) -> Panel:
    table = Table(
        "chi-tieu-nguy-co", "Chỉ tiêu có nguy cơ không đạt",
        ["Chỉ tiêu", "Kế hoạch", "Mục tiêu", "Kết quả đến nay", "Dự báo cuối năm", "Cách biệt (điểm)", "Mức cảnh báo"],
    )  # fmt: skip
    for plan, trend in risky:
        table.rows.append([
            _indicator_cell(trend.indicator), _plan_cell(plan), _target(trend.indicator), trend.result_so_far,
            trend.projection, trend.gap, _warning_cell(trend.warning),
        ])  # fmt: skip
    shown = risky[:CHART_ROWS]
    chart = Chart(
        "bar", "Cách biệt so với tiến độ cần đạt", "Số điểm kết quả đến nay còn thiếu so với tiến độ cần để đạt "
        "mục tiêu cuối năm, từng chỉ tiêu có nguy cơ.",
        [trend.indicator.ref or trend.indicator.name for _, trend in shown],
        values=[abs(trend.gap) if trend.gap is not None else None for _, trend in shown], colour="#d55e00",
    )  # fmt: skip
    return Panel(table, chart if risky else None, note="Mức cảnh báo đọc từ cách biệt giữa kết quả đến nay và "
                 "tiến độ cần đạt; các ngưỡng do cơ quan thường trực đặt cho từng kế hoạch.")  # fmt: skip


def _overdue(plan: Plan, filters: Filters, units: Any, today: date) -> list[TaskResult]:
    # Only the overdue tasks' progress is read (a province's latest items are thousands).
    return results.task_results(
        plan, as_of=today, section=_section(filters), unit=filters.unit, period=filters.period, units=units,
        status=Status.OVERDUE,
    )  # fmt: skip


def _section(filters: Filters) -> Section | None:
    if filters.field is None or filters.field.section_id is None:
        return None
    return Section.objects.filter(pk=filters.field.section_id).first()


def _overdue_panel(rows: list[tuple[Plan, TaskResult]], *, show_plan: bool) -> Panel:
    columns = ["Nhiệm vụ", *(["Kế hoạch"] if show_plan else []), "Đơn vị chủ trì", "Hạn", "Số ngày quá hạn",
               "Tiến độ (%)"]  # fmt: skip
    table = Table("nhiem-vu-qua-han", "Nhiệm vụ quá hạn, chưa hoàn thành", columns)
    per_unit: dict[str, int] = {}
    for plan, row in sorted(rows, key=lambda pair: -pair[1].days_late):
        leads = [member for member in row.members if not member.done] or row.members
        names = "; ".join(member.unit.name for member in leads)
        for member in leads:
            per_unit[member.unit.name] = per_unit.get(member.unit.name, 0) + 1
        task = f"{row.task.ref}. {row.task.name}" if row.task.ref else row.task.name
        table.rows.append([
            Cell(task, url=reverse("plans:detail", args=[plan.pk]) + f"#nhiem-vu-{row.task.pk}"),
            *([_plan_cell(plan)] if show_plan else []), names, when(row.due), row.days_late, row.progress,
        ])  # fmt: skip
    worst = sorted(per_unit.items(), key=lambda pair: (-pair[1], pair[0]))[:CHART_ROWS]
    chart = Chart(
        "bar", "Số nhiệm vụ quá hạn theo đơn vị chủ trì", "Các đơn vị có nhiều nhiệm vụ quá hạn nhất.",
        [name for name, _ in worst], values=[count for _, count in worst], colour="#d55e00",
    )  # fmt: skip
    return Panel(table, chart if rows else None)


def _late_units(scopes: dict[int, Any], plans: list[Plan], filters: Filters, now: datetime) -> list[Any]:
    """Units with a report late or missing (in the chosen year, or ever), worst first."""
    found = []
    for plan in plans:
        found += [
            (plan, row)
            for row in results.reporting_timeliness(
                plan,
                period=filters.period,
                year=filters.year,
                unit=filters.unit,
                units=scopes[plan.pk],
                as_of=now,
            )  # fmt: skip
            if row.late or row.missing
        ]
    return sorted(found, key=lambda pair: (-pair[1].missing, -pair[1].late, pair[1].unit.name))


def _late_units_panel(rows: list[tuple[Plan, Any]], *, show_plan: bool = True) -> Panel:
    columns = ["Đơn vị", *(["Kế hoạch"] if show_plan else []), "Phải nộp", "Đúng hạn", "Muộn",
               "Chưa nộp, quá hạn", "Chưa đến hạn", "Tỷ lệ đúng hạn (%)"]  # fmt: skip
    table = Table("don-vi-cham-bao-cao", "Đơn vị nộp báo cáo muộn hoặc chưa nộp", columns)
    for plan, row in rows:
        table.rows.append([
            _unit_cell(row.unit), *([_plan_cell(plan)] if show_plan else []), row.owed, row.on_time, row.late,
            row.missing, row.pending, row.on_time_rate,
        ])  # fmt: skip
    shown = rows[:CHART_ROWS]
    chart = Chart(
        "stacked", "Báo cáo muộn và chưa nộp theo đơn vị", "Mỗi thanh là một đơn vị: số báo cáo nộp muộn và số "
        "báo cáo chưa nộp khi đã quá hạn.", [row.unit.name for _, row in shown],
        series=[
            Series("Muộn", [row.late for _, row in shown], "#e69f00"),
            Series("Chưa nộp, quá hạn", [row.missing for _, row in shown], "#d55e00"),
        ],
    )  # fmt: skip
    return Panel(table, chart if rows else None)


# --- a plan ---------------------------------------------------------------------------------------


def plan_page(*, user: Any, plan: Plan, filters: Filters, now: datetime) -> Page:
    today = _today(now)
    units = scope.unit_scope(user, plan)
    section = _section(filters)
    summary = results.task_summary(plan, as_of=today, section=section, unit=filters.unit, period=filters.period,
                                   units=units)  # fmt: skip
    indicators = _indicator_results(plan, filters, units)
    achieved = sum(1 for result in indicators if result.verdict == Verdict.ACHIEVED)
    page = Page(
        title=plan.title,
        filters=filters,
        intro=f"Cơ quan thường trực: {plan.standing_unit.name}." if plan.standing_unit_id else "",
        breadcrumbs=[("Tổng quan", reverse("dashboards:overview"))],
        filter_names=("ky", "don-vi", "linh-vuc"),
        unit_choices=list(scope.visible_units(user, plan).order_by("name")),
        period_choices=_period_choices(plan),
        links=[
            ("Tình hình báo cáo theo kỳ", reverse("dashboards:grid", args=[plan.pk])),
            ("Nội dung kế hoạch", reverse("plans:detail", args=[plan.pk])),
        ],
        figures=[
            ("Nhiệm vụ", summary.total),
            ("Tỷ lệ hoàn thành (%)", summary.completion_rate if summary.completion_rate is not None else "—"),
            ("Nhiệm vụ quá hạn", summary.overdue),
            ("Chỉ tiêu đạt", f"{achieved}/{len(indicators)}"),
        ],
    )
    page.panels.append(_sections_panel(plan, today, filters, units))
    page.panels.append(_units_panel(plan, today, filters, units))
    page.panels.append(_indicators_panel(indicators))
    overdue = _overdue(plan, filters, units, today)
    page.panels.append(_overdue_panel([(plan, row) for row in overdue], show_plan=False))
    late = [
        (plan, row) for row in results.reporting_timeliness(
            plan, period=filters.period, unit=filters.unit, units=units, as_of=now)
    ]  # fmt: skip
    timeliness = _late_units_panel(late, show_plan=False)
    timeliness.table.key, timeliness.table.title = "bao-cao-theo-don-vi", "Tình hình nộp báo cáo theo đơn vị"
    page.panels.append(timeliness)
    page.panels.append(_scoreboard_panel(plan, today, units))
    return page


def _period_choices(plan: Plan) -> list[tuple[str, str]]:
    from theodoi.periods.windows import Period, PeriodKind

    keys = (
        Report.objects.filter(plan=plan).order_by().values_list("period_year", "period_kind", "period_index").distinct()
    )
    periods = sorted({Period(y, PeriodKind(k), i) for y, k, i in keys}, key=lambda p: (p.year, p.end_month, p.kind))
    return [(period.key, period.label) for period in reversed(periods)]


def _indicator_results(plan: Plan, filters: Filters, units: Any) -> list[IndicatorResult]:
    found = results.indicator_results(plan, period=filters.period, year=filters.year, unit=filters.unit, units=units)
    if filters.indicator_group is not None:
        found = [result for result in found if result.indicator.group == filters.indicator_group]
    elif filters.field is not None:
        found = []  # a task section was chosen: no indicator belongs to it
    return found


def _sections_panel(plan: Plan, today: date, filters: Filters, units: Any) -> Panel:
    rows = results.task_summary_by_section(plan, as_of=today, period=filters.period, units=units)
    chosen = set(filters.section_ids) if filters.section_ids is not None else None
    if filters.field is not None and chosen is None:
        rows = []  # an indicator group was chosen
    table = Table("nhiem-vu-theo-linh-vuc", "Nhiệm vụ theo lĩnh vực (mục của kế hoạch)", ["Mục", *TASK_COLUMNS])
    top: list[tuple[str, TaskSummary]] = []
    for section, summary in rows:
        if chosen is not None and (section is None or section.pk not in chosen):
            continue
        title = section.title if section is not None else "Nhiệm vụ không thuộc mục nào"
        depth = _depth(section, rows)
        table.rows.append([Cell(("— " * depth) + title, value=title), *_task_numbers(summary)])
        if depth == 0:
            top.append((title, summary))
    chart = _task_chart("Nhiệm vụ theo tình trạng, từng mục lớn", [t for t, _ in top], [s for _, s in top])
    return Panel(table, chart if top else None)


def _depth(section: Section | None, rows: Iterable[tuple[Section | None, TaskSummary]]) -> int:
    if section is None:
        return 0
    parents = {s.pk: s.parent_id for s, _ in rows if s is not None}
    depth, node = 0, section.parent_id
    while node is not None:
        depth, node = depth + 1, parents.get(node)
    return depth


def _units_panel(plan: Plan, today: date, filters: Filters, units: Any) -> Panel:
    if filters.unit is not None:
        wanted = set(filters.unit_ids or [])
        units = sorted(wanted if units is None else wanted.intersection(units))
    by_unit = results.task_summary_by_unit(plan, as_of=today, period=filters.period, units=units)
    names = Unit.objects.in_bulk(list(by_unit))
    rows = sorted(by_unit.items(), key=lambda pair: names[pair[0]].name)
    table = Table("nhiem-vu-theo-don-vi", "Nhiệm vụ theo đơn vị chủ trì", ["Đơn vị", *TASK_COLUMNS])
    for unit_id, summary in rows:
        table.rows.append([_unit_cell(names[unit_id]), *_task_numbers(summary)])
    worst = sorted(rows, key=lambda pair: (-pair[1].overdue, names[pair[0]].name))[:CHART_ROWS]
    chart = _task_chart(
        "Nhiệm vụ theo tình trạng, các đơn vị nhiều nhiệm vụ quá hạn nhất",
        [names[unit_id].name for unit_id, _ in worst], [summary for _, summary in worst],
    )  # fmt: skip
    return Panel(table, chart if rows else None, note="Một nhiệm vụ giao cho nhóm đơn vị được tính cho từng đơn vị.")


def _indicators_panel(indicators: list[IndicatorResult]) -> Panel:
    table = Table(
        "chi-tieu", "Kết quả chỉ tiêu",
        ["Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả", "Tử số (a)", "Mẫu số (b)", "Đánh giá",
         "Đơn vị đã báo cáo", "Ghi chú"],
    )  # fmt: skip
    for result in indicators:
        table.rows.append([
            _indicator_cell(result.indicator), result.indicator.unit_of_measure, _target(result.indicator),
            result.value, result.numerator, result.denominator, _verdict_cell(result.verdict),
            f"{result.units_reported}/{result.units_expected}", "; ".join(result.reason_labels),
        ])  # fmt: skip
    percent = [result for result in indicators if result.percent][:CHART_ROWS]
    chart = Chart(
        "bar", "Kết quả các chỉ tiêu tính bằng %", "Kết quả của từng chỉ tiêu tính theo tỷ lệ phần trăm; "
        "chỉ tiêu chưa có số liệu không có thanh.",
        [result.indicator.ref or result.indicator.name for result in percent],
        values=[result.value for result in percent], unit="%", max_value=100,
    )  # fmt: skip
    return Panel(table, chart if percent else None, note="Kết quả chỉ tính các báo cáo đã được chấp nhận; "
                 "số liệu không được báo cáo để trống, không tính là 0.")  # fmt: skip


def _scoreboard_panel(plan: Plan, today: date, units: Any) -> Panel:
    board = results.unit_scoreboard(plan, as_of=today, units=units)
    table = Table(
        "xep-hang-don-vi", "Bảng điểm đơn vị",
        ["Đơn vị", "Hạng", "Điểm", "Điểm nhiệm vụ", "Điểm báo cáo", "Nhiệm vụ quá hạn", "Báo cáo muộn",
         "Báo cáo chưa nộp"],
    )  # fmt: skip
    for row in board:
        table.rows.append([
            _unit_cell(row.unit), row.rank, row.score, row.task_credit, row.report_credit, row.tasks.overdue,
            row.reports.late if row.reports else 0, row.reports.missing if row.reports else 0,
        ])  # fmt: skip
    scored = [row for row in board if row.score is not None][:CHART_ROWS]
    chart = Chart(
        "bar", "Điểm của các đơn vị", "Điểm trên thang 100 theo cách tính cơ quan thường trực đặt.",
        [row.unit.name for row in scored], values=[row.score for row in scored], max_value=100,
    )  # fmt: skip
    return Panel(table, chart if scored else None)


# --- a unit ---------------------------------------------------------------------------------------


def unit_page(*, user: Any, unit: Unit, filters: Filters, now: datetime) -> Page:
    today = _today(now)
    plans = list(scope.visible_plans(user).filter(_takes_part(unit)).distinct().order_by("-period_to", "title"))
    chosen = [filters.plan] if filters.plan is not None and filters.plan in plans else plans
    page = Page(
        title=unit.name,
        filters=filters,
        intro="Nhiệm vụ, báo cáo định kỳ và chỉ tiêu của đơn vị (kể cả các đơn vị trực thuộc) trong các kế hoạch "
        "bạn được theo dõi.",
        breadcrumbs=[("Tổng quan", reverse("dashboards:overview"))],
        filter_names=("ke-hoach", "nam"),
        plan_choices=plans,
    )
    summaries, overdue, indicators = [], [], []
    for plan in chosen:
        units = scope.unit_scope(user, plan)
        summaries.append((plan, results.task_summary(plan, as_of=today, unit=unit, units=units)))
        overdue += [(plan, row) for row in results.task_results(plan, as_of=today, unit=unit, units=units,
                                                                 status=Status.OVERDUE)]  # fmt: skip
        indicators += [
            (plan, result) for result in results.indicator_results(plan, year=filters.year, unit=unit, units=units)
            if result.units_expected
        ]  # fmt: skip
    reports = _unit_reports(user, unit, chosen, filters, now)
    page.figures = [
        ("Kế hoạch tham gia", len(chosen)),
        ("Nhiệm vụ quá hạn", len(overdue)),
        ("Báo cáo chưa nộp, quá hạn", sum(1 for row in reports.rows if row[-1] == "Chưa nộp, quá hạn")),
    ]
    plans_panel = _plans_panel(summaries)
    plans_panel.table.title = "Nhiệm vụ của đơn vị theo kế hoạch"
    page.panels = [plans_panel, _overdue_panel(overdue, show_plan=True), Panel(reports, _reports_chart(reports))]
    page.panels.append(_unit_indicators_panel(indicators))
    return page


def _takes_part(unit: Unit) -> Any:
    from django.db.models import Q

    from theodoi.plans.models import Assignment
    from theodoi.units.selectors import unit_descendant_ids

    # Three subqueries, not one OR over three many-valued joins (which multiplies their rows).
    ids = unit_descendant_ids(unit)
    assignments = Assignment.objects.filter(unit_id__in=ids).order_by()
    return (
        Q(pk__in=assignments.filter(task__isnull=False).values("task__plan_id"))
        | Q(pk__in=assignments.filter(indicator__isnull=False).values("indicator__plan_id"))
        | Q(pk__in=Report.objects.filter(unit_id__in=ids).order_by().values("plan_id"))
    )


def _unit_reports(user: Any, unit: Unit, plans: list[Plan], filters: Filters, now: datetime) -> Table:
    """The unit's periodic reports (and its divisions'), newest first, each read as the grid reads it."""
    from theodoi.accounts import policy
    from theodoi.dashboards.grid import GridPeriod, _cell
    from theodoi.units.selectors import unit_descendant_ids

    reports = (
        policy.restrict_reports(Report.objects.filter(plan__in=plans, unit_id__in=unit_descendant_ids(unit)), user)
        .select_related("plan", "unit")
        .order_by("-period_year", "-period_index", "plan__title", "unit__name")
    )
    if filters.year:
        reports = reports.filter(period_year=filters.year)
    table = Table("bao-cao-cua-don-vi", "Báo cáo định kỳ của đơn vị",
                  ["Kỳ", "Kế hoạch", "Đơn vị", "Hạn nộp", "Nộp lần đầu", "Tình trạng"])  # fmt: skip
    for report in reports[:300]:
        cell = _cell(report, None, GridPeriod(report.period, report.due_at), now)
        table.rows.append([
            Cell(report.period.label, url=reverse("submissions:detail", args=[report.pk])), _plan_cell(report.plan),
            report.unit.name, report.due_at, report.first_submitted_at, cell.label,
        ])  # fmt: skip
    return table


def _reports_chart(table: Table) -> Chart | None:
    counts: dict[str, int] = {}
    for row in table.rows:
        counts[row[-1]] = counts.get(row[-1], 0) + 1
    if not counts:
        return None
    labels = sorted(counts)
    return Chart("bar", "Số báo cáo theo tình trạng", "Số báo cáo định kỳ của đơn vị theo tình trạng nộp.",
                 labels, values=[counts[label] for label in labels])  # fmt: skip


def _unit_indicators_panel(rows: list[tuple[Plan, IndicatorResult]]) -> Panel:
    table = Table(
        "chi-tieu-cua-don-vi", "Chỉ tiêu do đơn vị thực hiện",
        ["Chỉ tiêu", "Kế hoạch", "Mục tiêu", "Kết quả", "Đánh giá"],
    )  # fmt: skip
    for plan, result in rows:
        table.rows.append([_indicator_cell(result.indicator), _plan_cell(plan), _target(result.indicator),
                           result.value, _verdict_cell(result.verdict)])  # fmt: skip
    percent = [result for _, result in rows if result.percent][:CHART_ROWS]
    chart = Chart(
        "bar", "Kết quả các chỉ tiêu tính bằng % của đơn vị", "Kết quả từng chỉ tiêu tính theo tỷ lệ phần trăm.",
        [result.indicator.ref or result.indicator.name for result in percent],
        values=[result.value for result in percent], unit="%", max_value=100,
    )  # fmt: skip
    return Panel(table, chart if percent else None)


# --- an indicator ---------------------------------------------------------------------------------


def indicator_page(*, user: Any, indicator: Indicator, filters: Filters, now: datetime) -> Page:
    plan = indicator.plan
    units = scope.unit_scope(user, plan)
    year = filters.year or (filters.period.year if filters.period else None) or _latest_year(plan) or now.year
    trend = results.indicator_trend(indicator, year=year, unit=filters.unit, units=units)
    found = results.indicator_results(plan, period=filters.period, year=year, unit=filters.unit, units=units)
    result = next((r for r in found if r.indicator.pk == indicator.pk), None)
    page = Page(
        title=f"{indicator.ref}. {indicator.name}" if indicator.ref else indicator.name,
        filters=filters,
        intro=indicator.formula_text or "",
        breadcrumbs=plan_breadcrumbs(plan),
        filter_names=("ky", "nam", "don-vi"),
        unit_choices=list(scope.visible_units(user, plan).order_by("name")),
        period_choices=_period_choices(plan),
        figures=[
            ("Mục tiêu", _target(indicator) or "—"),
            (f"Kết quả năm {year} đến nay", trend.result_so_far if trend.result_so_far is not None else "—"),
            ("Dự báo cuối năm", trend.projection if trend.projection is not None else "—"),
            ("Mức cảnh báo", WarningLevel(trend.warning).label),
            ("Giá trị gốc", _baseline(indicator)),
        ],
    )
    page.panels.append(_trend_panel(trend))
    if result is not None:
        page.panels.append(_indicator_units_panel(result))
    return page


def _latest_year(plan: Plan) -> int | None:
    return Report.objects.filter(plan=plan).order_by("-period_year").values_list("period_year", flat=True).first()


def _baseline(indicator: Indicator) -> str:
    text = indicator.baseline_text or (f"{indicator.baseline_value.normalize():f}" if indicator.baseline_value else "")
    return f"{text} (năm {indicator.baseline_year})" if text and indicator.baseline_year else (text or "—")


def _trend_panel(trend: Any) -> Panel:
    table = Table(
        "dien-bien", f"Diễn biến năm {trend.year}",
        ["Kỳ", "Kết quả trong kỳ", "Lũy kế đến kỳ", "Tử số (a)", "Mẫu số (b)", "Số đơn vị báo cáo"],
    )  # fmt: skip
    for point in trend.points:
        table.rows.append([point.period.label, point.value, point.cumulative, point.numerator, point.denominator,
                           point.units_reported])  # fmt: skip
    unit = "%" if trend.percent else ""
    chart = Chart(
        "line", f"Diễn biến chỉ tiêu năm {trend.year}", "Kết quả từng kỳ và lũy kế đến kỳ; đường đứt là mục tiêu. "
        "Kỳ chưa có số liệu để trống.", [_short_period(point.period) for point in trend.points],
        series=[
            Series("Trong kỳ", [point.value for point in trend.points], "#0072b2"),
            Series("Lũy kế", [point.cumulative for point in trend.points], "#e69f00"),
        ],
        unit=unit, target=trend.indicator.target_value,
    )  # fmt: skip
    return Panel(table, chart)


def _short_period(period: Any) -> str:
    """ "Tháng 3/2026" → "3/2026", "Quý I/2026" → "Q.I/2026": ticks that fit under a chart."""
    label = period.label
    return label.removeprefix("Tháng ").replace("Quý ", "Q.")


def _indicator_units_panel(result: IndicatorResult) -> Panel:
    period = result.period.label if result.period else "cả năm đến nay"
    table = Table(
        "theo-don-vi", f"Kết quả theo đơn vị ({period})",
        ["Đơn vị", "Tử số (a)", "Mẫu số (b)", "Kết quả", "Đánh giá", "Được giao", "Đã báo cáo"],
    )  # fmt: skip
    for row in result.rows:
        table.rows.append([
            _unit_cell(row.unit, row.depth), row.numerator, row.denominator, row.value, _verdict_cell(row.verdict),
            row.assigned, row.reported,
        ])  # fmt: skip
    own = [row for row in result.rows if not row.is_subtotal][: CHART_ROWS * 2]
    chart = Chart(
        "bar", "Kết quả theo đơn vị", "Kết quả của từng đơn vị; đơn vị chưa báo cáo không có thanh.",
        [row.unit.name for row in own], values=[row.value for row in own], unit="%" if result.percent else "",
        max_value=100 if result.percent else None,
    )  # fmt: skip
    return Panel(table, chart if own else None)
