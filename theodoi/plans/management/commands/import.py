"""`theodoi import FILE... [--json] [--plan-owner UNIT]`: read plan documents into Plan JSON.

The command only parses arguments, calls the importer and prints; it needs no database.
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
        parser.add_argument("--plan-owner", metavar="UNIT", default=None, help="đơn vị chủ quản kế hoạch")

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [Path(f) for f in options["files"]]
        failed = 0
        results: list[ImportResult] = []
        for path in _progress(paths):
            result = self._read(path, options["plan_owner"])
            if result is None:
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

    def _read(self, path: Path, owner: str | None) -> ImportResult | None:
        try:
            data = path.read_bytes()
        except OSError as error:
            self.stderr.write(f"Không mở được tệp “{path}”: {error.strerror or error}.")
            return None
        try:
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


def _progress(paths: list[Path]) -> Any:
    if len(paths) < 2:
        return paths
    from tqdm import tqdm

    return tqdm(paths, desc="Đọc tệp", unit="tệp", file=__import__("sys").stderr)
