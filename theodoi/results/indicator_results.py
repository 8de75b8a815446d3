"""Indicator results: figures summed by SQL per unit (and period), rolled up the unit tree and
over periods by `rules`, compared with targets; a year's trend, projection and warning level.

Imported through `theodoi.results.selectors`, which is the public interface.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, DecimalField, F, Max, Min, Q, QuerySet, Sum, When

from theodoi.periods.windows import Period, PeriodKind
from theodoi.plans.choices import Aggregation
from theodoi.plans.models import Assignment, Indicator, Plan
from theodoi.results import rules
from theodoi.results.rules import Bands, Outcome, Partial, Reason, Verdict, WarningLevel
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import IndicatorItem
from theodoi.units.models import Unit

# Finest first: a year's results are read from the finest kind of report the plan has that year.
KIND_ORDER = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.NINE_MONTHS, PeriodKind.YEAR)
PERIODS_IN_YEAR = {
    PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.NINE_MONTHS: 1, PeriodKind.YEAR: 1,
}  # fmt: skip
_DECIMAL = DecimalField(max_digits=18, decimal_places=4)
_EXTRACTED = Q(extracted_value__isnull=False) | Q(extracted_numerator__isnull=False)
_PAIR = Q(fig_a__isnull=False, fig_b__isnull=False)
_PERIOD_ONLY = ("report__period_year", "report__period_kind", "report__period_index")
_UNIT_PERIOD = ("report__unit_id", *_PERIOD_ONLY)
# Rules whose figures add across units and periods alike: a year's path is summed per period only.
_ADDITIVE = frozenset({Aggregation.RATIO, Aggregation.SUM})
_VOID = Q(processed_outside=True) | Q(paper_in_parallel=True) | Q(signature_unused=True) | Q(insufficient_sample=True)


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitIndicatorRow:
    """One unit's line under an indicator: its figures with those of every unit below it.

    `reported` says whether the unit itself gave figures, `assigned` whether the plan gives it
    the indicator, `is_subtotal` whether units below it are added in. `depth` is 0 for the
    topmost line shown.
    """

    unit: Unit
    parent_id: int | None
    depth: int
    assigned: bool
    reported: bool
    is_subtotal: bool
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    verdict: Verdict
    reasons: tuple[str, ...] = ()
    void_count: int = 0


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator's result over the units in scope for a period (or the year so far)."""

    indicator: Indicator
    aggregation: Aggregation
    percent: bool
    period: Period | None
    periods: tuple[Period, ...]
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    verdict: Verdict
    reasons: tuple[str, ...]
    units_expected: int
    units_reported: int
    missing_units: list[Unit] = field(default_factory=list)
    rows: list[UnitIndicatorRow] = field(default_factory=list)
    void_count: int = 0

    @property
    def target_op(self) -> str:
        return self.indicator.target_op

    @property
    def target_value(self) -> Decimal | None:
        return self.indicator.target_value

    @property
    def baseline_value(self) -> Decimal | None:
        return self.indicator.baseline_value

    @property
    def baseline_year(self) -> int | None:
        return self.indicator.baseline_year

    @property
    def reason_labels(self) -> list[str]:
        return [str(Reason(reason).label) for reason in self.reasons]


def indicator_aggregation(indicator: Indicator) -> Aggregation:
    """The aggregation rule in force for `indicator` (set, or derived from its formula and unit)."""
    return rules.aggregation_of(
        indicator.aggregation,
        unit_of_measure=indicator.unit_of_measure,
        numerator_text=indicator.formula_numerator,
        denominator_text=indicator.formula_denominator,
    )


def is_percent(indicator: Indicator) -> bool:
    """Measured in % (a ratio is then a/b × 100); the same test the report checks use."""
    return "%" in indicator.unit_of_measure or "%" in indicator.target_text


def _figures(items: QuerySet[IndicatorItem]) -> QuerySet[IndicatorItem]:
    """Items with their effective figures: the extract when a system pushed one, else typed."""

    def pick(typed: str, extracted: str) -> Case:
        return Case(When(_EXTRACTED, then=F(extracted)), default=F(typed), output_field=_DECIMAL)

    return items.alias(
        fig_a=pick("numerator", "extracted_numerator"),
        fig_b=pick("denominator", "extracted_denominator"),
        fig_v=pick("value", "extracted_value"),
    )


