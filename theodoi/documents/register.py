"""The task register (sổ theo dõi nhiệm vụ) exported: .xlsx and a landscape .docx, columns in
the order of the paper register (selectors.REGISTER_COLUMNS)."""

from __future__ import annotations

from . import layout, sheets
from .selectors import REGISTER_COLUMNS, Register, issuer_for


def register_subject(register: Register) -> str:
    """What the register is of: "Kế hoạch số … — <title>", or the unit's name."""
    if register.plan is not None:
        number = f" số {register.plan.number}" if register.plan.number else ""
        return f"{register.plan.get_kind_display()}{number} — {register.plan.title}"
    return register.title


def register_heading(register: Register) -> str:
    return f"Sổ theo dõi nhiệm vụ: {register_subject(register)}"


def register_workbook(register: Register) -> bytes:
    book = sheets.new_workbook()
    heading = f"{register_heading(register)} (đến ngày {register.as_of:%d/%m/%Y})"
    rows = ([index, *row.cells()] for index, row in enumerate(register.rows, start=1))
    sheet = sheets.add_sheet(book, "Sổ theo dõi", [("STT", 6), *REGISTER_COLUMNS], rows, heading=heading)
    sheets.set_cell(sheet.cell(row=2, column=1), f"Ghi chú: {register.note}")
    return sheets.to_bytes(book)


def register_document(register: Register) -> bytes:
    document = layout.new_document(landscape=True)
    owner = register.plan.standing_unit if register.plan is not None else register.unit
    if owner is not None:
        issuer = issuer_for(owner)
        if issuer.parent:
            layout.add_text(document, issuer.parent.upper(), size=12, align=layout.LEFT)
        layout.add_text(document, issuer.unit.upper(), size=12, bold=True, align=layout.LEFT)
    layout.add_text(document, "SỔ THEO DÕI NHIỆM VỤ", size=14, bold=True, align=layout.CENTER, before=12)
    layout.add_text(document, register_subject(register), size=13, bold=True, align=layout.CENTER)
    layout.add_text(
        document, f"(Tình trạng tính đến ngày {register.as_of:%d/%m/%Y})", size=13, italic=True,
        align=layout.CENTER, after=6,
    )  # fmt: skip
    width = layout.text_width_mm(document)
    total = sum(chars for _, chars in REGISTER_COLUMNS) + 5
    widths = [width * 5 / total, *(width * chars / total for _, chars in REGISTER_COLUMNS)]
    headers = ["STT", *(name for name, _ in REGISTER_COLUMNS)]
    rows = ([str(index), *row.cells()] for index, row in enumerate(register.rows, start=1))
    layout.add_grid(document, headers, rows, widths, size=10)
    layout.add_text(document, f"Ghi chú: {register.note}", size=11, italic=True, align=layout.LEFT, before=6)
    return layout.to_bytes(document)
