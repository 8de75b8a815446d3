from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    REPORT = "report", _("Báo cáo định kỳ")
    TASK = "task", _("Nhiệm vụ")


class DigestState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    NO_RECIPIENT = "no_recipient", _("Không có địa chỉ nhận thư")
