from __future__ import annotations

from rest_framework.routers import BaseRouter

from theodoi.units.api.views import UnitViewSet


def register(router: BaseRouter) -> None:
    router.register("units", UnitViewSet, basename="unit")
