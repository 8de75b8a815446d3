"""The REST API (/api/v1/…), its token endpoint, and the OpenAPI schema with its docs.

Swagger UI and Redoc are served from drf-spectacular-sidecar's static files: nothing is loaded
from the internet.
"""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from theodoi.accounts.api.views import TokenObtainView
from theodoi.plans.api.urls import register as register_plans
from theodoi.results.api.urls import urlpatterns as results_urlpatterns
from theodoi.submissions.api.urls import register as register_submissions
from theodoi.submissions.api.urls import urlpatterns as submissions_urlpatterns
from theodoi.units.api.urls import register as register_units

app_name = "api"

router = DefaultRouter()
router.include_format_suffixes = False
register_units(router)
register_plans(router)
register_submissions(router)

urlpatterns = [
    path("v1/auth/token/", TokenObtainView.as_view(), name="token"),
    *submissions_urlpatterns,
    *results_urlpatterns,
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="redoc",
    ),
]
