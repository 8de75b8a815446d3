from datetime import date

import pytest

from theodoi.plans.choices import AssignmentRole, DeadlineKind
from theodoi.plans.models import Assignment, Task


@pytest.fixture
def people(directory, make_user):
    return {
        "coordinator": make_user("coordinator", directory["dn.khcn"], email="tt@khcn.example"),
        "reporter_vp": make_user("reporter", directory["dn.khcn.vp"], email="vp@khcn.example"),
        "reporter_cds": make_user("reporter", directory["dn.khcn.cds"], email="cds@khcn.example"),
        "leader_vp": make_user("unit_leader", directory["dn.khcn.vp"], email="ld-vp@khcn.example"),
        "reporter_nv": make_user("reporter", directory["dn.nv"], email="nv@nv.example"),
        "other_coordinator": make_user("coordinator", directory["sl.khcn"]),
    }


@pytest.fixture
def event_task(loaded_plan, directory):
    """An event task ("Sau khi Đề án được ban hành") led by Sở Nội vụ."""
    task = Task.objects.create(
        plan=loaded_plan, ref="III.1", position=99, name="Triển khai Đề án sau khi được ban hành",
        deadline_text="Sau khi Đề án được ban hành", deadline_kind=DeadlineKind.EVENT,
        deadline_trigger="Đề án được ban hành",
    )  # fmt: skip
    Assignment.objects.create(task=task, unit=directory["dn.nv"], role=AssignmentRole.LEAD)
    return task


def dated_task(plan):
    return plan.tasks.get(ref="I.1")


def recurring_task(plan):
    return plan.tasks.get(ref="II.1")


FIRST_HALF_END = date(2026, 6, 30)
