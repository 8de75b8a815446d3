from django.urls import path

from theodoi.results import views

app_name = "results"

urlpatterns = [
    path("ke-hoach/<int:plan_id>/quy-tac-danh-gia/", views.plan_rules, name="plan_rules"),
    path("quy-tac-danh-gia/", views.default_rules, name="default_rules"),
]
