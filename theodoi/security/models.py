from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginFailure(models.Model):
    """One failed sign-in (web page or API token), kept for the lockout window.

    `username_key` is the name as typed, stripped and case-folded, so "Admin" and "admin" count
    together whether or not such an account exists (which is never revealed).
    """

    username_key = models.CharField(_("tên đăng nhập"), max_length=150, db_index=True)
    ip = models.CharField(_("địa chỉ IP"), max_length=64, db_index=True)
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    via = models.CharField(_("qua"), max_length=16)

    class Meta:
        verbose_name = _("lần đăng nhập sai")
        verbose_name_plural = _("lần đăng nhập sai")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username_key} @ {self.ip}"
