"""The rules results are computed by: pure Python and Decimal, no database.

Selectors fetch figures already summed by SQL (per unit and period) as `Partial`s; everything
here combines them, compares them with targets and reads the path of a year. See docs/results.md
for why each rule is what it is.

* **Ratios add numerators and denominators** and divide once: averaging the units' percentages
  would give a commune with 3 files the weight of a department with 3,000.
* **Missing is not zero.** A figure nobody reported is None and the result says why; a
  denominator of 0 gives no value (never 0 % and never 100 %).
* **Completion as the Government Office counts it**: completed ÷ (completed + overdue and not
  completed); items still within their deadline are left out, so a plan is not "behind" on work
  that is not due yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.plans.choices import Aggregation

ZERO = Decimal(0)
HUNDRED = Decimal(100)
PRECISION = Decimal("0.0001")
RATE_PRECISION = Decimal("0.01")

# Across units each rule is one of these; over periods STOCK and LATEST keep the latest period.
_ACROSS_UNITS = {
    Aggregation.RATIO: "ratio",
    Aggregation.SUM: "sum",
    Aggregation.STOCK: "sum",
    Aggregation.MEAN: "mean",
    Aggregation.LATEST: "mean",
    Aggregation.MAX: "max",
    Aggregation.MIN: "min",
}
LATEST_OVER_PERIODS = frozenset({Aggregation.STOCK, Aggregation.LATEST})
# Rules whose year grows period by period (the pace needed grows with the year); the others are levels.
FLOW_RULES = frozenset({Aggregation.SUM})


class Verdict(models.TextChoices):
    ACHIEVED = "achieved", _("Đạt")
    NOT_ACHIEVED = "not_achieved", _("Chưa đạt")
    NO_DATA = "no_data", _("Chưa có số liệu")
    NO_TARGET = "no_target", _("Không có mục tiêu định lượng")


class WarningLevel(models.TextChoices):
    SAFE = "safe", _("An toàn")
    WATCH = "watch", _("Cần theo dõi")
    AT_RISK = "at_risk", _("Có nguy cơ không đạt")
    ALARM = "alarm", _("Báo động")
    UNKNOWN = "unknown", _("Chưa đủ số liệu")


class Reason(models.TextChoices):
    """Why a result has no value, or what it leaves out."""

    NOT_REPORTED = "not_reported", _("Chưa có đơn vị báo cáo số liệu")
    ZERO_DENOMINATOR = "zero_denominator", _("Mẫu số bằng 0: không tính được tỷ lệ")
    NO_RATIO = "no_ratio", _("Chỉ có tỷ lệ, không có tử số và mẫu số để cộng")
    PARTIAL_RATIO = "partial_ratio", _("Có đơn vị chỉ báo tỷ lệ, không có tử số và mẫu số: không cộng vào")
    MISSING_UNITS = "missing_units", _("Còn đơn vị chưa báo cáo")


# --- aggregation ----------------------------------------------------------------------------------


def aggregation_of(
    aggregation: str, *, unit_of_measure: str, numerator_text: str, denominator_text: str
) -> Aggregation:
    """The rule in force: the one set on the indicator, else a ratio when the plan gives a and b
    or measures it in %, else a sum."""
    if aggregation:
        return Aggregation(aggregation)
    if (numerator_text.strip() and denominator_text.strip()) or "%" in unit_of_measure:
        return Aggregation.RATIO
    return Aggregation.SUM


@dataclass(slots=True)
class Partial:
    """Figures of some reports of one indicator, in a form that adds up. Treated as a value (never
    changed once made); not frozen only because a frozen dataclass is eight times slower to build,
    and a national roll-up builds hundreds of thousands.

    `numerator`/`denominator` add the rows that gave both a and b (`pairs` of them); `value_sum`
    adds the rows that gave a value (`values`); `value_only` counts rows with a value but no a/b;
    `zero_denominators` rows whose b was 0. `period` is the (year, end month, kind, index) of the
    latest period inside, for the rules that keep the latest.
    """

    numerator: Decimal = ZERO
    denominator: Decimal = ZERO
    pairs: int = 0
    value_sum: Decimal = ZERO
    values: int = 0
    maximum: Decimal | None = None
    minimum: Decimal | None = None
    value_only: int = 0
    zero_denominators: int = 0
    rows: int = 0
    void: int = 0
    period: tuple[int, int, str, int] | None = None
    reporters: int = 0

    @property
    def empty(self) -> bool:
        return self.pairs == 0 and self.values == 0

    def merge(self, other: Partial) -> Partial:
        return Partial(
            self.numerator + other.numerator,
            self.denominator + other.denominator,
            self.pairs + other.pairs,
            self.value_sum + other.value_sum,
            self.values + other.values,
            _pick(max, self.maximum, other.maximum),
            _pick(min, self.minimum, other.minimum),
            self.value_only + other.value_only,
            self.zero_denominators + other.zero_denominators,
            self.rows + other.rows,
            self.void + other.void,
            _pick(max, self.period, other.period),
            self.reporters + other.reporters,
        )


def _pick(choose, left, right):  # type: ignore[no-untyped-def]
    if left is None:
        return right
    if right is None:
        return left
    return choose(left, right)


def merge_all(partials: Iterable[Partial]) -> Partial:
    total = Partial()
    for partial in partials:
        total = total.merge(partial)
    return total


def single_report(partial: Partial, *, percent: bool, rule: Aggregation | None = None) -> Partial:
    """One report's figures: a value that follows from a/b counts as its value when none was typed
    (for the rules that read values one by one; a ratio adds a and b, a sum adds typed values)."""
    if rule in (Aggregation.RATIO, Aggregation.SUM):
        return partial
    if partial.values == 0 and partial.pairs and partial.denominator:
        value = ratio_value(partial.numerator, partial.denominator, percent=percent)
        return replace(partial, value_sum=value, values=1, maximum=value, minimum=value)
    return partial


def over_periods(partials: Sequence[Partial], rule: Aggregation) -> Partial:
    """One unit's figures over several periods: all of them added, or only the latest that has data."""
    with_data = [partial for partial in partials if not partial.empty]
    if rule in LATEST_OVER_PERIODS:
        if not with_data:
            return merge_all(partials)
        return max(with_data, key=lambda partial: partial.period or (0, 0, "", 0))
    return merge_all(partials)


