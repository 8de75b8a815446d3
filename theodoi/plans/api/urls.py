from __future__ import annotations

from rest_framework.routers import BaseRouter

from theodoi.plans.api import views


def register(router: BaseRouter) -> None:
    router.register("plans", views.PlanViewSet, basename="plan")
    router.register("sections", views.SectionViewSet, basename="section")
    router.register("indicators", views.IndicatorViewSet, basename="indicator")
    router.register("tasks", views.TaskViewSet, basename="task")
    router.register("assignments", views.AssignmentViewSet, basename="assignment")
