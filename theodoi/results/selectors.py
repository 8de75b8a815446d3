"""Results: the public reads other parts (pages, API, dashboards, official documents) use.

Names here are stable: new ones are added, none renamed. The rules live in `rules.py` (pure,
Decimal) and are explained in docs/results.md.

Visibility: selectors do not take a user. Callers pass what the viewer may see, already narrowed
by `accounts.policy.restrict` — `units` (a queryset or ids of units) and/or `plans` — and check
the plan itself with `policy.can(user, READ, plan)`. None means no narrowing.

Indicators (`indicator_results.py`)
    indicator_results(plan, *, period=None, year=None, unit=None, units=None, include_drafts=False)
        -> list[IndicatorResult]   every live indicator, rolled up over the unit subtree in scope,
                                   with `rows` (UnitIndicatorRow per unit, subtotals up the tree)
    indicator_trend(indicator, *, year, unit=None, units=None, include_drafts=False, kind=None, bands=None)
        -> IndicatorTrend          per-period points, the year so far, projection, pace, gap,
                                   warning level, baseline
    plan_indicator_trends(plan, *, year, unit=None, units=None, include_drafts=False)
        -> list[IndicatorTrend]    every indicator's trend in a fixed number of queries (overviews)
    indicator_aggregation(indicator) -> Aggregation   the rule in force (set or derived)

Tasks (`task_results.py`)
    task_summary(plan=None, *, as_of, section=None, unit=None, period=None, plans=None, units=None)
        -> TaskSummary             counts by status, completion_rate (Government Office), on_time_rate
    task_summary_by_unit(plan=None, *, as_of, period=None, plans=None, units=None) -> dict[unit id, TaskSummary]
    task_summary_by_section(plan, *, as_of, period=None, units=None) -> list[(Section | None, TaskSummary)]
    task_results(plan, *, as_of, section=None, unit=None, period=None, units=None, include_drafts=False)
        -> list[TaskResult]        each task, its lead units' parts (MemberProgress) and progress
    group_task_progress(task, *, as_of, include_drafts=False) -> TaskResult

Reports and units (`reporting.py`)
    reporting_timeliness(plan=None, *, period=None, year=None, unit=None, units=None, plans=None, as_of=None)
        -> list[UnitTimeliness]    on time / late / missing / not yet due, per unit
    reporting_grid(plan, *, year, kind="month", unit=None, units=None, as_of=None) -> ReportingGrid
    unit_scoreboard(plan=None, *, as_of, units=None, plans=None, weights=None) -> list[UnitScore]

Settings
    result_settings(plan_id) -> ResultSettings; bands_for(plan_id) -> Bands; weights_for(plan_id) -> Weights

`as_of` is a date (statuses are read at the end of that day in Vietnam); `period` a
`periods.windows.Period`. Values are Decimal; a value nobody reported is None, never 0.
"""

from __future__ import annotations

from theodoi.results.indicator_results import (
    IndicatorResult,
    IndicatorTrend,
    TrendPoint,
    UnitIndicatorRow,
    indicator_aggregation,
    indicator_results,
    indicator_trend,
    is_percent,
    plan_indicator_trends,
)
from theodoi.results.reporting import (
    GridCell,
    GridRow,
    ReportingGrid,
    Timeliness,
    UnitScore,
    UnitTimeliness,
    reporting_grid,
    reporting_timeliness,
    unit_scoreboard,
)
from theodoi.results.rules import Bands, Reason, Verdict, WarningLevel, Weights
from theodoi.results.settings import bands_for, result_settings, weights_for
from theodoi.results.task_results import (
    MemberProgress,
    TaskResult,
    TaskSummary,
    group_task_progress,
    readings_reused,
    task_results,
    task_summary,
    task_summary_by_section,
    task_summary_by_unit,
)

__all__ = [
    "Bands", "GridCell", "GridRow", "IndicatorResult", "IndicatorTrend", "MemberProgress", "Reason",
    "ReportingGrid", "TaskResult", "TaskSummary", "Timeliness", "TrendPoint", "UnitIndicatorRow", "UnitScore",
    "UnitTimeliness", "Verdict", "WarningLevel", "Weights", "bands_for", "group_task_progress",
    "indicator_aggregation", "indicator_results", "indicator_trend", "is_percent", "plan_indicator_trends",
    "readings_reused", "reporting_grid", "reporting_timeliness", "result_settings", "task_results", "task_summary",
    "task_summary_by_section", "task_summary_by_unit", "unit_scoreboard", "weights_for",
]  # fmt: skip
