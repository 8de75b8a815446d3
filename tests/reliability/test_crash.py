"""A process killed with SIGKILL in the middle of an import, a submission or a reminder run leaves
the database as it was before (nothing half-written), and running it again finishes the job once.

Each test runs real subprocesses on a database of their own (a SQLite file, or a scratch
PostgreSQL database when the suite runs on PostgreSQL). The process is stopped at a chosen point
inside the service's transaction (see `agent.py`, THEODOI_CRASH_AT) and killed there.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from theodoi.notifications.choices import DigestState
from theodoi.notifications.tests.conftest import smtp_server

__all__ = ["smtp_server"]
pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]


def _plan_file(tmp_path: Path, **plan_changes: str) -> Path:
    sys.path.insert(0, str(REPO))
    from conftest import plan_document

    document = plan_document()
    document["plan"].update(plan_changes)
    document["tasks"][0]["name"] = "Rà soát văn bản quy phạm pháp luật (sửa đổi)"
    path = tmp_path / "ke-hoach.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


@pytest.mark.parametrize(
    ("plan", "crash_at"),
    [("new", "theodoi.plans.services:_write_indicators"), ("reload", "theodoi.plans.services:audit_record")],
    ids=["new-plan-halfway", "reload-before-commit"],
)
def test_an_import_killed_midway_writes_nothing_and_runs_again(scratch, tmp_path, crash_at, plan):
    scratch.run("seed")
    changes = {"number": "99/KH-SKHCN", "title": "Kế hoạch chuyển đổi số năm 2026"} if plan == "new" else {}
    document = _plan_file(tmp_path, **changes)
    before = scratch.state()
    scratch.killed_at(crash_at, "cli", "load-plan", str(document))
    assert scratch.state() == before
    done = scratch.run("cli", "load-plan", str(document))
    assert ("đã tạo" if plan == "new" else "đã cập nhật") in done.stdout
    assert scratch.state() != before


def test_a_submission_killed_before_its_commit_leaves_the_draft_as_it_was(scratch):
    scratch.run("seed")
    before = scratch.state()
    scratch.killed_at("theodoi.submissions.services.reports:audit_record", "submit")
    assert scratch.state() == before
    scratch.run("submit")
    after = scratch.state()
    versions = [row for row in after["rows"] if '"model": "submissions.reportversion"' in row]
    assert len(versions) == 1 and '"state": "submitted"' in "".join(after["rows"])


def test_a_reminder_run_killed_midway_loses_no_reminder_and_sends_none_twice(scratch, smtp_server):
    scratch.run("seed-reminders")
    mail = {"EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}", "THEODOI_DIGEST_LEASE_SECONDS": "0"}
    # Killed inside the second unit's digest transaction: its reminders are written, not committed.
    scratch.killed_at(
        "theodoi.notifications.services:audit_record", "cli", "worker", "--once", "--as-of", "2026-03-09T08:00+07:00",
        nth=2, **mail,
    )  # fmt: skip
    halfway = json.loads(scratch.run("reminders").stdout)
    assert len(halfway["digests"]) == 1 and not smtp_server.messages
    digest_ids = set(halfway["digests"])
    assert all(row.rsplit("|", 1)[1] in digest_ids for row in halfway["ledger"])  # no reminder without its digest

    for minute in ("08:00", "08:01"):  # the same moment again, then a minute later: nothing more is due
        scratch.run("cli", "worker", "--once", "--as-of", f"2026-03-09T{minute}+07:00", **mail)
    final = json.loads(scratch.run("reminders").stdout)
    assert set(halfway["ledger"]) <= set(final["ledger"])
    assert len(final["ledger"]) == len(set(final["ledger"]))
    assert len(final["digests"]) > len(halfway["digests"])
    assert all(digest["state"] != DigestState.PENDING for digest in final["digests"].values())
    sent = {mid for mid, digest in final["digests"].items() if digest["state"] == DigestState.SENT}
    mailed = Counter(message["Message-ID"] for _, message in smtp_server.messages)
    assert set(mailed) == sent and set(mailed.values()) == {1}
    assert sorted(tuple(rcpt) for rcpt, _ in smtp_server.messages) == [
        ("cds@khcn.example",), ("nv@nv.example",), ("vp@khcn.example",),
    ]  # fmt: skip
