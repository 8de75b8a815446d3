"""The cascade on the real database: load 001 and 000, suggest, confirm, and read the higher plan."""

from __future__ import annotations

import datetime as dt

import pytest

from theodoi.audit.models import AuditEvent
from theodoi.cascade import selectors, services
from theodoi.cascade.choices import LinkState
from theodoi.cascade.models import TaskLink
from theodoi.cascade.tests.conftest import load
from theodoi.cascade.tests.seeds import HIGHER, LOWER, NATIONAL, expected_links, higher_ref
from theodoi.core.errors import ApplicationError
from theodoi.plans.models import Plan, Task

pytestmark = pytest.mark.django_db


def _task(plan, ref):
    return plan.tasks.get(ref=ref)


def test_the_higher_plan_arriving_later_is_linked_too(province_plan, department_plan, demo_directory):
    units = demo_directory
    province_plan.delete()  # as if the Sở's plan had been loaded first (undone after the test)
    assert not department_plan.implements.exists()
    assert selectors.higher_plan_numbers_unloaded(department_plan) == ["1065/QĐ-UBND"]
    higher = load(HIGHER, units["dong-nai"], units["dong-nai.so-noi-vu"])
    assert list(department_plan.implements.all()) == [higher]


def test_a_plan_carrying_out_national_decisions_shows_them_by_number(demo_directory):
    units = demo_directory
    plan = load(NATIONAL, units["son-la"], units["son-la.so-khcn"])
    assert selectors.higher_plan_numbers_unloaded(plan) == ["11/QĐ-BCĐCP", "71/NQ-CP", "11/NQ-CP"]
    with pytest.raises(ApplicationError, match="chưa được liên kết"):
        services.links_suggest(actor=None, plan=plan)


def test_suggestions_put_the_right_province_task_first_for_nine_in_ten_tasks(province_plan, department_plan):
    # Loading the department plan linked it to the province plan it names.
    assert list(department_plan.implements.all()) == [province_plan]
    assert selectors.higher_plan_numbers_unloaded(department_plan) == []
    # 001 carries out a national decision that is not in the system: kept by its number.
    assert selectors.higher_plan_numbers_unloaded(province_plan) == ["282/QĐ-TTg"]
    result = services.links_suggest(actor=None, plan=department_plan)
    assert result.suggested == department_plan.tasks.count() == 63
    assert result.links == 3 * 63
    refs = set(province_plan.tasks.values_list("ref", flat=True))
    expected = expected_links()
    top = {
        link.lower_task.ref: link.higher_task.ref
        for link in TaskLink.objects.filter(rank=1).select_related("lower_task", "higher_task")
    }
    hits = [ref for ref, target in expected.items() if top[ref] == higher_ref(target, refs)]
    assert len(hits) / len(expected) >= 0.9, sorted(set(expected) - set(hits))
    assert AuditEvent.objects.filter(action="cascade.links_suggest").count() == 1


def test_confirm_pick_another_mark_none_and_reopen(province_plan, department_plan, make_user, demo_directory):
    coordinator = make_user("coordinator", demo_directory["dong-nai.so-khcn"])
    services.links_suggest(actor=coordinator, plan=department_plan)
    lower = _task(department_plan, "I.2")
    best = TaskLink.objects.get(lower_task=lower, rank=1)
    link = services.link_confirm(actor=coordinator, lower_task=lower, higher_task=best.higher_task)
    assert link.pk == best.pk and link.state == LinkState.CONFIRMED and link.decided_by == coordinator
    # Pick another: the first choice is rejected, the new one confirmed, with its score.
    other = _task(province_plan, "I.6")
    link = services.link_confirm(actor=coordinator, lower_task=lower, higher_task=other)
    assert link.higher_task == other and link.score is not None
    best.refresh_from_db()
    assert best.state == LinkState.REJECTED
    assert TaskLink.objects.filter(lower_task=lower, state=LinkState.CONFIRMED).count() == 1
    # None of them.
    services.link_confirm(actor=coordinator, lower_task=lower, higher_task=None)
    row = selectors.review_rows(department_plan, [lower])[0]
    assert row.serves_none and row.decided
    # Suggesting again leaves decided tasks alone and never brings back a rejected pair.
    result = services.links_suggest(actor=coordinator, plan=department_plan)
    assert result.decided == 1 and result.suggested == 62
    services.link_reopen(actor=coordinator, lower_task=lower)
    services.links_suggest(actor=coordinator, plan=department_plan)
    suggested = set(
        TaskLink.objects.filter(lower_task=lower, state=LinkState.SUGGESTED).values_list("higher_task", flat=True)
    )
    assert best.higher_task_id not in suggested and len(suggested) == 3
    actions = list(AuditEvent.objects.filter(action__startswith="cascade.link").values_list("action", flat=True))
    assert actions.count("cascade.link_confirm") == 3 and "cascade.link_reopen" in actions


