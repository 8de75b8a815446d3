import pytest
from django.urls import reverse

from conftest import plan_document
from theodoi.plans.models import Plan, Task
from theodoi.plans.services import plan_load

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people(directory, make_user):
    return {
        "admin": make_user("admin"),
        "coordinator": make_user("coordinator", directory["dn.khcn"]),
        "other_coordinator": make_user("coordinator", directory["sl.khcn"]),
        "reporter_vp": make_user("reporter", directory["dn.khcn.vp"]),
        "reporter_nv": make_user("reporter", directory["dn.nv"]),
        "reporter_sl": make_user("reporter", directory["sl.nv"]),
        "viewer": make_user("viewer", directory["dn"]),
    }


def big_plan_document(tasks=40, indicators=10):
    """A plan with many rows across nested sections, for query-count tests."""
    rows = []
    for index in range(tasks):
        section = [f"MỤC LỚN {index // 10}", f"Mục nhỏ {index // 5}"]
        rows.append({
            "ref": f"T.{index}", "section": section, "name": f"Nhiệm vụ số {index}", "description": None,
            "objective": None, "lead": ["Văn phòng Sở"], "coordinating": ["Sở Nội vụ", "@ubnd-xa-phuong"],
            "output": "Báo cáo", "deadline": {"text": "Quý II/2026", "kind": "date", "from": None,
                                             "due": "2026-06-30", "every": None, "trigger": None},
            "indicator_ref": "1", "note": None,
        })
    base = plan_document()["indicators"][0]
    return plan_document(
        plan=dict(plan_document()["plan"], number="99/KH-SKHCN", title="Kế hoạch lớn"),
        indicators=[dict(base, ref=str(i + 1), group=f"Nhóm {i // 5}") for i in range(indicators)],
        tasks=rows,
    )


