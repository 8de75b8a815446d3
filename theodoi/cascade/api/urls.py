from __future__ import annotations

from rest_framework.routers import BaseRouter

from theodoi.cascade.api import views


def register(router: BaseRouter) -> None:
    router.register("task-links", views.TaskLinkViewSet, basename="task-link")
