import pytest

from conftest import plan_document
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
from theodoi.plans.models import Indicator
from theodoi.plans.services import plan_load


@pytest.fixture
def world(directory, loaded_plan, make_user):
    return build_world(directory, loaded_plan, make_user)


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_each_role_reads_the_indicators_of_its_plans(world, role):
    visible = set(Indicator.objects.filter(plan__in=world.plans(role)).values_list("pk", flat=True))
    every = set(Indicator.objects.values_list("pk", flat=True))
    assert_reach(client_for(world.people[role]), "indicators", visible, every)


def test_anonymous_is_refused(world):
    assert_anonymous_refused("indicators", Indicator.objects.first().pk)


def test_indicator_reads_like_plan_json(world):
    indicator = Indicator.objects.get(plan=world.dn, ref="1")
    data = client_for(world.people["viewer"]).get(f"/api/v1/indicators/{indicator.pk}/").json()
    assert data == {
        "id": indicator.pk, "plan": world.dn.pk, "ref": "1", "position": 0, "group": "",
        "name": "Tỷ lệ hồ sơ giải quyết đúng hạn", "unit_of_measure": "%",
        "target": {"op": ">=", "value": 98, "text": "≥ 98%"},
        "baseline": None,
        "formula": {"numerator": "Số hồ sơ đúng hạn", "denominator": "Tổng số hồ sơ", "text": "a/b"},
        "data_source": "Hệ thống thông tin giải quyết TTHC", "note": "",
        "responsible_names": ["Văn phòng Sở"], "coordinating_names": [], "archived": False,
    }


def test_sl_indicator_without_formula_shows_null(world):
    indicator = Indicator.objects.get(plan=world.sl)
    data = client_for(world.people["coordinator_elsewhere"]).get(f"/api/v1/indicators/{indicator.pk}/").json()
    assert data["formula"] is None and data["target"]["value"] == 90


def test_filter_by_plan_and_search_without_diacritics(world):
    client = client_for(world.people["admin"])
    dn_ind = Indicator.objects.get(plan=world.dn).pk
    sl_ind = Indicator.objects.get(plan=world.sl).pk
    assert result_ids(client.get(f"/api/v1/indicators/?plan={world.sl.pk}")) == {sl_ind}
    assert result_ids(client.get("/api/v1/indicators/?q=giai quyet dung han")) == {dn_ind}
    assert result_ids(client.get("/api/v1/indicators/?q=TỶ LỆ")) == {dn_ind, sl_ind}
    assert result_ids(client.get(f"/api/v1/indicators/?q=ty le&plan={world.dn.pk}")) == {dn_ind}


def test_archived_indicators_are_left_out_unless_asked_for(world):
    dn_ind = Indicator.objects.get(plan=world.dn)
    # Reloading the plan without its indicator archives it (the task pointing at it goes too).
    plan_load(actor=None, document=plan_document(indicators=[], tasks=plan_document()["tasks"][1:]))
    client = client_for(world.people["coordinator"])
    assert result_ids(client.get("/api/v1/indicators/")) == set()
    assert result_ids(client.get("/api/v1/indicators/?archived=true")) == {dn_ind.pk}
    assert client.get(f"/api/v1/indicators/{dn_ind.pk}/").json()["archived"] is True


def test_indicator_list_queries_do_not_grow_with_rows(world, django_assert_max_num_queries):
    client = client_for(world.people["coordinator"])
    url = "/api/v1/indicators/?page_size=500"
    assert_queries_constant(client, url, lambda: load_big_plan(30), django_assert_max_num_queries, 7)
