from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.cascade.choices import LinkState


class TaskLink(models.Model):
    """A lower plan's task and the higher plan's task it serves (or may serve).

    The system writes suggestions (state `suggested`, with the similarity score and rank); a
    person confirms one or rejects it. A lower task has at most one confirmed link: its progress
    rolls up to one higher task, never twice. A confirmed link with no higher task records the
    decision "serves none of the higher tasks" (the department's own task).
    """

    lower_task = models.ForeignKey(
        "plans.Task", verbose_name=_("nhiệm vụ cấp dưới"), on_delete=models.CASCADE, related_name="higher_links"
    )
    higher_task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("nhiệm vụ cấp trên"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lower_links",
    )
    state = models.CharField(_("trạng thái"), max_length=16, choices=LinkState.choices, default=LinkState.SUGGESTED)
    score = models.FloatField(_("độ tương đồng"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("thứ hạng gợi ý"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("liên kết nhiệm vụ cấp trên")
        verbose_name_plural = _("liên kết nhiệm vụ cấp trên")
        ordering = ["lower_task__position", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["lower_task", "higher_task"], name="task_link_pair_unique"),
            models.UniqueConstraint(
                fields=["lower_task"],
                condition=models.Q(state=LinkState.CONFIRMED),
                name="task_link_one_confirmed",
            ),
            models.UniqueConstraint(
                fields=["lower_task"],
                condition=models.Q(higher_task__isnull=True),
                name="task_link_one_none",
            ),
            models.CheckConstraint(
                condition=models.Q(higher_task__isnull=False) | models.Q(state=LinkState.CONFIRMED),
                name="task_link_none_is_confirmed",
            ),
            models.CheckConstraint(
                condition=~models.Q(lower_task=models.F("higher_task")), name="task_link_not_itself"
            ),
        ]
        indexes = [models.Index(fields=["higher_task", "state"])]

    def __str__(self) -> str:
        return f"{self.lower_task} → {self.higher_task or '—'}"
