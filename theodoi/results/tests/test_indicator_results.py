"""Indicator results from the database, on figures computed by hand. Runs on SQLite and PostgreSQL."""

from decimal import Decimal

import pytest

from theodoi.core.errors import ApplicationError
from theodoi.results import selectors, services
from theodoi.results.rules import Reason, Verdict, WarningLevel
from theodoi.results.tests.conftest import make_report, month

D = Decimal
pytestmark = pytest.mark.django_db


def by_ref(results):
    return {result.indicator.ref: result for result in results}


def rows(result):
    return {row.unit.code: row for row in result.rows}


@pytest.fixture
def units(directory):
    return {code.split(".")[-1]: directory[code] for code in ("dn.khcn.vp", "dn.khcn.cds", "dn.khcn.tt", "dn.nv")}


def test_ratio_adds_numerators_and_denominators_across_units(plan, indicators, units):
    make_report(plan, units["vp"], month(1), figures={indicators["1"]: (90, 100, 90)})
    make_report(plan, units["cds"], month(1), figures={indicators["1"]: (995, 1000, None)})
    result = by_ref(selectors.indicator_results(plan, period=month(1)))["1"]
    assert (result.numerator, result.denominator, result.value) == (D(1085), D(1100), D("98.6364"))
    assert result.verdict == Verdict.ACHIEVED  # ≥ 98, although the mean of 90 and 99.5 is not
    lines = rows(result)
    assert lines["dn.khcn.vp"].value == D(90) and lines["dn.khcn.vp"].verdict == Verdict.NOT_ACHIEVED
    assert lines["dn.khcn.cds"].value == D("99.5")
    assert lines["dn.khcn"].is_subtotal and lines["dn.khcn"].value == D("98.6364")


def test_a_unit_that_did_not_report_is_missing_not_zero(plan, indicators, units):
    make_report(plan, units["vp"], month(1), figures={indicators["1"]: (90, 100, None), indicators["2"]: (0, 0, 10)})
    results = by_ref(selectors.indicator_results(plan, period=month(1)))
    ratio = results["1"]
    assert ratio.value == D(90)  # the Trung tâm's absence does not pull it down
    assert [unit.code for unit in ratio.missing_units] == ["dn.khcn.cds", "dn.khcn.tt"]
    assert (ratio.units_expected, ratio.units_reported) == (3, 1)
    assert Reason.MISSING_UNITS in ratio.reasons
    line = rows(ratio)["dn.khcn.tt"]
    assert line.value is None and line.verdict == Verdict.NO_DATA and not line.reported and line.assigned
    assert results["2"].value == D(10)
    assert results["3"].value is None and results["3"].verdict == Verdict.NO_DATA


def test_counts_add_and_a_mean_counts_only_those_who_reported(plan, indicators, units):
    services.indicator_aggregation_set(actor=None, indicator=indicators["3"], aggregation="mean")
    make_report(
        plan, units["vp"], month(1), figures={indicators["2"]: (None, None, 12), indicators["3"]: (None, None, 4)}
    )
    make_report(
        plan, units["cds"], month(1), figures={indicators["2"]: (None, None, 30), indicators["3"]: (None, None, 7)}
    )
    make_report(plan, units["tt"], month(1), figures={indicators["3"]: (None, None, None)})
    results = by_ref(selectors.indicator_results(plan, period=month(1)))
    assert results["2"].value == D(42)
    assert results["3"].value == D("5.5")  # (4 + 7) / 2: the Trung tâm gave nothing
    assert results["3"].verdict == Verdict.NOT_ACHIEVED  # ≤ 5


def test_a_denominator_of_zero_gives_no_value_and_says_why(plan, indicators, units):
    make_report(plan, units["vp"], month(1), figures={indicators["1"]: (0, 0, None)})
    result = by_ref(selectors.indicator_results(plan, period=month(1)))["1"]
    assert result.value is None
    assert result.verdict == Verdict.NO_DATA
    assert Reason.ZERO_DENOMINATOR in result.reasons
    assert result.denominator == 0


