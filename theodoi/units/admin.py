from django.contrib import admin

from theodoi.units.models import Unit, UnitAlias, UnitGroup


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1
    fields = ["text"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "code", "is_sample", "is_active"]
    list_filter = ["kind", "is_sample", "is_active"]
    search_fields = ["name", "short_name", "code", "aliases__text"]
    autocomplete_fields = ["parent"]
    inlines = [UnitAliasInline]


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ["token", "scope"]
    autocomplete_fields = ["scope", "members"]
