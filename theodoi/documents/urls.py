from django.urls import path

from theodoi.documents import views

app_name = "documents"
urlpatterns = [
    path("ke-hoach/<int:plan_pk>/van-ban/", views.plan_documents, name="plan"),
    path("ke-hoach/<int:plan_pk>/van-ban/bao-cao-tong-hop.docx", views.plan_summary, name="plan_summary"),
    path("ke-hoach/<int:plan_pk>/van-ban/phu-luc.xlsx", views.plan_appendix, name="plan_appendix"),
    path("ke-hoach/<int:plan_pk>/van-ban/cong-van-don-doc.docx", views.plan_reminder, name="plan_reminder"),
    path("ke-hoach/<int:plan_pk>/so-theo-doi/", views.plan_register, name="plan_register"),
    path("ke-hoach/<int:plan_pk>/so-theo-doi.<str:fmt>", views.plan_register, name="plan_register_export"),
    path("don-vi/<int:unit_pk>/van-ban/", views.unit_documents, name="unit"),
    path("don-vi/<int:unit_pk>/van-ban/cong-van-don-doc.docx", views.unit_reminder, name="unit_reminder"),
    path("don-vi/<int:unit_pk>/so-theo-doi/", views.unit_register, name="unit_register"),
    path("don-vi/<int:unit_pk>/so-theo-doi.<str:fmt>", views.unit_register, name="unit_register_export"),
]
