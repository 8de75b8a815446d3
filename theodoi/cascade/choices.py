from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkState(models.TextChoices):
    """Where a link between a lower task and a higher task stands."""

    SUGGESTED = "suggested", _("Gợi ý")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    REJECTED = "rejected", _("Đã loại")
