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
from theodoi.plans.models import Indicator, Section, Task
from theodoi.plans.services import plan_load


@pytest.fixture
def world(directory, loaded_plan, make_user):
    return build_world(directory, loaded_plan, make_user)


def task(world, ref, plan=None):
    return Task.objects.get(plan=plan or world.dn, ref=ref)


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_each_role_reads_the_tasks_of_its_plans(world, role):
    visible = set(Task.objects.filter(plan__in=world.plans(role)).values_list("pk", flat=True))
    every = set(Task.objects.values_list("pk", flat=True))
    assert_reach(client_for(world.people[role]), "tasks", visible, every)


def test_anonymous_is_refused(world):
    assert_anonymous_refused("tasks", task(world, "I.1").pk)


def test_task_carries_section_path_deadline_and_names_as_printed(world):
    row = task(world, "II.1")
    data = client_for(world.people["reporter_assigned"]).get(f"/api/v1/tasks/{row.pk}/").json()
    assert data == {
        "id": row.pk, "plan": world.dn.pk, "ref": "II.1", "position": 1, "section": row.section_id,
        "section_path": ["CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Số hóa hồ sơ"],
        "name": "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "description": "", "objective": "", "output": "",
        "deadline": {"text": "Thường xuyên", "kind": "recurring", "from": None, "due": None,
                     "every": "period", "trigger": None},
        "indicator": None, "note": "",
        "lead_names": ["Phòng Chuyển đổi số"], "coordinating_names": ["Sở Nội vụ", "@ubnd-xa-phuong"],
        "archived": False,
    }
    first = client_for(world.people["admin"]).get(f"/api/v1/tasks/{task(world, 'I.1').pk}/").json()
    assert first["deadline"] == {"text": "Quý II/2026", "kind": "date", "from": None, "due": "2026-06-30",
                                 "every": None, "trigger": None}
    assert first["indicator"] == Indicator.objects.get(plan=world.dn).pk


def test_empty_deadline_cell_is_null_as_in_plan_json(world):
    Task.objects.filter(ref="I.1").update(deadline_text="", deadline_kind="", deadline_due=None)
    data = client_for(world.people["admin"]).get(f"/api/v1/tasks/{task(world, 'I.1').pk}/").json()
    assert data["deadline"] is None


def test_filter_by_plan_section_subtree_and_indicator(world):
    client = client_for(world.people["admin"])
    i1, ii1 = task(world, "I.1").pk, task(world, "II.1").pk
    assert result_ids(client.get(f"/api/v1/tasks/?plan={world.dn.pk}")) == {i1, ii1}
    outer = Section.objects.get(plan=world.dn, title="CẢI CÁCH THỦ TỤC HÀNH CHÍNH")
    inner = Section.objects.get(plan=world.dn, title="Số hóa hồ sơ")
    assert result_ids(client.get(f"/api/v1/tasks/?section={outer.pk}")) == {ii1}
    assert result_ids(client.get(f"/api/v1/tasks/?section={inner.pk}")) == {ii1}
    first = Section.objects.get(plan=world.dn, title="CẢI CÁCH THỂ CHẾ")
    assert result_ids(client.get(f"/api/v1/tasks/?section={first.pk}")) == {i1}
    indicator = Indicator.objects.get(plan=world.dn)
    assert result_ids(client.get(f"/api/v1/tasks/?indicator={indicator.pk}")) == {i1}
    assert result_ids(client.get("/api/v1/tasks/?section=999999")) == set()


def test_filter_by_deadline(world):
    client = client_for(world.people["admin"])
    i1, ii1 = task(world, "I.1").pk, task(world, "II.1").pk
    sl1 = task(world, "1", world.sl).pk
    assert result_ids(client.get("/api/v1/tasks/?deadline_kind=recurring")) == {ii1}
    assert result_ids(client.get("/api/v1/tasks/?deadline_kind=date")) == {i1, sl1}
    assert result_ids(client.get("/api/v1/tasks/?due_before=2026-06-30")) == {i1}
    assert result_ids(client.get("/api/v1/tasks/?due_before=2026-06-29")) == set()
    assert result_ids(client.get("/api/v1/tasks/?due_after=2026-07-01")) == {sl1}
    assert result_ids(client.get("/api/v1/tasks/?due_after=2026-01-01&due_before=2027-12-31")) == {i1, sl1}
    assert client.get("/api/v1/tasks/?due_before=30/06/2026").status_code == 400


def test_filter_by_assigned_unit_and_role_on_the_same_assignment(world):
    client = client_for(world.people["coordinator"])
    i1, ii1 = task(world, "I.1").pk, task(world, "II.1").pk
    cds, nv = world.units["dn.khcn.cds"].pk, world.units["dn.nv"].pk
    assert result_ids(client.get(f"/api/v1/tasks/?unit={cds}")) == {i1, ii1}
    assert result_ids(client.get(f"/api/v1/tasks/?unit={cds}&role=lead")) == {ii1}
    assert result_ids(client.get(f"/api/v1/tasks/?unit={cds}&role=coordinating")) == {i1}
    assert result_ids(client.get(f"/api/v1/tasks/?unit={nv}&role=lead")) == set()
    assert result_ids(client.get("/api/v1/tasks/?role=lead")) == {i1, ii1}


def test_a_reporter_cannot_learn_another_units_assignments_by_filtering(world):
    client = client_for(world.people["reporter_assigned"])
    cds, nv = world.units["dn.khcn.cds"].pk, world.units["dn.nv"].pk
    assert result_ids(client.get(f"/api/v1/tasks/?unit={cds}")) == set()
    assert result_ids(client.get(f"/api/v1/tasks/?unit={nv}")) == {task(world, "II.1").pk}
    assert result_ids(client.get("/api/v1/tasks/?role=lead")) == set()


def test_search_ignores_diacritics_in_name_and_output(world):
    client = client_for(world.people["viewer"])
    assert result_ids(client.get("/api/v1/tasks/?q=so hoa ho so")) == {task(world, "II.1").pk}
    assert result_ids(client.get("/api/v1/tasks/?q=BÁO CÁO RÀ SOÁT")) == {task(world, "I.1").pk}
    assert result_ids(client.get("/api/v1/tasks/?q=chu ky so")) == set()  # the Sơn La plan is out of reach


def test_archived_tasks_are_left_out_unless_asked_for_and_still_open(world):
    gone = task(world, "II.1")
    plan_load(actor=None, document=plan_document(tasks=plan_document()["tasks"][:1]))
    client = client_for(world.people["coordinator"])
    assert result_ids(client.get("/api/v1/tasks/")) == {task(world, "I.1").pk}
    assert result_ids(client.get("/api/v1/tasks/?archived=true")) == {gone.pk}
    assert result_ids(client.get("/api/v1/tasks/?archived=false")) == {task(world, "I.1").pk}
    assert client.get(f"/api/v1/tasks/{gone.pk}/").json()["archived"] is True


def test_ordering_by_deadline(world):
    client = client_for(world.people["admin"])
    rows = client.get("/api/v1/tasks/?ordering=-deadline_due").json()["results"]
    dated = [row["deadline"]["due"] for row in rows if row["deadline"]["due"]]
    assert dated == sorted(dated, reverse=True) and len(dated) == 2
    assert client.get("/api/v1/tasks/?ordering=name").status_code == 200  # unknown fields are ignored


def test_task_list_queries_do_not_grow_with_rows(world, django_assert_max_num_queries):
    client = client_for(world.people["coordinator"])
    url = "/api/v1/tasks/?page_size=500"
    assert_queries_constant(client, url, lambda: load_big_plan(30), django_assert_max_num_queries, 9)
