import datetime as dt

import pytest
from django.db.models import Q

from theodoi.core.tests.api_support import (
    ROLES,
    assert_anonymous_refused,
    assert_queries_constant,
    assert_reach,
    build_world,
    client_for,
    load_big_plan,
    result_ids,
)
from theodoi.plans.models import Assignment, Indicator, Task

DN_DIVISIONS = ["dn.khcn.vp", "dn.khcn.cds", "dn.khcn.tt"]


def seen_by(world, role):
    """What each role reads, written out by unit and plan rather than asked of the policy."""
    in_dn = Assignment.objects.filter(Q(task__plan=world.dn) | Q(indicator__plan=world.dn))
    in_sl = Assignment.objects.filter(Q(task__plan=world.sl) | Q(indicator__plan=world.sl))
    chosen = {
        "admin": Assignment.objects.all(),
        "coordinator": in_dn,
        "coordinator_elsewhere": in_sl,
        "viewer": in_dn,
        "reporter_assigned": Assignment.objects.filter(unit__code="dn.nv"),
        "reporter_other": Assignment.objects.none(),
        "unit_leader": Assignment.objects.filter(unit__code__in=DN_DIVISIONS),
    }[role]
    return set(chosen.values_list("pk", flat=True))


@pytest.fixture
def world(directory, loaded_plan, make_user):
    return build_world(directory, loaded_plan, make_user)


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_each_role_reads_the_assignments_of_the_pages(world, role):
    every = set(Assignment.objects.values_list("pk", flat=True))
    assert_reach(client_for(world.people[role]), "assignments", seen_by(world, role), every)


def test_the_expected_sets_are_not_trivial(world):
    assert len(seen_by(world, "admin")) == 10
    assert len(seen_by(world, "coordinator")) == 8
    assert len(seen_by(world, "reporter_assigned")) == 1
    assert len(seen_by(world, "unit_leader")) == 5


def test_anonymous_is_refused(world):
    assert_anonymous_refused("assignments", Assignment.objects.first().pk)


def test_a_reporter_never_sees_another_units_assignment(world):
    client = client_for(world.people["reporter_assigned"])
    rows = client.get("/api/v1/assignments/").json()["results"]
    assert {row["unit"]["code"] for row in rows} == {"dn.nv"}
    for other in Assignment.objects.exclude(unit__code="dn.nv"):
        assert client.get(f"/api/v1/assignments/{other.pk}/").status_code == 404


def test_assignment_fields(world):
    assignment = Assignment.objects.get(unit__code="dn.phu-ly")
    Assignment.objects.filter(pk=assignment.pk).update(completed_on=dt.date(2026, 5, 4))
    data = client_for(world.people["viewer"]).get(f"/api/v1/assignments/{assignment.pk}/").json()
    phu_ly = world.units["dn.phu-ly"]
    assert data == {
        "id": assignment.pk, "plan": world.dn.pk, "task": Task.objects.get(plan=world.dn, ref="II.1").pk,
        "indicator": None,
        "unit": {"id": phu_ly.pk, "code": "dn.phu-ly", "name": "UBND xã Phú Lý", "short_name": ""},
        "role": "coordinating", "via_group": "@ubnd-xa-phuong", "completed_on": "2026-05-04",
    }
    on_indicator = Assignment.objects.get(indicator__plan=world.sl)
    data = client_for(world.people["admin"]).get(f"/api/v1/assignments/{on_indicator.pk}/").json()
    assert (data["plan"], data["task"], data["indicator"]) == (world.sl.pk, None, on_indicator.indicator_id)


def test_filter_by_plan_unit_role_task_and_indicator(world):
    client = client_for(world.people["admin"])
    in_sl = seen_by(world, "coordinator_elsewhere")
    assert result_ids(client.get(f"/api/v1/assignments/?plan={world.sl.pk}")) == in_sl
    cds = world.units["dn.khcn.cds"].pk
    assert result_ids(client.get(f"/api/v1/assignments/?unit={cds}")) == set(
        Assignment.objects.filter(unit_id=cds).values_list("pk", flat=True)
    )
    leads = result_ids(client.get(f"/api/v1/assignments/?plan={world.dn.pk}&role=lead"))
    assert {Assignment.objects.get(pk=pk).unit.code for pk in leads} == {"dn.khcn.vp", "dn.khcn.cds"}
    assert len(leads) == 3
    i1 = Task.objects.get(plan=world.dn, ref="I.1")
    assert result_ids(client.get(f"/api/v1/assignments/?task={i1.pk}")) == set(
        i1.assignments.values_list("pk", flat=True)
    )
    indicator = Indicator.objects.get(plan=world.dn)
    assert result_ids(client.get(f"/api/v1/assignments/?indicator={indicator.pk}")) == set(
        indicator.assignments.values_list("pk", flat=True)
    )
    assert client.get("/api/v1/assignments/?role=boss").status_code == 400


def test_filters_never_widen_a_reporters_reach(world):
    client = client_for(world.people["reporter_assigned"])
    assert result_ids(client.get(f"/api/v1/assignments/?unit={world.units['dn.khcn.cds'].pk}")) == set()
    own = seen_by(world, "reporter_assigned")
    assert result_ids(client.get(f"/api/v1/assignments/?plan={world.dn.pk}")) == own


def test_assignment_list_queries_do_not_grow_with_rows(world, django_assert_max_num_queries):
    client = client_for(world.people["coordinator"])
    url = "/api/v1/assignments/?page_size=500"
    assert_queries_constant(client, url, lambda: load_big_plan(30), django_assert_max_num_queries, 7)
