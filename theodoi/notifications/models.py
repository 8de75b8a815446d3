"""Reminders: each plan's reminder policy, the ledger that makes every reminder go out once, the
digests (one mail per unit per run) and the in-app notifications."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.notifications.choices import DigestState, ReminderKind


def _default_days_before() -> list[int]:
    return [3]


def _default_days_after() -> list[int]:
    return [1, 7]


class ReminderPolicy(models.Model):
    """When a plan's units are reminded: some days before a deadline, on the day, and some days
    after (from `escalate_from_day` days late, the unit's leaders and the plan's coordinators
    are told too). Plans without a row use the defaults."""

    plan = models.OneToOneField(
        "plans.Plan", verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="reminder_policy"
    )
    days_before = models.JSONField(_("nhắc trước hạn (số ngày)"), default=_default_days_before, blank=True)
    on_due_day = models.BooleanField(_("nhắc đúng ngày đến hạn"), default=True)
    days_after = models.JSONField(_("nhắc sau hạn (số ngày)"), default=_default_days_after, blank=True)
    escalate_from_day = models.PositiveSmallIntegerField(
        _("báo lãnh đạo đơn vị và cơ quan thường trực khi quá hạn từ (ngày)"), default=1
    )
    send_at = models.TimeField(_("giờ gửi"), default=time(8, 0))
    enabled = models.BooleanField(_("đang bật"), default=True)

    class Meta:
        verbose_name = _("cài đặt nhắc việc")
        verbose_name_plural = _("cài đặt nhắc việc")

    def __str__(self) -> str:
        return f"Nhắc việc: {self.plan}"


class Digest(models.Model):
    """One mail to one unit for one scheduler run, listing every reminder due for it.

    The row is written, with its reminders and notifications, before any mail leaves; a worker
    claims it (`claimed_at`) before sending and marks it sent after. A claim older than the lease
    is taken again, so a worker killed mid-send loses nothing.
    """

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị nhận"), on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"))
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"))
    recipients = models.JSONField(_("địa chỉ nhận"), default=list)
    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=DigestState.choices, default=DigestState.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("thư nhắc tổng hợp")
        verbose_name_plural = _("thư nhắc tổng hợp")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "claimed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="sent") | models.Q(sent_at__isnull=False),
                name="digest_sent_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class SentReminder(models.Model):
    """The ledger: one row per reminder that went (or is going) out. Its unique key (unit, kind,
    object, due date, stage) is what makes a reminder go out once, however often the scheduler
    runs and however many of them run."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại"), max_length=16, choices=ReminderKind.choices)
    object_key = models.CharField(_("đối tượng"), max_length=64)
    due_on = models.DateField(_("hạn"))
    stage = models.CharField(_("mốc nhắc"), max_length=16)
    title = models.TextField(_("nội dung nhắc"))
    due_at = models.DateTimeField(_("hạn (giờ)"))
    escalated = models.BooleanField(_("đã báo lãnh đạo, cơ quan thường trực"), default=False)
    digest = models.ForeignKey(Digest, on_delete=models.PROTECT, related_name="reminders")
    escalation_digest = models.ForeignKey(
        Digest, null=True, blank=True, on_delete=models.PROTECT, related_name="escalated_reminders"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("lượt nhắc đã gửi")
        verbose_name_plural = _("lượt nhắc đã gửi")
        ordering = ["-created_at", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "object_key", "due_on", "stage"], name="sent_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.title} · {self.stage}"


class Notification(models.Model):
    """An in-app notification for one person."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    digest = models.ForeignKey(Digest, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications")
    created_at = models.DateTimeField(_("lúc"))
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [models.UniqueConstraint(fields=["recipient", "digest"], name="notification_once_per_digest")]

    def __str__(self) -> str:
        return self.title
