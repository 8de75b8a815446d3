"""The pure rules, on figures computed by hand."""

from decimal import Decimal

import pytest

from theodoi.plans.choices import Aggregation
from theodoi.results import rules
from theodoi.results.rules import Bands, Partial, Reason, Verdict, WarningLevel, Weights

D = Decimal


def ratio_row(a, b):
    return Partial(numerator=D(a), denominator=D(b), pairs=1, rows=1)


def value_row(v, period=None):
    return Partial(value_sum=D(v), values=1, maximum=D(v), minimum=D(v), value_only=1, rows=1, period=period)


def test_ratios_add_numerators_and_denominators_never_average_percentages():
    # 90/100 = 90 % and 995/1000 = 99.5 %: the mean of the percentages would be 94.75 %.
    total = rules.merge_all([ratio_row(90, 100), ratio_row(995, 1000)])
    result = rules.outcome(total, Aggregation.RATIO, percent=True)
    assert (result.numerator, result.denominator) == (D(1085), D(1100))
    assert result.value == D("98.6364")


def test_a_ratio_not_in_percent_is_not_multiplied():
    assert rules.outcome(ratio_row(3, 4), Aggregation.RATIO, percent=False).value == D("0.75")


def test_counts_add():
    total = rules.merge_all([value_row(10), value_row(5), value_row(0)])
    assert rules.outcome(total, Aggregation.SUM, percent=False).value == D(15)


def test_nothing_reported_is_missing_not_zero():
    result = rules.outcome(Partial(), Aggregation.SUM, percent=False)
    assert result.value is None
    assert result.reasons == (Reason.NOT_REPORTED,)
    assert rules.verdict(result.value, ">=", D(10)) == Verdict.NO_DATA


def test_a_denominator_of_zero_gives_no_value_with_its_reason():
    result = rules.outcome(ratio_row(0, 0), Aggregation.RATIO, percent=True)
    assert result.value is None
    assert result.reasons == (Reason.ZERO_DENOMINATOR,)


def test_a_zero_denominator_of_one_unit_is_absorbed_by_the_others():
    total = rules.merge_all([ratio_row(0, 0), ratio_row(45, 50)])
    assert rules.outcome(total, Aggregation.RATIO, percent=True).value == D(90)


def test_a_ratio_without_a_and_b_cannot_be_added():
    result = rules.outcome(value_row(97), Aggregation.RATIO, percent=True)
    assert result.value is None
    assert result.reasons == (Reason.NO_RATIO,)
    mixed = rules.outcome(rules.merge_all([value_row(97), ratio_row(9, 10)]), Aggregation.RATIO, percent=True)
    assert mixed.value == D(90)
    assert mixed.reasons == (Reason.PARTIAL_RATIO,)


def test_mean_max_min_count_only_units_that_reported():
    total = rules.merge_all([value_row(4), value_row(8), Partial()])
    assert rules.outcome(total, Aggregation.MEAN, percent=False).value == D(6)
    assert rules.outcome(total, Aggregation.MAX, percent=False).value == D(8)
    assert rules.outcome(total, Aggregation.MIN, percent=False).value == D(4)


def test_a_single_report_with_only_a_and_b_has_the_value_they_give():
    partial = rules.single_report(ratio_row(1, 4), percent=True)
    assert rules.outcome(partial, Aggregation.MEAN, percent=True).value == D(25)


def test_stock_keeps_the_latest_period_and_sum_adds_them():
    march, january = value_row(30, (2026, 3, "month", 3)), value_row(10, (2026, 1, "month", 1))
    assert rules.outcome(rules.over_periods([march, january], Aggregation.STOCK), Aggregation.STOCK,
                         percent=False).value == D(30)  # fmt: skip
    assert rules.outcome(rules.over_periods([march, january], Aggregation.SUM), Aggregation.SUM,
                         percent=False).value == D(40)  # fmt: skip


@pytest.mark.parametrize(
    ("aggregation", "unit", "numerator", "denominator", "expected"),
    [
        ("", "%", "", "", Aggregation.RATIO),
        ("", "hồ sơ", "Số hồ sơ đúng hạn", "Tổng số hồ sơ", Aggregation.RATIO),
        ("", "văn bản", "", "", Aggregation.SUM),
        ("", "văn bản", "Số văn bản", "", Aggregation.SUM),
        ("mean", "%", "a", "b", Aggregation.MEAN),
    ],
)
def test_the_rule_in_force(aggregation, unit, numerator, denominator, expected):
    found = rules.aggregation_of(aggregation, unit_of_measure=unit, numerator_text=numerator,
                                 denominator_text=denominator)  # fmt: skip
    assert found == expected


@pytest.mark.parametrize(
    ("value", "op", "target", "expected"),
    [
        (D(98), ">=", D(98), Verdict.ACHIEVED),
        (D("97.99"), ">=", D(98), Verdict.NOT_ACHIEVED),
        (D(5), "<=", D(5), Verdict.ACHIEVED),
        (D("5.01"), "<=", D(5), Verdict.NOT_ACHIEVED),
        (D(100), "=", D(100), Verdict.ACHIEVED),
        (D("99.99"), "=", D(100), Verdict.NOT_ACHIEVED),
        (None, "=", D(100), Verdict.NO_DATA),
        (D(3), "", None, Verdict.NO_TARGET),
    ],
)
def test_verdicts(value, op, target, expected):
    assert rules.verdict(value, op, target) == expected


