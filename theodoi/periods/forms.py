"""Forms of the calendar pages: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.periods.choices import BeforeDay, DayKind, HaltKind, WindowMode
from theodoi.periods.submission import read_submission_clause

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ScheduleForm(forms.Form):
    clause_text = forms.CharField(
        label=_("Chế độ báo cáo (như trong kế hoạch)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Ví dụ: “Trước 17h00 ngày 12 hằng tháng”; “quý I trước ngày 13/3, 6 tháng trước 13/6, "
            "9 tháng trước 13/9 và năm trước ngày 08/11”."
        ),
    )
    window_mode = forms.ChoiceField(label=_("Cách chốt số liệu"), choices=WindowMode.choices)
    before_day = forms.ChoiceField(label=_("Cách hiểu “trước ngày D”"), choices=BeforeDay.choices)
    roll_to_working_day = forms.BooleanField(
        label=_("Hạn rơi vào ngày nghỉ thì lùi sang ngày làm việc kế tiếp"), required=False
    )
    due_soon_days = forms.IntegerField(label=_("Báo “sắp đến hạn” trước (ngày)"), min_value=0, max_value=60, initial=3)
    starts_on = forms.DateField(label=_("Báo cáo từ ngày"), required=False, widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Báo cáo đến ngày"), required=False, widget=DATE_INPUT)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text, before_day = data.get("clause_text"), data.get("before_day")
        if text and before_day:
            rules = read_submission_clause(text, before_day=before_day)
            if not rules:
                self.add_error(
                    "clause_text",
                    _("Không đọc được hạn gửi báo cáo; hãy ghi rõ ngày, ví dụ “Trước ngày 12 hằng tháng”."),
                )
            data["rules"] = list(rules)
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and starts > ends:
            self.add_error("ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class DayOffForm(forms.Form):
    day = forms.DateField(label=_("Ngày"), widget=DATE_INPUT)
    kind = forms.ChoiceField(label=_("Loại"), choices=DayKind.choices)
    name = forms.CharField(
        label=_("Tên, căn cứ"), max_length=300, help_text=_("Ví dụ: Nghỉ bù Tết Dương lịch theo Thông báo số …")
    )


class TaskEventForm(forms.Form):
    occurred_on = forms.DateField(label=_("Ngày xảy ra sự kiện"), widget=DATE_INPUT)
    offset_days = forms.IntegerField(
        label=_("Thời hạn thực hiện kể từ sự kiện (ngày)"), min_value=0, max_value=3660, initial=30
    )
    note = forms.CharField(label=_("Văn bản, ghi chú"), required=False, max_length=2000)


class ExtensionRequestForm(forms.Form):
    requested_due = forms.DateField(label=_("Đề nghị gia hạn đến ngày"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"), choices=[("approve", _("Đồng ý gia hạn")), ("refuse", _("Không đồng ý"))]
    )
    note = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TaskHaltForm(forms.Form):
    task = forms.ModelChoiceField(label=_("Nhiệm vụ"), queryset=None)
    kind = forms.ChoiceField(label=_("Loại"), choices=HaltKind.choices)
    effective_on = forms.DateField(label=_("Từ ngày"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("Lý do, căn cứ"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, tasks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["task"]
        field.queryset = tasks  # type: ignore[attr-defined]
        field.label_from_instance = lambda task: f"{task.ref}. {task.name[:120]}"  # type: ignore[attr-defined]
