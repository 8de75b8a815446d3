"""Reviews and drafts at the same moment: every change is kept or refused with a message, none lost.

The races run in threads, each with its own database connection, on PostgreSQL (row locks);
the stale-decision rules run on both databases.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.urls import reverse

from theodoi.audit.models import AuditEvent
from theodoi.core.errors import ApplicationError
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import Report, ReviewComment, TaskItem
from theodoi.submissions.services import (
    report_accept,
    report_return,
    report_save_draft,
    report_submit,
    reports_open_period,
)

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks across connections")


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls at once, each in its own thread and connection; a refusal comes back as its message."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[Any] = [None] * len(calls)

    def run(number: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[number] = call()
        except ApplicationError as error:
            outcomes[number] = error.message
        except Exception as error:  # noqa: BLE001 - an unexpected error must fail the test, not vanish
            outcomes[number] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(number, call)) for number, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(isinstance(outcome, Exception) for outcome in outcomes), outcomes
    return outcomes


# --- a decision on what the reviewer saw (both databases) ------------------------------------------


@pytest.fixture
def submitted(ready_report, people):
    return report_submit(actor=people["reporter"], report=ready_report, expected_version=ready_report.version)


def test_accepting_a_report_that_changed_since_it_was_opened_is_refused(submitted, people, task_i1, make_user):
    seen = submitted.version
    returned = report_return(actor=people["coordinator"], report=submitted, comments=[{"text": "Bổ sung số liệu"}])
    draft = report_save_draft(
        actor=people["reporter"], report=returned, expected_version=returned.version,
        items=[{"task": task_i1.pk, "percent_done": "55"}],
    )  # fmt: skip
    again = report_submit(actor=people["reporter"], report=draft, expected_version=draft.version)
    with pytest.raises(ApplicationError, match="đã thay đổi từ khi bạn mở") as caught:
        report_accept(actor=people["coordinator"], report=again, expected_version=seen)
    assert caught.value.extra["current_version"] == again.version
    assert Report.objects.get(pk=again.pk).state == ReportState.SUBMITTED
    assert report_accept(actor=people["coordinator"], report=again, expected_version=again.version).state == "accepted"


def test_the_review_page_sends_the_version_it_showed(client, submitted, people):
    client.force_login(people["coordinator"])
    url = reverse("submissions:review", args=[submitted.pk])
    assert f'name="expected_version" value="{submitted.version}"' in client.get(url).content.decode()
    Report.objects.filter(pk=submitted.pk).update(version=submitted.version + 1)  # someone acted meanwhile
    answer = client.post(url, {"action": "accept", "expected_version": submitted.version})
    assert answer.status_code == 422 and "đã thay đổi từ khi bạn mở" in answer.content.decode()
    assert Report.objects.get(pk=submitted.pk).state == ReportState.SUBMITTED


# --- real races (PostgreSQL) -----------------------------------------------------------------------


@pytest.fixture
def live(directory, make_user, loaded_plan, march, complete_items):
    """A submitted report, committed, with two coordinators and two reporters."""
    from theodoi.submissions.services import evidence_add

    people = {
        "c1": make_user("coordinator", directory["dn.khcn"], full_name="Điều Phối Một"),
        "c2": make_user("coordinator", directory["dn.khcn"], full_name="Điều Phối Hai"),
        "r1": make_user("reporter", directory["dn.khcn.vp"], full_name="Báo Cáo Một"),
        "r2": make_user("reporter", directory["dn.khcn.vp"], full_name="Báo Cáo Hai"),
    }
    reports_open_period(actor=people["c1"], plan=loaded_plan, period=march)
    report = Report.objects.get(unit=directory["dn.khcn.vp"])
    report = report_save_draft(actor=people["r1"], report=report, items=complete_items, expected_version=report.version)
    evidence_add(actor=people["r1"], report=report, item=report.indicator_items.get(), url="https://tthc.example.vn/x")
    report.refresh_from_db()
    return people, report


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_accept_and_return_at_once_one_wins_the_other_is_told(live):
    people, report = live
    report = report_submit(actor=people["r1"], report=report, expected_version=report.version)
    seen = report.version
    outcomes = race(
        lambda: report_accept(actor=people["c1"], report=report, expected_version=seen).state,
        lambda: (
            report_return(
                actor=people["c2"], report=report, comments=[{"text": "Thiếu số liệu"}], expected_version=seen
            ).state
        ),
    )
    winners = [outcome for outcome in outcomes if outcome in (ReportState.ACCEPTED, ReportState.RETURNED)]
    assert len(winners) == 1, outcomes
    loser = next(outcome for outcome in outcomes if outcome not in winners)
    assert "trạng thái" in loser or "đã thay đổi" in loser
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.state == winners[0] and fresh.version == seen + 1
    assert ReviewComment.objects.filter(report=report).exists() == (winners[0] == ReportState.RETURNED)
    decided = AuditEvent.objects.filter(action__in=["submissions.report_accept", "submissions.report_return"])
    assert decided.count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_drafts_saved_at_once_on_the_same_version_keep_one_and_refuse_the_other(live, task_i1):
    people, report = live
    seen = report.version

    def save(user, percent):
        def call():
            items = [{"task": task_i1.pk, "percent_done": percent}]
            return report_save_draft(actor=user, report=report, items=items, expected_version=seen).version

        return call

    outcomes = race(save(people["r1"], "60"), save(people["r2"], "70"))
    saved = [outcome for outcome in outcomes if outcome == seen + 1]
    refused = [outcome for outcome in outcomes if isinstance(outcome, str)]
    assert len(saved) == 1 and len(refused) == 1, outcomes
    assert "Nội dung của bạn chưa được lưu" in refused[0] and "Tỷ lệ hoàn thành" in refused[0]
    kept = TaskItem.objects.get(report=report, task=task_i1).percent_done
    winner = 60 if "của bạn “70”" in refused[0] else 70
    assert kept == winner
    assert Report.objects.get(pk=report.pk).version == seen + 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_draft_and_a_submission_at_once_never_lose_the_draft_silently(live, task_i1):
    people, report = live
    seen = report.version
    outcomes = race(
        lambda: report_submit(actor=people["r1"], report=report, expected_version=seen).state,
        lambda: report_save_draft(
            actor=people["r2"], report=report, items=[{"task": task_i1.pk, "percent_done": "45"}],
            expected_version=seen,
        ).state,
    )  # fmt: skip
    fresh = Report.objects.get(pk=report.pk)
    percent = int(TaskItem.objects.get(report=report, task=task_i1).percent_done)
    if outcomes[0] == ReportState.SUBMITTED:
        assert isinstance(outcomes[1], str) and fresh.state == ReportState.SUBMITTED and percent == 40
    else:
        assert "chưa được lưu" in outcomes[0] or "Báo cáo vừa được" in outcomes[0], outcomes
        assert outcomes[1] == ReportState.DRAFT and percent == 45


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_period_opened_twice_at_once_has_each_item_once(directory, make_user, loaded_plan):
    from theodoi.periods.windows import Period, PeriodKind

    coordinator = make_user("coordinator", directory["dn.khcn"])
    for month in (4, 5, 6):
        period = Period(2026, PeriodKind.MONTH, month)
        outcomes = race(
            lambda period=period: len(reports_open_period(actor=coordinator, plan=loaded_plan, period=period)),
            lambda period=period: len(reports_open_period(actor=None, plan=loaded_plan, period=period)),
        )
        assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
        reports = Report.objects.filter(plan=loaded_plan, period_index=month)
        assert sum(outcomes) == reports.count() > 0
        items = TaskItem.objects.filter(report__in=reports)
        assert items.count() == len(set(items.values_list("report_id", "task_id")))
