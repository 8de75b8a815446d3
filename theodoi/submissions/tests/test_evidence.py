"""Evidence uploads: size limit, type by content, sanitised names, stored by hash outside the web
root, downloadable only by those who may read the report."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from theodoi.core.errors import ApplicationError
from theodoi.submissions import selectors
from theodoi.submissions.files import DOCX, PDF, sanitise_name
from theodoi.submissions.models import Evidence
from theodoi.submissions.services import evidence_add, evidence_remove, report_submit

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


def docx_bytes():
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Báo cáo kết quả rà soát")
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


def add(people, report, content, name, **extra):
    return evidence_add(actor=people["reporter"], report=report, upload=SimpleUploadedFile(name, content),
                        filename=name, **extra)


def test_a_pdf_is_stored_by_hash_under_media_root_with_a_clean_name(opened, people, media):
    report = opened["dn.khcn.vp"]
    row = add(people, report, PDF_BYTES, "../../etc/Báo cáo <tháng 3>?.pdf", item=report.task_items.get())
    assert row.kind == "file" and row.content_type == PDF.content_type and row.size == len(PDF_BYTES)
    assert row.original_name == "Báo cáo tháng 3.pdf"
    stored = Path(media) / row.file.name
    assert stored.read_bytes() == PDF_BYTES and row.file.name == f"evidence/{row.sha256[:2]}/{row.sha256}.pdf"
    again = add(people, report, PDF_BYTES, "copy.pdf")
    assert again.file.name == row.file.name
    assert len(list((Path(media) / "evidence").rglob("*.pdf"))) == 1


def test_type_is_judged_by_content_not_by_name(opened, people):
    report = opened["dn.khcn.vp"]
    with pytest.raises(ApplicationError, match="Loại tệp không được chấp nhận"):
        add(people, report, b"MZ\x90\x00 executable", "bao-cao.pdf")
    with pytest.raises(ApplicationError, match="Không nhận tệp nén"):
        add(people, report, zip_bytes(["a.txt"]), "bao-cao.docx")
    with pytest.raises(ApplicationError, match="macro"):
        add(people, report, zip_bytes(["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"]), "x.docx")
    assert not Evidence.objects.exists()
    renamed = add(people, report, PNG_BYTES, "anh-chup.pdf")
    assert renamed.content_type == "image/png" and renamed.original_name == "anh-chup.png"
    document = add(people, report, docx_bytes(), "Kết quả.docx")
    assert document.content_type == DOCX.content_type and document.original_name == "Kết quả.docx"


def test_files_over_the_size_limit_are_refused(opened, people, settings):
    settings.THEODOI_EVIDENCE_MAX_BYTES = 1024
    report = opened["dn.khcn.vp"]
    with pytest.raises(ApplicationError, match="Tệp quá lớn: tối đa 1 KB"):
        add(people, report, PDF_BYTES + b"0" * 2000, "lon.pdf")
    assert add(people, report, PDF_BYTES, "nho.pdf").size == len(PDF_BYTES)
    with pytest.raises(ApplicationError, match="Tệp rỗng"):
        add(people, report, b"", "rong.pdf")


def test_links_must_be_web_addresses_and_a_file_or_a_link_not_both(opened, people):
    report = opened["dn.khcn.vp"]
    with pytest.raises(ApplicationError, match="http"):
        evidence_add(actor=people["reporter"], report=report, url="javascript:alert(1)")
    with pytest.raises(ApplicationError, match="chọn một"):
        evidence_add(actor=people["reporter"], report=report, url="https://a.vn",
                     upload=SimpleUploadedFile("a.pdf", PDF_BYTES))
    assert evidence_add(actor=people["reporter"], report=report, url="https://a.vn/x").kind == "link"


def test_only_the_unit_adds_evidence_and_only_while_editable(ready_report, people):
    with pytest.raises(ApplicationError, match="Chỉ cán bộ"):
        evidence_add(actor=people["reporter_cds"], report=ready_report, url="https://a.vn")
    report = report_submit(actor=people["reporter"], report=ready_report, expected_version=ready_report.version)
    with pytest.raises(ApplicationError, match="Đã nộp"):
        evidence_add(actor=people["reporter"], report=report, url="https://a.vn")


def test_downloads_are_for_readers_of_the_report_only(opened, people):
    row = add(people, opened["dn.khcn.vp"], PDF_BYTES, "a.pdf")
    assert selectors.evidence_for_download(user=people["coordinator"], evidence_id=row.pk) == row
    assert selectors.evidence_for_download(user=people["reporter2"], evidence_id=row.pk) == row
    for who in ("reporter_cds", "other_coordinator"):
        with pytest.raises(ApplicationError, match="không có quyền"):
            selectors.evidence_for_download(user=people[who], evidence_id=row.pk)


def test_removing_the_last_reference_deletes_the_file(opened, people, media, django_capture_on_commit_callbacks):
    report = opened["dn.khcn.vp"]
    first = add(people, report, PDF_BYTES, "a.pdf")
    second = add(people, report, PDF_BYTES, "b.pdf")
    stored = Path(media) / first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        evidence_remove(actor=people["reporter"], evidence=first)
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        evidence_remove(actor=people["reporter"], evidence=second)
    assert not stored.exists()


def test_sanitised_names():
    assert sanitise_name("C:\\Users\\a\\Báo cáo.PDF", PDF) == "Báo cáo.pdf"
    assert sanitise_name("..", PDF) == "minh-chung.pdf"
    assert sanitise_name("a\x00b\r\n.pdf", PDF) == "a b.pdf"
    assert sanitise_name("x" * 400 + ".pdf", PDF) == "x" * 146 + ".pdf"
    assert sanitise_name("Ke\u0302\u0301 hoa\u0323ch.pdf", PDF) == "Kế hoạch.pdf"
