"""Reminders put into digests: one per unit per run, each reminder once, escalation after the
deadline, delivered through a real SMTP server on loopback."""

from datetime import date

import pytest
from freezegun import freeze_time

from theodoi.notifications.choices import DigestState
from theodoi.notifications.models import Digest, Notification, ReminderPolicy, SentReminder
from theodoi.notifications.scheduler import scheduler_tick
from theodoi.notifications.services import digest_deliver, digests_requeue
from theodoi.periods.models import UnitReport
from theodoi.periods.services import unit_report_submit

from .conftest import free_port, vn


def digests_by_unit():
    return {digest.unit.code: digest for digest in Digest.objects.select_related("unit")}


def test_one_digest_per_unit_with_everything_due(
    march_plan, people, immediate_tasks, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tick = scheduler_tick(now=vn(2026, 3, 9, 8, 0))
    assert tick.reports_opened > 0
    digests = digests_by_unit()
    vp = digests["dn.khcn.vp"]
    assert [r.title for r in vp.reminders.order_by("title")] == [
        "Báo cáo Tháng 3/2026",
        "Nhiệm vụ I.2. Báo cáo rà soát thủ tục hành chính",
    ]
    assert {r.stage for r in SentReminder.objects.all()} == {"before-3"}
    assert vp.recipients == ["vp@khcn.example"]  # reporters only before the deadline
    # Units with nobody to mail still get their ledger rows, marked as having no recipient.
    assert digests["dn.bien-hoa"].state == DigestState.NO_RECIPIENT

    mailed = {tuple(rcpt): message for rcpt, message in smtp_server.messages}
    assert set(mailed) == {("vp@khcn.example",), ("cds@khcn.example",), ("nv@nv.example",)}
    message = mailed[("vp@khcn.example",)]
    assert message["Subject"].strip() == "[theodoi] Nhắc hạn báo cáo, nhiệm vụ — Văn phòng Sở — 09/03/2026"
    assert message["Message-ID"] == vp.message_id
    body = message.get_content()
    assert "Sắp đến hạn:" in body
    assert "- Báo cáo Tháng 3/2026 — hạn ngày 12/03/2026 (còn 3 ngày)" in body
    assert all(d.state in (DigestState.SENT, DigestState.NO_RECIPIENT) for d in Digest.objects.all())
    assert Notification.objects.filter(recipient=people["reporter_vp"]).count() == 1


def test_running_twice_sends_nothing_twice(
    march_plan, people, immediate_tasks, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        scheduler_tick(now=vn(2026, 3, 9, 8, 0))
    first = len(smtp_server.messages)
    with django_capture_on_commit_callbacks(execute=True):
        again = scheduler_tick(now=vn(2026, 3, 9, 8, 1))
        scheduler_tick(now=vn(2026, 3, 10, 8, 0))
    assert again.digests == 0 and again.reminders == 0
    assert len(smtp_server.messages) == first == 3


def test_stages_follow_the_clock_and_escalate(
    march_plan, people, directory, immediate_tasks, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        scheduler_tick(now=vn(2026, 3, 9, 8))
        scheduler_tick(now=vn(2026, 3, 12, 8))
        vp_report = UnitReport.objects.get(unit__code="dn.khcn.vp", period__index=3)
        unit_report_submit(actor=people["reporter_vp"], unit_report=vp_report, at=vn(2026, 3, 12, 10))
        scheduler_tick(now=vn(2026, 3, 13, 8))
    stages = {
        (row.unit.code, row.title[:20] if row.kind == "report" else row.title[:13], row.stage)
        for row in SentReminder.objects.filter(unit__code__in=["dn.khcn.vp", "dn.khcn.cds"])
    }
    assert ("dn.khcn.vp", "Báo cáo Tháng 3/2026", "on-day") in stages
    assert ("dn.khcn.vp", "Báo cáo Tháng 3/2026", "after-1") not in stages  # sent on 12/3
    assert ("dn.khcn.vp", "Nhiệm vụ I.2.", "after-1") in stages
    assert ("dn.khcn.cds", "Báo cáo Tháng 3/2026", "after-1") in stages

    last_vp = Digest.objects.filter(unit__code="dn.khcn.vp").order_by("-created_at").first()
    assert sorted(last_vp.recipients) == ["ld-vp@khcn.example", "vp@khcn.example"]  # leader told once late
    coordinator = Digest.objects.get(unit=directory["dn.khcn"])
    assert coordinator.recipients == ["tt@khcn.example"]
    assert "Văn phòng Sở: Nhiệm vụ I.2." in coordinator.body
    assert "Phòng Chuyển đổi số: Báo cáo Tháng 3/2026" in coordinator.body
    assert "Đã quá hạn:" in coordinator.body
    assert SentReminder.objects.filter(escalated=True, escalation_digest__isnull=True).count() == 0
    per_recipient = {}
    for rcpt, _message in smtp_server.messages:
        for address in rcpt:
            per_recipient[address] = per_recipient.get(address, 0) + 1
    assert per_recipient["tt@khcn.example"] == 1
    assert per_recipient["vp@khcn.example"] == 3  # 9/3, 12/3, 13/3: one digest a run


def test_policy_days_and_switch(march_plan, immediate_tasks, smtp_server, django_capture_on_commit_callbacks):
    ReminderPolicy.objects.create(plan=march_plan, days_before=[5], on_due_day=False, days_after=[])
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduler_tick(now=vn(2026, 3, 6, 7, 59)).reminders == 0
        assert scheduler_tick(now=vn(2026, 3, 7, 8)).reminders > 0
        assert scheduler_tick(now=vn(2026, 3, 12, 9)).reminders == 0
    ReminderPolicy.objects.filter(plan=march_plan).update(enabled=False, days_after=[1])
    assert scheduler_tick(now=vn(2026, 3, 13, 9)).reminders == 0


def test_a_claimed_digest_is_not_sent_by_a_second_worker(march_plan, smtp_server, settings):
    scheduler_tick(now=vn(2026, 3, 9, 8))  # on_commit not run: nothing delivered yet
    digest = Digest.objects.filter(state=DigestState.PENDING).first()
    Digest.objects.filter(pk=digest.pk).update(claimed_at=vn(2026, 3, 9, 8), claimed_by="other")
    settings.THEODOI_DIGEST_LEASE_SECONDS = 10**9
    assert digest_deliver(digest_id=digest.pk, worker="me") == "skipped"
    settings.THEODOI_DIGEST_LEASE_SECONDS = 0
    assert digest_deliver(digest_id=digest.pk, worker="me") == "sent"
    assert digest_deliver(digest_id=digest.pk, worker="me") == "skipped"
    assert len(smtp_server.messages) == 1


def test_smtp_failure_releases_the_claim_for_a_retry(march_plan, settings, smtp_server):
    scheduler_tick(now=vn(2026, 3, 9, 8))
    digest = Digest.objects.filter(state=DigestState.PENDING).first()
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    with pytest.raises(OSError):
        digest_deliver(digest_id=digest.pk, worker="me")
    digest.refresh_from_db()
    assert digest.state == DigestState.PENDING and digest.claimed_at is None and digest.last_error
    settings.EMAIL_PORT = smtp_server.port
    assert digest_deliver(digest_id=digest.pk, worker="me") == "sent"
    assert len(smtp_server.messages) == 1


def test_requeue_finds_stale_digests(march_plan, settings):
    with freeze_time("2026-03-09 01:00:00"):  # 08:00 in Hà Nội
        scheduler_tick(now=vn(2026, 3, 9, 8))
    pending = Digest.objects.filter(state=DigestState.PENDING).count()
    settings.THEODOI_DIGEST_LEASE_SECONDS = 3600
    with freeze_time("2026-03-09 01:30:00"):
        assert digests_requeue() == 0
    with freeze_time("2026-03-09 02:01:00"):
        assert digests_requeue() == pending


def test_past_deadline_of_a_submitted_report_is_quiet(march_plan, people):
    scheduler_tick(now=vn(2026, 3, 9, 8))
    for report in UnitReport.objects.filter(period__index=3):
        report.submitted_at = vn(2026, 3, 10)
        report.save()
    result = scheduler_tick(now=vn(2026, 3, 12, 8))
    assert not SentReminder.objects.filter(kind="report", stage="on-day").exists()
    assert result.reminders == 1  # only the task I.2 of Văn phòng Sở
    assert date(2026, 3, 12) == SentReminder.objects.get(stage="on-day").due_on


def test_coordinators_are_told_once_when_two_schedulers_race(march_plan, directory, monkeypatch):
    from theodoi.notifications import services
    from theodoi.notifications.services import _escalation_digest

    scheduler_tick(now=vn(2026, 3, 9, 8))
    # A run that wrote the units' digests and died before telling the coordinators.
    monkeypatch.setattr(services, "_escalate", lambda now: [])
    scheduler_tick(now=vn(2026, 3, 13, 8))
    monkeypatch.undo()
    waiting = list(SentReminder.objects.filter(escalated=True).values_list("pk", flat=True))
    assert waiting
    first = _escalation_digest(directory["dn.khcn"], waiting, vn(2026, 3, 13, 8, 1))
    second = _escalation_digest(directory["dn.khcn"], waiting, vn(2026, 3, 13, 8, 1))
    assert first is not None and second is None
    assert scheduler_tick(now=vn(2026, 3, 13, 8, 2)).digests == 0
    assert Digest.objects.filter(unit=directory["dn.khcn"]).count() == 1


def test_a_deadline_on_a_sunday_is_announced_on_friday_as_still_ahead(march_plan, people, directory):
    from theodoi.periods.services import schedule_set

    # Reports due on the 12th without rolling: 12/4/2026 is a Sunday.
    schedule_set(
        actor=people["coordinator"], plan=march_plan, clause_text="Trước ngày 12 hằng tháng",
        starts_on=date(2026, 3, 1), now=vn(2026, 1, 1),
    )  # fmt: skip
    scheduler_tick(now=vn(2026, 4, 10, 8))  # Friday: the on-day reminder comes early
    row = SentReminder.objects.get(unit=directory["dn.khcn.cds"], title="Báo cáo Tháng 4/2026")
    assert row.stage == "on-day"
    body = row.digest.body
    assert "Sắp đến hạn:\n- Báo cáo Tháng 4/2026 — hạn ngày 12/04/2026 (còn 2 ngày)" in body
