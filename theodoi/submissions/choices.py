from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.periods.windows import PeriodKind

__all__ = [
    "CauseKind", "DocumentStage", "EvidenceKind", "PeriodKind", "ReportState", "Severity", "SourceKind",
    "TaskProgress", "VoidCondition", "document_stage_weights",
]


class ReportState(models.TextChoices):
    """Where a unit's report for one period stands."""

    NOT_SUBMITTED = "not_submitted", _("Chưa nộp")
    DRAFT = "draft", _("Nháp")
    AWAITING_LEADER = "awaiting_leader", _("Chờ lãnh đạo duyệt")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")


# The unit may still type in these; the others are with the leader, the reviewers, or locked.
EDITABLE_STATES = frozenset({ReportState.NOT_SUBMITTED, ReportState.DRAFT, ReportState.RETURNED})


class TaskProgress(models.TextChoices):
    """How the unit says a task stands in the period."""

    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    AT_RISK = "at_risk", _("Có nguy cơ chậm tiến độ")
    LATE = "late", _("Chậm tiến độ")
    DONE = "done", _("Hoàn thành")


class DocumentStage(models.TextChoices):
    """Stages of a task whose product is a document, reported instead of a percentage."""

    DRAFTING = "drafting", _("Dự thảo")
    CONSULTING = "consulting", _("Lấy ý kiến")
    SUBMITTED = "submitted", _("Trình")
    ISSUED = "issued", _("Ban hành")


DEFAULT_DOCUMENT_STAGE_WEIGHTS: dict[str, int] = {
    DocumentStage.DRAFTING: 25,
    DocumentStage.CONSULTING: 50,
    DocumentStage.SUBMITTED: 75,
    DocumentStage.ISSUED: 100,
}


def document_stage_weights() -> dict[str, Decimal]:
    """Percent done each stage stands for; THEODOI_DOCUMENT_STAGE_WEIGHTS overrides the defaults."""
    weights = {**DEFAULT_DOCUMENT_STAGE_WEIGHTS, **getattr(settings, "THEODOI_DOCUMENT_STAGE_WEIGHTS", {})}
    return {str(stage): Decimal(weights[stage]) for stage in DocumentStage.values}


class CauseKind(models.TextChoices):
    SUBJECTIVE = "subjective", _("Chủ quan")
    OBJECTIVE = "objective", _("Khách quan")
    BOTH = "both", _("Cả chủ quan và khách quan")


class SourceKind(models.TextChoices):
    """Where an indicator's numbers come from."""

    EXTRACTED = "extracted", _("Trích xuất từ hệ thống")
    MANUAL = "manual", _("Tổng hợp thủ công")


class VoidCondition(models.TextChoices):
    """Conditions under which "đạt" is not accepted (seed 004, part II.4)."""

    PROCESSED_OUTSIDE = "processed_outside", _("Hồ sơ được xử lý ngoài hệ thống rồi nhập lại")
    PAPER_IN_PARALLEL = "paper_in_parallel", _("Văn bản ký số nhưng vẫn lưu hành song song bản giấy")
    SIGNATURE_UNUSED = "signature_unused", _("Chữ ký số được cấp nhưng không phát sinh sử dụng")
    INSUFFICIENT_SAMPLE = "insufficient_sample", _("Chỉ số hài lòng không đủ cỡ mẫu hoặc không đo đúng quy trình")


class Severity(models.TextChoices):
    ERROR = "error", _("Lỗi, phải sửa trước khi nộp")
    WARNING = "warning", _("Cần xem xét")
    INFO = "info", _("Thông tin")


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Tệp đính kèm")
    LINK = "link", _("Đường dẫn")
