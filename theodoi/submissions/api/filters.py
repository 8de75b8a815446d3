"""Filters of the report endpoints."""

from __future__ import annotations

from django_filters import rest_framework as filters

from theodoi.core.api.filters import IdFilter, IntegerFilter
from theodoi.submissions.choices import PeriodKind, ReportState
from theodoi.submissions.models import Evidence, Report


class ReportFilterSet(filters.FilterSet):
    plan = IdFilter(label="Plan id")
    unit = IdFilter(label="Unit id")
    period_kind = filters.ChoiceFilter(choices=PeriodKind.choices)
    period_year = IntegerFilter(min_value=2000, max_value=9999)
    period_index = IntegerFilter(min_value=1, max_value=12)
    state = filters.ChoiceFilter(choices=ReportState.choices)
    late = filters.BooleanFilter(field_name="is_late", label="Sent after its deadline")

    class Meta:
        model = Report
        fields = ["plan", "unit", "period_kind", "period_year", "period_index", "state", "late"]


class EvidenceFilterSet(filters.FilterSet):
    report = IdFilter(label="Report id")

    class Meta:
        model = Evidence
        fields = ["report"]
