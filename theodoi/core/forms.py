"""The search box shared by the search page and the list filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.core.text import clean


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=200)

    def clean_q(self) -> str:
        return clean(self.cleaned_data.get("q"))


def query_from(request_data: object) -> str:
    """The cleaned `q` of a GET query, or "" when it is missing or invalid."""
    form = SearchForm(request_data)  # type: ignore[arg-type]
    return form.cleaned_data["q"] if form.is_valid() else ""
