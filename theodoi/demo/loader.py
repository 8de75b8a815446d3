"""The demo data of ./scripts/run: the sample unit directory, the five seed plans, demo accounts.

Demo accounts exist only here and are refused under production settings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from theodoi.core.errors import ApplicationError

DEMO_DIR = Path(__file__).resolve().parent
DEMO_PASSWORD = "theodoi-demo"


@dataclass
class DemoAccount:
    username: str
    role: str
    unit_code: str | None
    full_name: str


def manifest() -> dict[str, Any]:
    return json.loads((DEMO_DIR / "manifest.json").read_text(encoding="utf-8"))


def demo_accounts() -> list[DemoAccount]:
    return [DemoAccount(a["username"], a["role"], a.get("unit"), a["full_name"]) for a in manifest()["accounts"]]


def demo_is_loaded() -> bool:
    from theodoi.accounts.models import User
    from theodoi.plans.models import Plan

    wanted = manifest()
    users = User.objects.filter(username__in=[a["username"] for a in wanted["accounts"]]).count()
    plans = Plan.objects.filter(source_name__in=[Path(p["file"]).name for p in wanted["plans"]]).count()
    return users == len(wanted["accounts"]) and plans == len(wanted["plans"])


def read_plan_document(entry: dict[str, Any]) -> dict[str, Any]:
    """The Plan JSON of one demo plan, read from the seed document by the importer."""
    from theodoi.importer import import_document
    from theodoi.units.selectors import directory_aliases

    path = DEMO_DIR / entry["file"]
    result = import_document(path.read_bytes(), path.name, aliases=directory_aliases())
    return result.plan


@transaction.atomic
def demo_load() -> list[str]:
    """Load everything in one transaction; returns a line per step for the console."""
    if settings.PRODUCTION:
        raise ApplicationError("Không nạp dữ liệu mẫu (có tài khoản mẫu) khi THEODOI_ENV=production.")
    from theodoi.accounts.models import User
    from theodoi.plans.services import plan_load
    from theodoi.units.models import Unit
    from theodoi.units.services import directory_load

    data = manifest()
    directory = json.loads((DEMO_DIR.parent / "units" / "demo" / "directory.json").read_text(encoding="utf-8"))
    lines = [f"Danh mục đơn vị mẫu: {directory_load(actor=None, data=directory)} đơn vị"]
    plans = []
    for entry in data["plans"]:
        document = read_plan_document(entry)
        result = plan_load(
            actor=None,
            document=document,
            owner=Unit.objects.get(code=entry["owner"]),
            standing_unit=Unit.objects.get(code=entry["standing_unit"]),
        )
        result.plan.followers.set(Unit.objects.filter(code__in=entry.get("followers", [])))
        plans.append((entry, result.plan))
        lines.append(f"Kế hoạch: {result.plan.title[:80]} ({result.plan.tasks.count()} nhiệm vụ)")
    for account in demo_accounts():
        user = User.objects.filter(username=account.username).first() or User(username=account.username)
        user.role = account.role
        user.full_name = account.full_name
        user.unit = Unit.objects.get(code=account.unit_code) if account.unit_code else None
        user.is_staff = user.is_superuser = account.role == "admin"
        user.set_password(DEMO_PASSWORD)
        user.save()
    lines += _demo_schedules(plans, User.objects.get(username="admin"))
    lines += _demo_cascade([plan for _, plan in plans])
    lines += _demo_reports(User.objects.get(username="admin"))
    lines.append(f"Tài khoản mẫu: {', '.join(a.username for a in demo_accounts())} (mật khẩu {DEMO_PASSWORD})")
    return lines


def _demo_cascade(plans: list[Any]) -> list[str]:
    """Suggested links from each plan's tasks to the higher plan it carries out, when it is loaded."""
    from theodoi.cascade.services import links_suggest

    lines = []
    for plan in plans:
        if plan.implements.exists():
            result = links_suggest(actor=None, plan=plan)
            lines.append(f"Gợi ý nhiệm vụ cấp trên: {plan.title[:60]} — {result.suggested} nhiệm vụ")
    return lines


def _demo_schedules(plans: list[tuple[dict[str, Any], Any]], admin: Any) -> list[str]:
    """Reporting schedules read from each seed's own reporting clause, where it has one."""
    from theodoi.periods.services import schedule_set
    from theodoi.periods.submission import find_submission_clause

    lines = []
    for entry, plan in plans:
        if hasattr(plan, "reporting_schedule"):
            continue
        clause = find_submission_clause((DEMO_DIR / entry["file"]).read_text(encoding="utf-8"))
        if clause:
            schedule_set(actor=admin, plan=plan, clause_text=clause)
            lines.append(f"Lịch báo cáo: {plan.title[:60]} — {clause[:80]}")
    return lines


def _demo_reports(admin: Any) -> list[str]:
    """A few past periods of reports (on time, late, missing) so the dashboards show something."""
    from theodoi.demo.reports import demo_reports

    lines = []
    for filed in demo_reports(admin):
        counts = ", ".join(f"{fate}: {count}" for fate, count in sorted(filed.counts.items()))
        lines.append(f"Báo cáo mẫu: {filed.plan.title[:50]} — {filed.period.label} ({counts})")
    return lines
