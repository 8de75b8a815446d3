"""Every file the importer cannot read gives one clear Vietnamese message, never another error."""

from __future__ import annotations

import io
import os
import zipfile

import docx
import openpyxl
import pytest

from theodoi.importer.document import Paragraph, Table
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources import limits, office, read_document
from theodoi.importer.sources.sniff import OLE2_MAGIC, Kind, sniff
from theodoi.importer.tests.docx_parts import to_bytes


def small_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Kế hoạch cải cách hành chính")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "STT"
    return to_bytes(document)


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name, content)
    return buffer.getvalue()


def message(data: bytes, name: str = "tep") -> str:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(data, name)
    return caught.value.message


def test_empty_file() -> None:
    assert "rỗng" in message(b"")


def test_binary_noise() -> None:
    assert "không phải văn bản" in message(os.urandom(10_000))


def test_truncated_docx() -> None:
    data = small_docx()
    assert "hỏng" in message(data[: len(data) // 2], "a.docx")


def test_docx_with_corrupt_main_part() -> None:
    data = zip_of({"word/document.xml": b"<w:document><w:body><w:p>", "[Content_Types].xml": b"<Types/>"})
    assert "hỏng" in message(data, "a.docx")


def test_zip_that_is_no_document() -> None:
    assert "không phải văn bản .docx" in message(zip_of({"anh.png": b"\x89PNG"}), "a.docx")


def test_compression_bomb_is_refused_before_inflating() -> None:
    data = zip_of({"word/document.xml": b"\0" * (8 * 1024 * 1024)})
    assert "giải nén quá lớn" in message(data, "a.docx")


def test_file_over_the_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    assert "quá lớn" in message(b"a" * 1001)


def test_password_protected_office_file() -> None:
    data = OLE2_MAGIC + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512
    assert sniff(data) is Kind.ENCRYPTED_OFFICE
    assert "mật khẩu" in message(data, "a.docx")


def test_legacy_doc_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office.shutil, "which", lambda _name: None)
    data = OLE2_MAGIC + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 512
    assert "LibreOffice" in message(data, "a.doc")


def test_legacy_doc_that_libreoffice_cannot_convert() -> None:
    if not office.soffice():
        pytest.skip("LibreOffice is not installed")
    data = OLE2_MAGIC + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 512
    assert "Không chuyển đổi được" in message(data, "a.doc")


@pytest.mark.skipif(not office.soffice(), reason="LibreOffice missing")
@pytest.mark.parametrize("target", ["doc", "odt", "rtf", "xls", "ods"])
def test_legacy_and_opendocument_files_are_converted(target: str) -> None:
    if target in ("xls", "ods"):
        workbook = openpyxl.Workbook()
        workbook.active.append(["STT", "Nội dung"])
        workbook.active.append([1, "Kế hoạch cải cách hành chính"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        source, suffix = buffer.getvalue(), ".xlsx"
    else:
        source, suffix = small_docx(), ".docx"
    converted = office.convert(source, source_suffix=suffix, target=target, what=suffix)
    assert sniff(converted) in (Kind.OLE2, Kind.ODT, Kind.ODS, Kind.RTF)
    document = read_document(converted, f"ke-hoach.{target}")
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    cells = [c for b in document.blocks if isinstance(b, Table) for r in b.rows for c in r.cells]
    assert "Kế hoạch cải cách hành chính" in texts + cells


def test_a_document_part_too_long_to_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PARSED_PART_BYTES", 1000)
    assert "quá dài" in message(small_docx(), "a.docx")


PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><style>td{}</style></head><body>'
    "<p>KẾ HOẠCH cải cách hành chính</p><table><tr><th>STT</th><th>Nội dung</th></tr>"
    "<tr><td>1</td><td>Rà soát thủ tục</td></tr></table></body></html>"
).encode()


def test_a_web_page_saved_as_doc_is_read_as_text_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office.shutil, "which", lambda _name: None)
    assert sniff(PAGE) is Kind.HTML
    texts = [b.text for b in read_document(PAGE, "ke-hoach.doc").blocks if isinstance(b, Paragraph)]
    assert texts == ["KẾ HOẠCH cải cách hành chính", "STT\tNội dung", "1\tRà soát thủ tục"]


@pytest.mark.skipif(not office.soffice(), reason="LibreOffice missing")
def test_a_web_page_saved_as_doc_keeps_its_tables_through_libreoffice() -> None:
    blocks = read_document(PAGE, "ke-hoach.doc").blocks
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [r.cells for r in tables[0].rows] == [["STT", "Nội dung"], ["1", "Rà soát thủ tục"]]
