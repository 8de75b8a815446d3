"""The demo data of ./scripts/run: the seed documents imported into the sample directory."""

import json

import pytest
from django.core.management import call_command

from conftest import SHARED
from theodoi.accounts import policy
from theodoi.accounts.models import User
from theodoi.demo.loader import DEMO_PASSWORD, demo_is_loaded
from theodoi.plans.models import Plan


@pytest.fixture
def demo(db):
    call_command("load_demo", "--once")


def test_coordinator_sees_the_five_plans_with_every_row(demo):
    thuongtruc = User.objects.get(username="thuongtruc")
    plans = policy.restrict(Plan.objects.all(), thuongtruc)
    assert plans.count() == 5
    if not SHARED.is_dir():
        pytest.skip("../shared (gold files) is not beside the project")
    for gold_file in sorted((SHARED / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text("utf-8"))
        plan = plans.get(source_name=gold_file.stem + ".txt")
        assert plan.tasks.filter(archived=False).count() == len(gold["tasks"])
        assert plan.indicators.filter(archived=False).count() == len(gold["indicators"])


def test_demo_accounts_sign_in_and_loading_twice_changes_nothing(demo, client):
    assert demo_is_loaded()
    for username in ("admin", "thuongtruc", "donvi", "lanhdao"):
        assert client.login(username=username, password=DEMO_PASSWORD)
    plans_before = Plan.objects.count()
    call_command("load_demo", "--once")
    assert Plan.objects.count() == plans_before


def test_accepted_demo_reports_complete_tasks(demo):
    """Tasks the demo units report done are completed once the reports are accepted, so the
    completion rates are not all zero."""
    from django.utils import timezone

    from theodoi.plans.models import Assignment
    from theodoi.results.task_results import task_summary
    from theodoi.submissions.models import ReportCompletion

    assert ReportCompletion.objects.exists()
    assert Assignment.objects.filter(completed_on__isnull=False).exists()
    summaries = [task_summary(plan, as_of=timezone.localdate()) for plan in Plan.objects.all()]
    assert sum(summary.completed for summary in summaries) > 0
    assert any(summary.completion_rate for summary in summaries)


def test_reporter_of_noi_vu_sees_its_own_work_only(demo):
    donvi = User.objects.get(username="donvi")
    from theodoi.plans.models import Assignment

    codes = set(policy.restrict(Assignment.objects.all(), donvi).values_list("unit__code", flat=True))
    assert "dong-nai.so-noi-vu" in codes
    assert all(code == "dong-nai.so-noi-vu" or code.startswith("dong-nai.so-noi-vu.") for code in codes)


def test_demo_refused_under_production_settings(db, settings):
    from theodoi.core.errors import ApplicationError
    from theodoi.demo.loader import demo_load

    settings.PRODUCTION = True
    with pytest.raises(ApplicationError):
        demo_load()
    assert not User.objects.exists()


@pytest.mark.parametrize("username", ["admin", "thuongtruc", "donvi", "lanhdao"])
def test_every_main_page_answers_for_each_demo_account(demo, client, username):
    from django.urls import reverse

    client.login(username=username, password=DEMO_PASSWORD)
    user = User.objects.get(username=username)
    pages = [reverse("plans:list"), reverse("units:list"), reverse("search") + "?q=cai+cach",
             reverse("notifications:list")]
    if user.unit_id:
        pages.append(reverse("periods:agenda"))
    pages += [reverse("plans:detail", args=[plan.pk]) for plan in policy.restrict(Plan.objects.all(), user)]
    for url in pages:
        assert client.get(url).status_code == 200, url
