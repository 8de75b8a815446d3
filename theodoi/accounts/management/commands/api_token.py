"""theodoi api-token USERNAME [--reset]: print the user's API token, creating it when missing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.accounts.api.services import api_token_issue
from theodoi.core.errors import ApplicationError


class Command(BaseCommand):
    help = "In mã truy cập API (token) của một người dùng; tạo mới nếu chưa có."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="tên đăng nhập")
        parser.add_argument("--reset", action="store_true", help="thu hồi mã cũ và cấp mã mới")

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: options["username"]})
        except User.DoesNotExist as exc:
            raise CommandError(f"Không có người dùng {options['username']!r}") from exc
        try:
            token, created = api_token_issue(actor=None, user=user, reset=options["reset"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        if created:
            self.stderr.write(f"Đã cấp mã truy cập mới cho {user.get_username()}.")
        self.stdout.write(token.key)
