import pytest

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
from theodoi.plans.models import Section


@pytest.fixture
def world(directory, loaded_plan, make_user):
    return build_world(directory, loaded_plan, make_user)


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_each_role_reads_the_sections_of_its_plans(world, role):
    visible = set(Section.objects.filter(plan__in=world.plans(role)).values_list("pk", flat=True))
    every = set(Section.objects.values_list("pk", flat=True))
    assert_reach(client_for(world.people[role]), "sections", visible, every)


def test_anonymous_is_refused(world):
    assert_anonymous_refused("sections", Section.objects.first().pk)


def test_section_shows_its_path_from_the_outermost_heading(world):
    inner = Section.objects.get(plan=world.dn, title="Số hóa hồ sơ")
    data = client_for(world.people["reporter_assigned"]).get(f"/api/v1/sections/{inner.pk}/").json()
    assert data == {
        "id": inner.pk, "plan": world.dn.pk, "parent": inner.parent_id, "title": "Số hóa hồ sơ",
        "position": 2, "path": ["CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Số hóa hồ sơ"],
    }


def test_filter_by_plan_and_parent(world):
    client = client_for(world.people["admin"])
    assert result_ids(client.get(f"/api/v1/sections/?plan={world.sl.pk}")) == set(
        Section.objects.filter(plan=world.sl).values_list("pk", flat=True)
    )
    outer = Section.objects.get(plan=world.dn, title="CẢI CÁCH THỦ TỤC HÀNH CHÍNH")
    inner = Section.objects.get(plan=world.dn, title="Số hóa hồ sơ")
    assert result_ids(client.get(f"/api/v1/sections/?parent={outer.pk}")) == {inner.pk}


def test_plan_out_of_reach_filters_to_nothing_like_a_missing_one(world):
    client = client_for(world.people["coordinator_elsewhere"])
    assert result_ids(client.get(f"/api/v1/sections/?plan={world.dn.pk}")) == set()
    assert result_ids(client.get("/api/v1/sections/?plan=999999")) == set()


def test_section_list_queries_do_not_grow_with_rows(world, django_assert_max_num_queries):
    client = client_for(world.people["coordinator"])
    url = "/api/v1/sections/?page_size=500"
    assert_queries_constant(client, url, lambda: load_big_plan(30), django_assert_max_num_queries, 9)
