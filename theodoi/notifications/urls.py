from django.urls import path

from theodoi.notifications import views

app_name = "notifications"

urlpatterns = [
    path("thong-bao/", views.notification_list, name="list"),
    path("thong-bao/<int:notification_id>/da-doc/", views.notification_read, name="read"),
]
