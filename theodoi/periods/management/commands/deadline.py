"""`theodoi deadline "Quý II/2026" [--year 2026] [--before-day inclusive|exclusive]`: print a reading."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from theodoi.periods.deadlines import BEFORE_DAY, read_deadline


class Command(BaseCommand):
    help = 'Đọc một cụm thời hạn (ví dụ "Quý II/2026") và in kết quả dạng JSON.'

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("text", help="Cụm thời hạn như in trong kế hoạch")
        parser.add_argument(
            "--year", type=int, default=None, help="Năm đầu của kế hoạch, dùng khi cụm không ghi năm"
        )
        parser.add_argument(
            "--before-day",
            choices=BEFORE_DAY,
            default="inclusive",
            help='"Trước ngày ...": inclusive (tính cả ngày đó, mặc định) '
            "hoặc exclusive (đến hết ngày liền trước)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            reading = read_deadline(
                options["text"], default_year=options["year"], before_day=options["before_day"]
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(reading, ensure_ascii=False))