def _summed(items: QuerySet[IndicatorItem], group: Iterable[str]) -> QuerySet[Any]:
    """One row per group with everything `rules.Partial` needs, summed by the database."""
    return (
        _figures(items)
        .order_by()
        .values(*group)
        .annotate(
            a=Sum("fig_a", filter=_PAIR),
            b=Sum("fig_b", filter=_PAIR),
            pairs=Count("pk", filter=_PAIR),
            v_sum=Sum("fig_v"),
            v_count=Count("fig_v"),
            v_max=Max("fig_v"),
            v_min=Min("fig_v"),
            value_only=Count("pk", filter=Q(fig_v__isnull=False) & (Q(fig_a__isnull=True) | Q(fig_b__isnull=True))),
            zero_b=Count("pk", filter=Q(fig_a__isnull=False, fig_b=0)),
            void=Count("pk", filter=_VOID),
            rows=Count("pk"),
            reporters=Count("report__unit_id", filter=_PAIR | Q(fig_v__isnull=False), distinct=True),
        )
    )


def _partial(row: dict[str, Any]) -> Partial:
    period = None
    if "report__period_year" in row:
        end = Period(row["report__period_year"], PeriodKind(row["report__period_kind"]), row["report__period_index"])
        period = (end.year, end.end_month, end.kind, end.index)
    return Partial(
        numerator=_dec(row["a"]),
        denominator=_dec(row["b"]),
        pairs=row["pairs"],
        value_sum=_dec(row["v_sum"]),
        values=row["v_count"],
        maximum=row["v_max"],
        minimum=row["v_min"],
        value_only=row["value_only"],
        zero_denominators=row["zero_b"],
        rows=row["rows"],
        void=row["void"],
        period=period,
    )


def _dec(value: Any) -> Decimal:
    return rules.ZERO if value is None else Decimal(value)


def reported_items(
    *,
    include_drafts: bool = False,
    units: QuerySet[Unit] | Iterable[int] | None = None,
    scope: Unit | None = None,
    scope_ids: list[int] | None = None,
) -> QuerySet[IndicatorItem]:
    """Indicator items that count: of accepted reports only, unless drafts are asked for (then
    every report a unit has started: draft, with the leader, submitted, returned)."""
    items = IndicatorItem.objects.all()
    if not include_drafts:
        items = items.filter(report__state=ReportState.ACCEPTED)
    if units is not None:
        items = items.filter(report__unit__in=units)
    if scope_ids is None and scope is not None:
        scope_ids = _subtree(scope)
    if scope_ids is not None:
        items = items.filter(report__unit_id__in=scope_ids)
    return items


def _subtree(unit: Unit) -> list[int]:
    from theodoi.units.selectors import unit_descendant_ids

    return unit_descendant_ids(unit)


def _period_q(period: Period) -> Q:
    return Q(report__period_kind=period.kind, report__period_year=period.year, report__period_index=period.index)


def main_kind(plan_id: int, year: int, *, include_drafts: bool = False) -> PeriodKind | None:
    """The finest kind of report the plan has in `year` (monthly before quarterly …)."""
    from theodoi.submissions.models import Report

    reports = Report.objects.filter(plan_id=plan_id, period_year=year)
    if not include_drafts:
        reports = reports.filter(state=ReportState.ACCEPTED)
    kinds = set(reports.order_by().values_list("period_kind", flat=True).distinct())
    return next((kind for kind in KIND_ORDER if kind in kinds), None)


def latest_year(plan_id: int, *, include_drafts: bool = False) -> int | None:
    from theodoi.submissions.models import Report

    reports = Report.objects.filter(plan_id=plan_id)
    if not include_drafts:
        reports = reports.filter(state=ReportState.ACCEPTED)
    return reports.order_by().aggregate(year=Max("period_year"))["year"]


