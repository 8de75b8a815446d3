"""Writes for reminders: building the digests of a scheduler run, delivering one digest,
re-queueing digests a dead worker left behind, and marking notifications read.

Sending is made idempotent in two places. `reminders_schedule` writes a ledger row per reminder
under a unique key (unit, kind, object, due date, stage) in the same transaction as the unit's
digest, so a reminder is put in one digest only, however many schedulers run. `digest_deliver`
claims the digest with one conditional UPDATE before the mail leaves and marks it sent after,
so two workers never both send it; a claim older than the lease (a worker killed mid-send) is
taken again, so nothing is lost. The one window left is a worker killed after the mail server
accepted the message and before the mark was written (a few milliseconds): that digest goes
out again, with the same Message-ID, which mail clients use to fold duplicates.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from theodoi.accounts.choices import Role
from theodoi.accounts.models import User
from theodoi.audit.services import audit_record, model_snapshot
from theodoi.core.errors import ApplicationError
from theodoi.notifications.choices import DigestState
from theodoi.notifications.models import Digest, Notification, ReminderPolicy, SentReminder
from theodoi.notifications.reminders import PolicyRules, Stage, current_stage
from theodoi.periods.selectors import OpenDeadline, open_deadlines, work_calendar
from theodoi.plans.models import Plan
from theodoi.units.models import Unit

logger = logging.getLogger(__name__)


def policy_rules(policy: ReminderPolicy | None) -> PolicyRules:
    if policy is None:
        return PolicyRules()
    return PolicyRules(
        tuple(int(day) for day in policy.days_before),
        policy.on_due_day,
        tuple(int(day) for day in policy.days_after),
        policy.escalate_from_day,
        policy.send_at,
    )


def lease() -> timedelta:
    """How long a claimed digest is left to its worker before another may take it."""
    return timedelta(seconds=getattr(settings, "THEODOI_DIGEST_LEASE_SECONDS", 300))


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


@dataclass
class _Entry:
    deadline: OpenDeadline
    stage: Stage

    @property
    def key(self) -> tuple[int, str, str, date, str]:
        return (
            self.deadline.unit.pk,
            self.deadline.kind,
            self.deadline.object_key,
            self.due_on,
            self.stage.name,
        )

    @property
    def due_on(self) -> date:
        return timezone.localdate(self.deadline.due_at)


@dataclass
class ScheduleResult:
    digests: list[Digest] = field(default_factory=list)
    reminders: int = 0


# --- composing --------------------------------------------------------------------------------


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    if (local.hour, local.minute) == (23, 59):
        return f"ngày {local:%d/%m/%Y}"
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def _days_to_due(reminder: SentReminder) -> int:
    """Days from the reminder's day to the deadline: negative before it, positive after."""
    return (reminder.created_at.astimezone(timezone.get_current_timezone()).date() - reminder.due_on).days


def _line(reminder: SentReminder, *, with_unit: bool = False) -> str:
    days = _days_to_due(reminder)
    tail = f"còn {-days} ngày" if days < 0 else "đến hạn hôm nay" if days == 0 else f"quá hạn {days} ngày"
    unit = f"{reminder.unit.name}: " if with_unit else ""
    return f"- {unit}{reminder.title} — hạn {_when(reminder.due_at)} ({tail}) [{reminder.plan.title}]"


# Grouped by the deadline, not the stage's name: an "on the day" reminder for a deadline on a
# Sunday goes out on the Friday before, when the deadline is still ahead.
_SECTIONS = (
    ("Sắp đến hạn:", lambda days: days < 0),
    ("Đến hạn hôm nay:", lambda days: days == 0),
    ("Đã quá hạn:", lambda days: days > 0),
)


def _body(greeting: str, intro: str, reminders: list[SentReminder], *, with_unit: bool = False) -> str:
    lines = [greeting, "", intro, ""]
    for heading, belongs in _SECTIONS:
        chosen = [row for row in reminders if belongs(_days_to_due(row))]
        if chosen:
            lines.append(heading)
            lines += [_line(row, with_unit=with_unit) for row in sorted(chosen, key=lambda row: row.due_at)]
            lines.append("")
    lines += [
        "Đề nghị cập nhật tình hình thực hiện, gửi báo cáo trên hệ thống theodoi đúng thời hạn.",
        "Thư này được gửi tự động, vui lòng không trả lời.",
    ]
    return "\n".join(lines)


def _people(unit: Unit, roles: Iterable[str]) -> list[User]:
    return list(User.objects.filter(unit=unit, is_active=True, role__in=list(roles)).order_by("pk"))


def _unit_recipients(unit: Unit, escalate: bool) -> list[User]:
    """Who at the unit is told: its reporters; its leaders too once a deadline is escalated (and
    whenever the unit has no reporter)."""
    reporters = _people(unit, [Role.REPORTER])
    if escalate or not reporters:
        return reporters + _people(unit, [Role.UNIT_LEADER])
    return reporters


