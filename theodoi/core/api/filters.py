"""Filtering helpers shared by every API endpoint."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django_filters.rest_framework import FilterSet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.filters import OrderingFilter

from theodoi.core.text import search_key


class StableOrderingFilter(OrderingFilter):
    """`?ordering=` as DRF reads it, with the primary key last so pages never overlap or skip rows."""

    def get_ordering(self, request: Any, queryset: QuerySet[Any], view: Any) -> list[str]:
        ordering = list(super().get_ordering(request, queryset, view) or queryset.model._meta.ordering)
        if not {"pk", "-pk", "id", "-id"} & set(ordering):
            ordering.append("pk")
        return ordering


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class IdFilter(IntegerFilter):
    """An object id. It is never checked against the database, so an id outside the user's reach
    gives the same empty list as one that does not exist (ids cannot be probed). Numbers no
    database key can hold are refused with 400 rather than overflowing the query."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class SearchKeyFilter(django_filters.CharFilter):
    """`?q=` matched against a `search_key` column: diacritics- and case-insensitive."""

    def __init__(self, *args: Any, field_name: str = "search_key", **kwargs: Any) -> None:
        kwargs.setdefault("label", "Search by name, ignoring diacritics and case")
        super().__init__(*args, field_name=field_name, lookup_expr="contains", **kwargs)

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        key = search_key(value)
        return super().filter(qs, key) if key else qs


class DefaultingFilterSet(FilterSet):
    """A FilterSet whose `defaults` apply when the request leaves the parameter out."""

    defaults: dict[str, str] = {}

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if self.defaults:
            data = data.copy() if data is not None else {}
            for name, value in self.defaults.items():
                if name not in data:
                    data[name] = value
        super().__init__(data, *args, **kwargs)