def ratio_value(numerator: Decimal, denominator: Decimal, *, percent: bool) -> Decimal:
    return (numerator / denominator * (HUNDRED if percent else 1)).quantize(PRECISION)


@dataclass(frozen=True)
class Outcome:
    """A value (None when there is none) and the reasons that go with it."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    reasons: tuple[str, ...] = ()


def outcome(partial: Partial, rule: Aggregation, *, percent: bool) -> Outcome:
    """The value of summed figures under `rule` (applied across units)."""
    across = _ACROSS_UNITS[rule]
    if across == "ratio":
        return _ratio_outcome(partial, percent=percent)
    if partial.values == 0:
        return Outcome(None, reasons=(Reason.NOT_REPORTED,))
    if across == "sum":
        value = partial.value_sum
    elif across == "mean":
        value = partial.value_sum / partial.values
    elif across == "max":
        value = partial.maximum  # type: ignore[assignment]
    else:
        value = partial.minimum  # type: ignore[assignment]
    return Outcome(value.quantize(PRECISION))


def _ratio_outcome(partial: Partial, *, percent: bool) -> Outcome:
    if partial.pairs == 0:
        return Outcome(None, reasons=(Reason.NO_RATIO if partial.value_only else Reason.NOT_REPORTED,))
    extra = (Reason.PARTIAL_RATIO,) if partial.value_only else ()
    if partial.denominator == 0:
        return Outcome(None, partial.numerator, partial.denominator, (Reason.ZERO_DENOMINATOR, *extra))
    value = ratio_value(partial.numerator, partial.denominator, percent=percent)
    return Outcome(value, partial.numerator, partial.denominator, extra)


def verdict(value: Decimal | None, op: str, target: Decimal | None) -> Verdict:
    """đạt / chưa đạt / chưa có số liệu against the indicator's target and comparison."""
    if not op or target is None:
        return Verdict.NO_TARGET
    if value is None:
        return Verdict.NO_DATA
    met = {
        ">=": value >= target, "<=": value <= target, "=": value == target, ">": value > target, "<": value < target,
    }[op]  # fmt: skip
    return Verdict.ACHIEVED if met else Verdict.NOT_ACHIEVED


# --- the path of a year -----------------------------------------------------------------------------


def linear_at(points: Sequence[tuple[int, Decimal]], x: int) -> Decimal | None:
    """The least-squares line through `points`, read at `x` (flat through a single point)."""
    if not points:
        return None
    if len(points) == 1:
        return points[0][1]
    count = Decimal(len(points))
    mean_x = sum(Decimal(px) for px, _ in points) / count
    mean_y = sum(py for _, py in points) / count
    spread = sum((Decimal(px) - mean_x) ** 2 for px, _ in points)
    if spread == 0:
        return mean_y
    slope = sum((Decimal(px) - mean_x) * (py - mean_y) for px, py in points) / spread
    return mean_y + slope * (Decimal(x) - mean_x)


