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


class Aggregation(models.TextChoices):
    """How an indicator's figures add up across units and over periods (theodoi/results/rules.py).

    Blank on the indicator means "derive it": a ratio when the plan gives a numerator and a
    denominator or measures it in %, otherwise a sum.
    """

    RATIO = "ratio", _("Tỷ lệ: cộng tử số, cộng mẫu số rồi chia")
    SUM = "sum", _("Cộng giá trị các đơn vị và các kỳ (số phát sinh)")
    STOCK = "stock", _("Cộng giá trị các đơn vị, lấy kỳ gần nhất (số lũy kế)")
    MEAN = "mean", _("Trung bình giá trị các đơn vị và các kỳ")
    LATEST = "latest", _("Trung bình giá trị các đơn vị, lấy kỳ gần nhất (chỉ số)")
    MAX = "max", _("Giá trị lớn nhất")
    MIN = "min", _("Giá trị nhỏ nhất")
