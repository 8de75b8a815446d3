import json
from pathlib import Path

import pytest

from theodoi.cascade.tests.seeds import HIGHER, LOWER, seed_document

DEMO_DIRECTORY = Path(__file__).resolve().parents[2] / "units" / "demo" / "directory.json"


@pytest.fixture
def demo_directory(db):
    from theodoi.units.models import Unit
    from theodoi.units.services import directory_load

    directory_load(actor=None, data=json.loads(DEMO_DIRECTORY.read_text("utf-8")))
    return {unit.code: unit for unit in Unit.objects.all()}


def load(stem, owner, standing_unit):
    from theodoi.plans.services import plan_load

    return plan_load(actor=None, document=seed_document(stem), owner=owner, standing_unit=standing_unit).plan


@pytest.fixture
def province_plan(demo_directory):
    units = demo_directory
    return load(HIGHER, units["dong-nai"], units["dong-nai.so-noi-vu"])


@pytest.fixture
def department_plan(demo_directory, province_plan):
    units = demo_directory
    return load(LOWER, units["dong-nai.so-khcn"], units["dong-nai.so-khcn"])


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