def project_year_end(
    cumulative: Sequence[tuple[int, Decimal]], *, periods_in_year: int, rule: Aggregation, percent: bool
) -> Decimal | None:
    """The year-end result if the path so far goes on.

    `cumulative` holds (period number, result of the year up to and including it). The line
    through those points is read at the last period; a flow (a sum of the year) starts from 0
    before the first period, so one month of 10 projects to 120 over twelve.
    """
    if not cumulative:
        return None
    points = [(0, ZERO), *cumulative] if rule in FLOW_RULES else list(cumulative)
    projected = linear_at(points, periods_in_year)
    if projected is None:
        return None
    projected = max(projected, ZERO)
    if percent and rule != Aggregation.SUM:
        projected = min(projected, HUNDRED)
    return projected.quantize(PRECISION)


@dataclass(frozen=True)
class Bands:
    """Gap (in points) up to which a result is safe, to be watched, at risk; beyond is alarm."""

    safe: Decimal = Decimal(3)
    watch: Decimal = Decimal(8)
    at_risk: Decimal = Decimal(15)


def pace_needed(target: Decimal, *, elapsed: int, periods_in_year: int, rule: Aggregation) -> Decimal:
    """Where the result should stand after `elapsed` periods to reach the target by year end:
    a share of the target for a flow, the target itself for a level."""
    if rule in FLOW_RULES:
        return target * Decimal(elapsed) / Decimal(periods_in_year)
    return target


def gap_points(result: Decimal, needed: Decimal, op: str, *, percent: bool) -> Decimal:
    """How far behind the needed pace the result is, in points: percentage points for an
    indicator in %, else percent of the pace needed. 0 or less is on pace."""
    if op in (">=", ">"):
        behind = needed - result
    elif op in ("<=", "<"):
        behind = result - needed
    else:
        behind = abs(result - needed)
    if percent or needed == 0:
        return behind.quantize(PRECISION)
    return (behind / abs(needed) * HUNDRED).quantize(PRECISION)


def warning_level(gap: Decimal | None, bands: Bands) -> WarningLevel:
    if gap is None:
        return WarningLevel.UNKNOWN
    if gap <= bands.safe:
        return WarningLevel.SAFE
    if gap <= bands.watch:
        return WarningLevel.WATCH
    if gap <= bands.at_risk:
        return WarningLevel.AT_RISK
    return WarningLevel.ALARM


# --- task rates -------------------------------------------------------------------------------------


def rate(part: int, whole: int) -> Decimal | None:
    """part ÷ whole in %, to two decimals; None when there is nothing to divide by."""
    if whole == 0:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(RATE_PRECISION)


def completion_rate(*, completed: int, overdue: int) -> Decimal | None:
    """The Government Office's rate: completed ÷ (completed + overdue and not completed)."""
    return rate(completed, completed + overdue)


# --- the unit scoreboard ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Weights:
    """Credit per item (1 = full) for each outcome, and the share of tasks and reports in the score."""

    task_on_time: Decimal = Decimal(1)
    task_late: Decimal = Decimal("0.5")
    task_overdue: Decimal = Decimal(0)
    report_on_time: Decimal = Decimal(1)
    report_late: Decimal = Decimal("0.5")
    report_missing: Decimal = Decimal(0)
    task_share: Decimal = Decimal(70)
    report_share: Decimal = Decimal(30)


@dataclass(frozen=True)
class ScoreParts:
    task_credit: Decimal | None
    report_credit: Decimal | None
    score: Decimal | None
    details: dict[str, Decimal] = field(default_factory=dict)


def score(
    weights: Weights,
    *,
    on_time: int,
    late: int,
    overdue: int,
    reports_on_time: int,
    reports_late: int,
    reports_missing: int,
) -> ScoreParts:
    """A unit's score out of 100: the mean credit of its decided tasks and of its due reports,
    weighed by their shares. Tasks still within their deadline are not decided and not counted;
    a part with nothing decided is left out and the other carries the whole score."""
    decided = on_time + late + overdue
    task_credit = (
        (weights.task_on_time * on_time + weights.task_late * late + weights.task_overdue * overdue) / decided
        if decided
        else None
    )
    due = reports_on_time + reports_late + reports_missing
    report_credit = (
        (weights.report_on_time * reports_on_time + weights.report_late * reports_late
         + weights.report_missing * reports_missing) / due
        if due else None
    )  # fmt: skip
    parts = [(weights.task_share, task_credit), (weights.report_share, report_credit)]
    counted = [(share, credit) for share, credit in parts if credit is not None and share > 0]
    total_share = sum((share for share, _ in counted), ZERO)
    if not counted or total_share == 0:
        return ScoreParts(task_credit, report_credit, None)
    value = sum((share * credit for share, credit in counted), ZERO) / total_share * HUNDRED
    value = min(max(value, ZERO), HUNDRED)
    return ScoreParts(
        _q(task_credit),
        _q(report_credit),
        value.quantize(RATE_PRECISION),
    )


def _q(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(PRECISION)
