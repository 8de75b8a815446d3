"""What a coordinator sets about results: warning bands and the scoreboard's weights."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from theodoi.results.rules import Bands, Weights

_CREDIT = {"max_digits": 5, "decimal_places": 2, "validators": [MinValueValidator(-1), MaxValueValidator(1)]}
_SHARE = {"max_digits": 5, "decimal_places": 2, "validators": [MinValueValidator(0), MaxValueValidator(100)]}
_BAND = {"max_digits": 6, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class ResultSettings(models.Model):
    """Warning bands and scoreboard weights, for one plan or (plan empty) the default of all plans.

    A plan without its own row uses the default row; without a default row, the defaults in
    `rules.Bands` and `rules.Weights` (3/8/15 points; 1, 0.5, 0 credit; tasks 70, reports 30).
    """

    plan = models.OneToOneField(
        "plans.Plan",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="result_settings",
        help_text=_("Để trống: mặc định cho mọi kế hoạch."),
    )
    safe_points = models.DecimalField(_("an toàn khi thiếu không quá (điểm)"), default=Decimal(3), **_BAND)
    watch_points = models.DecimalField(_("cần theo dõi khi thiếu không quá (điểm)"), default=Decimal(8), **_BAND)
    at_risk_points = models.DecimalField(_("có nguy cơ khi thiếu không quá (điểm)"), default=Decimal(15), **_BAND)
    task_on_time = models.DecimalField(_("điểm cho nhiệm vụ hoàn thành đúng hạn"), default=Decimal(1), **_CREDIT)
    task_late = models.DecimalField(_("điểm cho nhiệm vụ hoàn thành quá hạn"), default=Decimal("0.5"), **_CREDIT)
    task_overdue = models.DecimalField(_("điểm cho nhiệm vụ quá hạn chưa hoàn thành"), default=Decimal(0), **_CREDIT)
    report_on_time = models.DecimalField(_("điểm cho báo cáo đúng hạn"), default=Decimal(1), **_CREDIT)
    report_late = models.DecimalField(_("điểm cho báo cáo muộn"), default=Decimal("0.5"), **_CREDIT)
    report_missing = models.DecimalField(_("điểm cho báo cáo chưa nộp khi đã quá hạn"), default=Decimal(0), **_CREDIT)
    task_share = models.DecimalField(_("tỷ trọng nhiệm vụ (%)"), default=Decimal(70), **_SHARE)
    report_share = models.DecimalField(_("tỷ trọng báo cáo (%)"), default=Decimal(30), **_SHARE)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("quy tắc đánh giá kết quả")
        verbose_name_plural = _("quy tắc đánh giá kết quả")
        constraints = [
            models.UniqueConstraint(
                Coalesce("plan", models.Value(0)),
                name="result_settings_one_per_scope",
                violation_error_message=_("Kế hoạch này đã có quy tắc đánh giá."),
            ),
            models.CheckConstraint(
                condition=models.Q(safe_points__lte=models.F("watch_points"))
                & models.Q(watch_points__lte=models.F("at_risk_points"))
                & models.Q(safe_points__gte=0),
                name="result_settings_bands_ordered",
                violation_error_message=_("Các ngưỡng cảnh báo phải tăng dần: an toàn ≤ cần theo dõi ≤ có nguy cơ."),
            ),
            models.CheckConstraint(
                condition=models.Q(task_share__gte=0, report_share__gte=0)
                & (models.Q(task_share__gt=0) | models.Q(report_share__gt=0)),
                name="result_settings_shares_positive",
                violation_error_message=_("Tỷ trọng nhiệm vụ và báo cáo không âm và không cùng bằng 0."),
            ),
        ]

    def __str__(self) -> str:
        return f"Quy tắc đánh giá: {self.plan}" if self.plan_id else "Quy tắc đánh giá mặc định"

    @property
    def bands(self) -> Bands:
        return Bands(self.safe_points, self.watch_points, self.at_risk_points)

    @property
    def weights(self) -> Weights:
        return Weights(
            self.task_on_time,
            self.task_late,
            self.task_overdue,
            self.report_on_time,
            self.report_late,
            self.report_missing,
            self.task_share,
            self.report_share,
        )
