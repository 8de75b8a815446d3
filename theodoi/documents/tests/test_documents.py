"""Each document generated from the scenario's data and read back by its content."""

from datetime import UTC, date, datetime

import pytest

from theodoi.documents import layout
from theodoi.documents.appendix import appendix_workbook
from theodoi.documents.register import register_document, register_workbook
from theodoi.documents.reminder import reminder_document
from theodoi.documents.selectors import REGISTER_COLUMNS, task_register, unit_overdue
from theodoi.documents.summary import Particulars, summary_data, summary_document

from .reading import open_docx, open_xlsx, run_fonts, sheet_rows, table_rows, texts

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)
PARTICULARS = Particulars(
    number="07", day=date(2026, 4, 2), place="Đồng Nai",
    signature=layout.Signature("KT. Giám đốc", "Phó Giám đốc", "Lê Văn Ký"),
    recipients=("UBND tỉnh (b/c)", "Sở Nội vụ"), proposals="Đề nghị UBND tỉnh bổ sung biên chế pháp chế.",
)  # fmt: skip


def summary(scenario) -> bytes:
    data = summary_data(scenario["plan"], scenario["period"], now=NOW, today=date(2026, 4, 2))
    return summary_document(data, PARTICULARS)


def test_summary_report_reads_back(scenario):
    document = open_docx(summary(scenario))
    lines = texts(document)
    assert lines[:4] == ["UBND TỈNH ĐỒNG NAI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc"]  # fmt: skip
    assert "Số: 07/BC-SKHCN" in lines
    assert "Đồng Nai, ngày 02 tháng 4 năm 2026" in lines
    assert "BÁO CÁO" in lines
    assert any(line.startswith("Kết quả thực hiện Kế hoạch số 12/KH-SKHCN tháng 3/2026") for line in lines)
    # what was done, as the unit wrote it in its accepted report
    assert "I.1. Rà soát văn bản quy phạm pháp luật" in lines
    assert "- Văn phòng Sở: Đã rà soát 12/30 văn bản" in lines
    assert any(
        line.startswith("Thực hiện Kế hoạch số 12/KH-SKHCN ngày 15/01/2026 của Sở Khoa học và Công nghệ tỉnh Đồng Nai "
                        "về cải cách hành chính năm 2026, Sở Khoa học và Công nghệ báo cáo")
        for line in lines
    )  # fmt: skip
    assert run_fonts(document) == {"Times New Roman"}


