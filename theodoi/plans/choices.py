from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    PLAN = "KH", _("Kế hoạch")
    DECISION = "QĐ", _("Quyết định ban hành kế hoạch")


class TargetOp(models.TextChoices):
    GE = ">=", "≥"
    LE = "<=", "≤"
    EQ = "=", "="
    GT = ">", ">"
    LT = "<", "<"


class DeadlineKind(models.TextChoices):
    DATE = "date", _("Ngày/tháng/quý/năm")
    RANGE = "range", _("Giai đoạn")
    RECURRING = "recurring", _("Định kỳ, thường xuyên")
    EVENT = "event", _("Theo sự kiện")
    MIXED = "mixed", _("Kết hợp")
    UNKNOWN = "unknown", _("Chưa đọc được")


class Every(models.TextChoices):
    MONTH = "month", _("hằng tháng")
    QUARTER = "quarter", _("hằng quý")
    HALF = "half", _("6 tháng")
    YEAR = "year", _("hằng năm")
    PERIOD = "period", _("mỗi kỳ báo cáo")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    COORDINATING = "coordinating", _("Phối hợp")
