"""Worker tasks (django-tasks): delivering one digest."""

from __future__ import annotations

from django_tasks import task

from theodoi.notifications.services import digest_deliver


@task()
def deliver_digest(digest_id: int) -> str:
    return digest_deliver(digest_id=digest_id)
