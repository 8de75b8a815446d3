"""Working days in Vietnam.

A day is a working day unless it is a Saturday or Sunday, a public holiday (Tết Dương lịch, Tết
Nguyên Đán, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh; the lunar ones come from the `holidays`
package, which also knows the swaps the government has already announced), or a day off a
coordinator entered. A weekend day the government turns into a working day (làm bù) is a working
day again. What a coordinator enters wins over the package: the decisions on "nghỉ bù" are
published each year, often after the package was released.

Pure Python: the coordinator-entered days are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

# Safety bound: no run of days off in Vietnam comes near this (Tết is at most ~9 days).
_MAX_SEARCH_DAYS = 60


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> tuple[dict[date, str], frozenset[date]]:
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    names = {day: str(name) for day, name in calendar.items()}
    workdays = frozenset(day for day in calendar.weekend_workdays if day.year == year)
    return names, workdays


@dataclass(frozen=True)
class WorkCalendar:
    """Vietnam's working days, with the days off and the swapped working days a coordinator
    entered (`extra_days_off` maps a date to its name, e.g. "Nghỉ bù Tết 2027")."""

    extra_days_off: dict[date, str] = field(default_factory=dict)
    extra_working_days: frozenset[date] = frozenset()

    @classmethod
    def build(
        cls,
        extra_days_off: Iterable[tuple[date, str]] | dict[date, str] = (),
        extra_working_days: Iterable[date] = (),
    ) -> WorkCalendar:
        days_off = dict(extra_days_off.items() if isinstance(extra_days_off, dict) else extra_days_off)
        return cls(days_off, frozenset(extra_working_days))

    def holiday_name(self, day: date) -> str | None:
        """The name of the holiday or day off on `day`, or None."""
        if day in self.extra_days_off:
            return self.extra_days_off[day]
        return _public_holidays(day.year)[0].get(day)

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if self.holiday_name(day) is not None:
            return False
        if day.weekday() >= 5:
            return day in _public_holidays(day.year)[1]
        return True

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        current = day
        for _ in range(_MAX_SEARCH_DAYS):
            if self.is_working_day(current):
                return current
            current += timedelta(days=1)
        raise ValueError(f"Không tìm thấy ngày làm việc trong {_MAX_SEARCH_DAYS} ngày kể từ {day:%d/%m/%Y}")

    def previous_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the last working day before it."""
        current = day
        for _ in range(_MAX_SEARCH_DAYS):
            if self.is_working_day(current):
                return current
            current -= timedelta(days=1)
        raise ValueError(f"Không tìm thấy ngày làm việc trong {_MAX_SEARCH_DAYS} ngày trước {day:%d/%m/%Y}")

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (count >= 0; 0 gives next_working_day(day))."""
        current = self.next_working_day(day)
        for _ in range(count):
            current = self.next_working_day(current + timedelta(days=1))
        return current

    def days_off_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Non-weekend days off in [start, end], with their names, for display."""
        found = []
        current = start
        while current <= end:
            name = self.holiday_name(current)
            if name is not None and current not in self.extra_working_days:
                found.append((current, name))
            current += timedelta(days=1)
        return found


VIETNAM = WorkCalendar()
