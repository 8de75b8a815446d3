"""A report's whole history: shown on a page linked from the report, exported as .xlsx and .csv."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from theodoi.submissions.services import report_return, report_submit


@pytest.fixture
def returned(ready_report, people, task_i1):
    report = report_submit(actor=people["reporter"], report=ready_report, expected_version=ready_report.version)
    return report_return(
        actor=people["coordinator"], report=report,
        comments=[{"task": task_i1.pk, "text": "=HYPERLINK(\"http://x\",\"bấm\") xem lại số liệu"}],
    )  # fmt: skip


def test_the_history_page_lists_every_step_and_is_linked_from_the_report(client, returned, people):
    client.force_login(people["reporter"])
    detail = client.get(reverse("submissions:detail", args=[returned.pk])).content.decode()
    url = reverse("submissions:history", args=[returned.pk])
    assert url in detail
    page = client.get(url).content.decode()
    for text in (
        "Lưu nháp",
        "Thêm minh chứng",
        "Nộp báo cáo",
        "Lần nộp 1",
        "Trả lại báo cáo",
        "xem lại số liệu",
        "Bản trích xuất tháng 3",
        "Trần Thị Điều Phối",
    ):
        assert text in page, text


def test_the_history_is_refused_to_another_unit(client, returned, people):
    client.force_login(people["reporter_nv"])
    assert client.get(reverse("submissions:history", args=[returned.pk])).status_code == 404
    assert client.get(reverse("submissions:history_export", args=[returned.pk, "csv"])).status_code == 404


def test_the_exports_hold_the_same_rows_and_no_formula(client, returned, people):
    client.force_login(people["coordinator"])
    raw = client.get(reverse("submissions:history_export", args=[returned.pk, "csv"]))
    assert raw["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(raw.content.decode("utf-8-sig"))))
    book = client.get(reverse("submissions:history_export", args=[returned.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(book.content)).active
    cells = [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == rows
    assert rows[0] == ["Thời điểm", "Loại", "Người thực hiện", "Nội dung", "Chi tiết"]
    comment = next(row for row in rows if row[1] == "Ý kiến")
    assert comment[4].startswith("'=HYPERLINK")
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert client.get(reverse("submissions:history_export", args=[returned.pk, "pdf"])).status_code == 404
