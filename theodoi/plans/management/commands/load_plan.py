"""theodoi load-plan FILE.json [...]: validate Plan JSON and write it, all or nothing per file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.core.errors import ApplicationError
from theodoi.plans.plan_json import PlanJsonErrors
from theodoi.plans.services import plan_load
from theodoi.units.models import Unit


def unit_by_code(code: str | None, option: str) -> Unit | None:
    if not code:
        return None
    try:
        return Unit.objects.get(code=code)
    except Unit.DoesNotExist as exc:
        raise CommandError(f"{option}: không có đơn vị mã {code!r}") from exc


class Command(BaseCommand):
    help = "Nạp kế hoạch từ tệp Plan JSON (kiểm tra đầy đủ; không ghi gì khi có lỗi)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="tệp Plan JSON")
        parser.add_argument("--plan-owner", help="mã đơn vị ban hành (mặc định: đọc từ trường issuer)")
        parser.add_argument("--standing-unit", help="mã cơ quan thường trực (mặc định: đơn vị ban hành)")

    def handle(self, *args: Any, **options: Any) -> None:
        owner = unit_by_code(options["plan_owner"], "--plan-owner")
        standing = unit_by_code(options["standing_unit"], "--standing-unit")
        failed = 0
        for name in options["files"]:
            try:
                document = json.loads(Path(name).read_text(encoding="utf-8"))
                result = plan_load(actor=None, document=document, owner=owner, standing_unit=standing)
            except (OSError, UnicodeDecodeError) as exc:
                failed += 1
                self.stderr.write(f"{name}: không đọc được tệp ({exc.strerror or exc})")
            except json.JSONDecodeError as exc:
                failed += 1
                self.stderr.write(f"{name}: không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno})")
            except PlanJsonErrors as exc:
                failed += 1
                self.stderr.write(f"{name}: không đúng cấu trúc Plan JSON, không có gì được ghi:")
                for error in exc.errors:
                    self.stderr.write(f"  - {error}")
            except ApplicationError as exc:
                failed += 1
                self.stderr.write(f"{name}: {exc.message}")
            else:
                verb = "đã tạo" if result.created else "đã cập nhật"
                self.stdout.write(
                    f"{name}: {verb} kế hoạch #{result.plan.pk} «{result.plan.title}» "
                    f"({len(result.added)} dòng mới, {len(result.updated)} cập nhật, "
                    f"{len(result.archived)} bỏ khỏi kế hoạch)"
                )
        if failed:
            raise CommandError(f"{failed} tệp không nạp được", returncode=2)
