"""Who may link a plan's tasks to the higher plan, and who reads the links (policy.py)."""

from __future__ import annotations

import pytest

from theodoi.accounts import policy
from theodoi.cascade import services
from theodoi.cascade.choices import LinkState
from theodoi.cascade.models import TaskLink
from theodoi.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggested(small_pair):
    higher, lower = small_pair
    services.links_suggest(actor=None, plan=lower)
    return higher, lower


def test_the_lower_plans_coordinators_confirm(suggested, make_user, directory):
    higher, lower = suggested
    coordinator = make_user("coordinator", directory["dn.khcn"])
    task = lower.tasks.get(ref="I.1")
    link = services.link_confirm(actor=coordinator, lower_task=task, higher_task=higher.tasks.get(ref="1"))
    assert link.state == LinkState.CONFIRMED
    assert policy.can_link_plans(coordinator, lower) and not policy.can_link_plans(coordinator, higher)


@pytest.mark.parametrize(
    ("role", "unit"),
    [
        ("reporter", "dn.khcn.vp"),  # works on the lower plan, does not coordinate it
        ("unit_leader", "dn.khcn"),
        ("coordinator", "dn.tc"),  # coordinates the higher plan, not the lower one
        ("viewer", "dn"),
    ],
)
def test_others_may_not_link_and_nothing_changes(suggested, make_user, directory, role, unit):
    higher, lower = suggested
    user = make_user(role, directory[unit])
    task = lower.tasks.get(ref="I.1")
    before = list(TaskLink.objects.values_list("pk", "state"))
    with pytest.raises(ApplicationError, match="cơ quan thường trực"):
        services.link_confirm(actor=user, lower_task=task, higher_task=higher.tasks.get(ref="1"))
    with pytest.raises(ApplicationError):
        services.links_suggest(actor=user, plan=lower)
    with pytest.raises(ApplicationError):
        services.plan_higher_set(actor=user, plan=lower, higher=[])
    assert list(TaskLink.objects.values_list("pk", "state")) == before
    assert list(lower.implements.all()) == [higher]


def test_the_higher_plans_coordinators_read_the_links_without_reading_the_lower_plan(suggested, make_user, directory):
    higher, lower = suggested
    finance = make_user("coordinator", directory["dn.tc"])
    assert not policy.can(finance, policy.READ, lower)
    assert policy.restrict(TaskLink.objects.all(), finance).count() == TaskLink.objects.count() > 0
    assert not policy.restrict(TaskLink.objects.all(), finance, policy.CHANGE).exists()


def test_someone_in_another_province_reads_no_link(suggested, make_user, directory):
    outsider = make_user("viewer", directory["sl"])
    assert not policy.restrict(TaskLink.objects.all(), outsider).exists()
    assert not policy.restrict(TaskLink.objects.all(), make_user("coordinator", directory["sl.khcn"])).exists()


# --- rules the services and the database keep, whoever asks -----------------------------------


def test_a_task_outside_the_higher_plans_is_refused_and_nothing_changes(small_pair):
    _, lower_plan = small_pair
    lower = lower_plan.tasks.get(ref="I.1")
    with pytest.raises(ApplicationError, match="không thuộc kế hoạch cấp trên"):
        services.link_confirm(actor=None, lower_task=lower, higher_task=lower_plan.tasks.get(ref="II.1"))
    assert not TaskLink.objects.exists()


def test_the_database_keeps_one_confirmed_link_per_lower_task(small_pair):
    from django.db import IntegrityError, transaction

    higher, lower_plan = small_pair
    lower = lower_plan.tasks.get(ref="I.1")
    TaskLink.objects.create(lower_task=lower, higher_task=higher.tasks.get(ref="1"), state=LinkState.CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskLink.objects.create(lower_task=lower, higher_task=higher.tasks.get(ref="2"), state=LinkState.CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskLink.objects.create(lower_task=lower, higher_task=None, state=LinkState.SUGGESTED)


def test_the_command_suggests_and_prints_the_best_match(small_pair):
    import io

    from django.core.management import CommandError, call_command

    higher, lower = small_pair
    out = io.StringIO()
    call_command("cascade_suggest", str(lower.pk), "--show", stdout=out)
    assert "Đã gợi ý cho 2 nhiệm vụ" in out.getvalue() and "II.1\t→ 2 (" in out.getvalue()
    with pytest.raises(CommandError, match="chưa được liên kết"):
        call_command("cascade_suggest", str(higher.pk), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không có kế hoạch"):
        call_command("cascade_suggest", "999999", stdout=io.StringIO())
