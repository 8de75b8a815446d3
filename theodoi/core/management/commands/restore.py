"""theodoi restore FILE [--yes]: replace the database and uploaded files with a checked backup archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.core.backup import backup_restore
from theodoi.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và các tệp đã tải lên từ một bản sao lưu (dừng máy chủ và worker trước). "
        "Bản sao lưu được kiểm tra toàn bộ trước khi thay đổi bất cứ thứ gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="tệp sao lưu do `theodoi backup` tạo ra")
        parser.add_argument("--yes", action="store_true", help="không hỏi lại trước khi ghi đè dữ liệu hiện có")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"] and options.get("interactive", True):
            answer = input("Toàn bộ dữ liệu hiện có sẽ bị thay bằng bản sao lưu. Gõ “co” để tiếp tục: ")
            if answer.strip().lower() not in ("co", "có"):
                raise CommandError("Đã hủy: không có gì bị thay đổi.")
        try:
            manifest = backup_restore(archive_path=Path(options["archive"]))
        except ApplicationError as error:
            raise CommandError(error.message) from error
        files = sum(1 for name in manifest["members"] if name.startswith("files/"))
        self.stdout.write(f"Đã khôi phục bản sao lưu lúc {manifest['created_at']} ({manifest['method']}, {files} tệp).")
