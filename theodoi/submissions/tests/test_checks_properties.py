"""Properties of the checks over many numbers."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from theodoi.submissions import checks

counts = st.integers(min_value=0, max_value=10**9).map(Decimal)


@given(counts, counts, st.booleans())
def test_the_formulas_own_value_always_passes(numerator, denominator, percent):
    value = checks.formula_value(numerator, denominator, percent=percent)
    assert checks.check_formula(numerator, denominator, value, percent=percent) == []


@given(counts, counts)
def test_a_ratio_passes_exactly_when_a_is_at_most_b(numerator, denominator):
    passed = checks.check_ratio(numerator, denominator) == []
    assert passed == (numerator <= denominator)


@given(counts, counts, st.integers(min_value=0, max_value=100).map(Decimal))
def test_two_sources_are_symmetric(first, second, tolerance):
    one = checks.check_two_sources(first, second, high_risk=True, tolerance_percent=tolerance)
    other = checks.check_two_sources(second, first, high_risk=True, tolerance_percent=tolerance)
    assert [flag.code for flag in one] == [flag.code for flag in other]


@given(counts, st.integers(min_value=1, max_value=10**9).map(Decimal), st.integers(0, 500).map(Decimal))
def test_a_jump_is_flagged_exactly_beyond_the_threshold(current, previous, threshold):
    flagged = checks.check_jump(current, previous, threshold_percent=threshold) != []
    assert flagged == (abs(current - previous) / previous * 100 > threshold)
