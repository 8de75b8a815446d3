import copy

import pytest

from conftest import plan_document
from theodoi.audit.models import AuditEvent
from theodoi.core.errors import ApplicationError
from theodoi.plans.models import Assignment, Indicator, Plan, Section, Task
from theodoi.plans.plan_json import PlanJsonErrors, validate_plan_json
from theodoi.plans.services import plan_load


def test_valid_document_passes_validation():
    validate_plan_json(plan_document())


def test_validation_lists_every_problem_with_field_and_row():
    document = plan_document()
    document["tasks"][1]["deadline"]["due"] = "30/06/2026"
    document["tasks"][0]["lead"] = "Văn phòng Sở"
    document["indicators"][0]["target"]["op"] = "≈"
    with pytest.raises(PlanJsonErrors) as caught:
        validate_plan_json(document)
    errors = "\n".join(caught.value.errors)
    assert "Nhiệm vụ dòng 2 (số II.1) deadline.due" in errors
    assert "Nhiệm vụ dòng 1 (số I.1) lead" in errors
    assert "target.op" in errors
    assert len(caught.value.errors) == 3


def test_missing_keys_and_duplicate_refs_are_reported():
    document = plan_document()
    del document["plan"]["signer"]
    document["tasks"][1]["ref"] = "I.1"
    with pytest.raises(PlanJsonErrors) as caught:
        validate_plan_json(document)
    errors = "\n".join(caught.value.errors)
    assert "thiếu trường signer" in errors
    assert "số thứ tự bị trùng" in errors


def test_load_writes_plan_rows_and_expands_groups(directory):
    result = plan_load(actor=None, document=plan_document())
    plan = result.plan
    assert result.created and plan.owner == directory["dn.khcn"]
    assert [s.title for s in Section.objects.filter(plan=plan)] == [
        "CẢI CÁCH THỂ CHẾ", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Số hóa hồ sơ",
    ]
    task = Task.objects.get(plan=plan, ref="I.1")
    assert task.indicator == Indicator.objects.get(plan=plan, ref="1")
    roles = {(a.unit.code, a.role, a.via_group) for a in task.assignments.all()}
    # "Văn phòng" leads; the group adds the other divisions of the owning Sở, not the lead again.
    assert roles == {
        ("dn.khcn.vp", "lead", ""),
        ("dn.khcn.cds", "coordinating", "@phong-don-vi"),
        ("dn.khcn.tt", "coordinating", "@phong-don-vi"),
    }
    communes = Task.objects.get(plan=plan, ref="II.1").assignments.filter(via_group="@ubnd-xa-phuong")
    assert {a.unit.code for a in communes} == {"dn.bien-hoa", "dn.phu-ly"}
    assert Task.objects.get(plan=plan, ref="II.1").section.parent.title == "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"


def test_alias_resolution_prefers_units_near_the_owner(directory):
    plan = plan_load(actor=None, document=plan_document()).plan
    nv = Task.objects.get(plan=plan, ref="II.1").assignments.get(role="coordinating", via_group="")
    assert nv.unit == directory["dn.nv"]  # not Sở Nội vụ of Sơn La


def test_unknown_names_are_listed_and_nothing_is_written(directory):
    document = plan_document()
    document["tasks"][0]["lead"] = ["Sở Không Tồn Tại"]
    document["tasks"][1]["coordinating"] = ["@nhom-la"]
    with pytest.raises(ApplicationError) as caught:
        plan_load(actor=None, document=document)
    assert "Sở Không Tồn Tại" in caught.value.message
    assert "@nhom-la" in caught.value.message
    assert Plan.objects.count() == 0 and AuditEvent.objects.count() == 1  # only the directory load


def test_reload_updates_in_place_and_keeps_reported_work(directory):
    first = plan_load(actor=None, document=plan_document()).plan
    lead = Assignment.objects.get(task__plan=first, task__ref="I.1", role="lead")
    lead.completed_on = "2026-05-20"
    lead.save()
    task_ids = set(Task.objects.filter(plan=first).values_list("pk", flat=True))

    changed = copy.deepcopy(plan_document())
    changed["tasks"][0]["name"] = "Rà soát, hệ thống hóa văn bản quy phạm pháp luật"
    changed["tasks"].pop(1)
    result = plan_load(actor=None, document=changed)

    assert not result.created and result.plan.pk == first.pk
    assert Plan.objects.count() == 1
    assert set(Task.objects.filter(plan=first).values_list("pk", flat=True)) == task_ids
    assert Task.objects.get(plan=first, ref="I.1").name.startswith("Rà soát, hệ thống hóa")
    assert Task.objects.get(plan=first, ref="II.1").archived
    assert str(Assignment.objects.get(pk=lead.pk).completed_on) == "2026-05-20"
    assert result.archived == ["Nhiệm vụ II.1"]

    again = plan_load(actor=None, document=plan_document())
    assert not Task.objects.get(plan=first, ref="II.1").archived
    assert Task.objects.filter(plan=first).count() == 2 and not again.created


def test_load_records_audit_event(directory):
    plan = plan_load(actor=None, document=plan_document()).plan
    event = AuditEvent.objects.filter(action="plan.create").get()
    assert event.target_id == str(plan.pk) and event.actor_label == "hệ thống"
    assert event.after["tasks"] == 2


def test_cascade_links_lower_and_higher_plans(directory):
    higher = plan_document(plan={**plan_document()["plan"], "number": "1065/QĐ-UBND",
                                 "issuer": "Ủy ban nhân dân tỉnh Đồng Nai", "implements": [],
                                 "title": "Kế hoạch CCHC của tỉnh"})
    higher["tasks"] = []
    higher["indicators"] = []
    lower = plan_load(actor=None, document=plan_document()).plan
    top = plan_load(actor=None, document=higher).plan
    assert list(lower.implements.all()) == [top]
