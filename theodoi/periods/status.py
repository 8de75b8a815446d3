"""The status of a task or report as of a moment, computed, never stored.

The categories are those Vietnamese task tracking reports use. Everything is judged with what
was in force at the moment asked about, so a report for March shows March's truth and never
changes afterwards:

* an extension counts from the moment it was approved, not from the moment it was asked for;
* an item completed late is "hoàn thành quá hạn" against the deadline in force when it was
  completed (an extension approved after the work was done does not make it punctual);
* an event task waits ("chờ sự kiện") until its event has happened; its deadline is then the
  event's date plus the offset the coordinator chose;
* a halted item ("dừng/điều chỉnh") carries its reason and is no longer late or due.

On-time rates are computed twice: against the original deadline (the rate that counts) and
against the deadline after approved extensions (shown beside it).

Pure Python; all moments are time-zone-aware datetimes. `as_of_end_of_day` turns a date into the
end of that day in Asia/Ho_Chi_Minh, which is how dates (a task's "hạn" or "ngày hoàn thành")
are compared: a task due on 31/3 and finished on 31/3 is on time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.periods.deadlines import due_after_event
from theodoi.periods.submission import END_OF_DAY, VIETNAM_TZ


class Status(models.TextChoices):
    """Where an item stands, as Vietnamese task-tracking reports count it."""

    NOT_DUE = "not_due", _("Chưa đến hạn")
    IN_PROGRESS = "in_progress", _("Đang thực hiện trong hạn")
    OVERDUE = "overdue", _("Đang thực hiện quá hạn")
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")
    AWAITING_EVENT = "awaiting_event", _("Chờ sự kiện")
    HALTED = "halted", _("Dừng/điều chỉnh")


OPEN_STATUSES = frozenset({Status.NOT_DUE, Status.IN_PROGRESS, Status.OVERDUE})
DONE_STATUSES = frozenset({Status.DONE_ON_TIME, Status.DONE_LATE})


def end_of_day(day: date) -> datetime:
    """The last instant of `day` in Asia/Ho_Chi_Minh."""
    return datetime.combine(day, END_OF_DAY, tzinfo=VIETNAM_TZ)


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=VIETNAM_TZ)


@dataclass(frozen=True)
class Extension:
    """An approved extension: the new deadline, in force from `approved_at`."""

    due: datetime
    approved_at: datetime


@dataclass(frozen=True)
class Event:
    """The event an event task waits for, once recorded: it happened on `occurred_on`, and the
    task is due on `due_on` (the event's date plus the offset the coordinator chose, moved to a
    working day when the plan says so)."""

    occurred_on: date
    due_on: date

    @classmethod
    def after(cls, occurred_on: date, offset_days: int) -> Event:
        """Due `offset_days` after the event; the event's own day is not counted (BLDS 2015, Điều 147)."""
        return cls(occurred_on, due_after_event(occurred_on, offset_days))

    @property
    def due(self) -> datetime:
        return end_of_day(self.due_on)


@dataclass(frozen=True)
class Halt:
    """The item was stopped or adjusted ("dừng/điều chỉnh") at `at`, for `reason`."""

    at: datetime
    reason: str


@dataclass(frozen=True)
class Item:
    """What is known of one obligation (a unit's task, or a unit's periodic report).

    `original_due` is None for an event task (its deadline comes from the event) and for an
    item with no deadline at all ("Thường xuyên" outside any period). `starts_at` is when the
    work opens (a range's "from", a period's opening); before it the item is "chưa đến hạn".
    """

    original_due: datetime | None = None
    extensions: tuple[Extension, ...] = ()
    completed_at: datetime | None = None
    starts_at: datetime | None = None
    awaits_event: bool = False
    event: Event | None = None
    halt: Halt | None = None

    def __post_init__(self) -> None:
        for moment in (self.original_due, self.completed_at, self.starts_at):
            if moment is not None and moment.tzinfo is None:
                raise ValueError("Thời điểm phải có múi giờ")

    def original_due_as_of(self, moment: datetime) -> datetime | None:
        """The deadline before any extension, as known at `moment` (None while an event task
        still waits for its event)."""
        if self.awaits_event:
            if self.event is None or start_of_day(self.event.occurred_on) > moment:
                return None
            return self.event.due
        return self.original_due

    def due_as_of(self, moment: datetime) -> datetime | None:
        """The deadline in force at `moment`: the latest extension approved by then, else the
        original."""
        approved = [ext for ext in self.extensions if ext.approved_at <= moment]
        if approved:
            return max(approved, key=lambda ext: ext.approved_at).due
        return self.original_due_as_of(moment)


