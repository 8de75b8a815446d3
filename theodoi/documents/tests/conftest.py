"""A small plan with one accepted report, one missing report and an overdue task, for reading the
generated documents back."""

import pytest

from theodoi.periods.windows import Period, PeriodKind

from .scenario import build_scenario


@pytest.fixture
def people(directory, make_user):
    return {
        "admin": make_user("admin"),
        "coordinator": make_user("coordinator", directory["dn.khcn"], full_name="Trần Thị Điều Phối"),
        "other_coordinator": make_user("coordinator", directory["sl.khcn"]),
        "reporter": make_user("reporter", directory["dn.khcn.vp"], full_name="Nguyễn Văn Báo"),
        "reporter_cds": make_user("reporter", directory["dn.khcn.cds"]),
        "reporter_nv": make_user("reporter", directory["dn.nv"]),
        "viewer": make_user("viewer", directory["dn"]),
    }


@pytest.fixture
def march():
    return Period(2026, PeriodKind.MONTH, 3)


@pytest.fixture
def scenario(loaded_plan, people, march):
    """See `scenario.build_scenario`."""
    return build_scenario(loaded_plan, people["coordinator"], people["reporter"], march)
