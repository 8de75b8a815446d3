"""The base of every read-only API endpoint: what `policy.restrict` allows, filtered and paged."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.viewsets import ReadOnlyModelViewSet

from theodoi.accounts.policy import READ, restrict
from theodoi.core.api.filters import StableOrderingFilter
from theodoi.core.api.pagination import ApiPagination


class RestrictedReadOnlyViewSet(ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """List and detail over `restrict(queryset, user, READ)`.

    An object outside the user's reach is simply not in the queryset, so its detail answers 404
    exactly like an id that does not exist.
    """

    pagination_class = ApiPagination
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user to restrict for
            return queryset
        return restrict(queryset, self.request.user, READ)

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # Filters and their defaults (archived=false) narrow lists only: a detail URL names its
        # object, which opens whatever the query string says.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)
