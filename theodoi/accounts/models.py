from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.accounts.choices import Role


class User(AbstractUser):
    """A person who signs in; belongs to one unit and holds one role there.

    What a role may see and do is decided only in `theodoi.accounts.policy`.
    """

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="admin") | models.Q(is_superuser=True) | models.Q(unit__isnull=False),
                name="user_has_unit_unless_admin",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username
