from django.contrib import admin
from django.urls import include, path

from theodoi.accounts.views import admin_site_setup

admin_site_setup()  # before admin.site.urls binds the admin's login view
urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("theodoi.config.api_urls")),
]

# The pages of the Vietnamese interface.
urlpatterns += [
    path("", include("theodoi.accounts.urls")),
    path("", include("theodoi.core.urls")),
    path("ke-hoach/", include("theodoi.plans.urls")),
    path("don-vi/", include("theodoi.units.urls")),
    path("nhap-ke-hoach/", include("theodoi.imports.urls")),
    # The reporting calendar (ke-hoach/<id>/lich-bao-cao/, ngay-nghi/, ...) and notifications.
    path("", include("theodoi.periods.urls")),
    path("", include("theodoi.notifications.urls")),
    path("", include("theodoi.submissions.urls")),
    path("", include("theodoi.results.urls")),
    # Official documents and task registers (ke-hoach/<id>/van-ban/, don-vi/<id>/so-theo-doi/, ...).
    path("", include("theodoi.documents.urls")),
    path("", include("theodoi.cascade.urls")),
    path("", include("theodoi.dashboards.urls")),
]

# Under /api/ errors are JSON like every other API answer; elsewhere the Vietnamese pages.
handler400 = "theodoi.core.api.handlers.bad_request"
handler403 = "theodoi.core.api.handlers.permission_denied"
handler404 = "theodoi.core.api.handlers.not_found"
handler500 = "theodoi.core.api.handlers.server_error"
