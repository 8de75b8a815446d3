"""The reminder letter (công văn đôn đốc) to one unit, listing what it has not done by the
deadline in force: overdue tasks (status from the calendar) and periodic reports never sent."""

from __future__ import annotations

from datetime import date

from theodoi.plans.models import Plan
from theodoi.units.models import Unit

from . import layout
from .selectors import OverdueItem, day_text, issuer_for, plan_reference
from .summary import Particulars


def _subject(plans: list[Plan]) -> str:
    if len(plans) == 1:
        plan = plans[0]
        number = f" số {plan.number}" if plan.number else ""
        return f"V/v đôn đốc thực hiện {plan.get_kind_display()}{number}"
    return "V/v đôn đốc thực hiện các nhiệm vụ được giao"


def _table(document: layout.Document, items: list[OverdueItem], *, with_plan: bool, first_header: str) -> None:
    width = layout.text_width_mm(document)
    headers = ["STT", first_header, "Hạn", "Số ngày quá hạn"]
    shares = [0.08, 0.62, 0.15, 0.15]
    if with_plan:
        headers.insert(2, "Kế hoạch")
        shares = [0.07, 0.48, 0.17, 0.14, 0.14]
    rows = []
    for number, item in enumerate(items, start=1):
        row = [str(number), item.title, day_text(item.due), str(item.days_late)]
        if with_plan:
            row.insert(2, item.plan.number or item.plan.title)
        rows.append(row)
    layout.add_grid(document, headers, rows, [width * share for share in shares])


def reminder_document(
    *,
    issuer_unit: Unit,
    unit: Unit,
    plans: list[Plan],
    tasks: list[OverdueItem],
    reports: list[OverdueItem],
    particulars: Particulars,
    reply_by: date | None,
) -> bytes:
    document = layout.new_document()
    heading = layout.Heading(
        kind_code="", number=particulars.number, place=particulars.place, day=particulars.day,
        title=_subject(plans), recipients_line=f"Kính gửi: {unit.name}.",
    )  # fmt: skip
    layout.add_header(document, issuer_for(issuer_unit), heading)
    cited = "; ".join(plan_reference(plan) for plan in plans) if len(plans) <= 3 else "các kế hoạch được giao"
    as_of = day_text(particulars.day or date.today())
    if not tasks and not reports:
        layout.add_paragraph(
            document,
            f"Thực hiện {cited}, qua theo dõi, đến ngày {as_of}, {unit.name} không còn nhiệm vụ hoặc "
            "báo cáo định kỳ nào quá hạn. Đề nghị đơn vị tiếp tục thực hiện đúng tiến độ./.",
        )
        layout.add_closing(document, layout.Recipients(["Như trên", *particulars.recipients]), particulars.signature)
        return layout.to_bytes(document)
    layout.add_paragraph(
        document,
        f"Thực hiện {cited}, qua theo dõi, đến ngày {as_of}, {unit.name} còn "
        f"{len(tasks)} nhiệm vụ quá hạn chưa hoàn thành và {len(reports)} báo cáo định kỳ quá hạn chưa gửi.",
    )
    with_plan = len({item.plan.pk for item in [*tasks, *reports]}) > 1
    if tasks:
        layout.add_heading(document, "1. Nhiệm vụ quá hạn chưa hoàn thành")
        _table(document, tasks, with_plan=with_plan, first_header="Nhiệm vụ")
    if reports:
        layout.add_heading(document, f"{2 if tasks else 1}. Báo cáo định kỳ quá hạn chưa gửi")
        _table(document, reports, with_plan=with_plan, first_header="Báo cáo")
    deadline = f" trước ngày {reply_by:%d/%m/%Y}" if reply_by else ""
    layout.add_paragraph(
        document,
        f"{issuer_unit.name} đề nghị {unit.name} khẩn trương chỉ đạo thực hiện, hoàn thành các nhiệm vụ "
        f"nêu trên; gửi báo cáo kết quả, nêu rõ nguyên nhân chậm trễ và giải pháp khắc phục về "
        f"{issuer_unit.name}{deadline} để tổng hợp, báo cáo theo quy định./.",
    )
    recipients = ["Như trên", *particulars.recipients]
    layout.add_closing(document, layout.Recipients(recipients), particulars.signature)
    return layout.to_bytes(document)
