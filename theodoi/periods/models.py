"""Reporting calendar: each plan's schedule and periods, the units' period reports, the days off
a coordinator enters, and what changes a task's deadline (events, extensions, halts)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.periods.choices import BeforeDay, DayKind, ExtensionState, HaltKind, PeriodKind, WindowMode
from theodoi.periods.deadlines import due_after_event
from theodoi.periods.submission import SubmissionRule, SubmissionSchedule
from theodoi.periods.windows import Period


class ReportingSchedule(models.Model):
    """When the units of a plan report: the clause as printed and the rules read from it.

    `rules` holds `SubmissionRule.to_dict()` items. Changing the schedule re-dates only the
    periods still to come; past periods keep the deadline they had.
    """

    plan = models.OneToOneField(
        "plans.Plan", verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="reporting_schedule"
    )
    clause_text = models.TextField(_("chế độ báo cáo (như in)"), blank=True)
    rules = models.JSONField(_("quy tắc hạn gửi"), default=list)
    window_mode = models.CharField(
        _("cách chốt số liệu"), max_length=16, choices=WindowMode.choices, default=WindowMode.DECREE_09
    )
    before_day = models.CharField(
        _("cách hiểu “trước ngày”"), max_length=16, choices=BeforeDay.choices, default=BeforeDay.INCLUSIVE
    )
    roll_to_working_day = models.BooleanField(
        _("hạn rơi vào ngày nghỉ thì lùi sang ngày làm việc kế tiếp"), default=False
    )
    due_soon_days = models.PositiveSmallIntegerField(_("số ngày báo “sắp đến hạn”"), default=3)
    starts_on = models.DateField(_("báo cáo từ ngày"), null=True, blank=True)
    ends_on = models.DateField(_("báo cáo đến ngày"), null=True, blank=True)
    active_from = models.DateTimeField(
        _("áp dụng từ"),
        help_text=_("Lúc chế độ báo cáo được đặt lần đầu; các kỳ đã quá hạn trước đó không được mở để báo cáo."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("chế độ báo cáo")
        verbose_name_plural = _("chế độ báo cáo")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(starts_on__lte=models.F("ends_on")),
                name="reporting_schedule_span_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(due_soon_days__lte=60), name="reporting_schedule_due_soon_days_bounded"
            ),
        ]

    def __str__(self) -> str:
        return f"Chế độ báo cáo: {self.plan}"

    def submission_rules(self) -> tuple[SubmissionRule, ...]:
        return tuple(SubmissionRule.from_dict(item) for item in self.rules)

    def submission_schedule(self) -> SubmissionSchedule:
        return SubmissionSchedule(self.submission_rules(), WindowMode(self.window_mode), self.roll_to_working_day)


class ReportingPeriod(models.Model):
    """One period of a plan's schedule with its data window and the deadline it was given.

    `original_due_at` is the deadline when the period was first dated; `due_at` the one in
    force (the same unless the schedule changed before the period was due).
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="reporting_periods")
    kind = models.CharField(_("loại kỳ"), max_length=16, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    index = models.PositiveSmallIntegerField(_("kỳ số"))
    window_start = models.DateField(_("chốt số liệu từ"))
    window_end = models.DateField(_("chốt số liệu đến"))
    due_at = models.DateTimeField(_("hạn gửi"))
    original_due_at = models.DateTimeField(_("hạn gửi ban đầu"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["plan", "due_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "year", "index"], name="reporting_period_unique"),
            models.CheckConstraint(
                condition=models.Q(window_start__lte=models.F("window_end")),
                name="reporting_period_window_ordered",
            ),
        ]
        indexes = [models.Index(fields=["due_at"])]

    def __str__(self) -> str:
        return self.label

    @property
    def period(self) -> Period:
        return Period(self.year, PeriodKind(self.kind), self.index)

    @property
    def label(self) -> str:
        return self.period.label


class UnitReport(models.Model):
    """A unit's report owed for one period (the obligation) and when it was sent.

    The report's content belongs to the submissions app; this row is what the calendar needs to
    know: that the unit owes it, and whether and when it arrived.
    """

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="unit_reports")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("báo cáo định kỳ của đơn vị")
        verbose_name_plural = _("báo cáo định kỳ của đơn vị")
        ordering = ["period", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="unit_report_unique")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"


class DayOff(models.Model):
    """A day the government announced as a day off (nghỉ bù, nghỉ thêm) or a weekend day made a
    working day (làm bù), entered by a coordinator; the public holidays themselves are known."""

    day = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=DayKind.choices, default=DayKind.DAY_OFF)
    name = models.CharField(_("tên, căn cứ"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["day"]
        constraints = [models.CheckConstraint(condition=~models.Q(name=""), name="day_off_named")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class TaskEvent(models.Model):
    """The event an event task waits for ("Sau khi Đề án được ban hành"), once it happened:
    the task is then due `offset_days` after `occurred_on`."""

    task = models.OneToOneField("plans.Task", on_delete=models.CASCADE, related_name="event")
    occurred_on = models.DateField(_("ngày xảy ra"))
    offset_days = models.PositiveIntegerField(_("số ngày thực hiện kể từ sự kiện"))
    note = models.TextField(_("ghi chú, văn bản"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sự kiện của nhiệm vụ")
        verbose_name_plural = _("sự kiện của nhiệm vụ")
        constraints = [
            models.CheckConstraint(condition=models.Q(offset_days__lte=3660), name="task_event_offset_bounded")
        ]

    def __str__(self) -> str:
        return f"{self.task.ref}: {self.occurred_on:%d/%m/%Y} + {self.offset_days} ngày"

    @property
    def due_on(self) -> date:
        return due_after_event(self.occurred_on, self.offset_days)


class ExtensionRequest(models.Model):
    """A unit's request to extend (gia hạn) its deadline, and the coordinator's decision.

    Never deleted nor edited after the decision: the rows of an assignment are its deadline
    history. `previous_due` is the deadline in force when the request was made.
    """

    assignment = models.ForeignKey("plans.Assignment", on_delete=models.CASCADE, related_name="extension_requests")
    previous_due = models.DateField(_("hạn trước khi xin"))
    requested_due = models.DateField(_("hạn xin gia hạn"))
    reason = models.TextField(_("lý do"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("ngày đề nghị"))
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=ExtensionState.choices, default=ExtensionState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        ordering = ["assignment", "requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requested_due__gt=models.F("previous_due")), name="extension_moves_forward"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="extension_has_reason"),
            models.CheckConstraint(
                condition=(models.Q(state="pending") & models.Q(decided_at__isnull=True))
                | (~models.Q(state="pending") & models.Q(decided_at__isnull=False)),
                name="extension_decided_consistently",
            ),
            models.UniqueConstraint(
                fields=["assignment"], condition=models.Q(state="pending"), name="extension_one_pending"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment}: {self.previous_due:%d/%m/%Y} → {self.requested_due:%d/%m/%Y}"


class TaskHalt(models.Model):
    """A task stopped or adjusted ("dừng/điều chỉnh") from `effective_on`, for `reason`."""

    task = models.OneToOneField("plans.Task", on_delete=models.CASCADE, related_name="halt")
    kind = models.CharField(_("loại"), max_length=16, choices=HaltKind.choices, default=HaltKind.STOPPED)
    effective_on = models.DateField(_("từ ngày"))
    reason = models.TextField(_("lý do"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dừng, điều chỉnh nhiệm vụ")
        verbose_name_plural = _("dừng, điều chỉnh nhiệm vụ")
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="task_halt_has_reason")]

    def __str__(self) -> str:
        return f"{self.task.ref}: {self.get_kind_display()} từ {self.effective_on:%d/%m/%Y}"
