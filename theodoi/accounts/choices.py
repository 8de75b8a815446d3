from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    COORDINATOR = "coordinator", _("Cơ quan thường trực")
    UNIT_LEADER = "unit_leader", _("Lãnh đạo đơn vị")
    REPORTER = "reporter", _("Cán bộ báo cáo")
    VIEWER = "viewer", _("Người xem")
