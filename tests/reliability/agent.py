"""A separate process for the crash and backup tests, run on its own database (DATABASE_URL):

python -m tests.reliability.agent seed                 # directory, plan, people, a March report with a file
python -m tests.reliability.agent submit               # the reporter submits that report
python -m tests.reliability.agent state                # prints JSON: every table's rows and the files
python -m tests.reliability.agent seed-reminders       # the killed-worker test's plan, people and schedule
python -m tests.reliability.agent reminders            # prints JSON: the reminder ledger and digests
python -m tests.reliability.agent cli ARGS...          # runs `theodoi ARGS...`

With THEODOI_CRASH_AT="package.module:name" (and THEODOI_CRASH_NTH=n, default 1) the function
`name` of that module is wrapped: on its n-th call it runs, then the process writes the file
THEODOI_CRASH_MARKER and sleeps until the test kills it with SIGKILL. Wrapping the module's
`audit_record` stops a service after every write of its transaction and before the commit;
wrapping an inner step stops it halfway.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[2]
VN = ZoneInfo("Asia/Ho_Chi_Minh")
PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _install_crash_point() -> None:
    target = os.environ.get("THEODOI_CRASH_AT")
    if not target:
        return
    module_name, name = target.split(":")
    module = importlib.import_module(module_name)
    original = getattr(module, name)
    nth = int(os.environ.get("THEODOI_CRASH_NTH", "1"))
    calls = {"n": 0}

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == nth:
            Path(os.environ["THEODOI_CRASH_MARKER"]).write_text(target, "utf-8")
            while True:  # the test kills the process here, inside the open transaction
                time.sleep(1)
        return result

    setattr(module, name, wrapper)


def seed() -> None:
    sys.path.insert(0, str(REPO))
    from conftest import plan_document
    from theodoi.accounts.models import User
    from theodoi.periods.windows import Period, PeriodKind
    from theodoi.plans.services import plan_load
    from theodoi.submissions.models import Report
    from theodoi.submissions.services import evidence_add, report_save_draft, reports_open_period
    from theodoi.units.models import Unit
    from theodoi.units.services import directory_load

    directory_load(actor=None, data=json.loads((REPO / "tests/fixtures/directory_small.json").read_text("utf-8")))
    plan = plan_load(actor=None, document=plan_document()).plan
    coordinator = User.objects.create(username="tt", role="coordinator", unit=Unit.objects.get(code="dn.khcn"))
    reporter = User.objects.create(
        username="vp", role="reporter", unit=Unit.objects.get(code="dn.khcn.vp"), full_name="Nguyễn Văn Báo"
    )
    reports_open_period(actor=coordinator, plan=plan, period=Period(2026, PeriodKind.MONTH, 3))
    report = Report.objects.get(plan=plan, unit__code="dn.khcn.vp")
    task, indicator = plan.tasks.get(ref="I.1"), plan.indicators.get(ref="1")
    items = [
        {"task": task.pk, "progress": "in_progress", "percent_done": "40", "work_done": "Đã rà soát 12/30 văn bản"},
        {"indicator": indicator.pk, "numerator": "990", "denominator": "1000", "value": "99",
         "source_kind": "extracted", "source_system": "Hệ thống thông tin giải quyết TTHC tỉnh"},
    ]  # fmt: skip
    report = report_save_draft(actor=reporter, report=report, items=items, expected_version=report.version)
    evidence_add(
        actor=reporter, report=report, item=report.indicator_items.get(), upload=io.BytesIO(PDF_BYTES),
        filename="trich-xuat-thang-3.pdf",
    )  # fmt: skip


def submit() -> None:
    from theodoi.accounts.models import User
    from theodoi.submissions.models import Report
    from theodoi.submissions.services import report_submit

    report = Report.objects.get(unit__code="dn.khcn.vp")
    report_submit(
        actor=User.objects.get(username="vp"), report=report, expected_version=report.version,
        now=datetime(2026, 4, 5, 9, tzinfo=VN),
    )  # fmt: skip


def reminders() -> dict[str, Any]:
    """The reminder ledger, the digests and the in-app notifications, keyed to be compared."""
    from theodoi.notifications.models import Digest, Notification, SentReminder

    fields = ("unit__code", "kind", "object_key", "stage", "digest__message_id")
    return {
        "ledger": sorted("|".join(map(str, row)) for row in SentReminder.objects.values_list(*fields)),
        "digests": {row.message_id: {"unit": row.unit.code, "state": row.state} for row in Digest.objects.all()},
        "notifications": sorted(Notification.objects.values_list("digest__message_id", flat=True)),
    }


def state() -> dict[str, Any]:
    """Every row of every table (as `dumpdata` sees it, sessions aside) and every stored file's hash."""
    from django.conf import settings
    from django.core.management import call_command

    out = io.StringIO()
    call_command("dumpdata", "--all", "--exclude=sessions", stdout=out, verbosity=0)
    rows = sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in json.loads(out.getvalue()))
    root = Path(settings.MEDIA_ROOT)
    files = {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    } if root.is_dir() else {}  # fmt: skip
    return {"rows": rows, "files": files}


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.config.settings")
    import django

    django.setup()
    _install_crash_point()
    if argv[0] == "cli":
        from theodoi.config.cli import main as theodoi_main

        theodoi_main(["theodoi", *argv[1:]])
    elif argv[0] == "seed":
        seed()
    elif argv[0] == "seed-reminders":
        from theodoi.notifications.tests.worker_seed import seed as seed_reminders

        seed_reminders()
    elif argv[0] == "reminders":
        print(json.dumps(reminders(), ensure_ascii=False))
    elif argv[0] == "submit":
        submit()
    elif argv[0] == "state":
        print(json.dumps(state(), ensure_ascii=False))
    else:
        raise SystemExit(f"unknown action {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
