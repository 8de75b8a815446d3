from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.periods.status import Status
from theodoi.periods.windows import PeriodKind, WindowMode

__all__ = ["BeforeDay", "DayKind", "ExtensionState", "HaltKind", "PeriodKind", "Status", "WindowMode"]


class DayKind(models.TextChoices):
    """A day a coordinator entered from the government's announcement."""

    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm bù")


class ExtensionState(models.TextChoices):
    PENDING = "pending", _("Chờ quyết định")
    APPROVED = "approved", _("Đã đồng ý")
    REFUSED = "refused", _("Không đồng ý")


class HaltKind(models.TextChoices):
    STOPPED = "stopped", _("Dừng thực hiện")
    ADJUSTED = "adjusted", _("Điều chỉnh")


class BeforeDay(models.TextChoices):
    """How "trước ngày D" is read."""

    INCLUSIVE = "inclusive", _("Tính cả ngày D")
    EXCLUSIVE = "exclusive", _("Hết ngày liền trước ngày D")