def test_a_flow_projects_its_run_rate_to_year_end():
    # 10 in January and 25 by February: the line through (0, 0), (1, 10), (2, 25) read at 12.
    assert rules.project_year_end([(1, D(10))], periods_in_year=12, rule=Aggregation.SUM, percent=False) == D(120)
    projected = rules.project_year_end([(1, D(10)), (2, D(25))], periods_in_year=12, rule=Aggregation.SUM,
                                       percent=False)  # fmt: skip
    assert projected == D("149.1667")  # slope 12.5, through the mean point (1, 35/3): 35/3 + 12.5 × 11


def test_a_level_projects_its_trend_and_a_percentage_stays_within_100():
    path = [(1, D(90)), (2, D(92)), (3, D(94))]
    assert rules.project_year_end(path, periods_in_year=12, rule=Aggregation.MEAN, percent=False) == D(112)
    assert rules.project_year_end(path, periods_in_year=12, rule=Aggregation.RATIO, percent=True) == D(100)
    assert rules.project_year_end([(1, D(90))], periods_in_year=4, rule=Aggregation.RATIO, percent=True) == D(90)
    falling = [(1, D(10)), (2, D(4))]
    assert rules.project_year_end(falling, periods_in_year=4, rule=Aggregation.MEAN, percent=False) == D(0)


def test_pace_needed_grows_with_the_year_for_a_flow_only():
    assert rules.pace_needed(D(120), elapsed=3, periods_in_year=12, rule=Aggregation.SUM) == D(30)
    assert rules.pace_needed(D(98), elapsed=3, periods_in_year=12, rule=Aggregation.RATIO) == D(98)


def test_gap_in_percentage_points_or_percent_of_the_pace():
    assert rules.gap_points(D(93), D(98), ">=", percent=True) == D(5)
    assert rules.gap_points(D(99), D(98), ">=", percent=True) == D(-1)
    assert rules.gap_points(D(24), D(30), ">=", percent=False) == D(20)  # 6 short of 30
    assert rules.gap_points(D(6), D(5), "<=", percent=False) == D(20)  # 1 over 5
    assert rules.gap_points(D(97), D(100), "=", percent=True) == D(3)


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        (None, WarningLevel.UNKNOWN),
        (D(-4), WarningLevel.SAFE),
        (D(3), WarningLevel.SAFE),
        (D("3.01"), WarningLevel.WATCH),
        (D(8), WarningLevel.WATCH),
        (D(15), WarningLevel.AT_RISK),
        (D("15.5"), WarningLevel.ALARM),
    ],
)
def test_default_warning_bands(gap, expected):
    assert rules.warning_level(gap, Bands()) == expected


def test_bands_can_be_changed():
    assert rules.warning_level(D(2), Bands(D(1), D(2), D(4))) == WarningLevel.WATCH
    assert rules.warning_level(D(5), Bands(D(1), D(2), D(4))) == WarningLevel.ALARM


def test_completion_rate_as_the_government_office_counts_it():
    # 3 completed, 1 overdue; the 6 still within their deadline are not passed in at all.
    assert rules.completion_rate(completed=3, overdue=1) == D("75.00")
    assert rules.completion_rate(completed=0, overdue=0) is None
    assert rules.rate(1, 3) == D("33.33")


def test_default_score():
    parts = rules.score(Weights(), on_time=2, late=1, overdue=1, reports_on_time=3, reports_late=1, reports_missing=0)
    assert parts.task_credit == D("0.625")
    assert parts.report_credit == D("0.875")
    assert parts.score == D("70.00")  # 70 × 0.625 + 30 × 0.875


def test_changed_weights_change_the_score():
    weights = Weights(task_overdue=D(-1), task_share=D(100), report_share=D(0))
    parts = rules.score(weights, on_time=2, late=1, overdue=1, reports_on_time=0, reports_late=0, reports_missing=4)
    assert parts.score == D("37.50")  # (2 + 0.5 − 1) / 4


def test_a_part_with_nothing_due_leaves_the_score_to_the_other():
    parts = rules.score(Weights(), on_time=0, late=0, overdue=0, reports_on_time=1, reports_late=1, reports_missing=0)
    assert parts.task_credit is None
    assert parts.score == D("75.00")
    nothing = rules.score(Weights(), on_time=0, late=0, overdue=0, reports_on_time=0, reports_late=0,
                          reports_missing=0)  # fmt: skip
    assert nothing.score is None


def test_a_negative_credit_never_takes_the_score_below_zero():
    parts = rules.score(Weights(task_overdue=D(-1)), on_time=0, late=0, overdue=2, reports_on_time=0,
                        reports_late=0, reports_missing=1)  # fmt: skip
    assert parts.score == D(0)
