from django.contrib import admin

from theodoi.notifications.models import Digest, Notification, ReminderPolicy, SentReminder


class ReadOnlyAdmin(admin.ModelAdmin):
    """For looking only: the ledger and the mails sent are records, and policies change through
    the plan's page (/ke-hoach/<id>/nhac-viec/), which writes the audit trail."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(ReadOnlyAdmin):
    list_display = ["plan", "days_before", "on_due_day", "days_after", "escalate_from_day", "send_at", "enabled"]
    list_filter = ["enabled"]


@admin.register(Digest)
class DigestAdmin(ReadOnlyAdmin):
    list_display = ["subject", "unit", "state", "created_at", "sent_at", "attempts"]
    list_filter = ["state"]
    search_fields = ["subject", "unit__name"]


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    list_display = ["unit", "title", "stage", "due_on", "escalated", "created_at"]
    list_filter = ["kind", "stage", "escalated"]
    search_fields = ["unit__name", "title"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["recipient", "title", "created_at", "read_at"]
    search_fields = ["recipient__username", "title"]
