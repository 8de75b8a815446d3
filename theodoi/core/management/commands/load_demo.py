"""theodoi load-demo [--once]: the sample directory, the five seed plans and the demo accounts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.core.errors import ApplicationError
from theodoi.demo.loader import demo_is_loaded, demo_load


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: danh mục đơn vị, năm kế hoạch mẫu và các tài khoản mẫu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="bỏ qua nếu dữ liệu mẫu đã được nạp")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"] and demo_is_loaded():
            self.stdout.write("Dữ liệu mẫu đã có sẵn.")
            return
        try:
            for line in demo_load():
                self.stdout.write(line)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
