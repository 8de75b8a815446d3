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
