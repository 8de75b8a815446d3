"""Mutated report workbooks (cells of every sheet, the hidden one included, and damaged bytes):
saved whole as a new draft, or refused with a message and nothing changed."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.fuzz import FUZZ
from theodoi.core.errors import ApplicationError
from theodoi.submissions.models import Report
from theodoi.submissions.services import report_import_spreadsheet
from theodoi.submissions.spreadsheet import report_workbook

CELL_VALUES = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
    st.sampled_from(["=1+1", "+84", "-5", "@x", "'=A1", "Có", "Không", "x", "NaN", "Infinity", "1e400", "-0",
                     "31/02/2026", "2026-13-01", "Hoàn thành", "Đang thực hiện", "99999999999999999999"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1)),
)  # fmt: skip


@st.composite
def edited_workbook(draw: st.DrawFn, original: bytes) -> bytes:
    book = load_workbook(io.BytesIO(original))
    for _ in range(draw(st.integers(1, 6))):
        sheet = book[draw(st.sampled_from(book.sheetnames))]
        row = draw(st.integers(1, max(sheet.max_row, 1) + 1))
        column = draw(st.integers(1, max(sheet.max_column, 1) + 1))
        if draw(st.integers(0, 5)) == 0:  # the hidden sheet's report id and version, often enough to matter
            sheet, row, column = book.worksheets[-1], draw(st.integers(1, 2)), 2
        sheet.cell(row=row, column=column).value = draw(CELL_VALUES)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@st.composite
def damaged_bytes(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        if draw(st.booleans()):
            data[at] ^= draw(st.integers(1, 255))
        else:
            del data[at : at + draw(st.integers(1, 2000))]
    return bytes(data)


def _items(report: Report) -> list[tuple]:
    return sorted(
        [tuple(row) for row in report.task_items.values_list("task_id", "percent_done", "work_done", "progress")]
        + [tuple(row) for row in report.indicator_items.values_list("indicator_id", "numerator", "denominator",
                                                                     "value")]
    )  # fmt: skip


@pytest.fixture
def workbook(ready_report):
    return report_workbook(ready_report)


@FUZZ
@given(data=st.data())
def test_a_mutated_workbook_is_saved_whole_or_refused_with_a_message(ready_report, people, workbook, data):
    upload = data.draw(st.one_of(edited_workbook(workbook), damaged_bytes(workbook)))
    report = Report.objects.get(pk=ready_report.pk)
    version, before = report.version, _items(report)
    try:
        saved = report_import_spreadsheet(actor=people["reporter"], report=report, upload=io.BytesIO(upload))
    except ApplicationError as error:
        assert error.message.strip()
        fresh = Report.objects.get(pk=report.pk)
        assert fresh.version == version and _items(fresh) == before
    else:
        assert saved.version == version + 1 or saved.version == version  # a stale workbook is refused above
    finally:
        # the next example's workbook carries the version of the fixture's report
        Report.objects.filter(pk=report.pk).update(version=ready_report.version)


@FUZZ
@given(data=st.data())
def test_the_upload_page_answers_every_workbook(client, ready_report, people, workbook, data):
    upload = data.draw(st.one_of(edited_workbook(workbook), damaged_bytes(workbook), st.binary(max_size=500)))
    client.force_login(people["reporter"])
    Report.objects.filter(pk=ready_report.pk).update(version=ready_report.version)

    answer = client.post(
        reverse("submissions:spreadsheet_upload", args=[ready_report.pk]),
        {"workbook": SimpleUploadedFile("bao-cao.xlsx", upload)},
    )
    assert answer.status_code in (302, 400, 422), answer.status_code
    if answer.status_code != 302:
        assert 'role="alert"' in answer.content.decode() or "errorlist" in answer.content.decode()


@pytest.mark.parametrize("version", ["abc", 2.5, None, True, 0])
def test_a_workbook_whose_hidden_version_was_edited_is_refused(ready_report, people, version):
    book = load_workbook(io.BytesIO(report_workbook(ready_report)))
    book.worksheets[-1]["B2"] = version
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    with pytest.raises(ApplicationError, match="sai phiên bản"):
        report_import_spreadsheet(actor=people["reporter"], report=ready_report, upload=out)
