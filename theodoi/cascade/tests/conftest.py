import json
from pathlib import Path

import pytest
from django.db import transaction

from theodoi.cascade.tests.seeds import HIGHER, LOWER, seed_document

DEMO_DIRECTORY = Path(__file__).resolve().parents[2] / "units" / "demo" / "directory.json"


def load(stem, owner, standing_unit):
    from theodoi.plans.services import plan_load

    return plan_load(actor=None, document=seed_document(stem), owner=owner, standing_unit=standing_unit).plan


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo directory with 001 then 000 loaded, once per module (several seconds of work).

    Like Django's setUpTestData: the rows live in a transaction around the module and each test
    runs in a savepoint inside it, so a test's changes are undone and the module's are at the end.
    """
    from theodoi.units.models import Unit
    from theodoi.units.services import directory_load

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            directory_load(actor=None, data=json.loads(DEMO_DIRECTORY.read_text("utf-8")))
            units = {unit.code: unit for unit in Unit.objects.all()}
            province = load(HIGHER, units["dong-nai"], units["dong-nai.so-noi-vu"])
            department = load(LOWER, units["dong-nai.so-khcn"], units["dong-nai.so-khcn"])
            yield units, province.pk, department.pk
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo_directory(seeded, db):
    return seeded[0]


@pytest.fixture
def province_plan(seeded, db):
    from theodoi.plans.models import Plan

    return Plan.objects.get(pk=seeded[1])


@pytest.fixture
def department_plan(seeded, db):
    from theodoi.plans.models import Plan

    return Plan.objects.get(pk=seeded[2])


def small_higher_document():
    """A small provincial plan that the test plan of `plan_document()` carries out (1065/QĐ-UBND)."""
    from conftest import plan_document

    document = plan_document()
    document["plan"] = dict(
        document["plan"],
        title="Kế hoạch cải cách hành chính của tỉnh",
        kind="QĐ",
        number="1065/QĐ-UBND",
        issuer="Ủy ban nhân dân tỉnh Đồng Nai",
        legal_refs=[],
        implements=["282/QĐ-TTg"],
    )
    document["indicators"] = []
    rows = [
        ("1", ["CẢI CÁCH THỂ CHẾ"], "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh", "Báo cáo rà soát"),
        ("2", ["CẢI CÁCH THỦ TỤC HÀNH CHÍNH"], "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Dữ liệu số hóa"),
        ("3", ["CẢI CÁCH TÀI CHÍNH CÔNG"], "Quản lý, sử dụng tài sản công sau sắp xếp bộ máy", "Báo cáo"),
    ]
    template = document["tasks"][0]
    document["tasks"] = [
        dict(
            template,
            ref=ref,
            section=section,
            name=name,
            output=output,
            lead=["Sở Tài chính"],
            coordinating=[],
            indicator_ref=None,
        )
        for ref, section, name, output in rows
    ]
    return document


@pytest.fixture
def small_pair(directory):
    """(higher, lower): the province's small plan, followed by Sở Tài chính, and the Sở's test plan."""
    from conftest import plan_document
    from theodoi.plans.services import plan_load

    higher = plan_load(
        actor=None, document=small_higher_document(), owner=directory["dn"], standing_unit=directory["dn.tc"]
    ).plan
    lower = plan_load(actor=None, document=plan_document()).plan
    return higher, lower