@dataclass(frozen=True)
class Reading:
    """The status of an item as of a moment, with the flags shown beside it."""

    status: Status
    due: datetime | None
    original_due: datetime | None
    due_soon: bool = False
    extended: bool = False
    halt_reason: str = ""
    days_late: int = 0

    @property
    def label(self) -> str:
        return str(self.status.label)


def _days_between(earlier: datetime, later: datetime) -> int:
    return max(0, (later.astimezone(VIETNAM_TZ).date() - earlier.astimezone(VIETNAM_TZ).date()).days)


def status_as_of(item: Item, as_of: datetime, *, due_soon_days: int = 3) -> Reading:
    """The status of `item` at the moment `as_of` (use `end_of_day(d)` for "as of day d")."""
    if as_of.tzinfo is None:
        raise ValueError("Thời điểm phải có múi giờ")
    due = item.due_as_of(as_of)
    original = item.original_due_as_of(as_of)
    extended = due is not None and original is not None and due != original

    def reading(status: Status, *, due_soon: bool = False, halt_reason: str = "", days_late: int = 0) -> Reading:
        return Reading(status, due, original, due_soon, extended, halt_reason, days_late)

    if item.completed_at is not None and item.completed_at <= as_of:
        due_then = item.due_as_of(item.completed_at)
        if due_then is not None and item.completed_at > due_then:
            return reading(Status.DONE_LATE, days_late=_days_between(due_then, item.completed_at))
        return reading(Status.DONE_ON_TIME)
    if item.halt is not None and item.halt.at <= as_of:
        return reading(Status.HALTED, halt_reason=item.halt.reason)
    if item.awaits_event and original is None:
        return reading(Status.AWAITING_EVENT)
    if due is not None and as_of > due:
        return reading(Status.OVERDUE, days_late=_days_between(due, as_of))
    if item.starts_at is not None and as_of < item.starts_at:
        return reading(Status.NOT_DUE)
    soon = due is not None and due - as_of <= timedelta(days=due_soon_days)
    return reading(Status.IN_PROGRESS, due_soon=soon)


def status_on(item: Item, day: date, *, due_soon_days: int = 3) -> Reading:
    """The status at the end of `day`."""
    return status_as_of(item, end_of_day(day), due_soon_days=due_soon_days)


@dataclass(frozen=True)
class Timeliness:
    """Whether an item met its deadline: against the original, and after extensions. None
    while it cannot be said yet (open and not yet due, waiting, halted)."""

    on_time_original: bool | None
    on_time_extended: bool | None


def timeliness_as_of(item: Item, as_of: datetime) -> Timeliness:
    if item.completed_at is not None and item.completed_at <= as_of:
        original = item.original_due_as_of(item.completed_at)
        extended = item.due_as_of(item.completed_at)
        return Timeliness(
            original is None or item.completed_at <= original,
            extended is None or item.completed_at <= extended,
        )
    if item.halt is not None and item.halt.at <= as_of:
        return Timeliness(None, None)
    original = item.original_due_as_of(as_of)
    extended = item.due_as_of(as_of)
    return Timeliness(
        False if original is not None and as_of > original else None,
        False if extended is not None and as_of > extended else None,
    )


@dataclass(frozen=True)
class OnTimeRate:
    """Share of decided items that met their deadline; None when nothing is decided yet."""

    decided: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return None if self.decided == 0 else self.on_time / self.decided


def on_time_rates(items: Iterable[Item], as_of: datetime) -> tuple[OnTimeRate, OnTimeRate]:
    """(against the original deadlines, after approved extensions). An extension can raise the
    second, never the first: a late unit does not become punctual by moving its deadline."""
    counts = {"original": [0, 0], "extended": [0, 0]}
    for item in items:
        timeliness = timeliness_as_of(item, as_of)
        verdicts = (("original", timeliness.on_time_original), ("extended", timeliness.on_time_extended))
        for name, verdict in verdicts:
            if verdict is not None:
                counts[name][0] += 1
                counts[name][1] += int(verdict)
    return OnTimeRate(*counts["original"]), OnTimeRate(*counts["extended"])


def combine(readings: Iterable[Reading]) -> Status:
    """The status of a task given to several units: done only when every unit is done (late if
    any was late); otherwise the most pressing open status wins."""
    statuses = [reading.status for reading in readings]
    if not statuses:
        return Status.NOT_DUE
    active = [status for status in statuses if status != Status.HALTED]
    if not active:
        return Status.HALTED
    if all(status in DONE_STATUSES for status in active):
        return Status.DONE_LATE if Status.DONE_LATE in active else Status.DONE_ON_TIME
    pressing = (Status.OVERDUE, Status.IN_PROGRESS, Status.AWAITING_EVENT, Status.NOT_DUE)
    return next(status for status in pressing if status in active)
