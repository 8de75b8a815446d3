"""Spans of the calendar a deadline phrase names: a day, week, ten days, month, quarter, half or year.

`parse_span("quý ii/2026")` gives the span's first and last day within its year, the year left
open when the phrase prints none. Phrases arrive normalised by `deadlines._normal` (lower case,
one kind of dash). The points of a year or month follow Bộ luật Dân sự 2015, Điều 148.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

_MIN_YEAR, _MAX_YEAR = 1945, 2200


@dataclass(frozen=True)
class Span:
    """A span within one year: first and last (month, day); a day <= 0 counts back from the month's end."""

    unit: str  # day, week, month, quarter, half, year
    first: tuple[int, int]
    last: tuple[int, int]
    year: int | None

    def bounds(self, year: int) -> tuple[date, date]:
        return _day_of(year, *self.first), _day_of(year, *self.last)

    def with_year(self, year: int | None) -> Span:
        return Span(self.unit, self.first, self.last, self.year if self.year is not None else year)


def _day_of(year: int, month: int, day: int) -> date:
    if day <= 0:
        day += calendar.monthrange(year, month)[1]
    return date(year, month, day)


_YEAR = r"(?:\s*(?:[/.,-]\s*)?(?:năm\s*)?(?P<y>\d{4}))?"
_QUARTER = r"(?P<q>iv|iii|ii|i|[1-4])"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_WORD_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "sáu": 6, "chín": 9, "nhất": 1}
_Builder = Callable[[re.Match[str]], "Span | None"]


def _year_of(match: re.Match[str]) -> int | None:
    text = match.groupdict().get("y")
    return int(text) if text else None


def _quarter_of(match: re.Match[str]) -> int:
    q = match.group("q")
    return _ROMAN.get(q) or int(q)


def _number(text: str) -> int:
    return _WORD_NUMBERS[text] if text in _WORD_NUMBERS else int(text)


def _month_span(month: int, year: int | None, first_day: int = 1, last_day: int = 0) -> Span | None:
    if not 1 <= month <= 12:
        return None
    unit = "month" if (first_day, last_day) == (1, 0) else "day"
    return Span(unit, (month, first_day), (month, last_day), year)


def _day(m: re.Match[str]) -> Span | None:
    day, month = int(m.group("d")), int(m.group("m"))
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return Span("day", (month, day), (month, day), _year_of(m))


def _month(m: re.Match[str]) -> Span | None:
    return _month_span(int(m.group("m")), _year_of(m))


def _quarter(m: re.Match[str]) -> Span | None:
    q = _quarter_of(m)
    return Span("quarter", (3 * q - 2, 1), (3 * q, 0), _year_of(m))


def _year(m: re.Match[str]) -> Span | None:
    return Span("year", (1, 1), (12, 31), _year_of(m))


def _months_of_year(m: re.Match[str]) -> Span | None:
    count = _number(m.group("n")) if m.groupdict().get("n") else 6
    if not 1 <= count <= 12:
        return None
    unit = "half" if count == 6 else "month"
    if m.group("pos") == "đầu":
        return Span(unit, (1, 1), (count, 0), _year_of(m))
    return Span(unit, (13 - count, 1), (12, 31), _year_of(m))


def _point_of_year(m: re.Match[str]) -> Span | None:
    month, day = {"đầu": (1, 1), "giữa": (6, 30), "cuối": (12, 31)}[m.group("pos")]
    return Span("day", (month, day), (month, day), _year_of(m))


def _point_of_month(m: re.Match[str]) -> Span | None:
    day = {"đầu": 1, "giữa": 15, "cuối": 0}[m.group("pos")]
    return _month_span(int(m.group("m")), _year_of(m), day, day)


def _point_of_quarter(m: re.Match[str]) -> Span | None:
    q = _quarter_of(m)
    point = (3 * q - 2, 1) if m.group("pos") == "đầu" else (3 * q, 0)
    return Span("day", point, point, _year_of(m))


def _ten_days(m: re.Match[str]) -> Span | None:
    first, last = {"thượng": (1, 10), "trung": (11, 20), "hạ": (21, 0)}[m.group("pos")]
    return _month_span(int(m.group("m")), _year_of(m), first, last)


def _week(m: re.Match[str]) -> Span | None:
    which = m.group("w")
    if which.startswith("cuối"):
        return _month_span(int(m.group("m")), _year_of(m), -6, 0)
    n = 1 if which.startswith("đầu") else _number(which.split()[-1])
    if not 1 <= n <= 4:
        return None
    return _month_span(int(m.group("m")), _year_of(m), 7 * n - 6, 7 * n)


_SPANS: tuple[tuple[re.Pattern[str], _Builder], ...] = tuple(
    (re.compile(pattern), builder)
    for pattern, builder in (
        (r"(?:ngày\s*)?(?P<d>\d{1,2})\s*(?P<s>[/.-])\s*(?P<m>\d{1,2})(?:\s*(?P=s)\s*(?P<y>\d{4}))?", _day),
        (r"(?:ngày\s*)?(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})(?:\s*(?:năm|[/,])\s*(?P<y>\d{4}))?", _day),
        (r"(?:tháng|t\.?)\s*(?P<m>\d{1,2})" + _YEAR, _month),
        (r"(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})", _month),
        (r"(?:quý|q\.?)\s*" + _QUARTER + _YEAR, _quarter),
        (r"(?:năm\s*)?(?P<y>\d{4})", _year),
        (r"năm(?:\s*(?:nay|kế\s*hoạch))?", _year),
        (
            r"(?:(?P<n>\d{1,2}|sáu|chín|ba)\s*tháng|nửa)\s*(?P<pos>đầu|cuối)\s*(?:của\s*)?năm" + _YEAR,
            _months_of_year,
        ),
        (r"(?P<pos>đầu|giữa|cuối)\s*năm(?:\s*nay)?" + _YEAR, _point_of_year),
        (r"(?P<pos>đầu|giữa|cuối)\s*tháng\s*(?P<m>\d{1,2})" + _YEAR, _point_of_month),
        (r"(?P<pos>đầu|cuối)\s*quý\s*" + _QUARTER + _YEAR, _point_of_quarter),
        (r"(?P<pos>thượng|trung|hạ)\s*tuần\s*(?:của\s*)?tháng\s*(?P<m>\d{1,2})" + _YEAR, _ten_days),
        (
            r"tuần\s*(?P<w>đầu(?:\s*tiên)?|cuối(?:\s*cùng)?|thứ\s*(?:[1-4]|nhất|hai|ba|tư))"
            r"\s*(?:của\s*)?tháng\s*(?P<m>\d{1,2})" + _YEAR,
            _week,
        ),
    )
)
UNIT_WORDS = {"month": "tháng ", "quarter": "quý ", "year": "năm "}


def parse_span(phrase: str) -> Span | None:
    """The span a whole normalised phrase names, or None."""
    for pattern, builder in _SPANS:
        match = pattern.fullmatch(phrase)
        if match:
            span = builder(match)
            if span is not None and (span.year is None or _MIN_YEAR <= span.year <= _MAX_YEAR):
                return span
    return None
