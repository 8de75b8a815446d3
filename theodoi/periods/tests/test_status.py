"""Status as of a date: before, on and after every boundary."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from theodoi.periods.status import (
    Event,
    Extension,
    Halt,
    Item,
    Status,
    combine,
    end_of_day,
    on_time_rates,
    start_of_day,
    status_as_of,
    status_on,
    timeliness_as_of,
)
from theodoi.periods.submission import VIETNAM_TZ

S = Status
DUE = end_of_day(date(2026, 3, 31))
PLAIN = Item(original_due=DUE, starts_at=start_of_day(date(2026, 1, 1)))
DONE_ON_DUE_DAY = Item(original_due=DUE, completed_at=end_of_day(date(2026, 3, 31)))
DONE_LATE = Item(original_due=DUE, completed_at=end_of_day(date(2026, 4, 10)))
# Asked for, approved on 25/3 (before the deadline): new deadline 30/4.
EXTENDED = Item(
    original_due=DUE,
    extensions=(Extension(due=end_of_day(date(2026, 4, 30)), approved_at=end_of_day(date(2026, 3, 25))),),
)
EXTENDED_DONE = Item(
    original_due=DUE,
    extensions=EXTENDED.extensions,
    completed_at=end_of_day(date(2026, 4, 20)),
)
# An extension approved after the work was done does not make it punctual.
EXTENDED_AFTER_DONE = Item(
    original_due=DUE,
    extensions=(Extension(due=end_of_day(date(2026, 4, 30)), approved_at=end_of_day(date(2026, 4, 15))),),
    completed_at=end_of_day(date(2026, 4, 10)),
)
EVENT_WAITING = Item(awaits_event=True)
EVENT = Item(awaits_event=True, event=Event.after(date(2026, 5, 4), 30))
HALTED = Item(original_due=DUE, halt=Halt(at=end_of_day(date(2026, 3, 20)), reason="Trung ương điều chỉnh"))


@pytest.mark.parametrize(
    ("item", "day", "status"),
    [
        (PLAIN, date(2025, 12, 31), S.NOT_DUE),
        (PLAIN, date(2026, 1, 1), S.IN_PROGRESS),
        (PLAIN, date(2026, 3, 30), S.IN_PROGRESS),
        (PLAIN, date(2026, 3, 31), S.IN_PROGRESS),
        (PLAIN, date(2026, 4, 1), S.OVERDUE),
        (PLAIN, date(2027, 1, 1), S.OVERDUE),
        (DONE_ON_DUE_DAY, date(2026, 3, 30), S.IN_PROGRESS),
        (DONE_ON_DUE_DAY, date(2026, 3, 31), S.DONE_ON_TIME),
        (DONE_ON_DUE_DAY, date(2026, 12, 31), S.DONE_ON_TIME),
        # Finished late: overdue in the days it was late, "hoàn thành quá hạn" after.
        (DONE_LATE, date(2026, 3, 31), S.IN_PROGRESS),
        (DONE_LATE, date(2026, 4, 1), S.OVERDUE),
        (DONE_LATE, date(2026, 4, 9), S.OVERDUE),
        (DONE_LATE, date(2026, 4, 10), S.DONE_LATE),
        (DONE_LATE, date(2027, 4, 10), S.DONE_LATE),
        # Extension counts from its approval.
        (EXTENDED, date(2026, 3, 24), S.IN_PROGRESS),
        (EXTENDED, date(2026, 4, 1), S.IN_PROGRESS),
        (EXTENDED, date(2026, 4, 30), S.IN_PROGRESS),
        (EXTENDED, date(2026, 5, 1), S.OVERDUE),
        (EXTENDED_DONE, date(2026, 4, 20), S.DONE_ON_TIME),
        (EXTENDED_AFTER_DONE, date(2026, 4, 5), S.OVERDUE),
        (EXTENDED_AFTER_DONE, date(2026, 4, 10), S.DONE_LATE),
        (EXTENDED_AFTER_DONE, date(2026, 5, 1), S.DONE_LATE),
        # Event tasks wait; their deadline runs from the event.
        (EVENT_WAITING, date(2030, 1, 1), S.AWAITING_EVENT),
        (EVENT, date(2026, 5, 3), S.AWAITING_EVENT),
        (EVENT, date(2026, 5, 4), S.IN_PROGRESS),
        (EVENT, date(2026, 6, 3), S.IN_PROGRESS),
        (EVENT, date(2026, 6, 4), S.OVERDUE),
        # Halted: overdue status stops; before the halt it was what it was.
        (HALTED, date(2026, 3, 19), S.IN_PROGRESS),
        (HALTED, date(2026, 3, 20), S.HALTED),
        (HALTED, date(2026, 6, 1), S.HALTED),
        (Item(), date(2026, 6, 1), S.IN_PROGRESS),
    ],
)
def test_status_on_each_side_of_each_boundary(item: Item, day: date, status: Status) -> None:
    assert status_on(item, day).status == status


def test_hours_count_for_reports_due_at_17h() -> None:
    report = Item(original_due=datetime(2026, 3, 12, 17, tzinfo=VIETNAM_TZ))
    assert status_as_of(report, datetime(2026, 3, 12, 16, 59, tzinfo=VIETNAM_TZ)).status == S.IN_PROGRESS
    assert status_as_of(report, datetime(2026, 3, 12, 17, 0, 1, tzinfo=VIETNAM_TZ)).status == S.OVERDUE
    sent_at_18h = Item(original_due=report.original_due, completed_at=datetime(2026, 3, 12, 18, tzinfo=VIETNAM_TZ))
    reading = status_on(sent_at_18h, date(2026, 3, 12))
    assert reading.status == S.DONE_LATE
    assert reading.days_late == 0


def test_reading_carries_original_and_current_deadlines() -> None:
    reading = status_on(EXTENDED, date(2026, 4, 1))
    assert reading.original_due == DUE
    assert reading.due == end_of_day(date(2026, 4, 30))
    assert reading.extended
    assert not status_on(EXTENDED, date(2026, 3, 24)).extended


def test_halt_keeps_its_reason() -> None:
    reading = status_on(HALTED, date(2026, 4, 1))
    assert reading.halt_reason == "Trung ương điều chỉnh"
    assert reading.label == "Dừng/điều chỉnh"


def test_days_late() -> None:
    assert status_on(PLAIN, date(2026, 4, 5)).days_late == 5
    assert status_on(DONE_LATE, date(2026, 5, 1)).days_late == 10


@pytest.mark.parametrize(
    ("day", "window", "soon"),
    [
        (date(2026, 3, 27), 3, False),
        (date(2026, 3, 28), 3, True),
        (date(2026, 3, 31), 3, True),
        (date(2026, 4, 1), 3, False),  # overdue, not "sắp đến hạn"
        (date(2026, 3, 21), 10, True),
        (date(2026, 3, 20), 10, False),
    ],
)
def test_due_soon_flag(day: date, window: int, soon: bool) -> None:
    assert status_on(PLAIN, day, due_soon_days=window).due_soon is soon


def test_done_item_is_never_due_soon() -> None:
    assert not status_on(DONE_ON_DUE_DAY, date(2026, 3, 31)).due_soon


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError):
        status_as_of(PLAIN, datetime(2026, 1, 1))
    with pytest.raises(ValueError):
        Item(original_due=datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("item", "day", "original", "extended"),
    [
        (PLAIN, date(2026, 3, 31), None, None),
        (PLAIN, date(2026, 4, 1), False, False),
        (DONE_ON_DUE_DAY, date(2026, 4, 1), True, True),
        (DONE_LATE, date(2026, 5, 1), False, False),
        (EXTENDED, date(2026, 4, 15), False, None),
        (EXTENDED_DONE, date(2026, 5, 1), False, True),
        (EXTENDED_AFTER_DONE, date(2026, 5, 1), False, False),
        (HALTED, date(2026, 5, 1), None, None),
        (EVENT_WAITING, date(2026, 5, 1), None, None),
    ],
)
def test_timeliness(item: Item, day: date, original: bool | None, extended: bool | None) -> None:
    verdict = timeliness_as_of(item, end_of_day(day))
    assert (verdict.on_time_original, verdict.on_time_extended) == (original, extended)


def test_extensions_cannot_make_a_late_unit_punctual() -> None:
    items = [DONE_ON_DUE_DAY, EXTENDED_DONE, EXTENDED_AFTER_DONE, PLAIN]
    original, extended = on_time_rates(items, end_of_day(date(2026, 5, 1)))
    assert (original.decided, original.on_time) == (4, 1)
    assert (extended.decided, extended.on_time) == (4, 2)
    assert original.rate == 0.25
    assert extended.rate == 0.5


def test_rates_with_nothing_decided() -> None:
    original, extended = on_time_rates([PLAIN], end_of_day(date(2026, 1, 5)))
    assert original.rate is None and extended.rate is None


@pytest.mark.parametrize(
    ("statuses", "combined"),
    [
        ([S.DONE_ON_TIME, S.DONE_ON_TIME], S.DONE_ON_TIME),
        ([S.DONE_ON_TIME, S.DONE_LATE], S.DONE_LATE),
        ([S.DONE_ON_TIME, S.IN_PROGRESS], S.IN_PROGRESS),
        ([S.DONE_ON_TIME, S.OVERDUE, S.IN_PROGRESS], S.OVERDUE),
        ([S.DONE_ON_TIME, S.HALTED], S.DONE_ON_TIME),
        ([S.HALTED, S.HALTED], S.HALTED),
        ([S.AWAITING_EVENT, S.NOT_DUE], S.AWAITING_EVENT),
        ([], S.NOT_DUE),
    ],
)
def test_a_task_given_to_several_units_is_done_only_when_all_are(statuses: list[Status], combined: Status) -> None:
    from theodoi.periods.status import Reading

    assert combine(Reading(s, None, None) for s in statuses) == combined


def test_end_of_day_is_vietnam_time() -> None:
    moment = end_of_day(date(2026, 3, 31))
    assert moment.utcoffset() == timedelta(hours=7)
    assert moment.astimezone(VIETNAM_TZ).date() == date(2026, 3, 31)
