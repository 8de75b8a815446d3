import pytest

from conftest import plan_document
from theodoi.core.tests.api_support import (
    PLANS_SEEN,
    ROLES,
    assert_anonymous_refused,
    assert_queries_constant,
    assert_reach,
    build_world,
    client_for,
    result_ids,
)
from theodoi.plans.models import Plan
from theodoi.plans.services import plan_load


@pytest.fixture
def world(directory, loaded_plan, make_user):
    return build_world(directory, loaded_plan, make_user)


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_each_role_reads_exactly_the_plans_of_the_pages(world, role):
    visible = {plan.pk for plan in world.plans(role)}
    assert visible == {getattr(world, key).pk for key in PLANS_SEEN[role]}
    assert_reach(client_for(world.people[role]), "plans", visible, {world.dn.pk, world.sl.pk})


def test_anonymous_is_refused(world):
    assert_anonymous_refused("plans", world.dn.pk)


def test_detail_carries_the_plan_metadata(world):
    data = client_for(world.people["coordinator"]).get(f"/api/v1/plans/{world.dn.pk}/").json()
    khcn = world.units["dn.khcn"]
    brief = {"id": khcn.pk, "code": "dn.khcn", "name": "Sở Khoa học và Công nghệ", "short_name": ""}
    assert {key: data[key] for key in (
        "title", "kind", "number", "issued_on", "issuer", "place", "signer", "period", "legal_refs",
        "implements_refs", "owner", "standing_unit", "followers", "source_name",
    )} == {
        "title": "Kế hoạch cải cách hành chính năm 2026", "kind": "KH", "number": "12/KH-SKHCN",
        "issued_on": "2026-01-15", "issuer": "Sở Khoa học và Công nghệ tỉnh Đồng Nai",
        "place": "Đồng Nai", "signer": "Nguyễn Văn A", "period": {"from": 2026, "to": 2026},
        "legal_refs": ["1065/QĐ-UBND"], "implements_refs": ["1065/QĐ-UBND"],
        "owner": brief, "standing_unit": brief,
        "followers": [], "source_name": "test.txt",
    }


def test_plan_without_period_shows_null(world):
    Plan.objects.filter(pk=world.dn.pk).update(period_from=None, period_to=None)
    data = client_for(world.people["admin"]).get(f"/api/v1/plans/{world.dn.pk}/").json()
    assert data["period"] is None


@pytest.fixture
def lower_plan(world):
    """A plan of Sở Tài chính implementing the Đồng Nai plan; only Sở Tài chính takes part."""
    document = plan_document(
        indicators=[],
        tasks=[dict(plan_document()["tasks"][1], lead=["Sở Tài chính"], coordinating=[])],
    )
    document["plan"] = dict(document["plan"], number="3/KH-STC", title="Kế hoạch của Sở Tài chính",
                            issuer="Sở Tài chính", implements=["12/KH-SKHCN"])
    return plan_load(actor=None, document=document, owner=world.units["dn.tc"]).plan


def test_links_between_plans_show_only_plans_within_reach(world, lower_plan):
    admin = client_for(world.people["admin"])
    assert admin.get(f"/api/v1/plans/{lower_plan.pk}/").json()["implements"] == [world.dn.pk]
    assert admin.get(f"/api/v1/plans/{world.dn.pk}/").json()["implemented_by"] == [lower_plan.pk]
    # Sở Tài chính's reporter reads its own plan, but not the higher plan: no bare id of it.
    other = client_for(world.people["reporter_other"])
    assert other.get(f"/api/v1/plans/{lower_plan.pk}/").json()["implements"] == []
    assert other.get(f"/api/v1/plans/{world.dn.pk}/").status_code == 404
    # The standing unit of the higher plan does not take part in the lower one.
    coordinator = client_for(world.people["coordinator"])
    assert coordinator.get(f"/api/v1/plans/{world.dn.pk}/").json()["implemented_by"] == []


