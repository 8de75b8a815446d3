"""Periodic reports: a unit's report for one period of a plan, its items, evidence, review and versions,
and the indicator values other systems push."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.periods.windows import Period
from theodoi.submissions.choices import (
    CauseKind,
    DocumentStage,
    EvidenceKind,
    PeriodKind,
    ReportState,
    SourceKind,
    TaskProgress,
)

NUMBER = {"max_digits": 18, "decimal_places": 4, "null": True, "blank": True, "validators": [MinValueValidator(0)]}


class PeriodFields(models.Model):
    """The period a row is about, as plain fields, so reports do not hang on a calendar row."""

    period_kind = models.CharField(_("loại kỳ"), max_length=16, choices=PeriodKind.choices)
    period_year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000)])
    period_index = models.PositiveSmallIntegerField(
        _("kỳ số"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )

    class Meta:
        abstract = True

    @property
    def period(self) -> Period:
        return Period(self.period_year, PeriodKind(self.period_kind), self.period_index)


class PlanReportingSettings(models.Model):
    """How a plan's periodic reports travel: whether the unit's leader approves them first."""

    plan = models.OneToOneField(
        "plans.Plan", verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="reporting_settings"
    )
    requires_leader_approval = models.BooleanField(
        _("lãnh đạo đơn vị duyệt trước khi nộp"), default=False,
        help_text=_("Báo cáo của đơn vị phải được lãnh đạo đơn vị duyệt rồi mới gửi cơ quan thường trực."),
    )

    class Meta:
        verbose_name = _("thiết lập báo cáo của kế hoạch")
        verbose_name_plural = _("thiết lập báo cáo của kế hoạch")

    def __str__(self) -> str:
        return f"Thiết lập báo cáo: {self.plan}"


class IndicatorCheckRule(models.Model):
    """What the checks on an indicator's numbers need to know beyond the plan's text."""

    indicator = models.OneToOneField(
        "plans.Indicator", verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="check_rule"
    )
    high_risk = models.BooleanField(
        _("nguy cơ sai lệch cao"), default=False,
        help_text=_("Phải đối chiếu tối thiểu 02 nguồn dữ liệu."),
    )
    tolerance_percent = models.DecimalField(
        _("chênh lệch cho phép giữa hai nguồn (%)"), max_digits=6, decimal_places=2, default=Decimal("5"),
        validators=[MinValueValidator(0)],
    )
    jump_threshold_percent = models.DecimalField(
        _("ngưỡng biến động so với kỳ trước (%)"), max_digits=7, decimal_places=2, null=True, blank=True,
        default=Decimal("50"), validators=[MinValueValidator(0)],
        help_text=_("Để trống: không cảnh báo biến động."),
    )
    min_sample = models.PositiveIntegerField(
        _("cỡ mẫu tối thiểu"), null=True, blank=True,
        help_text=_("Với chỉ số hài lòng: dưới cỡ mẫu này, kết quả không được công nhận đạt."),
    )

    class Meta:
        verbose_name = _("quy tắc kiểm tra số liệu")
        verbose_name_plural = _("quy tắc kiểm tra số liệu")
        constraints = [
            models.CheckConstraint(condition=models.Q(tolerance_percent__gte=0), name="check_rule_tolerance_positive"),
            models.CheckConstraint(
                condition=models.Q(jump_threshold_percent__isnull=True) | models.Q(jump_threshold_percent__gte=0),
                name="check_rule_jump_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Kiểm tra: {self.indicator}"


class Report(PeriodFields):
    """A unit's report for one period of a plan: everything the unit owes that period.

    Created "chưa nộp" when the period opens, so who has not reported is always known. `version`
    grows with every write: a save based on an older version is refused (optimistic concurrency).
    `submitted_at` is when the report last reached the standing agency; `is_late` compares the first
    arrival with `due_at`.
    """

    plan = models.ForeignKey("plans.Plan", verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reports")
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=ReportState.choices, default=ReportState.NOT_SUBMITTED
    )
    version = models.PositiveIntegerField(_("phiên bản lưu"), default=1)
    due_at = models.DateTimeField(_("hạn nộp"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("nộp lần đầu lúc"), null=True, blank=True)
    is_late = models.BooleanField(_("nộp muộn"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nộp"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lãnh đạo duyệt"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    accepted_at = models.DateTimeField(_("chấp nhận lúc"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người chấp nhận"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    last_saved_at = models.DateTimeField(_("lưu lần cuối lúc"), null=True, blank=True)
    last_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lưu lần cuối"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["plan", "-period_year", "period_kind", "-period_index", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit", "period_kind", "period_year", "period_index"], name="report_unique_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_index__gte=1, period_index__lte=12), name="report_period_index_range"
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="report_version_positive"),
            models.CheckConstraint(
                condition=~models.Q(state__in=["submitted", "accepted"]) | models.Q(submitted_at__isnull=False),
                name="report_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="accepted") | models.Q(accepted_at__isnull=False),
                name="report_accepted_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(is_late=False) | models.Q(first_submitted_at__isnull=False),
                name="report_late_only_when_submitted",
            ),
        ]
        indexes = [models.Index(fields=["plan", "period_kind", "period_year", "period_index", "state"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period.label}"


class ReportVersion(models.Model):
    """A frozen copy of a report as the standing agency received it; never changed afterwards."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("lần nộp"))
    snapshot = models.JSONField(_("nội dung"))
    created_at = models.DateTimeField(_("lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bản đã nộp")
        verbose_name_plural = _("bản đã nộp")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="report_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.report} — lần {self.number}"


class TaskItem(models.Model):
    """What a unit reports on one task in one period's report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="task_items")
    task = models.ForeignKey("plans.Task", verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="+")
    progress = models.CharField(_("tình trạng"), max_length=16, choices=TaskProgress.choices, blank=True)
    percent_done = models.DecimalField(
        _("tỷ lệ hoàn thành (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    document_stage = models.CharField(
        _("giai đoạn văn bản"), max_length=16, choices=DocumentStage.choices, blank=True,
        help_text=_("Với nhiệm vụ có sản phẩm là văn bản: báo cáo giai đoạn thay cho tỷ lệ."),
    )
    work_done = models.TextField(_("kết quả thực hiện"), blank=True)
    product = models.TextField(_("sản phẩm"), blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    cause_kind = models.CharField(_("loại nguyên nhân"), max_length=16, choices=CauseKind.choices, blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    remedies = models.TextField(_("giải pháp khắc phục"), blank=True)
    flags = models.JSONField(_("cảnh báo"), default=list, blank=True)

    class Meta:
        verbose_name = _("báo cáo nhiệm vụ")
        verbose_name_plural = _("báo cáo nhiệm vụ")
        ordering = ["report", "task__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "task"], name="task_item_unique"),
            models.CheckConstraint(
                condition=models.Q(percent_done__isnull=True)
                | models.Q(percent_done__gte=0, percent_done__lte=100),
                name="task_item_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.task.ref}"


class ReportCompletion(models.Model):
    """A completion date an accepted report put on one of its unit's assignments, kept so that
    reopening the report takes back exactly what its acceptance set (docs/submissions.md).

    `before` is the assignment's `completed_on` just before, `after` what the acceptance wrote."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="completions")
    assignment = models.ForeignKey("plans.Assignment", on_delete=models.CASCADE, related_name="+")
    before = models.DateField(_("ngày hoàn thành trước đó"), null=True, blank=True)
    after = models.DateField(_("ngày hoàn thành ghi nhận"))

    class Meta:
        verbose_name = _("hoàn thành ghi nhận từ báo cáo")
        verbose_name_plural = _("hoàn thành ghi nhận từ báo cáo")
        ordering = ["report", "assignment"]
        constraints = [models.UniqueConstraint(fields=["report", "assignment"], name="report_completion_unique")]

    def __str__(self) -> str:
        return f"{self.report}: {self.assignment_id} → {self.after}"


class IndicatorItem(models.Model):
    """What a unit reports on one indicator in one period's report.

    `numerator`/`denominator`/`value` are what the unit typed; `extracted_*` is the copy of the
    value a source system pushed, refreshed while the report is editable and frozen once it is sent.
    Extracted figures are preferred; the difference to the typed ones is flagged.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="indicator_items")
    indicator = models.ForeignKey(
        "plans.Indicator", verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="+"
    )
    numerator = models.DecimalField(_("tử số (a)"), **NUMBER)
    denominator = models.DecimalField(_("mẫu số (b)"), **NUMBER)
    value = models.DecimalField(_("giá trị"), **NUMBER)
    source_kind = models.CharField(_("nguồn số liệu"), max_length=16, choices=SourceKind.choices, blank=True)
    source_system = models.CharField(_("hệ thống trích xuất"), max_length=300, blank=True)
    second_source_value = models.DecimalField(_("giá trị theo nguồn thứ hai"), **NUMBER)
    second_source_name = models.CharField(_("nguồn thứ hai"), max_length=300, blank=True)
    sample_size = models.PositiveIntegerField(_("cỡ mẫu"), null=True, blank=True)
    processed_outside = models.BooleanField(_("xử lý ngoài hệ thống rồi nhập lại"), default=False)
    paper_in_parallel = models.BooleanField(_("ký số nhưng vẫn lưu hành bản giấy"), default=False)
    signature_unused = models.BooleanField(_("chữ ký số được cấp nhưng không sử dụng"), default=False)
    insufficient_sample = models.BooleanField(_("không đủ cỡ mẫu, không đo đúng quy trình"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    extracted_numerator = models.DecimalField(_("tử số trích xuất"), **NUMBER)
    extracted_denominator = models.DecimalField(_("mẫu số trích xuất"), **NUMBER)
    extracted_value = models.DecimalField(_("giá trị trích xuất"), **NUMBER)
    extracted_system = models.CharField(_("hệ thống đã gửi"), max_length=200, blank=True)
    extracted_at = models.DateTimeField(_("trích xuất lúc"), null=True, blank=True)
    achieved = models.BooleanField(_("đạt"), null=True, blank=True)
    flags = models.JSONField(_("cảnh báo"), default=list, blank=True)

    class Meta:
        verbose_name = _("báo cáo chỉ tiêu")
        verbose_name_plural = _("báo cáo chỉ tiêu")
        ordering = ["report", "indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="indicator_item_unique"),
            models.CheckConstraint(
                condition=(models.Q(numerator__isnull=True) | models.Q(numerator__gte=0))
                & (models.Q(denominator__isnull=True) | models.Q(denominator__gte=0))
                & (models.Q(value__isnull=True) | models.Q(value__gte=0))
                & (models.Q(second_source_value__isnull=True) | models.Q(second_source_value__gte=0)),
                name="indicator_item_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.indicator.ref}"

    @property
    def void_conditions(self) -> list[str]:
        return [name for name in VOID_FIELDS if getattr(self, name)]


VOID_FIELDS = ("processed_outside", "paper_in_parallel", "signature_unused", "insufficient_sample")


class Evidence(models.Model):
    """An uploaded file or a link backing one item of a report.

    Files live under MEDIA_ROOT (outside the web root) named by their SHA-256, so the same file
    uploaded twice is stored once; `original_name` is the sanitised name shown to people.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    task_item = models.ForeignKey(TaskItem, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    indicator_item = models.ForeignKey(
        IndicatorItem, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("loại"), max_length=8, choices=EvidenceKind.choices)
    file = models.FileField(_("tệp"), max_length=300, blank=True)
    sha256 = models.CharField(_("mã băm"), max_length=64, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=200, blank=True)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    url = models.URLField(_("đường dẫn"), max_length=1000, blank=True)
    title = models.CharField(_("mô tả"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["report", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(task_item__isnull=False) & models.Q(indicator_item__isnull=False)),
                name="evidence_one_item",
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="file") & ~models.Q(sha256="") & models.Q(url=""))
                | (models.Q(kind="link") & ~models.Q(url="") & models.Q(sha256="")),
                name="evidence_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.original_name or self.url


class ReviewComment(models.Model):
    """A reviewer's remark on a report, on one of its items, or the reason it was reopened."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    version_number = models.PositiveIntegerField(_("về lần nộp"), null=True, blank=True)
    task_item = models.ForeignKey(TaskItem, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    indicator_item = models.ForeignKey(
        IndicatorItem, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    text = models.TextField(_("ý kiến"))
    is_reopen_reason = models.BooleanField(_("lý do mở lại"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("ý kiến thẩm định")
        verbose_name_plural = _("ý kiến thẩm định")
        ordering = ["report", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="review_comment_not_empty"),
            models.CheckConstraint(
                condition=~(models.Q(task_item__isnull=False) & models.Q(indicator_item__isnull=False)),
                name="review_comment_one_item",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class SourceSystem(models.Model):
    """A system that pushes indicator values (the TTHC system, a dashboard), with its token's hash."""

    name = models.CharField(_("tên hệ thống"), max_length=200, unique=True)
    token_hash = models.CharField(_("mã băm của khóa"), max_length=64, unique=True)
    token_prefix = models.CharField(_("đầu khóa"), max_length=8, help_text=_("Để nhận ra khóa, không đủ để dùng."))
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hệ thống nguồn")
        verbose_name_plural = _("hệ thống nguồn")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=~models.Q(name=""), name="source_system_named")]

    def __str__(self) -> str:
        return self.name


