"""When a reminder is due: the stages of a deadline under a plan's policy. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from theodoi.periods.submission import VIETNAM_TZ
from theodoi.periods.workdays import WorkCalendar

ON_DAY = "on-day"


@dataclass(frozen=True)
class Stage:
    """One reminder of a deadline: its name ("before-3", "on-day", "after-7"), the moment it is
    due to go out, and whether it escalates to the unit's leaders and the coordinators."""

    name: str
    at: datetime
    escalate: bool
    days: int  # days before (negative) or after (positive) the deadline; 0 on the day


@dataclass(frozen=True)
class PolicyRules:
    days_before: tuple[int, ...] = (3,)
    on_due_day: bool = True
    days_after: tuple[int, ...] = (1, 7)
    escalate_from_day: int = 1
    send_at: time = time(8, 0)


def stages(rules: PolicyRules, due_on: date, workdays: WorkCalendar | None = None) -> list[Stage]:
    """All stages of a deadline, in the order they go out. With `workdays`, no reminder goes out
    on a day off: one due before the deadline (or on its day) comes on the working day before,
    one due after it on the working day after."""

    def moment(day: date, earlier: bool) -> datetime:
        if workdays is not None:
            day = workdays.previous_working_day(day) if earlier else workdays.next_working_day(day)
        return datetime.combine(day, rules.send_at, VIETNAM_TZ)

    found = [
        Stage(f"before-{days}", moment(due_on - timedelta(days=days), True), False, -days)
        for days in set(rules.days_before)
        if days > 0
    ]
    if rules.on_due_day:
        found.append(Stage(ON_DAY, moment(due_on, True), False, 0))
    found += [
        Stage(f"after-{days}", moment(due_on + timedelta(days=days), False), days >= rules.escalate_from_day, days)
        for days in set(rules.days_after)
        if days > 0
    ]
    # Two stages moved onto the same working day: the later one (closer to or past the deadline)
    # is the one that goes out.
    return sorted(found, key=lambda stage: (stage.at, stage.days))


def current_stage(
    rules: PolicyRules, due_on: date, now: datetime, workdays: WorkCalendar | None = None
) -> Stage | None:
    """The latest stage whose moment has come, or None before the first. Only the latest goes
    out: a scheduler that was stopped for days sends one reminder, not every one it missed."""
    reached = [stage for stage in stages(rules, due_on, workdays) if stage.at <= now]
    return reached[-1] if reached else None
