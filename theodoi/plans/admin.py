from django.contrib import admin

from theodoi.plans.models import Assignment, Indicator, LegalReference, Plan, Section, Task


class LegalReferenceInline(admin.TabularInline):
    model = LegalReference
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "kind", "owner", "standing_unit", "issued_on"]
    list_filter = ["kind"]
    search_fields = ["title", "number"]
    autocomplete_fields = ["owner", "standing_unit", "followers"]
    filter_horizontal = ["implements"]
    inlines = [LegalReferenceInline]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["unit", "role", "via_group", "completed_on"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["ref", "name", "plan", "deadline_text", "archived"]
    list_filter = ["plan", "deadline_kind", "archived"]
    search_fields = ["name", "ref"]
    raw_id_fields = ["plan", "section", "indicator"]
    inlines = [AssignmentInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["ref", "name", "plan", "target_text", "archived"]
    list_filter = ["plan", "archived"]
    search_fields = ["name", "ref"]
    raw_id_fields = ["plan"]
    inlines = [AssignmentInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "position"]
    raw_id_fields = ["plan", "parent"]
