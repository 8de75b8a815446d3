from datetime import date, datetime, time

import pytest

from theodoi.notifications.reminders import PolicyRules, current_stage, stages
from theodoi.periods.submission import VIETNAM_TZ
from theodoi.periods.workdays import WorkCalendar

DUE = date(2026, 3, 12)
RULES = PolicyRules(days_before=(3, 1), on_due_day=True, days_after=(1, 7), escalate_from_day=7, send_at=time(8))


def vn(*args):
    return datetime(*args, tzinfo=VIETNAM_TZ)


def test_stages_in_order():
    assert [(s.name, s.at, s.escalate) for s in stages(RULES, DUE)] == [
        ("before-3", vn(2026, 3, 9, 8), False),
        ("before-1", vn(2026, 3, 11, 8), False),
        ("on-day", vn(2026, 3, 12, 8), False),
        ("after-1", vn(2026, 3, 13, 8), False),
        ("after-7", vn(2026, 3, 19, 8), True),
    ]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (vn(2026, 3, 9, 7, 59), None),
        (vn(2026, 3, 9, 8), "before-3"),
        (vn(2026, 3, 10, 23), "before-3"),
        (vn(2026, 3, 11, 8), "before-1"),
        (vn(2026, 3, 12, 7, 59), "before-1"),
        (vn(2026, 3, 12, 8), "on-day"),
        (vn(2026, 3, 13, 8), "after-1"),
        (vn(2026, 3, 19, 8), "after-7"),
        (vn(2027, 1, 1), "after-7"),
        # A scheduler stopped for days sends only the latest stage.
        (vn(2026, 3, 13, 9), "after-1"),
    ],
)
def test_current_stage(now, expected):
    stage = current_stage(RULES, DUE, now)
    assert (stage.name if stage else None) == expected


def test_stages_across_the_year_end_and_a_leap_day():
    names = {s.name: s.at.date() for s in stages(RULES, date(2028, 1, 1))}
    assert names["before-3"] == date(2027, 12, 29)
    names = {s.name: s.at.date() for s in stages(RULES, date(2028, 2, 28))}
    assert names["after-1"] == date(2028, 2, 29)


def test_no_stage_on_the_day_when_turned_off():
    rules = PolicyRules(days_before=(), on_due_day=False, days_after=(2,), escalate_from_day=1)
    assert [s.name for s in stages(rules, DUE)] == ["after-2"]
    assert stages(rules, DUE)[0].escalate


VN = WorkCalendar()


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        # Due Thursday 12/3/2026: before-3 falls on Monday 9/3, nothing moves.
        (
            date(2026, 3, 12),
            {
                "before-3": date(2026, 3, 9),
                "before-1": date(2026, 3, 11),
                "on-day": date(2026, 3, 12),
                "after-1": date(2026, 3, 13),
                "after-7": date(2026, 3, 19),
            },
        ),
        # Due Monday 16/3: before-1 (Sunday) comes on Friday 13/3; after-7 (Monday 23/3) stays.
        (
            date(2026, 3, 16),
            {
                "before-3": date(2026, 3, 13),
                "before-1": date(2026, 3, 13),
                "on-day": date(2026, 3, 16),
                "after-1": date(2026, 3, 17),
                "after-7": date(2026, 3, 23),
            },
        ),
        # Due Saturday 14/3 (a plan that does not roll): on-day on Friday, after-1 on Monday.
        (
            date(2026, 3, 14),
            {
                "before-3": date(2026, 3, 11),
                "before-1": date(2026, 3, 13),
                "on-day": date(2026, 3, 13),
                "after-1": date(2026, 3, 16),
                "after-7": date(2026, 3, 23),
            },
        ),
        # Due 27/4/2026 (nghỉ bù Giỗ Tổ): before-1 on Friday 24/4, after-1 Tuesday 28/4,
        # after-7 (4/5, after 30/4-1/5 and the weekend) on Monday 4/5.
        (
            date(2026, 4, 27),
            {
                "before-3": date(2026, 4, 24),
                "before-1": date(2026, 4, 24),
                "on-day": date(2026, 4, 24),
                "after-1": date(2026, 4, 28),
                "after-7": date(2026, 5, 4),
            },
        ),
    ],
)
def test_no_reminder_on_a_day_off(due, expected):
    assert {s.name: s.at.date() for s in stages(RULES, due, VN)} == expected


def test_stages_moved_onto_one_day_send_the_later_one():
    # Due Monday 16/3: before-3 and before-1 both come on Friday 13/3; before-1 goes out.
    assert current_stage(RULES, date(2026, 3, 16), vn(2026, 3, 13, 9), VN).name == "before-1"
