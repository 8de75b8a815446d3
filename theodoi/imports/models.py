from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportState(models.TextChoices):
    REVIEW = "review", _("Đang rà soát")
    SAVED = "saved", _("Đã lưu")
    DISCARDED = "discarded", _("Đã hủy")


class ImportDraft(models.Model):
    """A document read by the importer and waiting for a person to review and save it.

    `document` is the Plan JSON the importer produced, edited cell by cell on the review
    screen; nothing reaches the plan tables until `import_draft_save` loads it in one
    transaction. `version` guards against two people editing the same draft at once.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    source_name = models.CharField(_("tệp"), max_length=300)
    content_hash = models.CharField(_("mã băm tệp"), max_length=64, db_index=True)
    owner = models.ForeignKey(
        "units.Unit", verbose_name=_("cơ quan ban hành"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    document = models.JSONField(_("nội dung đọc được"))
    warnings = models.JSONField(_("cảnh báo"), default=list, blank=True)
    origins = models.JSONField(_("vị trí trong văn bản"), default=dict, blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=ImportState.choices, default=ImportState.REVIEW)
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("kế hoạch"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="import_drafts",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("bản nhập kế hoạch")
        verbose_name_plural = _("bản nhập kế hoạch")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.source_name
