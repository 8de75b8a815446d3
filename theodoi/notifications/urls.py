from django.urls import path

from theodoi.notifications import views

app_name = "notifications"

urlpatterns = [
    path("thong-bao/", views.notification_list, name="list"),
    path("thong-bao/<int:notification_id>/da-doc/", views.notification_read, name="read"),
    path("ke-hoach/<int:plan_id>/nhac-viec/", views.reminder_policy_edit, name="policy"),
]
