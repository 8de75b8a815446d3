from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from theodoi.periods.windows import Period, PeriodKind

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*parts):
    """A moment in Vietnam's time zone: at(2026, 4, 12, 17) is 17:00 on 12/4/2026."""
    return datetime(*parts, tzinfo=VN)


@pytest.fixture
def people(directory, make_user):
    return {
        "admin": make_user("admin"),
        "coordinator": make_user("coordinator", directory["dn.khcn"], full_name="Trần Thị Điều Phối"),
        "other_coordinator": make_user("coordinator", directory["sl.khcn"]),
        "reporter": make_user("reporter", directory["dn.khcn.vp"], full_name="Nguyễn Văn Báo"),
        "reporter2": make_user("reporter", directory["dn.khcn.vp"], full_name="Lê Thị Cáo"),
        "leader": make_user("unit_leader", directory["dn.khcn.vp"], full_name="Phạm Lãnh Đạo"),
        "reporter_cds": make_user("reporter", directory["dn.khcn.cds"]),
        "reporter_nv": make_user("reporter", directory["dn.nv"]),
        "viewer": make_user("viewer", directory["dn"]),
    }


@pytest.fixture
def march():
    return Period(2026, PeriodKind.MONTH, 3)


@pytest.fixture
def opened(loaded_plan, people, march):
    """The March 2026 reports of the test plan, opened by the coordinator, keyed by unit code."""
    from theodoi.submissions.models import Report
    from theodoi.submissions.services import reports_open_period

    reports_open_period(actor=people["coordinator"], plan=loaded_plan, period=march)
    return {report.unit.code: report for report in Report.objects.filter(plan=loaded_plan)}


@pytest.fixture
def task_i1(loaded_plan):
    return loaded_plan.tasks.get(ref="I.1")


@pytest.fixture
def indicator1(loaded_plan):
    return loaded_plan.indicators.get(ref="1")


@pytest.fixture
def complete_items(task_i1, indicator1):
    """Items that make the Văn phòng Sở's March report complete and clean."""
    return [
        {"task": task_i1.pk, "progress": "in_progress", "percent_done": "40",
         "work_done": "Đã rà soát 12/30 văn bản", "product": ""},
        {"indicator": indicator1.pk, "numerator": "990", "denominator": "1000", "value": "99",
         "source_kind": "extracted", "source_system": "Hệ thống thông tin giải quyết TTHC tỉnh"},
    ]


@pytest.fixture
def ready_report(opened, people, complete_items, indicator1):
    """The Văn phòng Sở's March report, filled in and with the indicator's extract attached."""
    from theodoi.submissions.services import evidence_add, report_save_draft

    report = opened["dn.khcn.vp"]
    report = report_save_draft(
        actor=people["reporter"], report=report, items=complete_items, expected_version=report.version
    )
    evidence_add(
        actor=people["reporter"], report=report, item=report.indicator_items.get(indicator=indicator1),
        url="https://dichvucong.dongnai.gov.vn/thong-ke/2026-03", title="Bản trích xuất tháng 3",
    )
    report.refresh_from_db()
    return report
