"""The calendar in the admin, for looking only: every change goes through the services (pages at
/ke-hoach/<id>/lich-bao-cao/, /ngay-nghi/, …), which re-date periods and write the audit trail."""

from django.contrib import admin

from theodoi.periods.models import (
    DayOff,
    ExtensionRequest,
    ReportingPeriod,
    ReportingSchedule,
    TaskEvent,
    TaskHalt,
    UnitReport,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ReportingSchedule)
class ReportingScheduleAdmin(ReadOnlyAdmin):
    list_display = ["plan", "clause_text", "window_mode", "roll_to_working_day", "updated_at"]
    list_filter = ["window_mode", "roll_to_working_day"]
    search_fields = ["plan__title", "clause_text"]
    raw_id_fields = ["plan"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ["label", "plan", "window_start", "window_end", "due_at", "original_due_at"]
    list_filter = ["kind", "year"]
    search_fields = ["plan__title"]
    raw_id_fields = ["plan"]
    readonly_fields = ["original_due_at"]


@admin.register(UnitReport)
class UnitReportAdmin(ReadOnlyAdmin):
    list_display = ["period", "unit", "submitted_at"]
    list_filter = ["period__kind", "period__year"]
    search_fields = ["unit__name", "period__plan__title"]
    raw_id_fields = ["period", "unit", "submitted_by"]


@admin.register(DayOff)
class DayOffAdmin(ReadOnlyAdmin):
    list_display = ["day", "kind", "name", "created_by"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    readonly_fields = ["created_by", "created_at"]


@admin.register(TaskEvent)
class TaskEventAdmin(ReadOnlyAdmin):
    list_display = ["task", "occurred_on", "offset_days", "recorded_by", "recorded_at"]
    raw_id_fields = ["task"]
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "previous_due", "requested_due", "state", "requested_at", "decided_at"]
    list_filter = ["state"]
    search_fields = ["assignment__task__name", "assignment__unit__name", "reason"]


@admin.register(TaskHalt)
class TaskHaltAdmin(ReadOnlyAdmin):
    list_display = ["task", "kind", "effective_on", "reason"]
    list_filter = ["kind"]
    raw_id_fields = ["task"]
    readonly_fields = ["recorded_by", "recorded_at"]