def test_filters_owner_standing_unit_and_kind(world):
    client = client_for(world.people["admin"])
    khcn, sl_khcn = world.units["dn.khcn"].pk, world.units["sl.khcn"].pk
    assert result_ids(client.get(f"/api/v1/plans/?owner={khcn}")) == {world.dn.pk}
    assert result_ids(client.get(f"/api/v1/plans/?standing_unit={sl_khcn}")) == {world.sl.pk}
    assert result_ids(client.get(f"/api/v1/plans/?owner={khcn}&standing_unit={sl_khcn}")) == set()
    assert result_ids(client.get("/api/v1/plans/?kind=QĐ")) == set()
    assert client.get("/api/v1/plans/?owner=abc").status_code == 400


def test_filters_do_not_widen_reach(world):
    client = client_for(world.people["coordinator_elsewhere"])
    assert result_ids(client.get(f"/api/v1/plans/?owner={world.units['dn.khcn'].pk}")) == set()


@pytest.mark.parametrize(("year", "expected"), [(2025, set()), (2026, {"dn", "sl"}), (2027, {"sl"})])
def test_filter_by_year_covered_by_the_period(world, year, expected):
    client = client_for(world.people["admin"])
    ids = {getattr(world, key).pk for key in expected}
    assert result_ids(client.get(f"/api/v1/plans/?year={year}")) == ids


def test_year_of_a_plan_without_period_is_its_year_of_issue_and_open_ends_count(world):
    Plan.objects.filter(pk=world.dn.pk).update(period_from=None, period_to=None)
    Plan.objects.filter(pk=world.sl.pk).update(period_from=2024, period_to=None)
    client = client_for(world.people["admin"])
    assert result_ids(client.get("/api/v1/plans/?year=2026")) == {world.dn.pk, world.sl.pk}
    assert result_ids(client.get("/api/v1/plans/?year=2030")) == {world.sl.pk}
    assert result_ids(client.get("/api/v1/plans/?year=2023")) == set()


def test_search_ignores_diacritics_and_matches_the_number(world):
    client = client_for(world.people["admin"])
    assert result_ids(client.get("/api/v1/plans/?q=cai cach hanh chinh")) == {world.dn.pk}
    assert result_ids(client.get("/api/v1/plans/?q=CHUYỂN ĐỔI")) == {world.sl.pk}
    assert result_ids(client.get("/api/v1/plans/?q=7/kh-skhcn")) == {world.sl.pk}
    assert result_ids(client.get("/api/v1/plans/?q=ke hoach")) == {world.dn.pk, world.sl.pk}


def test_ordering_and_pagination(world):
    client = client_for(world.people["admin"])
    newest_first = client.get("/api/v1/plans/").json()["results"]
    assert [row["id"] for row in newest_first] == [world.sl.pk, world.dn.pk]
    oldest_first = client.get("/api/v1/plans/?ordering=issued_on").json()["results"]
    assert [row["id"] for row in oldest_first] == [world.dn.pk, world.sl.pk]
    page = client.get("/api/v1/plans/?page_size=1&page=2").json()
    assert page["count"] == 2 and [row["id"] for row in page["results"]] == [world.dn.pk]
    assert page["next"] is None and page["previous"]


def test_plan_list_queries_do_not_grow_with_rows(world, django_assert_max_num_queries):
    def grow():
        for number in range(25):
            document = plan_document(indicators=[], tasks=plan_document()["tasks"][1:])
            document["plan"] = dict(
                document["plan"], number=f"{100 + number}/KH-SKHCN", title=f"Kế hoạch {number}",
                legal_refs=["1/QĐ", "2/QĐ"], implements=["12/KH-SKHCN"],
            )
            plan_load(actor=None, document=document)

    client = client_for(world.people["viewer"])
    assert_queries_constant(client, "/api/v1/plans/?page_size=500", grow, django_assert_max_num_queries, 13)

