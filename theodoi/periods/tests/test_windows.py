"""Period labels and data windows, across year ends, leap years and months of every length."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.periods.windows import Period, PeriodKind, WindowMode, period_containing, periods_between

M, Q, H, N, Y = (
    PeriodKind.MONTH,
    PeriodKind.QUARTER,
    PeriodKind.HALF,
    PeriodKind.NINE_MONTHS,
    PeriodKind.YEAR,
)
D09, CAL = WindowMode.DECREE_09, WindowMode.CALENDAR


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period(2026, M, 3), "Tháng 3/2026"),
        (Period(2026, M, 12), "Tháng 12/2026"),
        (Period(2026, Q, 1), "Quý I/2026"),
        (Period(2026, Q, 4), "Quý IV/2026"),
        (Period(2026, H, 1), "6 tháng đầu năm 2026"),
        (Period(2026, H, 2), "6 tháng cuối năm 2026"),
        (Period(2026, N, 1), "9 tháng 2026"),
        (Period(2026, Y, 1), "Năm 2026"),
    ],
)
def test_labels(period: Period, label: str) -> None:
    assert period.label == label
    assert str(period) == label


@pytest.mark.parametrize(
    ("period", "mode", "start", "end"),
    [
        # Nghị định 09: the 15th of the month before to the 14th; January reaches back a year.
        (Period(2026, M, 1), D09, date(2025, 12, 15), date(2026, 1, 14)),
        (Period(2026, M, 3), D09, date(2026, 2, 15), date(2026, 3, 14)),
        (Period(2024, M, 3), D09, date(2024, 2, 15), date(2024, 3, 14)),
        (Period(2026, Q, 1), D09, date(2025, 12, 15), date(2026, 3, 14)),
        (Period(2026, Q, 2), D09, date(2026, 3, 15), date(2026, 6, 14)),
        (Period(2026, Q, 4), D09, date(2026, 9, 15), date(2026, 12, 14)),
        (Period(2026, H, 1), D09, date(2025, 12, 15), date(2026, 6, 14)),
        (Period(2026, H, 2), D09, date(2026, 6, 15), date(2026, 12, 14)),
        (Period(2026, N, 1), D09, date(2025, 12, 15), date(2026, 9, 14)),
        (Period(2026, Y, 1), D09, date(2025, 12, 15), date(2026, 12, 14)),
        # Calendar windows: months of 28, 29, 30 and 31 days.
        (Period(2026, M, 2), CAL, date(2026, 2, 1), date(2026, 2, 28)),
        (Period(2024, M, 2), CAL, date(2024, 2, 1), date(2024, 2, 29)),
        (Period(2000, M, 2), CAL, date(2000, 2, 1), date(2000, 2, 29)),
        (Period(2100, M, 2), CAL, date(2100, 2, 1), date(2100, 2, 28)),
        (Period(2026, M, 4), CAL, date(2026, 4, 1), date(2026, 4, 30)),
        (Period(2026, M, 12), CAL, date(2026, 12, 1), date(2026, 12, 31)),
        (Period(2026, Q, 1), CAL, date(2026, 1, 1), date(2026, 3, 31)),
        (Period(2026, Q, 3), CAL, date(2026, 7, 1), date(2026, 9, 30)),
        (Period(2026, H, 1), CAL, date(2026, 1, 1), date(2026, 6, 30)),
        (Period(2026, H, 2), CAL, date(2026, 7, 1), date(2026, 12, 31)),
        (Period(2026, N, 1), CAL, date(2026, 1, 1), date(2026, 9, 30)),
        (Period(2026, Y, 1), CAL, date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_windows(period: Period, mode: WindowMode, start: date, end: date) -> None:
    assert period.window(mode) == (start, end)


@pytest.mark.parametrize(("kind", "index"), [(M, 0), (M, 13), (Q, 5), (H, 3), (N, 2), (Y, 2)])
def test_impossible_periods_are_refused(kind: PeriodKind, index: int) -> None:
    with pytest.raises(ValueError):
        Period(2026, kind, index)


@pytest.mark.parametrize(
    ("kind", "day", "mode", "expected"),
    [
        (M, date(2026, 3, 14), D09, Period(2026, M, 3)),
        (M, date(2026, 3, 15), D09, Period(2026, M, 4)),
        (M, date(2025, 12, 15), D09, Period(2026, M, 1)),
        (M, date(2025, 12, 14), D09, Period(2025, M, 12)),
        (M, date(2025, 12, 31), CAL, Period(2025, M, 12)),
        (M, date(2026, 1, 1), CAL, Period(2026, M, 1)),
        (Q, date(2026, 6, 14), D09, Period(2026, Q, 2)),
        (Q, date(2026, 6, 15), D09, Period(2026, Q, 3)),
        (Y, date(2026, 12, 15), D09, Period(2027, Y, 1)),
        (Y, date(2026, 12, 31), CAL, Period(2026, Y, 1)),
        # Nine months has no window between 15/9 and 14/12: the next one is the next year's.
        (N, date(2026, 10, 1), D09, Period(2027, N, 1)),
        (N, date(2026, 9, 14), D09, Period(2026, N, 1)),
    ],
)
def test_period_containing(kind: PeriodKind, day: date, mode: WindowMode, expected: Period) -> None:
    assert period_containing(kind, day, mode) == expected


def test_periods_between_crosses_the_year_end_in_order() -> None:
    found = list(periods_between((M, Q, Y), date(2025, 11, 1), date(2026, 1, 31), D09))
    assert [p.label for p in found] == [
        "Tháng 11/2025",
        "Tháng 12/2025",
        "Quý IV/2025",
        "Năm 2025",
        "Tháng 1/2026",
    ]


def test_periods_between_a_whole_year_counts_each_kind() -> None:
    found = list(periods_between((M, Q, H, N, Y), date(2026, 1, 1), date(2026, 12, 31), CAL))
    counts = {kind: sum(1 for p in found if p.kind == kind) for kind in (M, Q, H, N, Y)}
    assert counts == {M: 12, Q: 4, H: 2, N: 1, Y: 1}
    assert found[-1] == Period(2026, Y, 1)


def test_period_key_is_stable() -> None:
    assert Period(2026, Q, 1).key == "2026-quarter-1"
