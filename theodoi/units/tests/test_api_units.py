import pytest

from theodoi.core.tests.api_support import (
    ROLES,
    assert_anonymous_refused,
    assert_queries_constant,
    assert_reach,
    build_world,
    client_for,
)
from theodoi.units.models import Unit, UnitAlias


@pytest.fixture
def world(directory, loaded_plan, make_user):
    return build_world(directory, loaded_plan, make_user)


def codes(response):
    assert response.status_code == 200, response.content
    return {row["code"] for row in response.json()["results"]}


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_every_signed_in_role_reads_the_whole_directory(world, role):
    every = set(Unit.objects.values_list("pk", flat=True))
    assert_reach(client_for(world.people[role]), "units", every, every)


def test_anonymous_is_refused_in_vietnamese(world):
    assert_anonymous_refused("units", world.units["dn"].pk)


def test_inactive_user_reads_nothing(world):
    user = world.people["reporter_assigned"]
    client = client_for(user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/units/").status_code in (401, 403)


def test_detail_shows_parent_kind_and_aliases_as_stored(world):
    unit = world.units["dn.khcn"]
    data = client_for(world.people["viewer"]).get(f"/api/v1/units/{unit.pk}/").json()
    assert data == {
        "id": unit.pk, "code": "dn.khcn", "name": "Sở Khoa học và Công nghệ", "short_name": "",
        "kind": "department",
        "parent": {
            "id": world.units["dn"].pk, "code": "dn", "name": "UBND tỉnh Đồng Nai", "short_name": "UBND tỉnh",
        },
        "aliases": ["Sở KH&CN", "Sở Khoa học và Công nghệ tỉnh Đồng Nai"],
        "is_active": True, "is_sample": True,
    }


def test_missing_unit_answers_404_in_vietnamese(world):
    response = client_for(world.people["admin"]).get("/api/v1/units/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_filter_by_kind_and_parent(world):
    client = client_for(world.people["reporter_assigned"])
    assert codes(client.get("/api/v1/units/?kind=commune")) == {"dn.bien-hoa", "dn.phu-ly"}
    parent = world.units["dn.khcn"].pk
    assert codes(client.get(f"/api/v1/units/?parent={parent}")) == {"dn.khcn.vp", "dn.khcn.cds", "dn.khcn.tt"}
    assert codes(client.get(f"/api/v1/units/?parent={parent}&kind=department")) == set()
    assert client.get("/api/v1/units/?kind=planet").status_code == 400


def test_search_ignores_diacritics_and_case_and_matches_aliases(world):
    client = client_for(world.people["viewer"])
    assert codes(client.get("/api/v1/units/?q=so noi vu")) == {"dn.nv", "sl.nv"}
    assert codes(client.get("/api/v1/units/?q=SỞ NỘI VỤ")) == {"dn.nv", "sl.nv"}
    assert codes(client.get("/api/v1/units/?q=bien hoa")) == {"dn.bien-hoa"}
    # "Sở KH&CN" is an alias only; "P . CĐS" too.
    assert codes(client.get("/api/v1/units/?q=kh%26cn")) == {"dn.khcn"}
    assert codes(client.get("/api/v1/units/?q=p . cds")) == {"dn.khcn.cds"}
    assert codes(client.get("/api/v1/units/?q=khong co don vi nay")) == set()


def test_search_by_code_and_activity(world):
    client = client_for(world.people["viewer"])
    assert codes(client.get("/api/v1/units/?code=dn.tc")) == {"dn.tc"}
    Unit.objects.filter(code="dn.tc").update(is_active=False)
    assert codes(client.get("/api/v1/units/?is_active=false")) == {"dn.tc"}
    assert "dn.tc" not in codes(client.get("/api/v1/units/?is_active=true&page_size=500"))


def test_pagination_pages_through_every_unit_once(world):
    client = client_for(world.people["viewer"])
    first = client.get("/api/v1/units/?page_size=5&ordering=code").json()
    assert first["count"] == Unit.objects.count() and len(first["results"]) == 5
    seen = [row["code"] for row in first["results"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        seen += [row["code"] for row in page["results"]]
        url = page["next"]
    assert seen == sorted(Unit.objects.values_list("code", flat=True))
    past_the_end = client.get("/api/v1/units/?page=99")
    assert past_the_end.status_code == 404
    assert past_the_end.json() == {"detail": "Không có trang 99."}


def test_ordering(world):
    client = client_for(world.people["viewer"])
    rows = client.get("/api/v1/units/?ordering=-code&page_size=500").json()["results"]
    assert [row["code"] for row in rows] == sorted((row["code"] for row in rows), reverse=True)


def test_unit_list_queries_do_not_grow_with_rows(world, django_assert_max_num_queries):
    client = client_for(world.people["reporter_assigned"])

    def grow():
        for i in range(25):
            unit = Unit.objects.create(parent=world.units["dn"], kind="commune", name=f"UBND xã Mới {i}",
                                       code=f"dn.moi-{i}")
            UnitAlias.objects.create(unit=unit, text=f"Xã Mới {i}")

    assert_queries_constant(client, "/api/v1/units/?page_size=500", grow, django_assert_max_num_queries, 5)



def test_page_size_is_capped_at_500(world):
    Unit.objects.bulk_create(
        Unit(parent=world.units["dn"], kind="commune", name=f"UBND xã {i:03}", code=f"dn.xa-{i:03}")
        for i in range(510)
    )
    client = client_for(world.people["viewer"])
    page = client.get("/api/v1/units/?page_size=1000").json()
    assert page["count"] == Unit.objects.count() and len(page["results"]) == 500
    assert len(client.get("/api/v1/units/").json()["results"]) == 50
