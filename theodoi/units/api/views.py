from __future__ import annotations

from django.db.models import Prefetch

from theodoi.core.api.views import RestrictedReadOnlyViewSet
from theodoi.units.api.filters import UnitFilterSet
from theodoi.units.api.serializers import UnitSerializer
from theodoi.units.models import Unit, UnitAlias


class UnitViewSet(RestrictedReadOnlyViewSet):
    """Units of the directory (đơn vị), with their aliases; every signed-in user may read them."""

    queryset = Unit.objects.select_related("parent").prefetch_related(
        Prefetch("aliases", queryset=UnitAlias.objects.order_by("pk"))
    )
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    ordering_fields = ["name", "code", "kind", "id"]
