"""The pages and API lists of the deadline rush read in a number of queries that does not grow with
the number of units, items or reports: the same page on a small and on a larger synthetic province
must cost the same queries (no N+1), and no more than a fixed ceiling."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from theodoi.accounts.models import User
from theodoi.periods.models import ReportingPeriod
from theodoi.periods.services import unit_reports_open
from theodoi.plans.models import Plan
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import Report, TaskItem
from theodoi.submissions.services import reports_open_period
from theodoi.synth.builder import SynthSpec, synth_build, synth_clear

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
SHAPE = {"divisions": 0, "months": 1, "password": "mat-khau-thu-nghiem", "now": NOW, "group_share": 0.6}
SMALL = SynthSpec(prefix="nho", departments=3, communes=3, tasks=4, indicators=2, **SHAPE)
LARGE = SynthSpec(prefix="lon", departments=6, communes=12, tasks=12, indicators=5, seed=2, **SHAPE)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provinces(django_db_setup, django_db_blocker):
    """Built once for the module (each test's own writes roll back), removed at its end."""
    with django_db_blocker.unblock():
        synth_build(SMALL)
        synth_build(LARGE)
        yield {"small": Plan.objects.get(owner__code="nho.ha-noi"), "large": Plan.objects.get(owner__code="lon.ha-noi")}
        synth_clear("nho")
        synth_clear("lon")


def queries(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def same_at_both_scales(
    count: Callable[[Plan], int], provinces: dict[str, Plan], ceiling: int, *, batches: int = 0
) -> None:
    """`batches`: inserts SQLite splits by its limit on query parameters may add a few."""
    small, large = count(provinces["small"]), count(provinces["large"])
    assert small <= large <= small + batches, f"{small} queries on the small province, {large} on the larger one"
    assert large <= ceiling


def open_report(plan: Plan) -> Report:
    return Report.objects.filter(plan=plan, period_index=12, state=ReportState.NOT_SUBMITTED).first()


def sent_report(plan: Plan) -> Report:
    return Report.objects.filter(plan=plan, period_index=11, state=ReportState.SUBMITTED).first()


def reporter_of(report: Report) -> Client:
    return client_for(f"cb.{report.unit.code}")


def coordinator(plan: Plan) -> Client:
    return client_for(f"tt.{plan.owner.code}")


def test_the_report_page(provinces):
    def count(plan: Plan) -> int:
        report = open_report(plan)
        client = reporter_of(report)
        return queries(lambda: client.get(reverse("submissions:detail", args=[report.pk])))

    same_at_both_scales(count, provinces, 20)


def test_an_autosave_posting_the_whole_form(provinces):
    def count(plan: Plan) -> int:
        report = open_report(plan)
        client = reporter_of(report)
        url = reverse("submissions:detail", args=[report.pk])
        data = {"expected_version": str(report.version), "action": "save"}
        for item in TaskItem.objects.filter(report=report):
            data |= {f"t-{item.task_id}-progress": "in_progress", f"t-{item.task_id}-work_done": "Đang làm."}
        client.post(url, data, HTTP_HX_REQUEST="true")  # the first save fills every item
        data["expected_version"] = str(report.version + 1)
        first = next(iter(TaskItem.objects.filter(report=report)))
        data[f"t-{first.task_id}-work_done"] = "Đang làm, đã xong một phần."  # then one item changes
        response = None

        def post() -> None:
            nonlocal response
            response = client.post(url, data, HTTP_HX_REQUEST="true")

        found = queries(post)
        assert re.search(r'id="expected-version" value="\d+"', response.content.decode())
        return found

    same_at_both_scales(count, provinces, 32)


def test_the_period_overview_and_the_calendar_period(provinces):
    def overview(plan: Plan) -> int:
        client = coordinator(plan)
        return queries(lambda: client.get(reverse("submissions:period", args=[plan.pk, "month", 2026, 12])))

    def calendar(plan: Plan) -> int:
        client = coordinator(plan)
        period = ReportingPeriod.objects.get(plan=plan, year=2026, index=12)
        return queries(lambda: client.get(reverse("periods:period", args=[plan.pk, period.pk])))

    same_at_both_scales(overview, provinces, 20)
    same_at_both_scales(calendar, provinces, 30)


def test_the_review_page_and_the_report_list(provinces):
    def review(plan: Plan) -> int:
        report = sent_report(plan)
        client = coordinator(plan)
        return queries(lambda: client.get(reverse("submissions:review", args=[report.pk])))

    def listing(plan: Plan) -> int:
        client = client_for(f"ld.{plan.owner.code}")
        return queries(lambda: client.get(reverse("submissions:list")))

    same_at_both_scales(review, provinces, 20)
    same_at_both_scales(listing, provinces, 16)


def test_the_api_lists_of_reports_and_evidence(provinces):
    def reports(plan: Plan) -> int:
        client = client_for(f"ld.{plan.owner.code}")
        return queries(lambda: client.get("/api/v1/reports/?page_size=500"))

    def evidence(plan: Plan) -> int:
        client = coordinator(plan)
        return queries(lambda: client.get("/api/v1/evidence/?page_size=500"))

    same_at_both_scales(reports, provinces, 12)
    same_at_both_scales(evidence, provinces, 12)


def test_the_worker_opens_a_period_in_a_fixed_number_of_queries(provinces):
    """Run every minute for every open period: must not cost a query per unit."""

    def count(plan: Plan) -> int:
        period = ReportingPeriod.objects.get(plan=plan, year=2026, index=12)
        Report.objects.filter(plan=plan, period_index=12, state=ReportState.NOT_SUBMITTED).delete()
        period.unit_reports.filter(submitted_at__isnull=True).delete()
        opened = queries(lambda: reports_open_period(actor=None, plan=plan, period=period.period))
        calendar = queries(lambda: unit_reports_open(actor=None, period=period))
        again = queries(lambda: reports_open_period(actor=None, plan=plan, period=period.period))
        assert Report.objects.filter(plan=plan, period_index=12).count() == plan.owner.children.count()
        return opened + calendar + again

    same_at_both_scales(count, provinces, 50, batches=4)


def test_a_save_locks_only_its_own_report_row(provinces):
    """FOR UPDATE on the report joined to its plan and unit would lock those rows too: every unit of
    the province saving at the deadline would then wait for one another."""
    report = open_report(provinces["large"])
    client = reporter_of(report)
    url = reverse("submissions:detail", args=[report.pk])
    with CaptureQueriesContext(connection) as context:
        client.post(url, {"expected_version": str(report.version), "action": "save"}, HTTP_HX_REQUEST="true")
    locking = [query["sql"] for query in context.captured_queries if "FOR UPDATE" in query["sql"]]
    if connection.vendor == "postgresql":
        assert locking and all('FOR UPDATE OF "submissions_report"' in sql for sql in locking)
