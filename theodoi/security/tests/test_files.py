"""Files: types told by content, safe names, storage outside the web root, downloads only through a
permission check, and spreadsheets that never run what a person typed as a formula."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

import theodoi
from theodoi.core.errors import ApplicationError
from theodoi.core.filenames import looks_binary, safe_filename
from theodoi.core.spreadsheets import FORMULA_START, restore_cell, safe_cell, safe_row, safe_text

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
ATTACKS = ['=HYPERLINK("http://x","bấm")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "＝1+1", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("text", ATTACKS)
def test_text_that_a_spreadsheet_would_run_is_quoted(text):
    assert safe_text(text).startswith("'") and restore_cell(safe_text(text)) == text


def test_other_values_pass_unchanged():
    assert safe_row(["Bình thường", 12, 1.5, None, "'trích dẫn"]) == ["Bình thường", 12, 1.5, None, "'trích dẫn"]
    assert safe_cell("a\x01b\x0bc") == "abc"  # what openpyxl would refuse is dropped, not a crash


@given(st.text())
def test_no_text_comes_out_as_a_formula_and_all_of_it_comes_back(text):
    written = safe_text(text)
    assert not written.startswith(FORMULA_START)
    assert restore_cell(written) == re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)


SPREADSHEET_WRITE = re.compile(r"\bWorkbook\(|csv\.writer|csv\.DictWriter|xlsxwriter")


def test_every_spreadsheet_writer_goes_through_safe_cell():
    """A new .xlsx or .csv writer anywhere in theodoi must use theodoi.core.spreadsheets."""
    root = Path(theodoi.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root).as_posix()
        if "/tests/" in relative or relative.startswith(("importer/", "core/spreadsheets.py")):
            continue
        text = path.read_text("utf-8")
        if SPREADSHEET_WRITE.search(text) and "theodoi.core.spreadsheets" not in text:
            offenders.append(relative)
    assert not offenders, f"Write cells through theodoi.core.spreadsheets.safe_cell in: {offenders}"


@pytest.fixture
def report(loaded_plan, make_user, directory, settings, tmp_path):
    from theodoi.periods.windows import Period, PeriodKind
    from theodoi.submissions.models import Report
    from theodoi.submissions.services import reports_open_period

    settings.MEDIA_ROOT = tmp_path / "files"
    coordinator = make_user("coordinator", directory["dn.khcn"])
    reports_open_period(actor=coordinator, plan=loaded_plan, period=Period(2026, PeriodKind.MONTH, 3))
    return Report.objects.get(plan=loaded_plan, unit=directory["dn.khcn.vp"])


def test_the_report_workbook_holds_no_formula_whatever_was_typed(report):
    from theodoi.submissions.spreadsheet import report_workbook

    report.task_items.update(work_done=ATTACKS[0], product="@SUM(A1)")
    report.plan.tasks.filter(ref="I.1").update(name="=1+1 Rà soát")
    book = load_workbook(io.BytesIO(report_workbook(report)))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert "'" + ATTACKS[0] in [cell.value for cell in cells]


def test_evidence_is_judged_by_content_and_downloaded_as_an_attachment(report, make_user, directory, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from theodoi.submissions.models import Evidence

    reporter = make_user("reporter", directory["dn.khcn.vp"])
    client.force_login(reporter)
    url = reverse("submissions:evidence_add", args=[report.pk])
    html_as_png = SimpleUploadedFile("anh.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    client.post(url, {"file": html_as_png})
    assert not Evidence.objects.exists()
    client.post(url, {"file": SimpleUploadedFile("../../..\\bao cáo<script>.exe", PNG, content_type="text/html")})
    row = Evidence.objects.get()
    assert row.original_name == "bao cáo script.png" and row.content_type == "image/png"
    stored = Path(row.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    response = client.get(reverse("submissions:evidence_download", args=[row.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "image/png"
    client.force_login(make_user("reporter", directory["dn.khcn.cds"]))
    assert client.get(reverse("submissions:evidence_download", args=[row.pk])).status_code == 404


def test_uploaded_files_are_outside_the_web_root_and_never_served_directly(report, client, make_user):
    media = Path(settings.MEDIA_ROOT).resolve()
    for web_root in [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]:
        assert not media.is_relative_to(web_root.resolve()) and not web_root.resolve().is_relative_to(media)
    assert not getattr(settings, "MEDIA_URL", "").strip("/")  # no URL maps onto MEDIA_ROOT
    client.force_login(make_user("admin"))
    for url in ("/files/evidence/ab/x.png", "/media/evidence/x.png", "/static/../files/x.png"):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"), ("C:\\Users\\a\\Kế hoạch.docx", "Kế hoạch.docx"),
        ("..", "tep"), (".htaccess", "htaccess"), ("a\x00b\r\n.pdf", "a b.pdf"),
        ("x" * 300 + ".xlsx", "x" * 145 + ".xlsx"),
    ],
)  # fmt: skip
def test_file_names_are_made_safe(name, safe):
    assert safe_filename(name) == safe


def test_imports_refuse_binary_files_whatever_their_name(directory, make_user):
    from theodoi.imports.services import import_draft_create

    coordinator = make_user("coordinator", directory["dn.khcn"])
    for data in (PNG, b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64, b"MZ\x90\x00\x03\x00\x00\x00"):
        with pytest.raises(ApplicationError, match="loại tệp không được chấp nhận"):
            import_draft_create(actor=coordinator, data=data, name="ke-hoach.txt")
    assert looks_binary(PNG) and not looks_binary("Kế hoạch".encode("utf-16"))


def test_imports_keep_a_safe_name(directory, make_user):
    from theodoi.imports.services import import_draft_create

    coordinator = make_user("coordinator", directory["dn.khcn"])
    text = "KẾ HOẠCH\nCải cách hành chính năm 2026\n1. Rà soát văn bản\n".encode()
    try:
        draft = import_draft_create(actor=coordinator, data=text, name="..\\..\\<ke-hoach>.txt")
    except ApplicationError as error:  # the text may not read as a plan; its name is what matters
        assert error.message.startswith("ke-hoach.txt:")
    else:
        assert draft.source_name == "ke-hoach.txt"
