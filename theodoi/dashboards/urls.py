from django.urls import path

from theodoi.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("tong-quan/", views.overview, name="overview"),
    path("tong-quan/ke-hoach/<int:plan_id>/", views.plan_dashboard, name="plan"),
    path("tong-quan/ke-hoach/<int:plan_id>/tinh-hinh-bao-cao/", views.reporting_grid, name="grid"),
    path("tong-quan/don-vi/<int:unit_id>/", views.unit_dashboard, name="unit"),
    path("tong-quan/chi-tieu/<int:indicator_id>/", views.indicator_dashboard, name="indicator"),
]
