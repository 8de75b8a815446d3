"""The year's trend of every indicator of a plan in a fixed number of queries.

`results.selectors.indicator_trend` answers for one indicator with a few queries of its own; the
overview needs the warning level of every indicator of every plan, which would cost queries per
indicator. This thin selector asks the database once for all of a plan's indicators and then
takes the same steps as `indicator_trend` (the results app's `_trend_points` and `_trend`, with
its rules): it decides nothing itself. `test_trends.py` checks it answers exactly as
`indicator_trend` does. To be replaced by a batch selector in `results` when there is one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet

from theodoi.periods.windows import Period, PeriodKind
from theodoi.plans.models import Indicator, Plan
from theodoi.results import indicator_results as source
from theodoi.results import rules
from theodoi.results.selectors import IndicatorTrend, TrendPoint, bands_for, indicator_aggregation, is_percent
from theodoi.units.models import Unit


def plan_trends(
    plan: Plan, indicators: Sequence[Indicator], *, year: int, unit: Unit | None = None,
    units: QuerySet[Unit] | Iterable[int] | None = None,
) -> dict[int, IndicatorTrend]:  # fmt: skip
    """indicator id → its trend over `year` (the units in scope), as `indicator_trend` reads it."""
    bands = bands_for(plan.pk)
    kind = source.main_kind(plan.pk, year)
    total = source.PERIODS_IN_YEAR[kind] if kind else 0
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if kind is not None and indicators:
        items = source.reported_items(units=units, scope=unit).filter(
            indicator__in=[indicator.pk for indicator in indicators],
            report__period_kind=kind, report__period_year=year,
        )  # fmt: skip
        for row in source._summed(items, ("indicator_id", *source._UNIT_PERIOD)):
            rows[row["indicator_id"]].append(row)
    found = {}
    for indicator in indicators:
        rule, percent = indicator_aggregation(indicator), is_percent(indicator)
        points = _points(rows[indicator.pk], rule, percent, year, kind) if kind is not None else []
        found[indicator.pk] = source._trend(indicator, rule, percent, year, kind, total, points, bands)
    return found


def _points(rows: list[dict[str, Any]], rule: Any, percent: bool, year: int, kind: PeriodKind) -> list[TrendPoint]:
    """`indicator_results._trend_points` over rows already summed."""
    by_index: dict[int, dict[int, rules.Partial]] = defaultdict(dict)
    for row in rows:
        by_index[row["report__period_index"]][row["report__unit_id"]] = rules.single_report(
            source._partial(row), percent=percent
        )
    points: list[TrendPoint] = []
    so_far: dict[int, list[rules.Partial]] = defaultdict(list)
    for index in range(1, source.PERIODS_IN_YEAR[kind] + 1):
        units = by_index.get(index, {})
        for unit_id, partial in units.items():
            so_far[unit_id].append(partial)
        alone = rules.outcome(rules.merge_all(units.values()), rule, percent=percent)
        combined = rules.merge_all(rules.over_periods(partials, rule) for partials in so_far.values())
        cumulative = rules.outcome(combined, rule, percent=percent) if units else rules.Outcome(None)
        points.append(TrendPoint(
            Period(year, kind, index), alone.value, cumulative.value, alone.numerator, alone.denominator,
            alone.reasons, sum(1 for partial in units.values() if not partial.empty),
        ))  # fmt: skip
    return points
