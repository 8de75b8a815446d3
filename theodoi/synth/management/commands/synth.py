"""theodoi synth: synthetic data at the scale of a province or of the country, from a seed."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from theodoi.synth.builder import PRESETS, SynthSpec, spec_for, synth_build, synth_clear

FLAGS = {
    "provinces": int, "departments": int, "divisions": int, "communes": int, "plans_per_province": int,
    "tasks": int, "indicators": int, "months": int, "late_share": float, "missing_share": float,
    "returned_share": float, "open_submitted_share": float, "open_draft_share": float, "group_share": float,
    "extracted_share": float, "snapshot_months": int,
}  # fmt: skip


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu tổng hợp (đơn vị, kế hoạch, kỳ báo cáo, báo cáo) theo quy mô một tỉnh hoặc cả nước, "
        "xác định theo --seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(PRESETS), default="province")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--prefix", default="synth", help="Đầu mã của các đơn vị được tạo.")
        parser.add_argument("--password", default=SynthSpec.password, help="Mật khẩu chung của người dùng tạo ra.")
        parser.add_argument("--no-users", action="store_true", help="Không tạo người dùng.")
        parser.add_argument("--now", help="Thời điểm coi là hiện tại (ISO 8601), để dữ liệu lặp lại được.")
        parser.add_argument("--clear", action="store_true", help="Xóa dữ liệu tổng hợp cùng đầu mã trước khi tạo.")
        for name, kind in FLAGS.items():
            parser.add_argument(f"--{name.replace('_', '-')}", type=kind, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        now = None
        if options["now"]:
            try:
                now = datetime.fromisoformat(options["now"])
            except ValueError as error:
                raise CommandError(f"--now không hợp lệ: {options['now']!r}") from error
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        spec = spec_for(
            options["size"], seed=options["seed"], prefix=options["prefix"], password=options["password"],
            users=not options["no_users"], now=now, **{name: options[name] for name in FLAGS},
        )  # fmt: skip
        if options["clear"]:
            self.stdout.write(f"Đã xóa {synth_clear(spec.prefix)} dòng dữ liệu tổng hợp cũ.")
        started = time.monotonic()
        counts = synth_build(spec, progress=lambda message: self.stdout.write(f"  {message}"))
        for label, count in sorted(counts.items()):
            self.stdout.write(f"{label:32} {count:>10,}")
        self.stdout.write(self.style.SUCCESS(f"Xong trong {time.monotonic() - started:.1f} s."))
