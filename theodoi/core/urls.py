from django.urls import path

from theodoi.core import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search_view, name="search"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
