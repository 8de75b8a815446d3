from django.urls import path

from theodoi.cascade import views

app_name = "cascade"

urlpatterns = [
    path("ke-hoach/<int:plan_id>/cap-tren/", views.review, name="review"),
    path("ke-hoach/<int:plan_id>/cap-tren/ke-hoach/", views.higher_set, name="higher_set"),
    path("ke-hoach/<int:plan_id>/cap-tren/goi-y/", views.suggest, name="suggest"),
    path("nhiem-vu/<int:task_id>/cap-tren/", views.decide, name="decide"),
    path("ke-hoach/<int:plan_id>/cap-duoi/", views.uptake, name="uptake"),
]
