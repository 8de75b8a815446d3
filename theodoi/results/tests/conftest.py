"""Building blocks for results tests: reports written straight to the database with the figures
a hand computation needs (the report cycle itself is tested in submissions)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from conftest import plan_document
from theodoi.periods.windows import Period, PeriodKind

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*parts):
    return datetime(*parts, tzinfo=VN)


def month(index, year=2026):
    return Period(year, PeriodKind.MONTH, index)


def D(value):  # noqa: N802
    return None if value is None else Decimal(str(value))


INDICATORS = [
    {"ref": "1", "group": None, "name": "Tỷ lệ hồ sơ giải quyết đúng hạn", "unit": "%",
     "target": {"op": ">=", "value": 98, "text": "≥ 98%"}, "baseline": None,
     "formula": {"numerator": "Số hồ sơ đúng hạn", "denominator": "Tổng số hồ sơ", "text": "a/b"},
     "data_source": None, "responsible": ["Văn phòng Sở", "Phòng Chuyển đổi số", "Trung tâm Khoa học và Công nghệ"],
     "coordinating": [], "note": None},
    {"ref": "2", "group": None, "name": "Số văn bản được số hóa", "unit": "văn bản",
     "target": {"op": ">=", "value": 120, "text": "≥ 120 văn bản"}, "baseline": None,
     "formula": None, "data_source": None, "responsible": ["Văn phòng Sở", "Phòng Chuyển đổi số"],
     "coordinating": [], "note": None},
    {"ref": "3", "group": None, "name": "Số ngày giải quyết trung bình", "unit": "ngày",
     "target": {"op": "<=", "value": 5, "text": "≤ 5 ngày"}, "baseline": None,
     "formula": None, "data_source": None, "responsible": ["Văn phòng Sở", "Phòng Chuyển đổi số"],
     "coordinating": [], "note": None},
    {"ref": "4", "group": None, "name": "Tỷ lệ văn bản ký số", "unit": "%",
     "target": {"op": "=", "value": 100, "text": "100%"}, "baseline": None,
     "formula": None, "data_source": None, "responsible": ["Văn phòng Sở"],
     "coordinating": [], "note": None},
]  # fmt: skip


def _task(ref, lead, due, section=("KẾT QUẢ",)):
    return {
        "ref": ref, "section": list(section), "name": f"Nhiệm vụ {ref}", "description": None, "objective": None,
        "lead": lead, "coordinating": [], "output": None, "indicator_ref": None, "note": None,
        "deadline": {"text": due, "kind": "date", "from": None, "due": due, "every": None, "trigger": None},
    }  # fmt: skip


@pytest.fixture
def plan(directory):
    """Four indicators (a ratio in %, a count, a mean of days ≤ 5, a % = 100 without a and b) and
    five tasks: I.1 (Văn phòng, due 30/6), II.1 (Chuyển đổi số, recurring), III.1 (every commune,
    due 31/3), III.2 (Văn phòng, due 31/12), III.3 (Chuyển đổi số, due 31/5)."""
    from theodoi.plans.services import plan_load

    document = plan_document(indicators=INDICATORS)
    document["tasks"][0]["indicator_ref"] = None
    document["tasks"] += [
        _task("III.1", ["@ubnd-xa-phuong"], "2026-03-31"),
        _task("III.2", ["Văn phòng Sở"], "2026-12-31"),
        _task("III.3", ["Phòng Chuyển đổi số"], "2026-05-31"),
    ]
    return plan_load(actor=None, document=document).plan


@pytest.fixture
def tasks(plan):
    return {task.ref: task for task in plan.tasks.all()}


@pytest.fixture
def indicators(plan):
    return {indicator.ref: indicator for indicator in plan.indicators.all()}


def make_report(plan, unit, period, *, state="accepted", figures=None, due=None, arrived=None, late=None):
    """A report of `unit` for `period` in `state`, with indicator figures {indicator: (a, b, value)}."""
    from theodoi.submissions.models import IndicatorItem, Report

    sent = state in ("submitted", "accepted", "returned")
    arrived = arrived or (at(period.year, period.end_month, 20) if sent else None)
    report = Report.objects.create(
        plan=plan,
        unit=unit,
        period_kind=period.kind,
        period_year=period.year,
        period_index=period.index,
        state=state,
        due_at=due,
        submitted_at=arrived if sent else None,
        first_submitted_at=arrived,
        is_late=bool(late if late is not None else (due and arrived and arrived > due)),
        accepted_at=arrived if state == "accepted" else None,
    )
    for indicator, (a, b, v) in (figures or {}).items():
        IndicatorItem.objects.create(report=report, indicator=indicator, numerator=D(a), denominator=D(b), value=D(v))
    return report


@pytest.fixture
def today():
    return date(2026, 7, 1)
