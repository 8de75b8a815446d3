"""theodoi serve: the production web server (gunicorn) serving theodoi and its static files."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Chạy máy chủ web (gunicorn) cho theodoi."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("THEODOI_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("THEODOI_THREADS", "4")))
        # Longer than a client's or a proxy's idle keep-alive (nginx upstream: 60 s): a connection
        # gunicorn closes while the other side is sending on it gets "connection reset" (seen in the
        # deadline-rush benchmark). Idle connections cost no thread in gunicorn's gthread worker.
        parser.add_argument("--keep-alive", type=int, default=int(os.environ.get("THEODOI_KEEPALIVE", "75")))

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [
            sys.executable, "-m", "gunicorn", "theodoi.config.wsgi:application",
            "--bind", options["bind"],
            "--workers", str(options["workers"]),
            "--threads", str(options["threads"]),
            "--access-logfile", "-",
            "--timeout", "60",
            "--keep-alive", str(options["keep_alive"]),
        ]
        sys.stdout.flush()
        os.execv(sys.executable, argv)
