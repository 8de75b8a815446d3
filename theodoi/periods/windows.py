"""Reporting periods and their data windows.

Nghị định 09/2019/NĐ-CP, Điều 12 sets the data cut-off ("thời gian chốt số liệu") of periodic
reports: a month runs from the 15th of the month before to the 14th of the month; a quarter from
the 15th of the month before the quarter to the 14th of its last month; six months from 15/12 of
the year before to 14/6; a year from 15/12 of the year before to 14/12. Many provinces add a
nine-month report (15/12 of the year before to 14/9), and some plans count calendar windows
instead (1/1-31/3 for quarter I), which a schedule may choose.

Pure Python: no models, no database.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodKind(models.TextChoices):
    """The kinds of periodic report; several per year except the year itself."""

    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    NINE_MONTHS = "nine_months", _("9 tháng")
    YEAR = "year", _("Năm")


class WindowMode(models.TextChoices):
    """How a period's data window is cut."""

    DECREE_09 = "decree_09", _("Theo Nghị định 09/2019/NĐ-CP (từ ngày 15 tháng trước đến ngày 14)")
    CALENDAR = "calendar", _("Theo lịch (từ ngày đầu đến ngày cuối kỳ)")


# The last calendar month each period of a kind covers, by index.
_END_MONTHS: dict[PeriodKind, dict[int, int]] = {
    PeriodKind.MONTH: {m: m for m in range(1, 13)},
    PeriodKind.QUARTER: {1: 3, 2: 6, 3: 9, 4: 12},
    PeriodKind.HALF: {1: 6, 2: 12},
    PeriodKind.NINE_MONTHS: {1: 9},
    PeriodKind.YEAR: {1: 12},
}
# Months a period spans: the month itself, a quarter, and the cumulative ones from January
# (6 tháng đầu năm, 9 tháng, năm); the second half (6 tháng cuối năm) spans July to December.
_SPANS: dict[PeriodKind, int] = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF: 6,
    PeriodKind.NINE_MONTHS: 9,
    PeriodKind.YEAR: 12,
}


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by `delta` months."""
    zero_based = year * 12 + (month - 1) + delta
    return zero_based // 12, zero_based % 12 + 1


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: a kind, a year and the index within the year (month 1-12,
    quarter 1-4, half 1-2; 1 for nine months and the year)."""

    year: int
    kind: PeriodKind
    index: int

    def __post_init__(self) -> None:
        if self.index not in _END_MONTHS[PeriodKind(self.kind)]:
            raise ValueError(f"{self.kind} has no period {self.index}")

    @property
    def end_month(self) -> int:
        return _END_MONTHS[PeriodKind(self.kind)][self.index]

    @property
    def start_month(self) -> int:
        return self.end_month - _SPANS[PeriodKind(self.kind)] + 1

    @property
    def label(self) -> str:
        """The name printed on reports: "Tháng 3/2026", "Quý I/2026", "6 tháng đầu năm 2026"."""
        kind = PeriodKind(self.kind)
        if kind is PeriodKind.MONTH:
            return f"Tháng {self.index}/{self.year}"
        if kind is PeriodKind.QUARTER:
            return f"Quý {ROMAN[self.index]}/{self.year}"
        if kind is PeriodKind.HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        if kind is PeriodKind.NINE_MONTHS:
            return f"9 tháng {self.year}"
        return f"Năm {self.year}"

    @property
    def key(self) -> str:
        """A stable text key, "2026-quarter-1", for ledgers and URLs."""
        return f"{self.year}-{self.kind}-{self.index}"

    def window(self, mode: WindowMode | str = WindowMode.DECREE_09) -> tuple[date, date]:
        """First and last day (both inclusive) of the data the report covers."""
        if WindowMode(mode) is WindowMode.CALENDAR:
            return date(self.year, self.start_month, 1), last_day(self.year, self.end_month)
        start_year, start_month = add_months(self.year, self.start_month, -1)
        return date(start_year, start_month, 15), date(self.year, self.end_month, 14)

    def __str__(self) -> str:
        return self.label


def periods_of_year(kind: PeriodKind | str, year: int) -> list[Period]:
    kind = PeriodKind(kind)
    return [Period(year, kind, index) for index in sorted(_END_MONTHS[kind])]


def period_containing(kind: PeriodKind | str, day: date, mode: WindowMode | str = WindowMode.DECREE_09) -> Period:
    """The period of `kind` whose window holds `day`; for cumulative kinds (6 tháng, 9 tháng)
    a day outside every window belongs to the next one that opens."""
    kind = PeriodKind(kind)
    for year in (day.year, day.year + 1):
        for period in periods_of_year(kind, year):
            start, end = period.window(mode)
            if start <= day <= end:
                return period
            if day < start:
                return period
    raise AssertionError("unreachable: every day falls before some period of the next year")


def periods_between(
    kinds: PeriodKind | str | tuple[PeriodKind | str, ...] | list[PeriodKind | str],
    start: date,
    end: date,
    mode: WindowMode | str = WindowMode.DECREE_09,
) -> Iterator[Period]:
    """Periods of the given kinds whose window ends within [start, end], in order of their end
    (a period is reported on once its window closes), then by kind span (month before quarter)."""
    if isinstance(kinds, str):
        kinds = (kinds,)
    found: list[tuple[date, int, Period]] = []
    for year in range(start.year - 1, end.year + 2):
        for kind in kinds:
            for period in periods_of_year(kind, year):
                window_end = period.window(mode)[1]
                if start <= window_end <= end:
                    found.append((window_end, _SPANS[PeriodKind(kind)], period))
    found.sort(key=lambda item: (item[0], item[1]))
    yield from (period for _, _, period in found)
