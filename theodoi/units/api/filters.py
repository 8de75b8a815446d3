from __future__ import annotations

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from theodoi.core.api.filters import IdFilter, SearchKeyFilter
from theodoi.core.text import search_key
from theodoi.units.choices import UnitKind
from theodoi.units.models import Unit, UnitAlias


class UnitSearchFilter(SearchKeyFilter):
    """A unit matches by its name or by any of its aliases."""

    def filter(self, qs: QuerySet[Unit], value: str) -> QuerySet[Unit]:
        key = search_key(value)
        if not key:
            return qs
        by_alias = UnitAlias.objects.filter(key__contains=key).values("unit_id")
        return qs.filter(Q(search_key__contains=key) | Q(pk__in=by_alias))


class UnitFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=UnitKind.choices, label="Kind of unit")
    parent = IdFilter(field_name="parent_id", label="Id of the parent unit")
    code = filters.CharFilter(label="Unit code, exact")
    is_active = filters.BooleanFilter(label="Active units only (true) or inactive only (false)")
    q = UnitSearchFilter()

    class Meta:
        model = Unit
        fields = ["kind", "parent", "code", "is_active", "q"]
