"""theodoi backup [--output FILE] [--method sqlite|pg_dump|django]: the database and uploaded files in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from theodoi.core.backup import backup_create
from theodoi.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một tệp nén (kèm tệp mô tả và mã kiểm tra)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", help="tệp sao lưu sẽ tạo (mặc định: THEODOI_DATA_DIR/backups/…)")
        parser.add_argument(
            "--method", choices=["sqlite", "pg_dump", "django"],
            help="cách sao lưu cơ sở dữ liệu (mặc định: sqlite cho SQLite, pg_dump nếu có, nếu không thì django)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        output = options["output"] or Path(settings.DATA_DIR) / "backups" / (
            f"theodoi-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            result = backup_create(output=Path(output), method=options["method"])
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Đã sao lưu vào {result.path} ({result.method}, {result.files} tệp đính kèm, {result.size} byte)."
        )
