"""One small world for the permission matrix: a plan, its March reports, evidence, a day off, a
notification, an import draft, and one user per role at the owner unit and at another unit.

Built once per test module (see `conftest.py`); every request is then made inside a savepoint
that is rolled back, so a write that succeeds never changes what the next role sees.

"own" and "other" per role:
- coordinator: the plan's standing unit (Sở KH&CN Đồng Nai) / the Sở KH&CN of another province;
- unit_leader, reporter: Văn phòng Sở, whose report, evidence and notification the world holds /
  Phòng Chuyển đổi số, a sibling unit with its own report in the same plan (ids guessed next door);
- viewer: the province (Đồng Nai) / another province.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

ROLES = ("admin", "coordinator", "unit_leader", "reporter", "viewer")
# The columns of permissions.tsv, in order: each role at the owner unit, then at another unit.
COLUMNS = (
    "admin", "coordinator", "coordinator~other", "unit_leader", "unit_leader~other",
    "reporter", "reporter~other", "viewer", "viewer~other", "anonymous",
)  # fmt: skip
UNITS = {
    "admin": ("dn", "dn"),
    "coordinator": ("dn.khcn", "sl.khcn"),
    "unit_leader": ("dn.khcn.vp", "dn.khcn.cds"),
    "reporter": ("dn.khcn.vp", "dn.khcn.cds"),
    "viewer": ("dn", "sl"),
}
VN = ZoneInfo("Asia/Ho_Chi_Minh")
# The smallest PNG there is: evidence must pass the content check.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)  # column name -> user (None: anonymous)
    tokens: dict[str, str] = field(default_factory=dict)  # column name -> API token
    objects: dict[str, Any] = field(default_factory=dict)  # kind -> object
    sessions: dict[str, str] = field(default_factory=dict)  # column name -> session key


def build_world() -> World:
    from rest_framework.authtoken.models import Token

    from conftest import FIXTURES, plan_document
    from theodoi.accounts.models import User
    from theodoi.imports.models import ImportDraft
    from theodoi.notifications.models import Notification
    from theodoi.periods.models import ReportingPeriod
    from theodoi.periods.services import day_off_set, extension_request, schedule_set
    from theodoi.periods.windows import Period, PeriodKind
    from theodoi.plans.services import plan_load
    from theodoi.submissions.models import Report
    from theodoi.submissions.services import evidence_add, reports_open_period
    from theodoi.units.models import Unit
    from theodoi.units.services import directory_load

    world = World()
    directory_load(actor=None, data=json.loads((FIXTURES / "directory_small.json").read_text("utf-8")))
    units = {unit.code: unit for unit in Unit.objects.all()}
    for role in ROLES:
        for relation, code in zip(("", "~other"), UNITS[role], strict=True):
            column = role + relation
            if column not in COLUMNS:
                continue
            user = User(username=f"mx-{column.replace('~', '-')}", role=role, unit=units[code])
            user.is_staff = user.is_superuser = role == "admin"
            user.set_unusable_password()
            user.save()
            world.users[column] = user
            world.tokens[column] = Token.objects.create(user=user).key
    world.users["anonymous"] = None

    plan = plan_load(actor=None, document=plan_document()).plan
    coordinator, reporter = world.users["coordinator"], world.users["reporter"]
    schedule_set(
        actor=coordinator, plan=plan, clause_text="Trước ngày 12 hằng tháng", now=datetime(2026, 1, 1, tzinfo=VN)
    )
    reports_open_period(actor=coordinator, plan=plan, period=Period(2026, PeriodKind.MONTH, 3))
    report = Report.objects.get(plan=plan, unit=units["dn.khcn.vp"])
    evidence = evidence_add(actor=reporter, report=report, upload=io.BytesIO(PNG), filename="anh.png")
    task = plan.tasks.get(ref="I.1")
    assignment = task.assignments.get(unit=units["dn.khcn.vp"])
    extension = extension_request(
        actor=reporter,
        assignment=assignment,
        requested_due=date(2026, 7, 31),
        reason="Chờ số liệu",
        now=datetime(2026, 3, 1, tzinfo=VN),
    )
    from theodoi.cascade.models import TaskLink

    task_link = TaskLink.objects.create(lower_task=task, higher_task=plan.tasks.exclude(pk=task.pk).first(), score=0.5)
    world.objects.update(
        task_link=task_link,
        plan=plan,
        unit=units["dn.khcn.vp"],
        section=plan.sections.first(),
        task=task,
        indicator=plan.indicators.get(ref="1"),
        assignment=assignment,
        extension=extension,
        period=ReportingPeriod.objects.get(plan=plan, kind="month", year=2026, index=3),
        report=report,
        evidence=evidence,
        day_off=day_off_set(actor=coordinator, day=date(2026, 9, 2), name="Quốc khánh"),
        notification=Notification.objects.create(
            recipient=reporter, title="Nhắc báo cáo", created_at=datetime(2026, 3, 1, tzinfo=VN)
        ),
        draft=ImportDraft.objects.create(
            created_by=coordinator, source_name="ke-hoach.txt", content_hash="0" * 64,
            owner=units["dn.khcn"], document=plan_document(),
        ),
    )  # fmt: skip
    return world
