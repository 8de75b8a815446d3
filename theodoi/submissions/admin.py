"""Admin pages: for looking, and for the per-plan and per-indicator settings. Reports change only
through the services (which check permissions, lock the row and write the audit trail), so their
admin pages are read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from theodoi.submissions.models import (
    ExternalValue,
    IndicatorCheckRule,
    PlanReportingSettings,
    Report,
    ReportVersion,
    SourceSystem,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PlanReportingSettings)
class PlanReportingSettingsAdmin(admin.ModelAdmin):
    list_display = ["plan", "requires_leader_approval"]
    raw_id_fields = ["plan"]


@admin.register(IndicatorCheckRule)
class IndicatorCheckRuleAdmin(admin.ModelAdmin):
    list_display = ["indicator", "high_risk", "tolerance_percent", "jump_threshold_percent", "min_sample"]
    list_filter = ["high_risk"]
    search_fields = ["indicator__name", "indicator__plan__title"]
    raw_id_fields = ["indicator"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "plan", "state", "is_late", "submitted_at", "version"]
    list_filter = ["state", "is_late", "period_kind", "period_year"]
    search_fields = ["unit__name", "plan__title"]


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ["report", "number", "created_at", "created_by"]


@admin.register(SourceSystem)
class SourceSystemAdmin(admin.ModelAdmin):
    """Register systems with `source_system_register` (it issues the token); here they are only
    switched off and on."""

    list_display = ["name", "token_prefix", "is_active", "created_at"]
    fields = ["name", "token_prefix", "is_active"]
    readonly_fields = ["name", "token_prefix"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ExternalValue)
class ExternalValueAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "unit", "system", "period_kind", "period_year", "period_index", "value",
                    "numerator", "denominator", "extracted_at"]
    list_filter = ["system", "period_kind", "period_year"]
