import socket
import threading
from datetime import date, datetime
from email import message_from_bytes
from email import policy as email_policy

import pytest

from theodoi.periods.submission import VIETNAM_TZ
from theodoi.periods.tests.fixtures import event_task, people

__all__ = ["event_task", "people"]


def vn(*args):
    return datetime(*args, tzinfo=VIETNAM_TZ)


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


@pytest.fixture
def march_plan(loaded_plan, people, directory):
    """The test plan reporting before the 12th of each month from March 2026, plus a task of
    Văn phòng Sở due on 12/3/2026 (so that unit owes two things on the same day)."""
    from theodoi.periods.services import schedule_set
    from theodoi.plans.choices import AssignmentRole, DeadlineKind
    from theodoi.plans.models import Assignment, Task

    schedule_set(
        actor=people["coordinator"], plan=loaded_plan, clause_text="Trước ngày 12 hằng tháng",
        starts_on=date(2026, 3, 1), now=vn(2026, 1, 1),
    )  # fmt: skip
    task = Task.objects.create(
        plan=loaded_plan, ref="I.2", position=50, name="Báo cáo rà soát thủ tục hành chính",
        deadline_text="12/3/2026", deadline_kind=DeadlineKind.DATE, deadline_due=date(2026, 3, 12),
    )  # fmt: skip
    Assignment.objects.create(task=task, unit=directory["dn.khcn.vp"], role=AssignmentRole.LEAD)
    return loaded_plan


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RecordingHandler:
    """Keeps every message the server accepted. With `hold_after` set, the message after that
    many waits (the sender is stuck mid-DATA) until `release` is set, then is refused."""

    def __init__(self, hold_after=None):
        self.messages = []
        self.hold_after = hold_after
        self.holding = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        with self.lock:
            hold = self.hold_after is not None and len(self.messages) == self.hold_after
            if hold:
                self.hold_after = None
        if hold:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Requested action aborted: try again later"
        message = message_from_bytes(envelope.content, policy=email_policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    handler.release.set()
    controller.stop()