def _digest_create(unit: Unit, subject: str, body: str, users: list[User], link: str = "") -> Digest:
    # Written at the wall-clock time (claims and re-queueing compare against it), whatever
    # moment the scheduler was asked to run as.
    now = timezone.now()
    emails = sorted({user.email for user in users if user.email})
    digest = Digest.objects.create(
        unit=unit, created_at=now, subject=subject[:300], body=body, recipients=emails,
        message_id=f"<{uuid.uuid4().hex}@theodoi>",
        state=DigestState.PENDING if emails else DigestState.NO_RECIPIENT,
    )  # fmt: skip
    Notification.objects.bulk_create(
        Notification(recipient=user, title=subject[:300], body=body, link=link, digest=digest, created_at=now)
        for user in users
    )
    return digest


def _enqueue(digest: Digest) -> None:
    if digest.state != DigestState.PENDING:
        return
    from theodoi.notifications.tasks import deliver_digest

    transaction.on_commit(lambda: deliver_digest.enqueue(digest.pk))


# --- scheduling -------------------------------------------------------------------------------


def _due_entries(now: datetime, plans: Iterable[Plan] | None) -> dict[int, list[_Entry]]:
    policies = {row.plan_id: row for row in ReminderPolicy.objects.all()}
    workdays = work_calendar()
    by_unit: dict[int, list[_Entry]] = defaultdict(list)
    for deadline in open_deadlines(now, plans):
        policy = policies.get(deadline.plan.pk)
        if policy is not None and not policy.enabled:
            continue
        stage = current_stage(policy_rules(policy), timezone.localdate(deadline.due_at), now, workdays)
        if stage is not None:
            by_unit[deadline.unit.pk].append(_Entry(deadline, stage))
    if not by_unit:
        return {}
    sent = set(
        SentReminder.objects.filter(unit_id__in=list(by_unit)).values_list(
            "unit_id", "kind", "object_key", "due_on", "stage"
        )
    )
    pending = {unit_id: [e for e in entries if e.key not in sent] for unit_id, entries in by_unit.items()}
    return {unit_id: entries for unit_id, entries in pending.items() if entries}


@transaction.atomic
def _unit_digest(unit: Unit, entries: list[_Entry], now: datetime) -> Digest:
    escalate = any(entry.stage.escalate for entry in entries)
    users = _unit_recipients(unit, escalate)
    rows = [
        SentReminder(
            plan=entry.deadline.plan,
            unit=unit,
            kind=entry.deadline.kind,
            object_key=entry.deadline.object_key,
            due_on=entry.due_on,
            stage=entry.stage.name,
            title=entry.deadline.title,
            due_at=entry.deadline.due_at,
            escalated=entry.stage.escalate,
            created_at=now,
        )  # fmt: skip
        for entry in entries
    ]
    subject = f"[theodoi] Nhắc hạn báo cáo, nhiệm vụ — {unit.name} — {timezone.localdate(now):%d/%m/%Y}"
    body = _body(f"Kính gửi: {unit.name}", "Hệ thống theodoi nhắc các hạn của đơn vị:", rows)
    digest = _digest_create(unit, subject, body, users, reverse("notifications:list"))
    for row in rows:
        row.digest = digest
    SentReminder.objects.bulk_create(rows)
    audit_record(
        actor=None, action="notifications.digest_create", target=digest,
        after={"reminders": [row.title for row in rows], "recipients": digest.recipients},
    )  # fmt: skip
    _enqueue(digest)
    return digest


@transaction.atomic
def _escalation_digest(standing_unit: Unit, row_ids: list[int], now: datetime) -> Digest | None:
    """The coordinators' digest for the escalated reminders still untold. The rows are locked
    and re-read first, so two schedulers racing here tell the coordinators once."""
    rows = list(
        SentReminder.objects.select_for_update(of=("self",))
        .filter(pk__in=row_ids, escalation_digest__isnull=True)
        .select_related("unit", "plan")
        .order_by("unit__name", "due_at")
    )
    if not rows:
        return None
    users = _people(standing_unit, [Role.COORDINATOR])
    subject = f"[theodoi] Đơn vị chậm báo cáo, nhiệm vụ quá hạn — {timezone.localdate(now):%d/%m/%Y}"
    body = _body(
        f"Kính gửi: {standing_unit.name} (cơ quan thường trực)",
        "Các đơn vị sau chưa gửi báo cáo hoặc chưa hoàn thành nhiệm vụ đã quá hạn:",
        rows,
        with_unit=True,
    )
    digest = _digest_create(standing_unit, subject, body, users, reverse("notifications:list"))
    SentReminder.objects.filter(pk__in=[row.pk for row in rows]).update(escalation_digest=digest)
    audit_record(
        actor=None, action="notifications.escalation_create", target=digest,
        after={"reminders": [row.pk for row in rows], "recipients": digest.recipients},
    )  # fmt: skip
    _enqueue(digest)
    return digest


