"""The periodic scheduler: every minute, open the period reports that are due, put the reminders
that have come due into digests, and queue again the digests a dead worker left behind."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime

from django.db import close_old_connections
from django.utils import timezone

from theodoi.notifications.services import digests_requeue, reminders_schedule
from theodoi.periods.services import unit_reports_open_due
from theodoi.submissions.services import reports_open_due

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TickResult:
    reports_opened: int
    submissions_opened: int
    digests: int
    reminders: int
    requeued: int


def scheduler_tick(*, now: datetime | None = None) -> TickResult:
    """One run of the scheduler. Safe to run twice at once or again after a crash: each step is
    idempotent (unique keys on period reports and on the reminder ledger)."""
    now = now or timezone.now()
    opened = unit_reports_open_due(now=now)
    # Each unit that owes a report gets one in state "chưa nộp" as soon as the period opens.
    opened_reports = reports_open_due(now=now)
    result = reminders_schedule(now=now)
    requeued = digests_requeue()
    tick = TickResult(opened, opened_reports, len(result.digests), result.reminders, requeued)
    if opened or opened_reports or result.digests or requeued:
        logger.info("Lịch nhắc việc: %s", tick)
    return tick


def run_scheduler(stop: threading.Event, *, interval: float = 60.0, now: datetime | None = None) -> None:
    """Tick every `interval` seconds until `stop` is set; an error in one tick is logged and the
    next tick runs as usual."""
    while not stop.is_set():
        try:
            scheduler_tick(now=now)
        except Exception:
            logger.exception("Lỗi khi chạy lịch nhắc việc; sẽ thử lại ở lượt sau")
        finally:
            close_old_connections()
        stop.wait(interval)