def indicator_results(
    plan: Plan,
    *,
    period: Period | None = None,
    year: int | None = None,
    unit: Unit | None = None,
    units: QuerySet[Unit] | Iterable[int] | None = None,
    include_drafts: bool = False,
) -> list[IndicatorResult]:
    """Every live indicator of `plan`, in plan order, rolled up over the units in scope.

    `period`: the reports of that period. Without it, the year so far (`year`, by default the
    latest with reports) from the finest kind of report the plan has that year, each indicator
    combined over the periods by its rule. `unit`: only that unit and the units below it;
    `units`: the units the viewer may see (a queryset restricted by policy), None for all.
    """
    indicators = list(Indicator.objects.filter(plan=plan, archived=False).order_by("position"))
    periods: tuple[Period, ...] = ()
    if period is not None:
        period_q = _period_q(period)
        periods = (period,)
    else:
        year = year if year is not None else latest_year(plan.pk, include_drafts=include_drafts)
        kind = main_kind(plan.pk, year, include_drafts=include_drafts) if year is not None else None
        if kind is None:
            return [_empty_result(indicator, period) for indicator in indicators]
        period_q = Q(report__period_kind=kind, report__period_year=year)
        periods = tuple(Period(year, kind, index) for index in range(1, PERIODS_IN_YEAR[kind] + 1))
    scope_ids = _subtree(unit) if unit is not None else None
    items = reported_items(include_drafts=include_drafts, units=units, scope_ids=scope_ids).filter(
        period_q, report__plan=plan, indicator__archived=False
    )
    own = _own_partials(items, indicators, by_period=period is None)
    assigned = _assigned_units(plan, scope_ids, units)
    visible = None if units is None else set(Unit.objects.filter(pk__in=units).values_list("pk", flat=True))
    tree = _UnitTree.load({unit_id for _, unit_id in own} | {unit_id for _, unit_id in assigned}, unit, visible)
    results = []
    own_by: dict[int, dict[int, Partial]] = defaultdict(dict)
    for (indicator_id, unit_id), partial in own.items():
        own_by[indicator_id][unit_id] = partial
    expected_by: dict[int, set[int]] = defaultdict(set)
    for indicator_id, unit_id in assigned:
        expected_by[indicator_id].add(unit_id)
    for indicator in indicators:
        results.append(_result(indicator, period, periods, own_by[indicator.pk], expected_by[indicator.pk], tree))
    return results


def _own_partials(
    items: QuerySet[IndicatorItem], indicators: list[Indicator], *, by_period: bool
) -> dict[tuple[int, int], Partial]:
    """(indicator id, unit id) → that unit's own figures, over the periods when `by_period`.

    Rules that add up (ratio, sum) are summed per unit by the database; the others need each
    period's figures (the latest, or a value derived from a/b) and are combined here."""
    percent = {indicator.pk: is_percent(indicator) for indicator in indicators}
    rule = {indicator.pk: indicator_aggregation(indicator) for indicator in indicators}
    additive = [pk for pk, value in rule.items() if value in (Aggregation.RATIO, Aggregation.SUM)]
    found: dict[tuple[int, int], Partial] = {}
    if not by_period or additive:
        rows = items.filter(indicator_id__in=additive) if by_period else items
        for row in _summed(rows, ("indicator_id", "report__unit_id")):
            key = (row["indicator_id"], row["report__unit_id"])
            partial = _partial(row)
            found[key] = (
                partial if by_period else rules.single_report(partial, percent=percent[key[0]], rule=rule[key[0]])
            )
    if by_period:
        others = [pk for pk in rule if pk not in additive]
        per_period: dict[tuple[int, int], list[Partial]] = defaultdict(list)
        group = ("indicator_id", *_UNIT_PERIOD)
        for row in _summed(items.filter(indicator_id__in=others), group) if others else ():
            key = (row["indicator_id"], row["report__unit_id"])
            per_period[key].append(rules.single_report(_partial(row), percent=percent[key[0]], rule=rule[key[0]]))
        for key, partials in per_period.items():
            found[key] = rules.over_periods(partials, rule[key[0]])
    return found


