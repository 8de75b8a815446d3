"""theodoi unlock-login [USERNAME] [--ip ADDRESS]: lift a sign-in lockout before it ends by itself."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.core.errors import ApplicationError
from theodoi.security.services import login_unlock


class Command(BaseCommand):
    help = "Mở khóa đăng nhập của một tài khoản (hoặc một địa chỉ IP) bị khóa do nhập sai mật khẩu nhiều lần."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", default="", help="tên đăng nhập")
        parser.add_argument("--ip", default="", help="địa chỉ IP bị khóa")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = login_unlock(actor=None, username=options["username"], ip=options["ip"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Đã mở khóa ({count} lần đăng nhập sai được xóa).")
