"""The small form filled in before a document is generated: number, date, place, who signs and
who receives it. It only parses; the builders write the document."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.core.text import clean
from theodoi.periods.windows import Period, PeriodKind

from .layout import Signature
from .summary import Particulars

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_RECIPIENTS = 60


class ParticularsForm(forms.Form):
    number = forms.CharField(
        label=_("Số văn bản"),
        max_length=20,
        required=False,
        help_text=_("Để trống thì chừa chỗ để văn thư điền số sau khi ký."),
    )
    day = forms.DateField(label=_("Ngày ban hành"), required=False, widget=DATE_INPUT)
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    authority = forms.CharField(
        label=_("Quyền hạn ký"), max_length=100, required=False, help_text=_("Ví dụ: KT. GIÁM ĐỐC; TM. ỦY BAN NHÂN DÂN")
    )
    position = forms.CharField(label=_("Chức vụ người ký"), max_length=100, required=False)
    signer = forms.CharField(label=_("Họ và tên người ký"), max_length=200, required=False)
    recipients = forms.CharField(
        label=_("Nơi nhận"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi nơi nhận một dòng; dòng “Lưu: VT, …” được thêm cuối danh sách."),
    )  # fmt: skip

    def clean_recipients(self) -> list[str]:
        lines = [clean(line) for line in self.cleaned_data.get("recipients", "").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_RECIPIENTS:
            raise forms.ValidationError(_("Nơi nhận quá dài: tối đa %(count)s dòng.") % {"count": MAX_RECIPIENTS})
        return lines

    def particulars(self, *, proposals: str = "") -> Particulars:
        data: dict[str, Any] = self.cleaned_data
        signature = Signature(
            authority=clean(data.get("authority") or ""), position=clean(data.get("position") or ""),
            signer=clean(data.get("signer") or ""),
        )  # fmt: skip
        return Particulars(
            number=clean(data.get("number") or ""), day=data.get("day"), place=clean(data.get("place") or ""),
            signature=signature, recipients=tuple(data.get("recipients") or ()), proposals=proposals,
        )  # fmt: skip


def parse_period(key: str) -> Period | None:
    """A period from its key ("2026-month-3"); None when the key is not one."""
    try:
        year, kind, index = key.split("-")
        return Period(int(year), PeriodKind(kind), int(index))
    except (ValueError, KeyError):
        return None


class SummaryForm(ParticularsForm):
    period = forms.ChoiceField(label=_("Kỳ báo cáo"))
    proposals = forms.CharField(
        label=_("Đề xuất, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi đoạn một dòng; để trống thì chừa chỗ để viết thêm trong tệp tải về."),
    )  # fmt: skip

    def __init__(self, *args: Any, periods: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(period.key, period.label) for period in periods]

    def clean_period(self) -> Period:
        period = parse_period(self.cleaned_data["period"])
        if period is None:
            raise forms.ValidationError(_("Kỳ báo cáo không hợp lệ."))
        return period


class AppendixForm(forms.Form):
    period = forms.ChoiceField(label=_("Kết quả chỉ tiêu của kỳ"), required=False)

    def __init__(self, *args: Any, periods: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [("", _("Kỳ gần nhất có báo cáo")), *((p.key, p.label) for p in periods)]

    def clean_period(self) -> Period | None:
        key = self.cleaned_data.get("period")
        return parse_period(key) if key else None


class ReminderForm(ParticularsForm):
    unit = forms.ChoiceField(label=_("Gửi đơn vị"))
    reply_by = forms.DateField(label=_("Báo cáo kết quả trước ngày"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, units: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].choices = [(str(pk), name) for pk, name in units]