def _confirm_expected(province_plan, department_plan, refs):
    higher_refs = set(province_plan.tasks.values_list("ref", flat=True))
    expected = expected_links()
    for ref in refs:
        services.link_confirm(
            actor=None,
            lower_task=_task(department_plan, ref),
            higher_task=_task(province_plan, higher_ref(expected[ref], higher_refs)),
        )


def test_the_higher_plan_shows_lower_tasks_under_each_task_and_the_untaken_ones(
    province_plan, department_plan, make_user, demo_directory
):
    services.links_suggest(actor=None, plan=department_plan)
    _confirm_expected(province_plan, department_plan, [task.ref for task in department_plan.tasks.all()])
    admin = make_user("admin")
    page = selectors.higher_page(user=admin, plan=province_plan, as_of=dt.date(2026, 5, 1))
    assert len(page.rows) == 67 and page.taken_count == 63
    # The province's tasks the department plan leaves out (000 has no II.1.4, II.2.3, II.2.4, II.2.7).
    assert sorted(task.ref for task in page.untaken) == ["II.1.4", "II.2.3", "II.2.4", "II.2.7"]
    row = next(row for row in page.rows if row.task.ref == "I.3")
    assert [entry.task.ref for entry in row.lower] == ["I.3"]
    assert row.lower[0].task.plan == department_plan
    assert row.lower[0].status is not None  # from the calendar (periods.selectors.plan_task_statuses)
    assert page.lower_plans == [department_plan]
    # A lower task done counts as done under its higher task.
    _task(department_plan, "I.3").assignments.update(completed_on=dt.date(2026, 3, 1))
    page = selectors.higher_page(user=admin, plan=province_plan, as_of=dt.date(2026, 5, 1))
    rows = {row.task.ref: row for row in page.rows}
    assert rows["I.3"].done_count == 1 and rows["I.3"].lower[0].done and rows["I.4"].done_count == 0


def test_setting_the_higher_plan_by_hand_and_refusing_a_loop(province_plan, department_plan, make_user, demo_directory):
    coordinator = make_user("coordinator", demo_directory["dong-nai.so-khcn"])
    services.links_suggest(actor=coordinator, plan=department_plan)
    services.plan_higher_set(actor=coordinator, plan=department_plan, higher=[])
    assert not department_plan.implements.exists()
    assert not TaskLink.objects.filter(state=LinkState.SUGGESTED).exists()  # suggestions towards 001 dropped
    services.plan_higher_set(actor=coordinator, plan=department_plan, higher=[province_plan])
    assert list(department_plan.implements.all()) == [province_plan]
    admin = make_user("admin")
    with pytest.raises(ApplicationError, match="đang thực hiện kế hoạch này"):
        services.plan_higher_set(actor=admin, plan=province_plan, higher=[department_plan])
    with pytest.raises(ApplicationError, match="chính nó"):
        services.plan_higher_set(actor=admin, plan=province_plan, higher=[province_plan])
    assert not province_plan.implements.exists()
    assert AuditEvent.objects.filter(action="cascade.plan_higher_set").count() == 2


def test_reloading_either_plan_keeps_links_made_by_hand_and_confirmed_links(
    province_plan, department_plan, demo_directory
):
    other = Plan.objects.create(
        owner=demo_directory["dong-nai"],
        standing_unit=demo_directory["dong-nai"],
        title="Kế hoạch khác",
        number="9/KH-UBND",
    )
    services.plan_higher_set(actor=None, plan=department_plan, higher=[province_plan, other])
    _confirm_expected(province_plan, department_plan, ["I.1"])
    load(LOWER, demo_directory["dong-nai.so-khcn"], demo_directory["dong-nai.so-khcn"])
    load(HIGHER, demo_directory["dong-nai"], demo_directory["dong-nai.so-noi-vu"])
    assert set(department_plan.implements.all()) == {province_plan, other}
    link = TaskLink.objects.get(state=LinkState.CONFIRMED)
    assert link.higher_task == Task.objects.get(plan=province_plan, ref="I.1")
