"""`theodoi cascade_suggest PLAN_ID [--show]`: suggest, for each task of a plan, the higher task it serves."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from theodoi.cascade.selectors import review_rows
from theodoi.cascade.services import links_suggest
from theodoi.core.errors import ApplicationError
from theodoi.plans.models import Plan


class Command(BaseCommand):
    help = "Gợi ý nhiệm vụ cấp trên cho từng nhiệm vụ của một kế hoạch (như nút “Tạo gợi ý” trên trang)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("plan_id", type=int, help="Mã (id) của kế hoạch cấp dưới")
        parser.add_argument("--show", action="store_true", help="In gợi ý tốt nhất của từng nhiệm vụ")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(pk=options["plan_id"]).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch mã {options['plan_id']}.")
        try:
            result = links_suggest(actor=None, plan=plan)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Đã gợi ý cho {result.suggested} nhiệm vụ; {result.decided} nhiệm vụ đã xác nhận giữ nguyên."
        )
        if options["show"]:
            for row in review_rows(plan):
                best = row.suggestions[0].link if row.suggestions else row.confirmed
                target = f"{best.higher_task.ref} ({best.score or 0:.2f})" if best and best.higher_task else "—"
                self.stdout.write(f"{row.task.ref}\t→ {target}")
