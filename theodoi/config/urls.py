from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from theodoi.accounts import policy
from theodoi.accounts.views import admin_login

# Quản trị (the Django admin) is for the admin role only: policy decides, not is_staff, and
# signing in goes through the product's own login page.
admin.site.has_permission = lambda request: policy.can_use_admin(request.user)
admin.site.login = admin_login
admin.site.site_header = admin.site.site_title = _("theodoi · Quản trị")
admin.site.index_title = _("Quản trị hệ thống")
admin.site.site_url = "/"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("theodoi.accounts.urls")),
    path("", include("theodoi.core.urls")),
    path("ke-hoach/", include("theodoi.plans.urls")),
    path("don-vi/", include("theodoi.units.urls")),
]

# The REST API is wired by the lead when the api branch is merged:
# urlpatterns += [path("api/", include("theodoi.config.api_urls"))]
