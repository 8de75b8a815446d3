"""The REST API (/api/v1/…), its token endpoint, and the OpenAPI schema with its docs.

Swagger UI and Redoc are served from drf-spectacular-sidecar's static files: nothing is loaded
from the internet. The schema and both pages need a signed-in user or a token (SERVE_PERMISSIONS).
"""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from theodoi.accounts.api.views import TokenObtainView
from theodoi.cascade.api.urls import register as register_cascade
from theodoi.plans.api.urls import register as register_plans
from theodoi.results.api.urls import urlpatterns as results_urlpatterns
from theodoi.security.headers import relaxed_csp
from theodoi.submissions.api.urls import register as register_submissions
from theodoi.submissions.api.urls import urlpatterns as submissions_urlpatterns
from theodoi.units.api.urls import register as register_units

app_name = "api"

router = DefaultRouter()
router.include_format_suffixes = False
register_units(router)
register_plans(router)
register_submissions(router)
register_cascade(router)

urlpatterns = [
    path("v1/auth/token/", TokenObtainView.as_view(), name="token"),
    *submissions_urlpatterns,
    *results_urlpatterns,
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("docs/", relaxed_csp(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path(
        "redoc/",
        relaxed_csp(SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")),
        name="redoc",
    ),
]
