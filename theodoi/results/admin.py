"""Result settings in the admin, for looking only: changes go through the rules pages
(/ke-hoach/<id>/quy-tac-danh-gia/, /quy-tac-danh-gia/), whose service writes the audit trail."""

from django.contrib import admin

from theodoi.results.models import ResultSettings


@admin.register(ResultSettings)
class ResultSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "safe_points", "watch_points", "at_risk_points", "task_share", "report_share",
                    "updated_at"]  # fmt: skip
    raw_id_fields = ["plan"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