class ExternalValue(PeriodFields):
    """An indicator's numbers for a unit and period as a source system pushed them.

    One row per system, unit, indicator and period: pushing the same key again updates it.
    """

    system = models.ForeignKey(SourceSystem, on_delete=models.PROTECT, related_name="values")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(
        "plans.Indicator", verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="external_values"
    )
    numerator = models.DecimalField(_("tử số (a)"), **NUMBER)
    denominator = models.DecimalField(_("mẫu số (b)"), **NUMBER)
    value = models.DecimalField(_("giá trị"), **NUMBER)
    extracted_at = models.DateTimeField(_("trích xuất lúc"))
    received_at = models.DateTimeField(_("nhận lúc"))

    class Meta:
        verbose_name = _("số liệu từ hệ thống nguồn")
        verbose_name_plural = _("số liệu từ hệ thống nguồn")
        ordering = ["indicator", "unit", "-extracted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "unit", "indicator", "period_kind", "period_year", "period_index"],
                name="external_value_unique_key",
            ),
            models.CheckConstraint(
                condition=(models.Q(numerator__isnull=True) | models.Q(numerator__gte=0))
                & (models.Q(denominator__isnull=True) | models.Q(denominator__gte=0))
                & (models.Q(value__isnull=True) | models.Q(value__gte=0)),
                name="external_value_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | models.Q(numerator__isnull=False, denominator__isnull=False),
                name="external_value_has_numbers",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system}: {self.indicator.ref} — {self.unit} — {self.period.label}"
