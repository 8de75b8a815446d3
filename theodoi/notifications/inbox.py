"""In-app notifications other apps write inside their own services' transactions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from theodoi.notifications.models import Notification


def notify(users: Iterable[Any], *, title: str, body: str = "", link: str = "") -> int:
    """One notification for each active person; returns how many were written."""
    now = timezone.now()
    rows = [
        Notification(recipient=user, title=title[:300], body=body, link=link[:500], created_at=now)
        for user in {user.pk: user for user in users if user.is_active}.values()
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)