def _assigned_units(
    plan: Plan, scope_ids: list[int] | None, units: QuerySet[Unit] | Iterable[int] | None
) -> set[tuple[int, int]]:
    rows = Assignment.objects.filter(indicator__plan=plan, indicator__archived=False)
    if units is not None:
        rows = rows.filter(unit__in=units)
    if scope_ids is not None:
        rows = rows.filter(unit_id__in=scope_ids)
    return set(rows.values_list("indicator_id", "unit_id"))


class _UnitTree:
    """The units touched and their ancestors up to the scope (or the top), loaded in two queries."""

    def __init__(self, parents: dict[int, int | None], units: dict[int, Unit], root_id: int | None) -> None:
        self.parents = parents
        self.units = units
        self.root_id = root_id

    @classmethod
    def load(cls, touched: set[int], scope: Unit | None, visible: set[int] | None = None) -> _UnitTree:
        """`visible`: the units the viewer may see; lines stop below the first unit outside it."""
        parents = dict(Unit.objects.values_list("pk", "parent_id"))
        needed: set[int] = set()
        root_id = scope.pk if scope is not None else None
        for unit_id in touched:
            node: int | None = unit_id
            while node is not None and node not in needed and (visible is None or node in visible):
                needed.add(node)
                node = None if node == root_id else parents.get(node)
        return cls(parents, Unit.objects.in_bulk(needed), root_id)

    def chain(self, unit_id: int) -> list[int]:
        """The unit and its ancestors up to the scope, nearest first."""
        found: list[int] = []
        node: int | None = unit_id
        while node is not None and node in self.units:
            found.append(node)
            node = None if node == self.root_id else self.parents.get(node)
        return found


def _result(
    indicator: Indicator,
    period: Period | None,
    periods: tuple[Period, ...],
    own: dict[int, Partial],
    expected: set[int],
    tree: _UnitTree,
) -> IndicatorResult:
    rule, percent = indicator_aggregation(indicator), is_percent(indicator)
    reported = {unit_id for unit_id, partial in own.items() if not partial.empty}
    rows, total = _rows(indicator, rule, percent, own, expected, tree)
    result = rules.outcome(total, rule, percent=percent)
    missing = sorted((tree.units[pk] for pk in expected - reported if pk in tree.units), key=lambda unit: unit.name)
    reasons = result.reasons + ((Reason.MISSING_UNITS,) if missing and result.value is not None else ())
    return IndicatorResult(
        indicator=indicator,
        aggregation=rule,
        percent=percent,
        period=period,
        periods=periods,
        value=result.value,
        numerator=result.numerator,
        denominator=result.denominator,
        verdict=rules.verdict(result.value, indicator.target_op, indicator.target_value),
        reasons=reasons,
        units_expected=len(expected),
        units_reported=len(reported),
        missing_units=missing,
        rows=rows,
        void_count=total.void,
    )


def _rows(
    indicator: Indicator,
    rule: Aggregation,
    percent: bool,
    own: dict[int, Partial],
    expected: set[int],
    tree: _UnitTree,
) -> tuple[list[UnitIndicatorRow], Partial]:
    """One line per unit touched and per ancestor up to the scope, in tree order, each with its
    subtree's figures (each unit added once, into its parent); and the total of the tops."""
    parent_in: dict[int, int | None] = {}
    for unit_id in set(own) | expected:
        chain = tree.chain(unit_id)
        for index, node in enumerate(chain):
            if node in parent_in:
                break
            parent_in[node] = chain[index + 1] if index + 1 < len(chain) else None
    children: dict[int | None, list[int]] = defaultdict(list)
    for node, parent in parent_in.items():
        children[parent].append(node)
    for nodes in children.values():
        nodes.sort(key=lambda pk: tree.units[pk].name)
    rows: list[UnitIndicatorRow | None] = []

    def walk(node: int, depth: int) -> Partial:
        index = len(rows)
        rows.append(None)
        own_partial = own.get(node)
        total = own_partial if own_partial is not None else Partial()
        for child in children.get(node, []):
            total = total.merge(walk(child, depth + 1))
        outcome: Outcome = rules.outcome(total, rule, percent=percent)
        rows[index] = UnitIndicatorRow(
            unit=tree.units[node], parent_id=tree.parents.get(node), depth=depth, assigned=node in expected,
            reported=own_partial is not None and not own_partial.empty, is_subtotal=bool(children.get(node)),
            value=outcome.value, numerator=outcome.numerator, denominator=outcome.denominator,
            verdict=rules.verdict(outcome.value, indicator.target_op, indicator.target_value),
            reasons=outcome.reasons, void_count=total.void,
        )  # fmt: skip
        return total

    grand = rules.merge_all(walk(top, 0) for top in children.get(None, []))
    return [row for row in rows if row is not None], grand


