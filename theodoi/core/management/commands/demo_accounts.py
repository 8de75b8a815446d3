"""theodoi demo-accounts: print the demo accounts that ./scripts/run offers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from theodoi.accounts.choices import Role
from theodoi.demo.loader import DEMO_PASSWORD, demo_accounts


class Command(BaseCommand):
    help = "In danh sách tài khoản mẫu."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {DEMO_PASSWORD}):")
        for account in demo_accounts():
            role = Role(account.role).label
            self.stdout.write(f"  {account.username:<12} {role} — {account.full_name}")
