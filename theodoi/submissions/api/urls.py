from __future__ import annotations

from django.urls import URLPattern, path
from rest_framework.routers import BaseRouter

from theodoi.submissions.api import views


def register(router: BaseRouter) -> None:
    router.register("reports", views.ReportViewSet, basename="report")
    router.register("evidence", views.EvidenceViewSet, basename="evidence")


urlpatterns: list[URLPattern] = [
    path("v1/external-values/", views.ExternalValueView.as_view(), name="external-values"),
]