def _empty_result(indicator: Indicator, period: Period | None) -> IndicatorResult:
    rule = indicator_aggregation(indicator)
    return IndicatorResult(
        indicator=indicator,
        aggregation=rule,
        percent=is_percent(indicator),
        period=period,
        periods=(),
        value=None,
        numerator=None,
        denominator=None,
        verdict=rules.verdict(None, indicator.target_op, indicator.target_value),
        reasons=(Reason.NOT_REPORTED,),
        units_expected=0,
        units_reported=0,
    )


# --- the path of a year -------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    """One period of the year: its own result, and the year's result up to and including it."""

    period: Period
    value: Decimal | None
    cumulative: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    reasons: tuple[str, ...] = ()
    units_reported: int = 0


@dataclass(frozen=True)
class IndicatorTrend:
    """An indicator over a year: per period, the year so far, where it is heading, and how worried to be.

    `gap` is how far the year so far stands behind the pace needed to reach the target (points:
    percentage points for an indicator in %, else percent of the pace needed); `warning` reads it
    against `bands`.
    """

    indicator: Indicator
    aggregation: Aggregation
    percent: bool
    year: int
    kind: PeriodKind | None
    points: list[TrendPoint]
    result_so_far: Decimal | None
    elapsed: int
    periods_in_year: int
    projection: Decimal | None
    projected_verdict: Verdict
    pace_needed: Decimal | None
    gap: Decimal | None
    warning: WarningLevel
    bands: Bands
    verdict: Verdict

    @property
    def baseline_value(self) -> Decimal | None:
        return self.indicator.baseline_value

    @property
    def baseline_year(self) -> int | None:
        return self.indicator.baseline_year

    @property
    def baseline_text(self) -> str:
        return self.indicator.baseline_text


def indicator_trend(
    indicator: Indicator,
    *,
    year: int,
    unit: Unit | None = None,
    units: QuerySet[Unit] | Iterable[int] | None = None,
    include_drafts: bool = False,
    kind: PeriodKind | str | None = None,
    bands: Bands | None = None,
) -> IndicatorTrend:
    """The indicator's year over the units in scope: one point per period of the finest kind the
    plan reports in that year (or `kind`), the projection to year end and the warning level."""
    from theodoi.results.settings import bands_for

    rule, percent = indicator_aggregation(indicator), is_percent(indicator)
    bands = bands if bands is not None else bands_for(indicator.plan_id)
    found_kind = PeriodKind(kind) if kind else main_kind(indicator.plan_id, year, include_drafts=include_drafts)
    total = PERIODS_IN_YEAR[found_kind] if found_kind else 0
    points: list[TrendPoint] = []
    if found_kind is not None:
        items = reported_items(include_drafts=include_drafts, units=units, scope=unit).filter(
            indicator=indicator, report__period_kind=found_kind, report__period_year=year
        )
        group = _PERIOD_ONLY if rule in _ADDITIVE else _UNIT_PERIOD
        points = _trend_points(_summed(items, group), rule, percent, year, found_kind)
    return _trend(indicator, rule, percent, year, found_kind, total, points, bands)


