"""Properties of windows and deadlines over any year, any day: the tables test the cases we know,
these test that nothing falls between them."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from theodoi.periods.submission import SubmissionRule, due_date
from theodoi.periods.windows import Period, PeriodKind, WindowMode, last_day, period_containing, periods_of_year
from theodoi.periods.workdays import WorkCalendar

years = st.integers(min_value=1990, max_value=2100)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
modes = st.sampled_from(list(WindowMode))
tiling_kinds = st.sampled_from([PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF])


@given(kind=tiling_kinds, year=years, mode=modes)
def test_months_quarters_and_halves_tile_the_year_without_gaps(kind, year, mode):
    periods = periods_of_year(kind, year) + [periods_of_year(kind, year + 1)[0]]
    for earlier, later in zip(periods, periods[1:], strict=False):
        assert earlier.window(mode)[1] + timedelta(days=1) == later.window(mode)[0]


@given(kind=tiling_kinds, day=days, mode=modes)
def test_every_day_is_in_the_window_of_its_period(kind, day, mode):
    period = period_containing(kind, day, mode)
    start, end = period.window(mode)
    assert start <= day <= end


@given(year=years, mode=modes)
def test_cumulative_periods_share_their_start_and_nest(year, mode):
    half, nine, whole = (Period(year, kind, 1) for kind in (PeriodKind.HALF, PeriodKind.NINE_MONTHS, PeriodKind.YEAR))
    quarter = Period(year, PeriodKind.QUARTER, 1)
    starts = {p.window(mode)[0] for p in (quarter, half, nine, whole)}
    assert len(starts) == 1
    assert quarter.window(mode)[1] < half.window(mode)[1] < nine.window(mode)[1] < whole.window(mode)[1]


@given(year=years, month=st.integers(1, 12), day=st.integers(1, 31), mode=modes)
def test_a_monthly_deadline_is_near_the_window_end(year, month, day, mode):
    period = Period(year, PeriodKind.MONTH, month)
    due = due_date(SubmissionRule(PeriodKind.MONTH, day), period, mode)
    end = period.window(mode)[1]
    assert end - timedelta(days=7) <= due <= end + timedelta(days=38)
    assert due.day == min(day, last_day(due.year, due.month).day)


@given(day=days)
def test_the_next_working_day_is_a_working_day_within_two_weeks(day):
    calendar = WorkCalendar()
    found = calendar.next_working_day(day)
    assert calendar.is_working_day(found)
    assert day <= found <= day + timedelta(days=14)
    assert all(not calendar.is_working_day(day + timedelta(days=n)) for n in range((found - day).days))
