"""Seed and inspect a separate database for the killed-worker test (run in subprocesses):

python -m theodoi.notifications.tests.worker_seed seed
python -m theodoi.notifications.tests.worker_seed inspect   # prints JSON
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[3]


def seed() -> None:
    sys.path.insert(0, str(REPO))
    from conftest import plan_document
    from theodoi.accounts.models import User
    from theodoi.periods.services import schedule_set
    from theodoi.plans.services import plan_load
    from theodoi.units.models import Unit
    from theodoi.units.services import directory_load

    directory_load(actor=None, data=json.loads((REPO / "tests/fixtures/directory_small.json").read_text("utf-8")))
    plan = plan_load(actor=None, document=plan_document()).plan
    for code, role, email in [
        ("dn.khcn", "coordinator", "tt@khcn.example"),
        ("dn.khcn.vp", "reporter", "vp@khcn.example"),
        ("dn.khcn.cds", "reporter", "cds@khcn.example"),
        ("dn.nv", "reporter", "nv@nv.example"),
    ]:
        User.objects.create(username=email, email=email, role=role, unit=Unit.objects.get(code=code))
    schedule_set(
        actor=None, plan=plan, clause_text="Trước ngày 12 hằng tháng", starts_on=date(2026, 3, 1),
        now=datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )  # fmt: skip


def inspect() -> dict[str, object]:
    from theodoi.notifications.models import Digest, SentReminder

    return {
        "reminders": sorted(
            f"{code}|{kind}|{key}|{stage}"
            for code, kind, key, stage in SentReminder.objects.values_list("unit__code", "kind", "object_key", "stage")
        ),
        "digests": {
            digest.message_id: {"unit": digest.unit.code, "state": digest.state, "attempts": digest.attempts}
            for digest in Digest.objects.select_related("unit")
        },
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.config.settings")
    import django

    django.setup()
    if sys.argv[1] == "seed":
        seed()
    else:
        print(json.dumps(inspect()))
