"""The batched trends answer exactly as `results.selectors.indicator_trend` does, in fixed queries."""

import pytest

from theodoi.dashboards.scope import visible_units
from theodoi.dashboards.trends import plan_trends
from theodoi.results.selectors import indicator_trend

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["coordinator", "reporter_vp", "reporter_nv"])
def test_same_as_indicator_trend(filed, people, directory, who):
    units = visible_units(people[who], filed)
    indicators = list(filed.indicators.all())
    for unit in (None, directory["dn.khcn"]):
        batched = plan_trends(filed, indicators, year=2026, unit=unit, units=units)
        for indicator in indicators:
            assert batched[indicator.pk] == indicator_trend(indicator, year=2026, unit=unit, units=units)


def test_a_year_without_reports(filed):
    indicators = list(filed.indicators.all())
    trend = plan_trends(filed, indicators, year=2025)[indicators[0].pk]
    assert trend.points == [] and trend.result_so_far is None


def test_fixed_queries(filed, django_assert_max_num_queries):
    indicators = list(filed.indicators.all())
    with django_assert_max_num_queries(4):
        plan_trends(filed, indicators * 5, year=2026)
