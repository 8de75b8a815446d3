from django.urls import path

from theodoi.submissions import views, views_history

app_name = "submissions"

urlpatterns = [
    path("bao-cao/", views.report_list, name="list"),
    path("bao-cao/<int:report_id>/", views.report_detail, name="detail"),
    path("bao-cao/<int:report_id>/kiem-tra/", views.report_review, name="review"),
    path("bao-cao/<int:report_id>/lich-su/", views_history.report_history, name="history"),
    path("bao-cao/<int:report_id>/lich-su.<str:fmt>", views_history.report_history_export, name="history_export"),
    path("bao-cao/<int:report_id>/minh-chung/", views.evidence_add, name="evidence_add"),
    path("bao-cao/<int:report_id>/excel/", views.spreadsheet_download, name="spreadsheet"),
    path("bao-cao/<int:report_id>/nhap-excel/", views.spreadsheet_upload, name="spreadsheet_upload"),
    path("minh-chung/<int:evidence_id>/tai-ve/", views.evidence_download, name="evidence_download"),
    path("minh-chung/<int:evidence_id>/xoa/", views.evidence_remove, name="evidence_remove"),
    path(
        "ke-hoach/<int:plan_id>/bao-cao/<str:kind>/<int:year>/<int:index>/",
        views.period_reports,
        name="period",
    ),  # fmt: skip
]
