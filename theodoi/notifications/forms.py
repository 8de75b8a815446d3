from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


def _days(text: str) -> list[int]:
    parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    try:
        return [int(part) for part in parts]
    except ValueError as error:
        raise forms.ValidationError(_("Nhập các số ngày, cách nhau bằng dấu phẩy, ví dụ: 3, 1")) from error


class DaysField(forms.CharField):
    def to_python(self, value: object) -> list[int]:  # type: ignore[override]
        return _days(str(value or ""))

    def prepare_value(self, value: object) -> object:
        return ", ".join(str(day) for day in value) if isinstance(value, list) else value


class ReminderPolicyForm(forms.Form):
    enabled = forms.BooleanField(label=_("Gửi nhắc việc tự động"), required=False, initial=True)
    days_before = DaysField(label=_("Nhắc trước hạn (số ngày)"), required=False, initial=[3])
    on_due_day = forms.BooleanField(label=_("Nhắc đúng ngày đến hạn"), required=False, initial=True)
    days_after = DaysField(label=_("Nhắc sau hạn (số ngày)"), required=False, initial=[1, 7])
    escalate_from_day = forms.IntegerField(
        label=_("Báo lãnh đạo đơn vị và cơ quan thường trực khi quá hạn từ (ngày)"),
        min_value=1,
        max_value=60,
        initial=1,
    )
    send_at = forms.TimeField(label=_("Giờ gửi"), initial="08:00", widget=forms.TimeInput(attrs={"type": "time"}))
