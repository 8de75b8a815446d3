"""The .xlsx round trip: download with obligations, upload with every error by row and column,
nothing saved unless the whole workbook is right, formulas never smuggled in."""

import io

import pytest
from openpyxl import load_workbook

from theodoi.core.errors import ApplicationError
from theodoi.submissions.models import Report
from theodoi.submissions.services import report_import_spreadsheet, report_save_draft
from theodoi.submissions.spreadsheet import INDICATOR_SHEET, TASK_SHEET, neutralise, report_workbook, restore


def workbook_of(report):
    return load_workbook(io.BytesIO(report_workbook(report)))


def upload(book):
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def column(sheet, title):
    return next(cell.column_letter for cell in sheet[1] if cell.value == title)


def test_the_download_lists_what_the_unit_owes(opened, task_i1, indicator1):
    book = workbook_of(opened["dn.khcn.vp"])
    tasks, indicators = book[TASK_SHEET], book[INDICATOR_SHEET]
    assert [row[:3] for row in tasks.iter_rows(min_row=2, values_only=True)] == [(task_i1.pk, "I.1", task_i1.name)]
    assert [row[:2] for row in indicators.iter_rows(min_row=2, values_only=True)] == [(indicator1.pk, "1")]
    assert book["_theodoi"].sheet_state == "hidden"


def test_a_filled_workbook_saves_as_a_draft(opened, people, task_i1, indicator1):
    report = opened["dn.khcn.vp"]
    book = workbook_of(report)
    tasks, indicators = book[TASK_SHEET], book[INDICATOR_SHEET]
    tasks[f"{column(tasks, 'Tình trạng')}2"] = "Đang thực hiện"
    tasks[f"{column(tasks, 'Tỷ lệ hoàn thành (%)')}2"] = 40
    tasks[f"{column(tasks, 'Kết quả thực hiện')}2"] = "Đã rà soát 12 văn bản"
    indicators[f"{column(indicators, 'Tử số (a)')}2"] = 990
    indicators[f"{column(indicators, 'Mẫu số (b)')}2"] = 1000
    indicators[f"{column(indicators, 'Nguồn số liệu')}2"] = "Tổng hợp thủ công"
    indicators[f"{column(indicators, 'Xử lý ngoài hệ thống rồi nhập lại')}2"] = "Có"
    report = report_import_spreadsheet(actor=people["reporter"], report=report, upload=upload(book))
    task_item, indicator_item = report.task_items.get(), report.indicator_items.get()
    assert (task_item.progress, task_item.percent_done, task_item.work_done) == (
        "in_progress", 40, "Đã rà soát 12 văn bản"
    )
    assert (indicator_item.numerator, indicator_item.source_kind, indicator_item.processed_outside) == (
        990, "manual", True
    )
    assert [flag["code"] for flag in indicator_item.flags] == ["void_processed_outside"]


def test_text_that_looks_like_a_formula_is_written_as_text_and_round_trips(opened, people, task_i1):
    report = opened["dn.khcn.vp"]
    typed = '=HYPERLINK("http://evil.example","Bấm vào đây")'
    report = report_save_draft(actor=people["reporter"], report=report, expected_version=report.version,
                               items=[{"task": task_i1.pk, "work_done": typed, "product": "+84 912 345 678"}])
    book = workbook_of(report)
    tasks = book[TASK_SHEET]
    written = tasks[f"{column(tasks, 'Kết quả thực hiện')}2"]
    assert written.data_type == "s" and written.value == "'" + typed
    report = report_import_spreadsheet(actor=people["reporter"], report=report, upload=upload(book))
    item = report.task_items.get()
    assert (item.work_done, item.product) == (typed, "+84 912 345 678")


def test_every_bad_cell_is_listed_and_nothing_is_saved(opened, people):
    report = opened["dn.khcn.vp"]
    book = workbook_of(report)
    tasks, indicators = book[TASK_SHEET], book[INDICATOR_SHEET]
    tasks[f"{column(tasks, 'Tình trạng')}2"] = "Gần xong"
    tasks[f"{column(tasks, 'Ngày hoàn thành')}2"] = "31/02/2026"
    tasks[f"{column(tasks, 'Kết quả thực hiện')}2"] = "Đã làm"
    indicators[f"{column(indicators, 'Tử số (a)')}2"] = "nhiều"
    with pytest.raises(ApplicationError) as caught:
        report_import_spreadsheet(actor=people["reporter"], report=report, upload=upload(book))
    cells = {(error["sheet"], error["row"], error["column"]) for error in caught.value.extra["errors"]}
    assert cells == {
        (TASK_SHEET, 2, column(tasks, "Tình trạng")), (TASK_SHEET, 2, column(tasks, "Ngày hoàn thành")),
        (INDICATOR_SHEET, 2, column(indicators, "Tử số (a)")),
    }
    assert Report.objects.get(pk=report.pk).task_items.get().work_done == ""


def test_range_errors_found_on_saving_point_at_their_cell(opened, people):
    report = opened["dn.khcn.vp"]
    book = workbook_of(report)
    tasks = book[TASK_SHEET]
    tasks[f"{column(tasks, 'Tỷ lệ hoàn thành (%)')}2"] = 140
    with pytest.raises(ApplicationError) as caught:
        report_import_spreadsheet(actor=people["reporter"], report=report, upload=upload(book))
    [error] = caught.value.extra["errors"]
    assert (error["sheet"], error["row"], error["column"]) == (TASK_SHEET, 2, column(tasks, "Tỷ lệ hoàn thành (%)"))


def test_a_stale_or_foreign_workbook_is_refused(opened, people, task_i1):
    report = opened["dn.khcn.vp"]
    book = workbook_of(report)
    report_save_draft(actor=people["reporter2"], report=report, expected_version=report.version,
                      items=[{"task": task_i1.pk, "percent_done": "10"}])
    tasks = book[TASK_SHEET]
    tasks[f"{column(tasks, 'Tỷ lệ hoàn thành (%)')}2"] = 20
    with pytest.raises(ApplicationError, match="Lê Thị Cáo"):
        report_import_spreadsheet(actor=people["reporter"], report=report, upload=upload(book))
    with pytest.raises(ApplicationError, match="báo cáo khác"):
        report_import_spreadsheet(actor=people["reporter_cds"], report=opened["dn.khcn.cds"], upload=upload(book))
    with pytest.raises(ApplicationError, match="Chỉ nhận tệp Excel|Loại tệp"):
        report_import_spreadsheet(actor=people["reporter"], report=report, upload=io.BytesIO(b"%PDF-1.4 x"))
    tasks.insert_rows(2)
    tasks["A2"] = 999999
    tasks["E2"] = "Hoàn thành"
    with pytest.raises(ApplicationError) as caught:
        report_import_spreadsheet(actor=people["reporter"], report=report, upload=upload(book))
    assert caught.value.extra["errors"][0]["row"] == 2 and caught.value.extra["errors"][0]["column"] == "A"


def test_formula_neutralising_round_trips():
    for text in ("=1+1", "+84 912", "-5", "@SUM(A1)", "\tx"):
        assert neutralise(text).startswith("'") and restore(neutralise(text)) == text
    assert neutralise("Bình thường") == "Bình thường" and restore("'quoted") == "'quoted"
