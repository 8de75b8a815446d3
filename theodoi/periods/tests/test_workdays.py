"""Vietnam's working days: weekends, public holidays (lunar ones too), swaps, coordinator days off."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.periods.workdays import WorkCalendar

VN = WorkCalendar()


@pytest.mark.parametrize(
    ("day", "working", "name"),
    [
        (date(2026, 1, 1), False, "Tết Dương lịch"),
        (date(2026, 1, 2), True, None),
        (date(2026, 2, 17), False, "Tết Nguyên Đán"),  # mùng một Tết Bính Ngọ: lunar
        (date(2026, 2, 20), False, "Mùng bốn Tết Nguyên Đán"),
        (date(2027, 2, 6), False, "Tết Nguyên Đán"),  # the lunar new year moves: 6/2/2027
        (date(2026, 4, 26), False, "Ngày Giỗ Tổ Hùng Vương"),  # 10/3 âm lịch, a Sunday
        (date(2026, 4, 27), False, "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"),
        (date(2026, 4, 30), False, "Ngày Chiến thắng"),
        (date(2026, 5, 1), False, "Ngày Quốc tế Lao động"),
        (date(2026, 9, 2), False, "Quốc khánh"),
        (date(2026, 3, 14), False, None),  # a Saturday
        (date(2026, 3, 15), False, None),  # a Sunday
        (date(2026, 3, 16), True, None),
        (date(2026, 8, 22), True, None),  # a Saturday worked in exchange for 31/8/2026
    ],
)
def test_public_calendar(day: date, working: bool, name: str | None) -> None:
    assert VN.is_working_day(day) is working
    assert VN.holiday_name(day) == name


def test_coordinator_days_off_and_swapped_working_days() -> None:
    calendar = WorkCalendar.build(
        {date(2027, 1, 4): "Nghỉ bù Tết Dương lịch 2027"}, extra_working_days=[date(2027, 1, 9)]
    )
    assert not calendar.is_working_day(date(2027, 1, 4))
    assert calendar.holiday_name(date(2027, 1, 4)) == "Nghỉ bù Tết Dương lịch 2027"
    assert calendar.is_working_day(date(2027, 1, 9))  # a Saturday made a working day
    assert not VN.is_working_day(date(2027, 1, 9))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 12), date(2026, 3, 12)),  # a Thursday: stays
        (date(2026, 3, 14), date(2026, 3, 16)),  # Saturday -> Monday
        (date(2026, 2, 14), date(2026, 2, 23)),  # Saturday before Tết -> the Monday after it
        (date(2026, 4, 25), date(2026, 4, 28)),  # Sat, Sun Giỗ Tổ, Mon nghỉ bù -> Tuesday
        (date(2026, 4, 30), date(2026, 5, 4)),  # 30/4, 1/5, weekend -> Monday 4/5
        (date(2025, 12, 31), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 1, 2)),
    ],
)
def test_next_working_day(day: date, expected: date) -> None:
    assert VN.next_working_day(day) == expected


def test_add_working_days_skips_days_off() -> None:
    assert VN.add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)
    assert VN.add_working_days(date(2026, 4, 29), 0) == date(2026, 4, 29)


def test_days_off_between_lists_named_days() -> None:
    names = dict(VN.days_off_between(date(2026, 4, 25), date(2026, 5, 3)))
    assert set(names) == {date(2026, 4, 26), date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1)}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 12), date(2026, 3, 12)),
        (date(2026, 3, 15), date(2026, 3, 13)),  # Sunday -> Friday
        (date(2026, 2, 20), date(2026, 2, 13)),  # the last day of Tết -> the Friday before it
        (date(2026, 1, 1), date(2025, 12, 31)),  # across the year end
    ],
)
def test_previous_working_day(day: date, expected: date) -> None:
    assert VN.previous_working_day(day) == expected