def test_summary_tables_indicators_statuses_and_late_items(scenario):
    document = open_docx(summary(scenario))
    grids = [table_rows(table) for table in document.tables[1:-1]]
    indicators, statuses, problems = grids
    assert indicators[0] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả", "Đánh giá", "Ghi chú"]
    assert indicators[1][:4] == ["1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "≥ 98%"]
    # rolled up by theodoi.results from the accepted report: 990/1000 against ≥ 98 %
    assert indicators[1][4:6] == ["99% (990/1.000)", "Đạt"]
    # as of the end of March's data window (14/3): I.1 (due 31/1) overdue, II.1 recurring in progress
    counts = {row[0]: row[1] for row in statuses[1:]}
    assert statuses[3] == ["Đang thực hiện trong hạn", "1", "50%"]
    assert counts["Đang thực hiện quá hạn"] == "1" and counts["Đang thực hiện trong hạn"] == "1"
    office = next(row for row in problems[1:] if row[1] == "Văn phòng Sở")
    assert office[0].startswith("I.1.") and office[2].startswith("Đang thực hiện quá hạn")
    assert office[3:] == ["Thiếu nhân lực pháp chế", "Cán bộ pháp chế nghỉ thai sản",
                          '=HYPERLINK("http://x") Bố trí cán bộ thay thế']  # fmt: skip


def test_summary_units_late_or_missing_proposals_and_recipients(scenario):
    lines = texts(open_docx(summary(scenario)))
    # the Government Office's rate: 0 done of 1 overdue; II.1 (in its deadline) left out
    assert any(line.startswith("Tỷ lệ hoàn thành (") and line.endswith(": 0%; tỷ lệ hoàn thành đúng hạn: 0%.")
               for line in lines)  # fmt: skip
    assert "- Văn phòng Sở: nộp muộn 1 ngày (22/03/2026);" in lines
    assert "- Phòng Chuyển đổi số;" in lines  # opened, never sent
    assert "Đề nghị UBND tỉnh bổ sung biên chế pháp chế." in lines
    closing = lines[lines.index("Nơi nhận:") :]
    assert closing[:4] == ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Sở Nội vụ;", "- Lưu: VT."]
    assert closing[4:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Ký"]


def test_summary_without_accepted_reports_says_so(scenario, march):
    from theodoi.periods.windows import Period, PeriodKind

    data = summary_data(scenario["plan"], Period(2026, PeriodKind.MONTH, 2), now=NOW, today=date(2026, 4, 2))
    lines = texts(open_docx(summary_document(data, Particulars())))
    assert "Chưa có báo cáo được chấp nhận trong kỳ." in lines
    assert any(line.startswith("Số:") and line.endswith("/BC-SKHCN") for line in lines)


def test_appendix_adds_status_progress_and_latest_result(scenario):
    book = open_xlsx(appendix_workbook(scenario["plan"], scenario["period"], as_of=date(2026, 4, 2)))
    assert book.sheetnames == ["Chỉ tiêu", "Nhiệm vụ"]
    tasks = sheet_rows(book["Nhiệm vụ"])
    header = tasks[2]
    assert header[-3:] == ["Tình trạng", "Tiến độ", "Kết quả mới nhất"]
    row = next(values for values in tasks[3:] if values[0] == "I.1")
    assert row[2] == "Rà soát văn bản quy phạm pháp luật"
    assert row[-3] == "Đang thực hiện quá hạn"
    assert row[-2] == "40%"
    assert row[-1].startswith("Đã rà soát 12/30 văn bản")
    indicators = sheet_rows(book["Chỉ tiêu"])
    assert indicators[2][-3:] == ["Tình trạng", "Tiến độ", "Kết quả mới nhất"]
    assert indicators[3][0] == "1" and indicators[3][4] == "≥ 98%"
    assert indicators[3][-3:] == ["Đạt", "1/1 đơn vị có số liệu", "99% (990/1.000)"]


def test_reminder_letter_lists_the_units_overdue_items(scenario, directory):
    office = directory["dn.khcn.vp"]
    tasks, reports = unit_overdue(unit=office, plans=[scenario["plan"]], now=NOW)
    assert [item.title for item in tasks] == ["Nhiệm vụ I.1. Rà soát văn bản quy phạm pháp luật"]
    content = reminder_document(
        issuer_unit=scenario["plan"].standing_unit, unit=office, plans=[scenario["plan"]], tasks=tasks,
        reports=reports, particulars=PARTICULARS, reply_by=date(2026, 4, 15),
    )  # fmt: skip
    document = open_docx(content)
    lines = texts(document)
    assert "Số: 07/SKHCN" in lines  # a công văn: the issuer's symbol only
    assert "V/v đôn đốc thực hiện Kế hoạch số 12/KH-SKHCN" in lines
    assert "Kính gửi: Văn phòng Sở." in lines
    listed = table_rows(document.tables[1])
    assert listed[0] == ["STT", "Nhiệm vụ", "Hạn", "Số ngày quá hạn"]
    assert listed[1][:3] == ["1", "Nhiệm vụ I.1. Rà soát văn bản quy phạm pháp luật", "31/01/2026"]
    assert any("trước ngày 15/04/2026" in line for line in lines)
    assert lines[lines.index("Nơi nhận:") + 1] == "- Như trên;"


def test_reminder_lists_reports_never_sent(scenario, directory):
    _, reports = unit_overdue(unit=directory["dn.khcn.cds"], plans=[scenario["plan"]], now=NOW)
    due = scenario["reports"]["dn.khcn.cds"].due_at
    assert [item.title for item in reports] == (["Báo cáo Tháng 3/2026"] if due and due < NOW else [])


def test_register_columns_in_paper_order_and_values(scenario, people):
    register = task_register(user=people["coordinator"], plan=scenario["plan"], as_of=date(2026, 4, 2))
    first = register.rows[0]
    assert first.cells()[0] == "I.1. Rà soát văn bản quy phạm pháp luật"
    assert first.lead_leader == "" and first.lead_units == ["Văn phòng Sở"]
    assert set(first.coordinators) == {"Phòng Chuyển đổi số", "Trung tâm Khoa học và Công nghệ"}
    assert first.deadline == "31/01/2026" and first.original_deadline == "31/01/2026 (Quý II/2026)"
    assert first.result.startswith("Đã rà soát 12/30 văn bản") and first.difficulties == "Thiếu nhân lực pháp chế"
    assert first.status == "Đang thực hiện quá hạn"
    book = open_xlsx(register_workbook(register))
    rows = sheet_rows(book.active)
    assert rows[2] == ["STT", *(name for name, _ in REGISTER_COLUMNS)]
    assert [name for name, _ in REGISTER_COLUMNS] == [
        "Nhiệm vụ", "Lãnh đạo phụ trách", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Thời hạn ban đầu",
        "Gia hạn", "Kết quả thực hiện", "Khó khăn, vướng mắc", "Giải pháp, đề xuất", "Tình trạng",
    ]  # fmt: skip
    assert rows[3][1] == "I.1. Rà soát văn bản quy phạm pháp luật" and rows[3][-1] == "Đang thực hiện quá hạn"
    document = open_docx(register_document(register))
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape
    grid = table_rows(document.tables[0])
    assert grid[0][1:4] == ["Nhiệm vụ", "Lãnh đạo phụ trách", "Đơn vị chủ trì"]
    assert grid[1][1] == "I.1. Rà soát văn bản quy phạm pháp luật"


def test_register_shows_approved_extensions(scenario, people):
    from theodoi.periods.models import ExtensionRequest
    from theodoi.plans.models import Assignment

    assignment = Assignment.objects.get(task=scenario["task"], unit__code="dn.khcn.vp")
    ExtensionRequest.objects.create(
        assignment=assignment, previous_due=date(2026, 1, 31), requested_due=date(2026, 5, 31), reason="Thiếu người",
        requested_at=datetime(2026, 1, 20, tzinfo=UTC), state="approved",
        decided_at=datetime(2026, 1, 25, tzinfo=UTC), decided_by=people["coordinator"],
    )  # fmt: skip
    register = task_register(user=people["coordinator"], plan=scenario["plan"], as_of=date(2026, 4, 2))
    row = register.rows[0]
    assert row.deadline == "31/05/2026" and row.original_deadline.startswith("31/01/2026")
    assert row.extensions == ["31/01/2026 → 31/05/2026 (duyệt 25/01/2026)"]
    assert row.status == "Đang thực hiện trong hạn"


def test_unit_register_shows_only_what_the_reader_may_see(scenario, people, directory):
    own = task_register(user=people["reporter"], unit=directory["dn.khcn.vp"], as_of=date(2026, 4, 2))
    assert [row.task.ref for row in own.rows] == ["I.1"]
    other = task_register(user=people["reporter_nv"], unit=directory["dn.khcn.vp"], as_of=date(2026, 4, 2))
    assert other.rows == []
    # the Sở Nội vụ coordinates II.1; its reporter sees the row but not the Phòng CĐS's results
    plan_rows = task_register(user=people["reporter_nv"], plan=scenario["plan"], as_of=date(2026, 4, 2)).rows
    assert [row.task.ref for row in plan_rows] == ["II.1"] and plan_rows[0].result == ""


def test_spreadsheets_neutralise_formula_injection(scenario, people):
    register = task_register(user=people["coordinator"], plan=scenario["plan"], as_of=date(2026, 4, 2))
    sheet = open_xlsx(register_workbook(register)).active
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert cell.value == '=HYPERLINK("http://x") Bố trí cán bộ thay thế'
    assert cell.data_type == "s" and cell.quotePrefix


def test_numbers_are_written_the_vietnamese_way():
    from decimal import Decimal

    from theodoi.documents.indicators import number_text

    assert number_text(Decimal("1234567.891")) == "1.234.567,89"
    assert number_text(Decimal("99.0000")) == "99"
    assert number_text(Decimal("0.5")) == "0,5"


def test_set_cell_keeps_numbers_and_quotes_every_dangerous_start():
    from openpyxl import Workbook

    from theodoi.documents.sheets import set_cell

    sheet = Workbook().active
    for column, text in enumerate(["=1+1", "+1", "-2", "@SUM(A1)", "- Rà soát"], start=1):
        set_cell(sheet.cell(row=1, column=column), text)
    set_cell(sheet.cell(row=2, column=1), 42)
    set_cell(sheet.cell(row=2, column=2), "Bình thường")
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in sheet[1])
    assert sheet.cell(row=2, column=1).value == 42 and not sheet.cell(row=2, column=2).quotePrefix


def _count_queries(work) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


def test_query_counts_do_not_grow_with_units(scenario, directory, people):
    """No N+1: more units with accepted reports and extensions, the same number of queries."""
    from theodoi.periods.models import ExtensionRequest
    from theodoi.plans.models import Assignment
    from theodoi.submissions.models import Report, TaskItem

    plan, period, today = scenario["plan"], scenario["period"], date(2026, 4, 2)
    works = {
        "summary": lambda: summary_document(summary_data(plan, period, now=NOW, today=today), PARTICULARS),
        "appendix": lambda: appendix_workbook(plan, period, as_of=today),
        "register": lambda: register_workbook(task_register(user=people["coordinator"], plan=plan, as_of=today)),
    }
    before = {name: _count_queries(work) for name, work in works.items()}
    moment = datetime(2026, 3, 22, 3, tzinfo=UTC)
    for code in ("dn.tc", "dn.nv", "dn.ca", "dn.bao"):
        unit = directory[code]
        assignment = Assignment.objects.create(task=scenario["task"], unit=unit, role="lead")
        ExtensionRequest.objects.create(
            assignment=assignment, previous_due=date(2026, 1, 31), requested_due=date(2026, 2, 28), reason="Lý do",
            requested_at=moment, state="approved", decided_at=moment,
        )  # fmt: skip
        report = Report.objects.create(
            plan=plan, unit=unit, period_kind=period.kind, period_year=period.year, period_index=period.index,
            state="accepted", submitted_at=moment, first_submitted_at=moment, accepted_at=moment,
        )  # fmt: skip
        TaskItem.objects.create(report=report, task=scenario["task"], progress="late", work_done=f"Việc của {code}")
    after = {name: _count_queries(work) for name, work in works.items()}
    assert after == before


def test_reminder_to_a_unit_with_nothing_overdue_says_so(scenario, directory):
    unit = directory["dn.nv"]
    tasks, reports = unit_overdue(unit=unit, plans=[scenario["plan"]], now=NOW)
    assert (tasks, reports) == ([], [])
    content = reminder_document(
        issuer_unit=scenario["plan"].standing_unit, unit=unit, plans=[scenario["plan"]], tasks=tasks,
        reports=reports, particulars=PARTICULARS, reply_by=None,
    )  # fmt: skip
    document = open_docx(content)
    assert len(document.tables) == 2  # header and closing: no list of items
    assert any("không còn nhiệm vụ hoặc báo cáo định kỳ nào quá hạn" in line for line in texts(document))


def test_set_cell_drops_characters_a_spreadsheet_cannot_hold():
    from openpyxl import Workbook

    from theodoi.documents.sheets import set_cell

    cell = Workbook().active.cell(row=1, column=1)
    set_cell(cell, "Kết quả\x0b\x00 tốt")
    assert cell.value == "Kết quả tốt"


def test_unit_symbols():
    from theodoi.documents.selectors import unit_symbol
    from theodoi.units.models import Unit

    assert unit_symbol(Unit(name="Sở Khoa học và Công nghệ")) == "SKHCN"
    assert unit_symbol(Unit(name="UBND tỉnh Đồng Nai", short_name="UBND tỉnh")) == "UBND"
    assert unit_symbol(Unit(name="Sở Nội vụ", short_name="SNV")) == "SNV"
