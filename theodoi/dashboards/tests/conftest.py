"""A plan with two months of reports: some on time, some late, some missing.

Units and reports of the small test directory; every report is filed through the real services
(the demo's `file_report`), so the dashboards read what a real plan would hold.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from theodoi.periods.windows import Period, PeriodKind

VN = ZoneInfo("Asia/Ho_Chi_Minh")
JAN_1 = datetime(2026, 1, 1, tzinfo=VN)
NOW = datetime(2026, 3, 1, 9, tzinfo=VN)
JAN, FEB = Period(2026, PeriodKind.MONTH, 1), Period(2026, PeriodKind.MONTH, 2)

# unit code → fate per period (January, February); units not named here stay missing.
FATES = {
    "dn.khcn.vp": ("accepted", "late"),
    "dn.khcn.cds": ("late", "missing"),
    "dn.nv": ("on_time", "accepted"),
}


@pytest.fixture
def people(directory, make_user):
    return {
        "admin": make_user("admin"),
        "coordinator": make_user("coordinator", directory["dn.khcn"]),
        "other_coordinator": make_user("coordinator", directory["sl.khcn"]),
        "reporter_vp": make_user("reporter", directory["dn.khcn.vp"]),
        "reporter_nv": make_user("reporter", directory["dn.nv"]),
        "leader_khcn": make_user("unit_leader", directory["dn.khcn"]),
        "viewer": make_user("viewer", directory["dn"]),
    }


@pytest.fixture
def dash_plan(directory):
    """The test plan with one more task, due 15/02/2026 and led by the Sở Nội vụ: overdue by March."""
    from conftest import plan_document
    from theodoi.plans.services import plan_load

    document = plan_document()
    document["tasks"].append({
        "ref": "III.1", "section": ["ỨNG DỤNG CÔNG NGHỆ THÔNG TIN"], "name": "Nâng cấp cổng dịch vụ công",
        "description": None, "objective": None, "lead": ["Sở Nội vụ"], "coordinating": [], "output": None,
        "deadline": {"text": "Trước 15/02/2026", "kind": "date", "from": None, "due": "2026-02-15",
                     "every": None, "trigger": None},
        "indicator_ref": None, "note": None,
    })  # fmt: skip
    return plan_load(actor=None, document=document).plan


@pytest.fixture
def filed(dash_plan, people):
    """The test plan, monthly reports due the 12th, January and February filed as FATES says."""
    from theodoi.demo.reports import file_report
    from theodoi.periods.services import schedule_set
    from theodoi.submissions.models import Report
    from theodoi.submissions.services import reports_open_period

    loaded_plan = dash_plan
    schedule_set(actor=people["coordinator"], plan=loaded_plan, clause_text="Trước ngày 12 hằng tháng", now=JAN_1)
    for offset, period in enumerate((JAN, FEB)):
        reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=period)
        for report in Report.objects.filter(plan=loaded_plan, period_index=period.index).select_related("unit", "plan"):
            fate = FATES.get(report.unit.code, ("missing", "missing"))[offset]
            file_report(report, actor=people["admin"], fate=fate, seed=offset)
    return loaded_plan