def test_home_redirects_to_the_plan_list_and_pages_need_sign_in(client, loaded_plan):
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    for url in (reverse("plans:list"), reverse("plans:detail", args=[loaded_plan.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login") + "?next=")


def test_home_goes_to_plans_when_signed_in(client, people):
    client.force_login(people["coordinator"])
    assert client.get("/").url == reverse("plans:list")
    client.force_login(people["viewer"])  # leaders who read results land on the dashboards
    assert client.get("/").url == reverse("dashboards:overview")


def test_plan_list_shows_readable_plans_with_counts(client, people, loaded_plan):
    client.force_login(people["coordinator"])
    response = client.get(reverse("plans:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kế hoạch cải cách hành chính năm 2026" in html
    assert "12/KH-SKHCN" in html
    assert "Cơ quan thường trực" in html
    plan = response.context["plans"][0]
    assert (plan.indicator_count, plan.task_count) == (1, 2)


def test_plan_list_hides_plans_the_user_may_not_read(client, people, loaded_plan):
    client.force_login(people["reporter_sl"])
    response = client.get(reverse("plans:list"))
    assert list(response.context["plans"]) == []
    assert "Chưa có kế hoạch nào bạn được xem." in response.content.decode()


def test_plan_list_filter_ignores_diacritics(client, people, loaded_plan):
    client.force_login(people["admin"])
    for query in ("cai cach", "CẢI CÁCH", "12/kh", "khoa hoc cong nghe"):
        found = client.get(reverse("plans:list"), {"q": query}).context["plans"]
        assert [plan.pk for plan in found] == [loaded_plan.pk], query
    assert list(client.get(reverse("plans:list"), {"q": "du lich"}).context["plans"]) == []


def test_plan_list_answers_htmx_with_the_table_only(client, people, loaded_plan):
    client.force_login(people["admin"])
    page = client.get(reverse("plans:list"), {"q": "cai cach"})
    fragment = client.get(reverse("plans:list"), {"q": "cai cach"}, **HTMX)
    assert b"<html" in page.content and b"<html" not in fragment.content
    assert b"<table" in fragment.content and "<mark>cải cách</mark>" in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in page["Vary"]
    history = client.get(reverse("plans:list"), HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert b"<html" in history.content


def test_plan_page_shows_metadata_sections_and_tasks(client, people, loaded_plan):
    client.force_login(people["coordinator"])
    response = client.get(reverse("plans:detail", args=[loaded_plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("12/KH-SKHCN", "15/01/2026", "Nguyễn Văn A", "1065/QĐ-UBND",
                 "Sở Khoa học và Công nghệ tỉnh Đồng Nai",
                 "Rà soát văn bản quy phạm pháp luật", "Báo cáo rà soát", "Quý II/2026", "Hạn 30/06/2026",
                 "Tỷ lệ hồ sơ giải quyết đúng hạn", "≥ 98%", "Hệ thống thông tin giải quyết TTHC"):
        assert text in html, text
    rows = response.context["page"].task_rows
    headings = [(row.title, row.depth) for row in rows if row.is_heading]
    assert headings == [("CẢI CÁCH THỂ CHẾ", 1), ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", 1), ("Số hóa hồ sơ", 2)]
    assert '<tr class="heading heading--2"><th colspan="7" scope="colgroup">Số hóa hồ sơ</th></tr>' in html


def test_plan_page_shows_agencies_as_written_groups_by_label_linked(client, people, loaded_plan, directory):
    client.force_login(people["coordinator"])
    html = client.get(reverse("plans:detail", args=[loaded_plan.pk])).content.decode()
    assert "@ubnd-xa-phuong" not in html and "UBND các xã, phường" in html and "Các phòng, đơn vị" in html
    assert f'<a href="{reverse("units:detail", args=[directory["dn.nv"].pk])}">Sở Nội vụ</a>' in html
    bien_hoa = reverse("units:detail", args=[directory["dn.bien-hoa"].pk])
    assert f'<a href="{bien_hoa}">UBND phường Biên Hòa</a>' in html


def test_reporter_sees_the_plan_but_only_its_own_units_assignments(client, people, loaded_plan, directory):
    client.force_login(people["reporter_nv"])
    response = client.get(reverse("plans:detail", args=[loaded_plan.pk]))
    html = response.content.decode()
    assert "Phòng Chuyển đổi số" in html  # the plan's text is readable …
    assert reverse("units:detail", args=[directory["dn.nv"].pk]) in html
    # … but the assignments of other units are not linked.
    assert reverse("units:detail", args=[directory["dn.khcn.cds"].pk]) not in html
    assert reverse("units:detail", args=[directory["dn.bien-hoa"].pk]) not in html


def test_plan_page_is_404_without_access(client, people, loaded_plan):
    client.force_login(people["reporter_sl"])
    assert client.get(reverse("plans:detail", args=[loaded_plan.pk])).status_code == 404
    client.force_login(people["other_coordinator"])
    assert client.get(reverse("plans:detail", args=[loaded_plan.pk])).status_code == 404
    assert client.get(reverse("plans:detail", args=[999_999])).status_code == 404


def test_archived_rows_are_hidden_until_asked_for(client, people, loaded_plan):
    document = plan_document()
    document["tasks"] = document["tasks"][:1]
    plan_load(actor=None, document=document)
    assert Task.objects.get(ref="II.1").archived
    client.force_login(people["coordinator"])
    url = reverse("plans:detail", args=[loaded_plan.pk])
    html = client.get(url).content.decode()
    assert "Số hóa hồ sơ, kết quả giải quyết" not in html and "Hiện 1 dòng đã bỏ" in html
    html = client.get(url, {"luu-tru": "1"}).content.decode()
    assert "Số hóa hồ sơ, kết quả giải quyết" in html and "Đã bỏ" in html and "Ẩn các dòng đã bỏ" in html
    assert 'href="?" class="toggle">Ẩn các dòng đã bỏ' in html


def test_plan_page_links_higher_and_lower_plans(client, people, loaded_plan):
    higher = plan_load(actor=None, document=plan_document(plan=dict(
        plan_document()["plan"], number="1065/QĐ-UBND", title="Kế hoạch của tỉnh", implements=[]))).plan
    client.force_login(people["admin"])
    html = client.get(reverse("plans:detail", args=[loaded_plan.pk])).content.decode()
    assert f'href="{reverse("plans:detail", args=[higher.pk])}"' in html
    html = client.get(reverse("plans:detail", args=[higher.pk])).content.decode()
    assert "Kế hoạch cấp dưới thực hiện" in html
    assert f'href="{reverse("plans:detail", args=[loaded_plan.pk])}"' in html


def test_objective_of_a_merged_cell_is_shown_once(client, people, directory):
    document = plan_document()
    for task in document["tasks"]:
        task["section"] = ["MỤC"]
        task["objective"] = "Tỷ lệ hồ sơ đúng hạn đạt 98%"
    plan = plan_load(actor=None, document=document).plan
    client.force_login(people["admin"])
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert html.count("Tỷ lệ hồ sơ đúng hạn đạt 98%") == 1


# Expected ceilings per role: policy walks the unit tree one query per level, so the viewer (the
# whole province) costs most; none of these grow with the number of rows.
CEILINGS = [("admin", 14), ("coordinator", 20), ("reporter_nv", 20), ("viewer", 30)]


@pytest.mark.parametrize(("role", "ceiling"), CEILINGS)
def test_plan_page_queries_stay_fixed(client, people, django_assert_max_num_queries, role, ceiling):
    plan = plan_load(actor=None, document=big_plan_document()).plan
    assert plan.tasks.count() == 40
    client.force_login(people[role])
    with django_assert_max_num_queries(ceiling):
        response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('<tr id="nv-') == 40


def test_plan_list_query_count_does_not_grow_with_plans(client, people, django_assert_max_num_queries):
    for index in range(8):
        plan_load(actor=None, document=plan_document(plan=dict(
            plan_document()["plan"], number=f"{index}/KH", title=f"Kế hoạch {index}")))
    client.force_login(people["viewer"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("plans:list"))
    assert len(response.context["plans"]) == Plan.objects.count() == 8


def test_columns_empty_in_the_whole_plan_are_left_out(client, people, directory):
    document = plan_document()
    document["indicators"][0].update(formula=None, data_source=None, unit=None)
    for task in document["tasks"]:
        task.update(output=None, indicator_ref=None)
    plan = plan_load(actor=None, document=document).plan
    client.force_login(people["admin"])
    response = client.get(reverse("plans:detail", args=[plan.pk]))
    html = response.content.decode()
    empty = ("Giá trị gốc", "Công thức", "Nguồn dữ liệu", "Đơn vị tính", "Kết quả, sản phẩm", "Ghi chú")
    for header in empty:
        assert f'<th scope="col">{header}</th>' not in html, header
    assert response.context["page"].task_colspan == 5
    assert '<th colspan="5" scope="colgroup">CẢI CÁCH THỂ CHẾ</th>' in html


def test_own_unit_view_narrows_the_tables_to_the_users_unit(client, people, loaded_plan):
    client.force_login(people["reporter_nv"])
    url = reverse("plans:detail", args=[loaded_plan.pk])
    html = client.get(url).content.decode()
    assert 'href="?don-vi-toi=1" class="toggle">Chỉ việc của Sở Nội vụ</a>' in html
    page = client.get(url, {"don-vi-toi": "1"}).context["page"]
    assert [row.task.ref for row in page.task_rows if not row.is_heading] == ["II.1"]
    assert page.indicator_rows == []
    html = client.get(url, {"don-vi-toi": "1"}).content.decode()
    assert "Không có chỉ tiêu nào giao cho đơn vị của bạn." in html and "Hiện việc của mọi đơn vị" in html


def test_own_unit_view_of_a_department_includes_its_divisions(client, loaded_plan, directory, make_user):
    client.force_login(make_user("unit_leader", directory["dn.khcn"]))
    page = client.get(reverse("plans:detail", args=[loaded_plan.pk]), {"don-vi-toi": "1"}).context["page"]
    assert [row.task.ref for row in page.task_rows if not row.is_heading] == ["I.1", "II.1"]
    assert page.indicator_count == 1


def test_plan_list_pages_by_fifty_and_keeps_the_filter(client, people, directory):
    from theodoi.plans import views

    for index in range(3):
        plan_load(actor=None, document=plan_document(plan=dict(
            plan_document()["plan"], number=f"{index}/KH", title=f"Kế hoạch cải cách {index}")))
    client.force_login(people["admin"])
    original, views.PLANS_PER_PAGE = views.PLANS_PER_PAGE, 2
    try:
        first = client.get(reverse("plans:list"), {"q": "cai cach"})
        second = client.get(reverse("plans:list"), {"q": "cai cach", "trang": "2"})
    finally:
        views.PLANS_PER_PAGE = original
    assert len(first.context["plans"]) == 2 and len(second.context["plans"]) == 1
    html = first.content.decode()
    assert 'href="?q=cai+cach&amp;trang=2" rel="next"' in html and "Trang 1/2" in html
    assert '<td class="col-stt">3</td>' in second.content.decode()


def test_large_groups_show_their_count_not_every_member():
    from django.template.loader import render_to_string

    from theodoi.plans.selectors import GROUP_LIST_LIMIT, AgencyItem
    from theodoi.units.models import Unit

    communes = [Unit(pk=index, name=f"UBND xã {index}") for index in range(GROUP_LIST_LIMIT + 1)]
    many = AgencyItem("UBND các xã, phường", is_group=True, members=communes)
    few = AgencyItem("Các phòng, đơn vị", is_group=True, members=many.members[:2])
    html = render_to_string("plans/_agencies.html", {"items": [many, few]})
    assert f"UBND các xã, phường <span class=\"hint\">({GROUP_LIST_LIMIT + 1} đơn vị)</span>" in html
    assert "UBND xã 5" not in html
    assert "<summary>Các phòng, đơn vị" in html and "UBND xã 1</a>" in html
