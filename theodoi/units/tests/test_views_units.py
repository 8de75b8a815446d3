import pytest
from django.urls import reverse

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people(directory, make_user):
    return {
        "admin": make_user("admin"),
        "coordinator": make_user("coordinator", directory["dn.khcn"]),
        "reporter_vp": make_user("reporter", directory["dn.khcn.vp"]),
        "reporter_nv": make_user("reporter", directory["dn.nv"]),
        "reporter_sl": make_user("reporter", directory["sl.nv"]),
        "leader_khcn": make_user("unit_leader", directory["dn.khcn"]),
        "viewer": make_user("viewer", directory["dn"]),
    }


def unit_url(unit):
    return reverse("units:detail", args=[unit.pk])


def test_unit_pages_need_sign_in(client, directory):
    for url in (reverse("units:list"), unit_url(directory["dn.nv"])):
        assert client.get(url).url.startswith(reverse("login"))


def test_unit_list_is_a_tree_with_counts(client, people, loaded_plan):
    client.force_login(people["coordinator"])
    response = client.get(reverse("units:list"))
    roots = response.context["nodes"]
    assert [node.unit.code for node in roots] == ["dn", "sl"]
    khcn = next(node for node in roots[0].children if node.unit.code == "dn.khcn")
    assert {child.unit.code for child in khcn.children} == {"dn.khcn.vp", "dn.khcn.cds", "dn.khcn.tt"}
    vp = next(child for child in khcn.children if child.unit.code == "dn.khcn.vp")
    assert (vp.lead_count, vp.coordinating_count) == (2, 0)  # task I.1 and indicator 1
    assert "chủ trì 2 · phối hợp 0" in response.content.decode()


def test_unit_list_filter_ignores_diacritics_and_matches_aliases(client, people):
    client.force_login(people["viewer"])
    found = client.get(reverse("units:list"), {"q": "so noi vu"}).context["nodes"]
    assert {node.unit.code for node in found} == {"dn.nv", "sl.nv"}
    found = client.get(reverse("units:list"), {"q": "KH&CN"}).context["nodes"]
    assert {node.unit.code for node in found} == {"dn.khcn"}
    fragment = client.get(reverse("units:list"), {"q": "phu ly"}, **HTMX)
    assert b"<html" not in fragment.content and "UBND xã Phú Lý" in fragment.content.decode()


def test_unit_page_shows_what_it_leads_and_coordinates_by_plan(client, people, loaded_plan, directory):
    client.force_login(people["coordinator"])
    response = client.get(unit_url(directory["dn.nv"]))
    assert response.status_code == 200
    [work] = response.context["work"]
    assert work.plan == loaded_plan
    assert [task.ref for task in work.coordinating_tasks] == ["II.1"]
    assert work.lead_tasks == []
    html = response.content.decode()
    assert "Phối hợp nhiệm vụ" in html and "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính" in html
    assert f'href="{reverse("plans:detail", args=[loaded_plan.pk])}#nv-' in html


def test_reporter_sees_its_own_units_work_only(client, people, loaded_plan, directory):
    client.force_login(people["reporter_nv"])
    [own] = client.get(unit_url(directory["dn.nv"])).context["work"]
    assert [task.ref for task in own.coordinating_tasks] == ["II.1"]
    response = client.get(unit_url(directory["dn.khcn.vp"]))
    assert response.status_code == 200 and response.context["work"] == []
    html = response.content.decode()
    assert "Rà soát văn bản quy phạm pháp luật" not in html
    assert "Không có nhiệm vụ, chỉ tiêu nào của đơn vị này mà bạn được xem." in html


def test_reporter_of_another_province_sees_no_work(client, people, loaded_plan, directory):
    client.force_login(people["reporter_sl"])
    assert client.get(unit_url(directory["dn.nv"])).context["work"] == []


def test_leader_sees_the_work_of_its_divisions(client, people, loaded_plan, directory):
    client.force_login(people["leader_khcn"])
    [work] = client.get(unit_url(directory["dn.khcn.cds"])).context["work"]
    assert [task.ref for task in work.lead_tasks] == ["II.1"]
    assert [task.ref for task in work.coordinating_tasks] == ["I.1"]


def test_unit_page_of_unknown_unit_is_404(client, people):
    client.force_login(people["viewer"])
    assert client.get(reverse("units:detail", args=[999_999])).status_code == 404


def test_unit_queries_bounded(client, people, loaded_plan, directory, django_assert_max_num_queries):
    client.force_login(people["coordinator"])
    with django_assert_max_num_queries(15):
        client.get(unit_url(directory["dn.khcn.vp"]))
    with django_assert_max_num_queries(15):
        client.get(reverse("units:list"))
