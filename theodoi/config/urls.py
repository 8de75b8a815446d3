from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
]

# The pages of the Vietnamese interface. accounts.urls also hands the admin's sign-in and
# permission to the product's login page and to policy (see accounts.views.admin_site_setup).
urlpatterns += [
    path("", include("theodoi.accounts.urls")),
    path("", include("theodoi.core.urls")),
    path("ke-hoach/", include("theodoi.plans.urls")),
    path("don-vi/", include("theodoi.units.urls")),
]

# The REST API is wired by the lead when the api branch is merged:
# urlpatterns += [path("api/", include("theodoi.config.api_urls"))]