def test_drafts_are_left_out_unless_asked_for(plan, indicators, units):
    make_report(plan, units["vp"], month(1), figures={indicators["1"]: (90, 100, None)})
    make_report(plan, units["cds"], month(1), state="submitted", figures={indicators["1"]: (100, 100, None)})
    make_report(plan, units["tt"], month(1), state="draft", figures={indicators["1"]: (300, 300, None)})
    accepted = by_ref(selectors.indicator_results(plan, period=month(1)))["1"]
    assert accepted.value == D(90)
    everything = by_ref(selectors.indicator_results(plan, period=month(1), include_drafts=True))["1"]
    assert (everything.numerator, everything.denominator) == (D(490), D(500))
    assert everything.value == D(98)


def test_equal_target_and_a_percentage_without_a_and_b(plan, indicators, units):
    make_report(plan, units["vp"], month(1), figures={indicators["4"]: (None, None, 100)})
    result = by_ref(selectors.indicator_results(plan, period=month(1)))["4"]
    assert result.value is None and result.reasons == (Reason.NO_RATIO,)
    services.indicator_aggregation_set(actor=None, indicator=indicators["4"], aggregation="latest")
    result = by_ref(selectors.indicator_results(plan, period=month(1)))["4"]
    assert result.value == D(100) and result.verdict == Verdict.ACHIEVED


def test_extracted_figures_are_preferred(plan, indicators, units):
    from theodoi.submissions.models import IndicatorItem

    report = make_report(plan, units["vp"], month(1), figures={indicators["1"]: (50, 100, 50)})
    IndicatorItem.objects.filter(report=report).update(extracted_numerator=99, extracted_denominator=100)
    assert by_ref(selectors.indicator_results(plan, period=month(1)))["1"].value == D(99)


def test_the_year_so_far_adds_every_month_and_a_stock_keeps_the_latest(plan, indicators, units):
    make_report(plan, units["vp"], month(1), figures={indicators["1"]: (90, 100, None), indicators["2"]: (0, 0, 10)})
    make_report(plan, units["vp"], month(2), figures={indicators["1"]: (200, 200, None), indicators["2"]: (0, 0, 15)})
    make_report(plan, units["cds"], month(2), figures={indicators["2"]: (None, None, 5)})
    results = by_ref(selectors.indicator_results(plan, year=2026))
    assert results["1"].value == D("96.6667")  # 290 / 300
    assert results["2"].value == D(30)
    assert len(results["1"].periods) == 12
    services.indicator_aggregation_set(actor=None, indicator=indicators["2"], aggregation="stock")
    assert by_ref(selectors.indicator_results(plan, year=2026))["2"].value == D(20)  # 15 + 5 at February


def test_scope_to_one_unit_and_the_units_the_viewer_sees(plan, indicators, units, directory):
    make_report(plan, units["vp"], month(1), figures={indicators["1"]: (90, 100, None)})
    make_report(plan, units["cds"], month(1), figures={indicators["1"]: (100, 100, None)})
    scoped = by_ref(selectors.indicator_results(plan, period=month(1), unit=units["cds"]))["1"]
    assert scoped.value == D(100)
    assert [row.unit.code for row in scoped.rows] == ["dn.khcn.cds"]
    seen = by_ref(selectors.indicator_results(plan, period=month(1), units=[units["vp"].pk]))["1"]
    assert seen.value == D(90)


def test_no_reports_at_all(plan):
    results = selectors.indicator_results(plan)
    assert [result.verdict for result in results] == [Verdict.NO_DATA] * 4
    assert all(result.value is None for result in results)


def test_trend_projection_and_warning(plan, indicators, units):
    # Monthly counts 10, 10, 10: 30 by March, 120 projected; the target ≥ 120 needs 30 by then.
    for index in (1, 2, 3):
        make_report(plan, units["vp"], month(index), figures={indicators["2"]: (None, None, 10)})
    trend = selectors.indicator_trend(indicators["2"], year=2026)
    assert [point.value for point in trend.points[:4]] == [D(10), D(10), D(10), None]
    assert [point.cumulative for point in trend.points[:3]] == [D(10), D(20), D(30)]
    assert trend.result_so_far == D(30) and trend.elapsed == 3 and trend.periods_in_year == 12
    assert trend.projection == D(120)
    assert trend.pace_needed == D(30) and trend.gap == D(0)
    assert trend.warning == WarningLevel.SAFE