def plan_indicator_trends(
    plan: Plan,
    *,
    year: int,
    unit: Unit | None = None,
    units: QuerySet[Unit] | Iterable[int] | None = None,
    include_drafts: bool = False,
) -> list[IndicatorTrend]:
    """`indicator_trend` of every live indicator of the plan, in plan order, in a fixed number of
    queries (for overviews listing the indicators at risk)."""
    from theodoi.results.settings import bands_for

    indicators = list(Indicator.objects.filter(plan=plan, archived=False).order_by("position"))
    bands = bands_for(plan.pk)
    kind = main_kind(plan.pk, year, include_drafts=include_drafts)
    rows_by: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if kind is not None:
        items = reported_items(include_drafts=include_drafts, units=units, scope=unit).filter(
            report__plan=plan, indicator__archived=False, report__period_kind=kind, report__period_year=year
        )
        additive = [indicator.pk for indicator in indicators if indicator_aggregation(indicator) in _ADDITIVE]
        grouped = (
            (items.filter(indicator_id__in=additive), ("indicator_id", *_PERIOD_ONLY)),
            (items.exclude(indicator_id__in=additive), ("indicator_id", *_UNIT_PERIOD)),
        )
        for subset, group in grouped:
            for row in _summed(subset, group):
                rows_by[row["indicator_id"]].append(row)
    trends = []
    for indicator in indicators:
        rule, percent = indicator_aggregation(indicator), is_percent(indicator)
        points = _trend_points(rows_by[indicator.pk], rule, percent, year, kind) if kind else []
        total = PERIODS_IN_YEAR[kind] if kind else 0
        trends.append(_trend(indicator, rule, percent, year, kind, total, points, bands))
    return trends


def _trend_points(
    rows: Iterable[dict[str, Any]], rule: Aggregation, percent: bool, year: int, kind: PeriodKind
) -> list[TrendPoint]:
    """Each period alone, and the year up to it: per unit its running figures (added, or the
    latest for the rules that keep it), then added across units."""
    by_index: dict[int, dict[int, Partial]] = defaultdict(dict)
    for row in rows:
        # Rows of an additive rule come summed per period: one "unit" (0) per period is enough.
        by_index[row["report__period_index"]][row.get("report__unit_id", 0)] = rules.single_report(
            _partial(row), percent=percent, rule=rule
        )
    points: list[TrendPoint] = []
    running: dict[int, Partial] = {}
    for index in range(1, PERIODS_IN_YEAR[kind] + 1):
        units = by_index.get(index, {})
        for unit_id, partial in units.items():
            running[unit_id] = rules.over_periods([running.get(unit_id, Partial()), partial], rule)
        alone = rules.outcome(rules.merge_all(units.values()), rule, percent=percent)
        combined = rules.merge_all(running.values())
        cumulative = rules.outcome(combined, rule, percent=percent) if units else Outcome(None)
        points.append(TrendPoint(
            Period(year, kind, index), alone.value, cumulative.value, alone.numerator, alone.denominator,
            alone.reasons, sum(partial.reporters for partial in units.values()),
        ))  # fmt: skip
    return points


def _trend(
    indicator: Indicator,
    rule: Aggregation,
    percent: bool,
    year: int,
    kind: PeriodKind | None,
    total: int,
    points: list[TrendPoint],
    bands: Bands,
) -> IndicatorTrend:
    path = [(point.period.index, point.cumulative) for point in points if point.cumulative is not None]
    elapsed = path[-1][0] if path else 0
    so_far = path[-1][1] if path else None
    projection = rules.project_year_end(path, periods_in_year=total, rule=rule, percent=percent) if path else None
    target, op = indicator.target_value, indicator.target_op
    needed = gap = None
    if target is not None and op and so_far is not None:
        needed = rules.pace_needed(target, elapsed=elapsed, periods_in_year=total, rule=rule)
        gap = rules.gap_points(so_far, needed, op, percent=percent)
    return IndicatorTrend(
        indicator=indicator,
        aggregation=rule,
        percent=percent,
        year=year,
        kind=kind,
        points=points,
        result_so_far=so_far,
        elapsed=elapsed,
        periods_in_year=total,
        projection=projection,
        projected_verdict=rules.verdict(projection, op, target),
        pace_needed=needed,
        gap=gap,
        warning=rules.warning_level(gap, bands),
        bands=bands,
        verdict=rules.verdict(so_far, op, target),
    )
