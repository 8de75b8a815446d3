"""The data the document tests read back (also used by the browser test)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*parts):
    return datetime(*parts, tzinfo=VN)


def build_scenario(loaded_plan, coordinator, reporter, march):
    """March 2026: the Văn phòng Sở's report accepted (task I.1 late, with what it wrote about it;
    indicator 1 at 99 %); the Phòng Chuyển đổi số never reported. Task I.1 is due 31/01/2026, so
    it is overdue today whatever today is."""
    from theodoi.plans.models import Task
    from theodoi.submissions.models import Report
    from theodoi.submissions.services import (
        evidence_add,
        report_accept,
        report_save_draft,
        report_submit,
        reports_open_period,
    )

    Task.objects.filter(plan=loaded_plan, ref="I.1").update(deadline_due=date(2026, 1, 31))
    reports_open_period(actor=coordinator, plan=loaded_plan, period=march)
    reports = {report.unit.code: report for report in Report.objects.filter(plan=loaded_plan)}
    report = reports["dn.khcn.vp"]
    task = loaded_plan.tasks.get(ref="I.1")
    indicator = loaded_plan.indicators.get(ref="1")
    items = [
        {"task": task.pk, "progress": "late", "percent_done": "40", "work_done": "Đã rà soát 12/30 văn bản",
         "difficulties": "Thiếu nhân lực pháp chế", "cause_kind": "subjective",
         "causes": "Cán bộ pháp chế nghỉ thai sản", "remedies": "=HYPERLINK(\"http://x\") Bố trí cán bộ thay thế"},
        {"indicator": indicator.pk, "numerator": "990", "denominator": "1000", "value": "99",
         "source_kind": "extracted", "source_system": "Hệ thống thông tin giải quyết TTHC tỉnh"},
    ]  # fmt: skip
    report = report_save_draft(actor=reporter, report=report, items=items, expected_version=report.version)
    evidence_add(
        actor=reporter, report=report, item=report.indicator_items.get(indicator=indicator),
        url="https://dichvucong.dongnai.gov.vn/thong-ke/2026-03", title="Bản trích xuất tháng 3",
    )  # fmt: skip
    report.refresh_from_db()
    report = report_submit(
        actor=reporter, report=report, expected_version=report.version,
        deadline=at(2026, 3, 20, 17), now=at(2026, 3, 22, 10),
    )  # fmt: skip
    report_accept(actor=coordinator, report=report, now=at(2026, 3, 23, 8))
    return {"plan": loaded_plan, "period": march, "reports": reports, "task": task, "indicator": indicator}
