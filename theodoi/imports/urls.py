from django.urls import path

from theodoi.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_list_view, name="list"),
    path("<int:pk>/", views.import_review_view, name="review"),
    path("<int:pk>/sua/", views.import_cell_view, name="cell"),
    path("<int:pk>/ten/", views.import_map_name_view, name="map_name"),
    path("<int:pk>/co-quan/", views.import_owner_view, name="owner"),
    path("<int:pk>/luu/", views.import_save_view, name="save"),
    path("<int:pk>/huy/", views.import_discard_view, name="discard"),
]