def test_trend_warning_of_a_ratio_and_bands_per_plan(plan, indicators, units):
    make_report(plan, units["vp"], month(1), figures={indicators["1"]: (88, 100, None)})
    make_report(plan, units["vp"], month(2), figures={indicators["1"]: (92, 100, None)})
    trend = selectors.indicator_trend(indicators["1"], year=2026)
    assert trend.result_so_far == D(90)  # 180 / 200
    assert trend.gap == D(8)  # 98 − 90 points
    assert trend.warning == WarningLevel.WATCH
    assert trend.projection == D(100)  # +4 points a month, capped at 100 %
    services.result_settings_set(
        actor=None, plan=None, values={"safe_points": D(1), "watch_points": D(2), "at_risk_points": D(5)}
    )
    assert selectors.indicator_trend(indicators["1"], year=2026).warning == WarningLevel.ALARM
    services.result_settings_set(actor=None, plan=plan, values={"watch_points": D(10), "at_risk_points": D(20)})
    trend = selectors.indicator_trend(indicators["1"], year=2026)
    assert trend.bands.safe == D(1)  # the plan's row started from the default's
    assert trend.warning == WarningLevel.WATCH


def test_trend_shows_the_baseline(plan, indicators):
    indicator = indicators["1"]
    indicator.baseline_value, indicator.baseline_year = D("95.5"), 2025
    indicator.save()
    trend = selectors.indicator_trend(indicator, year=2026)
    assert (trend.baseline_value, trend.baseline_year) == (D("95.5"), 2025)
    assert trend.warning == WarningLevel.UNKNOWN and trend.projection is None


def test_bands_must_grow(plan):
    with pytest.raises(ApplicationError, match="tăng dần"):
        services.result_settings_set(actor=None, plan=plan, values={"safe_points": D(9)})


def test_only_a_coordinator_of_the_plan_sets_its_rules(plan, indicators, make_user, directory):
    from theodoi.results.models import ResultSettings

    reporter = make_user("reporter", directory["dn.khcn.vp"])
    coordinator = make_user("coordinator", directory["dn.khcn"])
    with pytest.raises(ApplicationError, match="không có quyền"):
        services.indicator_aggregation_set(actor=reporter, indicator=indicators["2"], aggregation="stock")
    with pytest.raises(ApplicationError, match="không có quyền"):
        services.result_settings_set(actor=coordinator, plan=None, values={"safe_points": D(1)})
    services.result_settings_set(actor=coordinator, plan=plan, values={"safe_points": D(1)})
    assert ResultSettings.objects.get(plan=plan).updated_by == coordinator
    services.indicator_aggregation_set(actor=coordinator, indicator=indicators["2"], aggregation="stock")
    indicators["2"].refresh_from_db()
    assert indicators["2"].aggregation == "stock"
    with pytest.raises(ApplicationError, match="không hợp lệ"):
        services.indicator_aggregation_set(actor=coordinator, indicator=indicators["2"], aggregation="median")


def test_every_trend_of_a_plan_at_once_matches_one_by_one(plan, indicators, units):
    services.indicator_aggregation_set(actor=None, indicator=indicators["3"], aggregation="latest")
    for index, (a, value, days) in enumerate([(88, 10, 4), (92, 12, 6), (95, 9, 5)], start=1):
        make_report(plan, units["vp"], month(index),
                    figures={indicators["1"]: (a, 100, None), indicators["2"]: (None, None, value),
                             indicators["3"]: (None, None, days)})  # fmt: skip
    make_report(plan, units["cds"], month(2), figures={indicators["3"]: (None, None, 8)})
    together = selectors.plan_indicator_trends(plan, year=2026)
    assert [trend.indicator.ref for trend in together] == ["1", "2", "3", "4"]
    for trend in together:
        assert trend == selectors.indicator_trend(trend.indicator, year=2026)
    latest = together[2]
    # Latest per unit, mean across units: March = (5 + 8, the Chuyển đổi số's February) / 2.
    assert [point.cumulative for point in latest.points[:3]] == [D(4), D(7), D("6.5")]