def _escalate(now: datetime) -> list[Digest]:
    """One digest per standing unit listing the escalated reminders not yet told to it. Runs on
    every tick, so reminders escalated by a run that died halfway are told on the next one."""
    waiting = SentReminder.objects.filter(escalated=True, escalation_digest__isnull=True).select_related(
        "plan__standing_unit", "unit"
    )
    by_standing: dict[int, list[int]] = defaultdict(list)
    units: dict[int, Unit] = {}
    for row in waiting:
        by_standing[row.plan.standing_unit_id].append(row.pk)
        units[row.plan.standing_unit_id] = row.plan.standing_unit
    created = (_escalation_digest(units[unit_id], row_ids, now) for unit_id, row_ids in by_standing.items())
    return [digest for digest in created if digest is not None]


def reminders_schedule(*, now: datetime | None = None, plans: Iterable[Plan] | None = None) -> ScheduleResult:
    """Put every reminder that has come due and not gone out into one digest per unit."""
    now = now or timezone.now()
    result = ScheduleResult()
    entries = _due_entries(now, plans)
    units = Unit.objects.in_bulk(list(entries))
    for unit_id, unit_entries in entries.items():
        try:
            result.digests.append(_unit_digest(units[unit_id], unit_entries, now))
            result.reminders += len(unit_entries)
        except IntegrityError:
            # Another scheduler wrote some of these reminders first; they are in its digest.
            logger.info("Nhắc việc của đơn vị %s đã được lập bởi lượt khác", unit_id)
    result.digests += _escalate(now)
    return result


# --- delivering -------------------------------------------------------------------------------


def digest_deliver(*, digest_id: int, worker: str | None = None) -> str:
    """Send one digest unless it is sent or another worker holds it. Returns what happened."""
    worker = worker or worker_id()
    now = timezone.now()
    claimable = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease())
    claimed = Digest.objects.filter(claimable, pk=digest_id, state=DigestState.PENDING).update(
        claimed_at=now, claimed_by=worker, attempts=F("attempts") + 1
    )
    if not claimed:
        return "skipped"
    digest = Digest.objects.get(pk=digest_id)
    message = EmailMessage(
        subject=digest.subject, body=digest.body, to=digest.recipients,
        headers={"Message-ID": digest.message_id, "Auto-Submitted": "auto-generated"},
    )  # fmt: skip
    try:
        message.send(fail_silently=False)
    except Exception as error:
        Digest.objects.filter(pk=digest_id, claimed_by=worker).update(claimed_at=None, last_error=str(error)[:2000])
        raise
    Digest.objects.filter(pk=digest_id, claimed_by=worker).update(
        state=DigestState.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def digests_requeue() -> int:
    """Queue again the digests still unsent whose claim (or creation) is older than the lease:
    their worker died, or their queue entry was lost. Delivery is idempotent, so a digest queued
    twice is sent once. Claims are wall-clock times, so this always reads the real clock."""
    cutoff = timezone.now() - lease()
    stale = Digest.objects.filter(state=DigestState.PENDING).filter(
        Q(claimed_at__lt=cutoff) | Q(claimed_at__isnull=True, created_at__lt=cutoff)
    )
    from theodoi.notifications.tasks import deliver_digest

    count = 0
    for digest_id in stale.values_list("pk", flat=True):
        deliver_digest.enqueue(digest_id)
        count += 1
    return count


@transaction.atomic
def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    if actor is None or notification.recipient_id != actor.pk:
        raise ApplicationError("Thông báo này không phải của bạn.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(actor=actor, action="notifications.mark_read", target=notification)
    return notification


@transaction.atomic
def reminder_policy_set(
    *,
    actor: Any,
    plan: Plan,
    days_before: list[int],
    on_due_day: bool,
    days_after: list[int],
    escalate_from_day: int,
    send_at: Any,
    enabled: bool = True,
) -> ReminderPolicy:
    """Set when a plan's units are reminded (the plan's coordinator only)."""
    from theodoi.accounts import policy

    if actor is not None and not policy.can(actor, policy.CHANGE, plan):
        raise ApplicationError("Bạn không có quyền thực hiện thao tác này.")
    days = [*days_before, *days_after]
    if any(day <= 0 or day > 60 for day in days):
        raise ApplicationError("Số ngày nhắc phải từ 1 đến 60.")
    row = ReminderPolicy.objects.select_for_update().filter(plan=plan).first()
    before = model_snapshot(row) if row else None
    row = row or ReminderPolicy(plan=plan)
    row.days_before, row.days_after = sorted(set(days_before), reverse=True), sorted(set(days_after))
    row.on_due_day, row.escalate_from_day, row.send_at, row.enabled = on_due_day, escalate_from_day, send_at, enabled
    row.save()
    audit_record(
        actor=actor, action="notifications.reminder_policy_set", target=plan, before=before, after=model_snapshot(row)
    )
    return row
