"""`theodoi report-schedule "<clause>" --year 2026`: the periods and deadlines a reporting clause
gives, with the days off entered in the database. For checking a clause before setting it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from theodoi.periods.selectors import schedule_preview
from theodoi.periods.submission import SubmissionSchedule, read_submission_clause
from theodoi.periods.windows import WindowMode


class Command(BaseCommand):
    help = "In các kỳ báo cáo và hạn gửi mà một điều khoản chế độ báo cáo quy định trong một năm."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("clause", help='Ví dụ: "Trước 17h00 ngày 12 hằng tháng"')
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--calendar-windows", action="store_true", help="Chốt số liệu theo lịch thay vì NĐ 09.")
        parser.add_argument("--roll", action="store_true", help="Hạn rơi vào ngày nghỉ lùi sang ngày làm việc.")
        parser.add_argument("--exclusive", action="store_true", help="Hiểu “trước ngày D” là hết ngày D-1.")

    def handle(self, *args: Any, **options: Any) -> None:
        before_day = "exclusive" if options["exclusive"] else "inclusive"
        rules = read_submission_clause(options["clause"], before_day=before_day)
        if not rules:
            raise CommandError("Không đọc được hạn gửi báo cáo trong nội dung đã cho.")
        mode = WindowMode.CALENDAR if options["calendar_windows"] else WindowMode.DECREE_09
        schedule = SubmissionSchedule(rules, mode, options["roll"])
        for period, due in schedule_preview(schedule, options["year"]):
            start, end = period.window(mode)
            local = timezone.localtime(due)
            when = (
                f"ngày {local:%d/%m/%Y}"
                if local.hour == 23 and local.minute == 59
                else f"{local:%H:%M} ngày {local:%d/%m/%Y}"
            )
            self.stdout.write(f"{period.label:<22} {start:%d/%m/%Y} – {end:%d/%m/%Y}   hạn {when}")
