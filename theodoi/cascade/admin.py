from django.contrib import admin

from theodoi.cascade.models import TaskLink


@admin.register(TaskLink)
class TaskLinkAdmin(admin.ModelAdmin):
    """Read-only: links are suggested and decided through the services (with their audit entry)."""

    list_display = ["lower_task", "higher_task", "state", "score", "rank", "decided_by", "decided_at"]
    list_filter = ["state"]
    search_fields = ["lower_task__name", "higher_task__name"]
    raw_id_fields = ["lower_task", "higher_task"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
