"""Reads for notifications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from theodoi.notifications.models import Notification


def notifications_of(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    rows = Notification.objects.filter(recipient=user)
    return rows.filter(read_at__isnull=True) if unread_only else rows


def unread_count(user: Any) -> int:
    return notifications_of(user, unread_only=True).count()
