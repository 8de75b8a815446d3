"""Submission deadlines of a plan's periodic reports.

A plan's "Chế độ báo cáo" clause says when units send their reports. This module reads such a
clause into rules and turns a rule and a period into a time-zone-aware due moment:

* "Trước 17h00 ngày 12 hằng tháng" (seed 004): every month, 12th, 17:00.
* "Trước ngày 12 hàng tháng" (seed 003): every month, 12th, end of the day.
* "quý I trước ngày 13/3, 6 tháng trước 13/6, 9 tháng trước 13/9 và năm trước ngày 08/11"
  (seed 002): four reports a year, each on its own day and month.

Decisions (see docs/periods.md):

* "trước ngày D" counts day D itself as on time (`before_day="inclusive"`, the same reading as the
  deadline reader's default); "exclusive" moves the deadline to the end of the day before.
* Without an hour, a report is due at the end of the day (23:59:59.999999, Asia/Ho_Chi_Minh).
  With an hour ("trước 17h00") it is due at that minute: the hour makes the day exact.
* A day-of-month rule ("ngày 12 hằng tháng") gives the first day D on or after the period's
  window end minus seven days. Under Nghị định 09 a month's window ends on the 14th, so
  "ngày 12" is the 12th of that month; under calendar windows (ending on the 31st) it is the 12th
  of the month after. A deadline more than a week before the cut-off would ask units to report
  on a month that has mostly not happened, so it is read as the next month's day D.
* A day/month rule ("năm trước ngày 08/11") gives that day in the year the period ends.
* When the day is a day off, the deadline moves to the next working day only if the plan says
  so (`roll_to_working_day`), at the same hour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from theodoi.core.text import clean, search_key
from theodoi.periods.windows import (
    Period,
    PeriodKind,
    WindowMode,
    add_months,
    last_day,
    periods_between,
    periods_of_year,
)
from theodoi.periods.workdays import WorkCalendar

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
END_OF_DAY = time.max
# How far before a window's end a day-of-month deadline may fall and still belong to it.
DAY_OF_MONTH_LEAD = timedelta(days=7)


@dataclass(frozen=True)
class SubmissionRule:
    """When the report of one kind of period is due.

    `index` limits the rule to one period of its kind ("quý I" is quarter 1 only); `month` makes
    `day` a fixed day/month instead of a day of every month; `at` is the hour (None: end of day).
    """

    kind: PeriodKind
    day: int
    month: int | None = None
    index: int | None = None
    at: time | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.day <= 31:
            raise ValueError(f"Ngày {self.day} không hợp lệ")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"Tháng {self.month} không hợp lệ")
        if self.month is not None and self.kind == PeriodKind.MONTH:
            raise ValueError("Báo cáo tháng không có ngày/tháng cố định")
        if self.month is not None and self.index is None and self.kind == PeriodKind.QUARTER:
            raise ValueError("Ngày/tháng cố định của báo cáo quý phải chỉ rõ quý nào")

    def applies_to(self, period: Period) -> bool:
        return period.kind == self.kind and (self.index is None or period.index == self.index)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": str(self.kind),
            "day": self.day,
            "month": self.month,
            "index": self.index,
            "at": self.at.strftime("%H:%M") if self.at else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> SubmissionRule:
        at = data.get("at")
        return cls(
            kind=PeriodKind(str(data["kind"])),
            day=int(str(data["day"])),
            month=int(str(data["month"])) if data.get("month") is not None else None,
            index=int(str(data["index"])) if data.get("index") is not None else None,
            at=time.fromisoformat(str(at)) if at else None,
        )


def _clamped(year: int, month: int, day: int) -> date:
    """Day `day` of the month, or its last day when the month is shorter (31 -> 30/4, 29/2)."""
    return min(date(year, month, 1) + timedelta(days=day - 1), last_day(year, month))


def due_date(rule: SubmissionRule, period: Period, mode: WindowMode | str = WindowMode.DECREE_09) -> date:
    """The calendar day the report of `period` is due under `rule`, before any roll-forward."""
    if not rule.applies_to(period):
        raise ValueError(f"Quy tắc {rule} không áp dụng cho kỳ {period.label}")
    if rule.month is not None:
        return _clamped(period.year, rule.month, rule.day)
    earliest = period.window(mode)[1] - DAY_OF_MONTH_LEAD
    candidate = _clamped(earliest.year, earliest.month, rule.day)
    if candidate < earliest:
        year, month = add_months(earliest.year, earliest.month, 1)
        candidate = _clamped(year, month, rule.day)
    return candidate


def due_at(
    rule: SubmissionRule,
    period: Period,
    *,
    mode: WindowMode | str = WindowMode.DECREE_09,
    workdays: WorkCalendar | None = None,
    roll_to_working_day: bool = False,
) -> datetime:
    """The moment (Asia/Ho_Chi_Minh) the report of `period` is due."""
    day = due_date(rule, period, mode)
    if roll_to_working_day:
        day = (workdays or WorkCalendar()).next_working_day(day)
    return datetime.combine(day, rule.at or END_OF_DAY, tzinfo=VIETNAM_TZ)


@dataclass(frozen=True)
class SubmissionSchedule:
    """All the periodic reports a plan asks for."""

    rules: tuple[SubmissionRule, ...]
    mode: WindowMode = WindowMode.DECREE_09
    roll_to_working_day: bool = False

    def rule_for(self, period: Period) -> SubmissionRule | None:
        return next((rule for rule in self.rules if rule.applies_to(period)), None)

    def kinds(self) -> tuple[PeriodKind, ...]:
        return tuple(dict.fromkeys(PeriodKind(rule.kind) for rule in self.rules))

    def due_at(self, period: Period, workdays: WorkCalendar | None = None) -> datetime | None:
        rule = self.rule_for(period)
        if rule is None:
            return None
        return due_at(rule, period, mode=self.mode, workdays=workdays, roll_to_working_day=self.roll_to_working_day)

    def periods_between(
        self, start: date, end: date, workdays: WorkCalendar | None = None
    ) -> list[tuple[Period, datetime]]:
        """The reported periods whose window ends within [start, end], with their due moments."""
        found = []
        for period in periods_between(self.kinds(), start, end, self.mode):
            moment = self.due_at(period, workdays)
            if moment is not None:
                found.append((period, moment))
        return found

    def periods_of_year(self, year: int, workdays: WorkCalendar | None = None) -> list[tuple[Period, datetime]]:
        found = []
        for kind in self.kinds():
            for period in periods_of_year(kind, year):
                moment = self.due_at(period, workdays)
                if moment is not None:
                    found.append((period, moment))
        return sorted(found, key=lambda item: item[1])


# --- reading a clause -------------------------------------------------------------------------
# Patterns run on the search key: unaccented, lower case, one space between words
# ("Trước 17h00 ngày 12 hằng tháng" -> "truoc 17h00 ngay 12 hang thang").

_HOUR = r"(?:(?P<hour>\d{1,2})\s*(?:h|gio|:)\s*(?P<minute>\d{2})?(?:\s*phut)?\s*,?\s*(?:ngay\s+)?)"
_HOUR2 = _HOUR.replace("?P<hour>", "?P<hour2>").replace("?P<minute>", "?P<minute2>")
_MONTHLY = re.compile(
    # "trước [17h00] ngày 12 hằng tháng" ...
    rf"(?:truoc|cham nhat|han cuoi)\s+{_HOUR}?(?:ngay\s+)?(?P<day>\d{{1,2}})\s+(?:cua\s+)?hang\s+thang"
    # ... or "hằng tháng, trước [17h00] ngày 12"
    rf"|hang\s+thang\s*[,(:]?\s*(?:truoc|cham nhat)\s+{_HOUR2}?(?:ngay\s+)?(?P<day2>\d{{1,2}})(?![\d/])"
)
_QUARTERLY = re.compile(
    rf"(?:truoc|cham nhat)\s+{_HOUR}?(?:ngay\s+)?(?P<day>\d{{1,2}})\s+(?:cua\s+)?(?:thang cuoi\s+)?hang\s+quy"
)
_KIND = (
    r"(?P<kind>quy\s+(?P<quarter>iv|iii|ii|i|[1-4])(?![a-z])|6\s+thang(?:\s+dau\s+nam)?|sau\s+thang(?:\s+dau\s+nam)?"
    r"|9\s+thang|chin\s+thang|(?:ca\s+)?nam)"
)
_FIXED = re.compile(
    rf"{_KIND}\s+(?:\d{{4}}\s+)?(?:truoc|cham nhat)\s+{_HOUR}?"
    r"(?:ngay\s+)?(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})(?!\d)"
)
_QUARTER_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _hour(match: re.Match[str], suffix: str = "") -> time | None:
    hour = match.group("hour" + suffix)
    if hour is None:
        return None
    minute = match.group("minute" + suffix)
    return time(int(hour), int(minute or 0))


def _kind_of(match: re.Match[str]) -> tuple[PeriodKind, int | None]:
    word = match.group("kind")
    if word.startswith("quy"):
        return PeriodKind.QUARTER, _QUARTER_NUMBERS[match.group("quarter")]
    if word.startswith(("6", "sau")):
        return PeriodKind.HALF, 1
    if word.startswith(("9", "chin")):
        return PeriodKind.NINE_MONTHS, 1
    return PeriodKind.YEAR, 1


def _shift_exclusive(rule: SubmissionRule) -> SubmissionRule:
    """'trước ngày D' read strictly: due at the end of day D-1 (an hour keeps day D)."""
    if rule.at is not None:
        return rule
    if rule.day > 1:
        return SubmissionRule(rule.kind, rule.day - 1, rule.month, rule.index, rule.at)
    if rule.month is None:
        raise ValueError("Không thể đọc 'trước ngày 1 hằng tháng' theo nghĩa loại trừ")
    previous = date(2001, rule.month, 1) - timedelta(days=1)  # a non-leap year: 29/2 never results
    return SubmissionRule(rule.kind, previous.day, previous.month, rule.index, rule.at)


def read_submission_clause(text: str, *, before_day: str = "inclusive") -> tuple[SubmissionRule, ...]:
    """The submission rules a clause states, in the order written; () when it states none.

    >>> read_submission_clause("Trước 17h00 ngày 12 hằng tháng")[0].to_dict()
    {'kind': 'month', 'day': 12, 'month': None, 'index': None, 'at': '17:00'}
    """
    if before_day not in ("inclusive", "exclusive"):
        raise ValueError("before_day phải là 'inclusive' hoặc 'exclusive'")
    key = search_key(text)
    found: list[tuple[int, SubmissionRule]] = []
    for match in _MONTHLY.finditer(key):
        suffix = "" if match.group("day") else "2"
        day = int(match.group("day" if not suffix else "day2"))
        found.append((match.start(), SubmissionRule(PeriodKind.MONTH, day, at=_hour(match, suffix))))
    for match in _QUARTERLY.finditer(key):
        rule = SubmissionRule(PeriodKind.QUARTER, int(match.group("day")), at=_hour(match))
        found.append((match.start(), rule))
    for match in _FIXED.finditer(key):
        kind, index = _kind_of(match)
        found.append(
            (
                match.start(),
                SubmissionRule(kind, int(match.group("day")), int(match.group("month")), index, _hour(match)),
            )
        )
    rules = [rule for _, rule in sorted(found, key=lambda item: item[0])]
    if before_day == "exclusive":
        rules = [_shift_exclusive(rule) for rule in rules]
    return tuple(dict.fromkeys(rules))


_SENTENCE_BREAK = re.compile(r"(?<=[.;!?])\s+|\s+-\s+|^\s*-\s+")


def find_submission_clause(text: str) -> str:
    """The sentences of a whole document that state its reporting deadlines, joined; "" when
    none does. For pre-filling a plan's schedule from its source document."""
    # Markdown emphasis in converted documents ("**Trước 17h00 …**") is not part of the text.
    sentences = [sentence.strip(" -") for sentence in _SENTENCE_BREAK.split(clean(text).replace("**", ""))]
    return " ".join(sentence for sentence in sentences if sentence and read_submission_clause(sentence))
