"""Every check on reported numbers, with a failing and a passing case."""

from decimal import Decimal as D

from theodoi.submissions import checks
from theodoi.submissions.choices import Severity, VoidCondition


def codes(flags):
    return [flag.code for flag in flags]


def test_negative_numbers_are_errors():
    flags = checks.check_not_negative({"numerator": D(-1), "denominator": D(5)}, {"numerator": "Tử số (a)"})
    assert codes(flags) == ["negative"] and flags[0].severity == Severity.ERROR
    assert "Tử số (a) không được âm (-1)" in flags[0].message
    assert checks.check_not_negative({"numerator": D(0), "value": None}, {}) == []


def test_numerator_above_denominator_is_an_error():
    flags = checks.check_ratio(D(12), D(10))
    assert codes(flags) == ["numerator_exceeds_denominator"] and flags[0].field == "numerator"
    assert checks.check_ratio(D(10), D(10)) == []
    assert checks.check_ratio(None, D(10)) == []


def test_zero_denominator_with_a_numerator_is_an_error():
    assert codes(checks.check_ratio(D(1), D(0))) == ["zero_denominator"]
    assert checks.check_ratio(D(0), D(0)) == []


def test_value_must_follow_its_formula():
    flags = checks.check_formula(D(2), D(3), D("70"), percent=True)
    assert codes(flags) == ["formula_mismatch"]
    assert "66,67" in flags[0].message
    assert checks.check_formula(D(2), D(3), D("66.67"), percent=True) == []
    assert checks.check_formula(D(1), D(4), D("0.25"), percent=False) == []
    assert codes(checks.check_formula(D(1), D(4), D("25"), percent=False)) == ["formula_mismatch"]


def test_high_risk_indicator_needs_a_second_source():
    flags = checks.check_two_sources(D(90), None, high_risk=True, tolerance_percent=D(5))
    assert codes(flags) == ["second_source_missing"] and flags[0].severity == Severity.ERROR
    assert checks.check_two_sources(D(90), None, high_risk=False, tolerance_percent=D(5)) == []
    assert checks.check_two_sources(D(90), D(88), high_risk=True, tolerance_percent=D(5)) == []


def test_two_sources_differing_beyond_the_tolerance_are_flagged():
    flags = checks.check_two_sources(D(90), D(80), high_risk=False, tolerance_percent=D(5))
    assert codes(flags) == ["sources_differ"] and flags[0].severity == Severity.WARNING
    assert "11,11%" in flags[0].message
    assert checks.check_two_sources(D(90), D("85.5"), high_risk=False, tolerance_percent=D(5)) == []


def test_jump_against_the_last_period_is_flagged():
    flags = checks.check_jump(D(90), D(40), threshold_percent=D(50))
    assert codes(flags) == ["jump"] and "40 → 90" in flags[0].message
    assert checks.check_jump(D(55), D(40), threshold_percent=D(50)) == []
    assert codes(checks.check_jump(D(5), D(0), threshold_percent=D(50))) == ["jump"]
    assert checks.check_jump(D(90), D(40), threshold_percent=None) == []
    assert checks.check_jump(D(90), None, threshold_percent=D(50)) == []


def test_conditions_void_achieved():
    flags = checks.check_void_conditions([VoidCondition.PAPER_IN_PARALLEL], sample_size=None, min_sample=None)
    assert codes(flags) == ["void_paper_in_parallel"]
    assert checks.achieved(D(99), ">=", D(98), flags) is False
    assert checks.achieved(D(99), ">=", D(98), []) is True
    assert checks.check_void_conditions([], sample_size=None, min_sample=None) == []


def test_a_sample_below_the_minimum_voids_achieved():
    flags = checks.check_void_conditions([], sample_size=120, min_sample=400)
    assert codes(flags) == ["void_insufficient_sample"]
    assert checks.check_void_conditions([], sample_size=400, min_sample=400) == []
    both = checks.check_void_conditions([VoidCondition.INSUFFICIENT_SAMPLE], sample_size=10, min_sample=400)
    assert codes(both) == ["void_insufficient_sample"]


def test_extracted_value_differing_from_the_typed_one_is_shown():
    flags = checks.check_extracted_vs_manual(D(95), D("96.5"), "Hệ thống TTHC")
    assert codes(flags) == ["extracted_differs"] and "chênh lệch 1,5" in flags[0].message
    assert checks.check_extracted_vs_manual(D(95), D(95), "Hệ thống TTHC") == []
    assert checks.check_extracted_vs_manual(None, D(95), "Hệ thống TTHC") == []


def test_target_comparison():
    assert checks.target_met(D(70), ">=", D(70)) is True
    assert checks.target_met(D("69.9"), ">=", D(70)) is False
    assert checks.target_met(D(3), "<=", D(5)) is True
    assert checks.target_met(None, ">=", D(70)) is None
    assert checks.achieved(D(50), ">=", D(70), []) is False
