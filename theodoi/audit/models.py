from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.core.errors import ApplicationError

APPEND_ONLY = _("Nhật ký thay đổi chỉ được ghi thêm: không sửa, không xóa được một mục đã ghi.")


class AuditTrailAppendOnly(ApplicationError):
    """Someone tried to change or delete a recorded audit event."""

    def __init__(self) -> None:
        super().__init__(str(APPEND_ONLY))


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Bulk writes are refused too, except unlinking a deleted account (its name stays in `actor_label`)."""

    def update(self, **kwargs: Any) -> int:
        if set(kwargs) <= {"actor", "actor_id"} and all(value is None for value in kwargs.values()):
            return super().update(**kwargs)
        raise AuditTrailAppendOnly()

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditTrailAppendOnly()

    def _raw_delete(self, using: Any) -> int:
        raise AuditTrailAppendOnly()


class AuditEvent(models.Model):
    """One domain change: who acted, what, when, and the values before and after.

    Written by services inside the transaction of the change itself (never from signals), so a
    rolled-back change leaves no trace and a committed one always has its entry. Append-only: the
    model, its querysets and the admin refuse changes and deletions, and on PostgreSQL a trigger
    refuses them in the database too (docs/reliability.md).
    """

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("người thực hiện (tên)"), max_length=200, blank=True)
    action = models.CharField(_("hành động"), max_length=64, db_index=True)
    target_type = models.CharField(_("loại đối tượng"), max_length=64)
    target_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    target_label = models.CharField(_("đối tượng"), max_length=500, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditTrailAppendOnly()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditTrailAppendOnly()
