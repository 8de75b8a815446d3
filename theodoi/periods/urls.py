from django.urls import path

from theodoi.periods import views

app_name = "periods"

urlpatterns = [
    path("ke-hoach/<int:plan_id>/lich-bao-cao/", views.schedule_edit, name="schedule"),
    path("ke-hoach/<int:plan_id>/ky/<int:period_id>/", views.period_detail, name="period"),
    path("ke-hoach/<int:plan_id>/su-kien/", views.events, name="events"),
    path("ke-hoach/<int:plan_id>/dung-dieu-chinh/", views.halts, name="halts"),
    path("ke-hoach/<int:plan_id>/gia-han/", views.extensions, name="extensions"),
    path("phan-cong/<int:assignment_id>/gia-han/", views.extension_new, name="extension_new"),
    path("viec-cua-don-vi/", views.unit_agenda, name="agenda"),
    path("ngay-nghi/", views.days_off, name="days_off"),
    path("ngay-nghi/<int:day_off_id>/xoa/", views.day_off_delete, name="day_off_delete"),
]
