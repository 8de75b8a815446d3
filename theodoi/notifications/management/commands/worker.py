"""`theodoi worker`: the background worker (django-tasks) with the reminder scheduler beside it.

With the database queue (the default) the django-tasks-db worker runs in the main thread and the
scheduler in a second thread of the same process. With Redis (THEODOI_TASKS_BACKEND=
django_tasks_rq.RQBackend) the RQ worker runs instead. See docs/worker.md.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.dateparse import parse_datetime
from django_tasks import task_backends

from theodoi.notifications.scheduler import run_scheduler, scheduler_tick
from theodoi.notifications.services import worker_id


class Command(BaseCommand):
    help = "Chạy tiến trình nền: hàng đợi công việc và lịch nhắc việc (mỗi phút)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Chạy lịch một lượt, làm hết hàng đợi rồi thoát.")
        parser.add_argument("--no-scheduler", action="store_true", help="Chỉ xử lý hàng đợi (khi chạy nhiều worker).")
        parser.add_argument("--interval", type=float, default=60.0, help="Chu kỳ của lịch nhắc việc (giây).")
        parser.add_argument("--queue-interval", type=float, default=1.0, help="Chu kỳ kiểm tra hàng đợi (giây).")
        parser.add_argument(
            "--as-of",
            help="Chạy lịch như thể đang ở thời điểm này (ISO 8601 có múi giờ); dùng để kiểm thử, chạy bù.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = self._as_of(options["as_of"])
        backend = task_backends["default"]
        if options["once"]:
            if not options["no_scheduler"]:
                tick = scheduler_tick(now=now)
                self.stdout.write(f"Lịch nhắc việc: {tick}")
            self._run_queue(backend, once=True, interval=options["queue_interval"])
            return
        stop = threading.Event()
        thread = None
        if not options["no_scheduler"]:
            thread = threading.Thread(
                target=run_scheduler, args=(stop,), kwargs={"interval": options["interval"], "now": now},
                name="theodoi-scheduler", daemon=True,
            )  # fmt: skip
            thread.start()
        try:
            self._run_queue(backend, once=False, interval=options["queue_interval"])
        finally:
            stop.set()
            if thread is not None:
                thread.join(timeout=5)

    def _as_of(self, text: str | None) -> datetime | None:
        if not text:
            return None
        moment = parse_datetime(text)
        if moment is None or moment.tzinfo is None:
            raise CommandError("--as-of phải là thời điểm ISO 8601 có múi giờ, ví dụ 2026-03-12T08:00+07:00")
        return moment

    def _run_queue(self, backend: Any, *, once: bool, interval: float) -> None:
        kind = f"{type(backend).__module__}.{type(backend).__name__}"
        if kind == "django_tasks_db.backend.DatabaseBackend":
            from django_tasks_db.management.commands.db_worker import Worker

            worker = Worker(
                queue_names=sorted(backend.queues) or ["default"], interval=interval, batch=once,
                backend_name=backend.alias, startup_delay=not once, max_tasks=None,
                worker_id=worker_id(), excluded_queue_names=[],
            )  # fmt: skip
            worker.configure_signals()
            worker.run()
        elif kind == "django_tasks_rq.backend.RQBackend":
            call_command(
                "rqworker",
                *sorted(backend.queues),
                burst=once,
                with_scheduler=True,
                job_class="django_tasks_rq.Job",
            )
        elif kind == "django_tasks.backends.immediate.ImmediateBackend":
            if not once:
                raise CommandError("Backend ImmediateBackend chạy công việc ngay khi xếp hàng; không cần worker.")
        else:
            raise CommandError(f"Không hỗ trợ backend công việc {kind}")
