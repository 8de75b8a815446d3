from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.units.models import Unit

EDITABLE = {
    "tasks": ["ref", "name", "description", "objective", "lead", "coordinating", "output", "deadline", "note"],
    "indicators": ["ref", "group", "name", "unit", "target", "data_source", "responsible", "coordinating", "note"],
    "plan": ["title", "number", "issued_on", "issuer", "place", "signer"],
}


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("Văn bản kế hoạch"),
        help_text=_("Tệp .docx, .xlsx, .pdf, .txt hoặc .md, tối đa 50 MB."),
    )


class CellForm(forms.Form):
    table = forms.ChoiceField(choices=[("tasks", "tasks"), ("indicators", "indicators"), ("plan", "plan")])
    index = forms.IntegerField(min_value=0)
    field = forms.CharField(max_length=32)
    value = forms.CharField(required=False, max_length=20_000, widget=forms.Textarea)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("table") and data.get("field") not in EDITABLE.get(str(data["table"]), []):
            raise forms.ValidationError(_("Cột này không sửa được."))
        return data


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        parent = f" — {obj.parent.name}" if obj.parent_id else ""
        return f"{obj.name}{parent}"


class MapNameForm(forms.Form):
    name = forms.CharField(max_length=300)
    unit = UnitChoiceField(queryset=Unit.objects.filter(is_active=True).select_related("parent"),
                           label=_("Đơn vị"))
    remember = forms.BooleanField(required=False, initial=True, label=_("Ghi nhớ cách viết này cho đơn vị"))


class OwnerForm(forms.Form):
    owner = UnitChoiceField(
        queryset=Unit.objects.filter(is_active=True).exclude(kind="commune").select_related("parent"),
        label=_("Cơ quan ban hành"),
    )


class SaveForm(forms.Form):
    version = forms.IntegerField(min_value=1)
