from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.core.text import search_key
from theodoi.plans.choices import Aggregation, AssignmentRole, DeadlineKind, Every, PlanKind, TargetOp


class Plan(models.Model):
    """A plan (kế hoạch) with its metadata, as the Plan JSON spec describes it."""

    owner = models.ForeignKey(
        "units.Unit", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="plans_owned"
    )
    standing_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("cơ quan thường trực"), on_delete=models.PROTECT,
        related_name="plans_followed",
    )
    followers = models.ManyToManyField(
        "units.Unit", verbose_name=_("đơn vị cùng theo dõi"), related_name="plans_also_followed", blank=True,
        help_text=_("Ngoài cơ quan thường trực, các đơn vị được xem và kiểm tra toàn bộ kế hoạch."),
    )
    implements = models.ManyToManyField(
        "self", verbose_name=_("thực hiện kế hoạch cấp trên"), symmetrical=False,
        related_name="implemented_by", blank=True,
    )
    title = models.CharField(_("tên kế hoạch"), max_length=1000)
    kind = models.CharField(_("loại văn bản"), max_length=2, choices=PlanKind.choices, default=PlanKind.PLAN)
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành (như in)"), max_length=300, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    period_from = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    period_to = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    implements_refs = models.JSONField(_("số hiệu kế hoạch cấp trên"), default=list, blank=True)
    source_name = models.CharField(_("tệp nguồn"), max_length=300, blank=True)
    content_hash = models.CharField(_("mã băm nội dung"), max_length=64, blank=True, db_index=True)
    search_key = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-issued_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "number"], condition=~models.Q(number=""), name="plan_number_unique_per_owner"
            ),
            models.CheckConstraint(
                condition=models.Q(period_from__isnull=True)
                | models.Q(period_to__isnull=True)
                | models.Q(period_from__lte=models.F("period_to")),
                name="plan_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = search_key(f"{self.title} {self.number}")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class LegalReference(models.Model):
    """A document cited under "Căn cứ", by its số/ký hiệu, in printed order."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="legal_refs")
    number = models.CharField(_("số, ký hiệu"), max_length=100)
    position = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="legal_ref_position_unique")]

    def __str__(self) -> str:
        return self.number


class Section(models.Model):
    """A heading row inside an appendix table; `path` holds the headings outermost first."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    title = models.CharField(_("tiêu đề"), max_length=1000)
    position = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="section_position_unique")]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """A measurable target (chỉ tiêu) of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    ref = models.CharField(_("số thứ tự"), max_length=50)
    position = models.PositiveIntegerField()
    group = models.CharField(_("nhóm"), max_length=500, blank=True)
    name = models.TextField(_("tên chỉ tiêu"))
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=100, blank=True)
    target_op = models.CharField(_("phép so sánh"), max_length=2, choices=TargetOp.choices, blank=True)
    target_value = models.DecimalField(_("giá trị mục tiêu"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_text = models.CharField(_("chỉ tiêu (như in)"), max_length=300, blank=True)
    baseline_value = models.DecimalField(_("giá trị gốc"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_text = models.CharField(_("giá trị gốc (như in)"), max_length=300, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    formula_numerator = models.TextField(_("tử số (a)"), blank=True)
    formula_denominator = models.TextField(_("mẫu số (b)"), blank=True)
    formula_text = models.TextField(_("công thức"), blank=True)
    aggregation = models.CharField(
        _("cách tổng hợp"), max_length=8, choices=Aggregation.choices, blank=True,
        help_text=_("Để trống: tỷ lệ khi có tử số và mẫu số hoặc đơn vị tính là %, còn lại cộng giá trị."),
    )
    data_source = models.TextField(_("nguồn dữ liệu"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    responsible_names = models.JSONField(_("cơ quan theo dõi (như trong kế hoạch)"), default=list, blank=True)
    coordinating_names = models.JSONField(_("cơ quan phối hợp (như trong kế hoạch)"), default=list, blank=True)
    archived = models.BooleanField(
        _("đã bỏ khỏi kế hoạch"), default=False,
        help_text=_("Dòng không còn trong văn bản nạp lại gần nhất; giữ lại cùng số liệu đã báo cáo."),
    )
    search_key = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "ref"], name="indicator_ref_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ref}. {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Task(models.Model):
    """A task (nhiệm vụ) of a plan: what, who leads, who coordinates, by when, producing what."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    ref = models.CharField(_("số thứ tự"), max_length=50)
    position = models.PositiveIntegerField()
    name = models.TextField(_("nhiệm vụ"))
    description = models.TextField(_("mô tả công việc"), blank=True)
    objective = models.TextField(_("mục tiêu"), blank=True)
    output = models.TextField(_("kết quả, sản phẩm"), blank=True)
    deadline_text = models.CharField(_("thời hạn (như in)"), max_length=500, blank=True)
    deadline_kind = models.CharField(_("loại thời hạn"), max_length=16, choices=DeadlineKind.choices, blank=True)
    deadline_from = models.DateField(_("từ ngày"), null=True, blank=True)
    deadline_due = models.DateField(_("hạn"), null=True, blank=True)
    deadline_every = models.CharField(_("định kỳ"), max_length=16, choices=Every.choices, blank=True)
    deadline_trigger = models.TextField(_("sự kiện"), blank=True)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    lead_names = models.JSONField(_("chủ trì (như trong kế hoạch)"), default=list, blank=True)
    coordinating_names = models.JSONField(_("phối hợp (như trong kế hoạch)"), default=list, blank=True)
    archived = models.BooleanField(
        _("đã bỏ khỏi kế hoạch"), default=False,
        help_text=_("Dòng không còn trong văn bản nạp lại gần nhất; giữ lại cùng số liệu đã báo cáo."),
    )
    search_key = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "ref"], name="task_ref_unique"),
        ]
        indexes = [models.Index(fields=["deadline_due"])]

    def __str__(self) -> str:
        return f"{self.ref}. {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = search_key(f"{self.name} {self.output}")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def section_path(self) -> list[str]:
        path: list[str] = []
        node = self.section
        while node is not None:
            path.insert(0, node.title)
            node = node.parent
        return path


class Assignment(models.Model):
    """One unit's part in a task or indicator: leading it or coordinating.

    A group named in the plan ("Các sở, ban, ngành") expands into one assignment per member
    unit; `via_group` keeps the token it came from.
    """

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments")
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=AssignmentRole.choices)
    via_group = models.CharField(_("từ nhóm"), max_length=64, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["role", "unit__name"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(task__isnull=False) & models.Q(indicator__isnull=True))
                | (models.Q(task__isnull=True) & models.Q(indicator__isnull=False)),
                name="assignment_task_xor_indicator",
            ),
            models.UniqueConstraint(
                fields=["task", "unit", "role"], condition=models.Q(task__isnull=False),
                name="assignment_unique_per_task",
            ),
            models.UniqueConstraint(
                fields=["indicator", "unit", "role"], condition=models.Q(indicator__isnull=False),
                name="assignment_unique_per_indicator",
            ),
        ]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_role_display()}"
