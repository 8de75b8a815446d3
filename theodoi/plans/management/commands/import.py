"""`theodoi import FILE... [--json] [--save] [--plan-owner UNIT]`: read plan documents into Plan JSON.

Without --save the command needs no database; with --save each file is loaded through the
Plan JSON loader (all or nothing per file), using the unit directory's names and aliases.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.importer import ImportResult, UnreadableDocument, import_document


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = (
        "Đọc văn bản kế hoạch (.txt, .md; .docx/.xlsx/.pdf khi có bộ đọc) thành Plan JSON. "
        "Với --json: một tệp in ra một đối tượng JSON; nhiều tệp in mỗi đối tượng trên một dòng "
        "(JSON Lines). Tệp không đọc được được báo lỗi, các tệp khác vẫn được đọc, mã thoát 2."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="tệp văn bản kế hoạch")
        parser.add_argument("--json", action="store_true", help="in Plan JSON ra đầu ra chuẩn")
        parser.add_argument("--plan-owner", metavar="UNIT", default=None,
                            help="đơn vị ban hành kế hoạch (tên; với --save có thể là mã đơn vị)")
        parser.add_argument("--save", action="store_true",
                            help="lưu kế hoạch vào cơ sở dữ liệu (nạp lại thì cập nhật tại chỗ)")

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [Path(f) for f in options["files"]]
        saver = _Saver(options["plan_owner"]) if options["save"] else None
        failed = 0
        results: list[ImportResult] = []
        for path in _progress(paths):
            result = self._read(path, options["plan_owner"], saver)
            if result is None or (saver is not None and not saver.save(self, path, result)):
                failed += 1
                continue
            results.append(result)
            if options["json"]:
                indent = 2 if len(paths) == 1 else None
                self.stdout.write(json.dumps(result.plan, ensure_ascii=False, indent=indent))
            else:
                self._summary(path, result)
        if failed:
            raise CommandError(f"{failed}/{len(paths)} tệp không đọc được.", returncode=2)

    def _read(self, path: Path, owner: str | None, saver: _Saver | None) -> ImportResult | None:
        try:
            data = path.read_bytes()
        except OSError as error:
            self.stderr.write(f"Không mở được tệp “{path}”: {error.strerror or error}.")
            return None
        try:
            if saver is not None:
                return import_document(data, path.name, plan_owner=saver.owner_name, aliases=saver.aliases)
            return import_document(data, path.name, plan_owner=owner)
        except UnreadableDocument as error:
            self.stderr.write(f"Không đọc được “{path}”: {error.message}")
            return None

    def _summary(self, path: Path, result: ImportResult) -> None:
        plan = result.plan
        self.stdout.write(
            f"{path.name}: {len(plan['indicators'])} chỉ tiêu, {len(plan['tasks'])} nhiệm vụ, "
            f"{len(result.warnings)} cảnh báo"
        )
        for warning in result.warnings:
            where = f" [{warning.locator[0]} {warning.locator[1] + 1}]" if warning.locator else ""
            origin = f" ({warning.origin.label()})" if warning.origin and warning.origin.label() else ""
            self.stdout.write(f"  -{where}{origin} {warning.message}")


class _Saver:
    """Loads read documents through the Plan JSON loader, reporting each file's outcome."""

    def __init__(self, owner: str | None) -> None:
        from theodoi.units.models import Unit
        from theodoi.units.selectors import directory_aliases, unit_resolve

        self.aliases = directory_aliases()
        self.owner = None
        if owner:
            self.owner = Unit.objects.filter(code=owner).first() or unit_resolve(owner)
            if self.owner is None:
                raise CommandError(f"--plan-owner: không có đơn vị {owner!r} trong danh mục.", returncode=2)
        self.owner_name = self.owner.name if self.owner else owner

    def save(self, command: BaseCommand, path: Path, result: ImportResult) -> bool:
        from theodoi.core.errors import ApplicationError
        from theodoi.plans.plan_json import PlanJsonErrors
        from theodoi.plans.services import plan_load

        try:
            loaded = plan_load(actor=None, document=dict(result.plan, source=path.name), owner=self.owner)
        except PlanJsonErrors as error:
            command.stderr.write(f"Không lưu được “{path}”:\n  - " + "\n  - ".join(error.errors))
            return False
        except ApplicationError as error:
            command.stderr.write(f"Không lưu được “{path}”: {error.message}")
            return False
        verb = "đã tạo" if loaded.created else "đã cập nhật"
        command.stderr.write(
            f"{path.name}: {verb} kế hoạch #{loaded.plan.pk} ({len(loaded.added)} dòng mới, "
            f"{len(loaded.updated)} cập nhật, {len(loaded.archived)} bỏ khỏi kế hoạch)"
        )
        return True


def _progress(paths: list[Path]) -> Any:
    if len(paths) < 2:
        return paths
    from tqdm import tqdm

    return tqdm(paths, desc="Đọc tệp", unit="tệp", file=__import__("sys").stderr)
