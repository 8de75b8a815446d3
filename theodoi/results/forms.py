"""Forms of the results pages: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.plans.choices import Aggregation
from theodoi.plans.models import Indicator
from theodoi.results.models import ResultSettings
from theodoi.results.services import SETTING_FIELDS

AUTO = ("", _("Tự động (theo công thức và đơn vị tính)"))


class ResultSettingsForm(forms.ModelForm):
    """Warning bands and scoreboard weights."""

    class Meta:
        model = ResultSettings
        fields = list(SETTING_FIELDS)

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in SETTING_FIELDS}


class AggregationForm(forms.Form):
    """One choice per indicator of a plan: how its figures add up."""

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[self.key(indicator)] = forms.ChoiceField(
                label=f"{indicator.ref}. {indicator.name}", required=False,
                choices=[AUTO, *Aggregation.choices], initial=indicator.aggregation,
            )  # fmt: skip

    @staticmethod
    def key(indicator: Indicator) -> str:
        return f"indicator_{indicator.pk}"

    def changes(self) -> dict[int, str]:
        return {indicator.pk: self.cleaned_data[self.key(indicator)] or "" for indicator in self.indicators}

    def rows(self) -> list[tuple[Indicator, Any]]:
        return [(indicator, self[self.key(indicator)]) for indicator in self.indicators]
