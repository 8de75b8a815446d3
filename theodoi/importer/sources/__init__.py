"""File sources of the plan importer: any supported file in, one layout-neutral `Document` out.

`read_document(data, name)` tells the format from the bytes (the name is only carried along);
`decode_text(data)` gives the text of a plain-text file in whatever encoding it was saved.
Every failure is an `UnreadableDocument` whose `message` is shown to the user as is.

What every source promises the plan rules:
- Blocks in reading order; a table's `Row.cells` all as wide as the table, a merged cell's text
  repeated in each column and row it covers, line breaks inside a cell kept as "\n".
- Header rows repeated by hand or by page breaks appear once (`Row.header` marks Word's flagged
  ones). Footnote markers are out of the text: `Row.notes` / `Paragraph.notes` name them and
  `Document.notes` holds their text.
- Side-by-side blocks (issuer beside the national motto, recipients beside the signer) are a
  one-row table in .docx and .pdf alike, since that is how Word stores them.
- A file that reads but has no table (a .docx of running text) is a `Document` without tables,
  not an error: whether it is a plan is for the plan rules to say.
- A plain-text file is one Paragraph per non-blank line; the plan rules rebuild text tables
  themselves from `decode_text`.
- Anything damaged, encrypted, scanned without OCR, too big or too long is an UnreadableDocument.
"""

from __future__ import annotations

from collections.abc import Callable

from theodoi.importer.document import Document
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources.limits import check_size
from theodoi.importer.sources.sniff import Kind, sniff
from theodoi.importer.sources.text import decode_text, text_document

__all__ = ["Kind", "UnreadableDocument", "decode_text", "read_document", "sniff"]

ENCRYPTED = "Tệp được đặt mật khẩu. Hãy lưu một bản không có mật khẩu rồi tải lên lần nữa."
UNEXPECTED = "Không đọc được tệp do lỗi không lường trước; hãy lưu lại tệp ở định dạng .docx rồi thử lại."


def read_document(data: bytes, name: str, *, depth: int = 0) -> Document:
    """The blocks of `data`; a plain-text file yields one Paragraph per non-blank line.

    `depth` is for a document embedded in another (Word's altChunk): only .docx passes it on.
    """
    check_size(data)
    kind = sniff(data)
    try:
        if kind is Kind.DOCX:
            return _docx(data, name, depth)
        return _READERS[kind](data, name)
    except UnreadableDocument:
        raise
    except RecursionError as exc:
        raise UnreadableDocument("Tệp có cấu trúc lồng nhau quá sâu, không đọc được.") from exc
    except MemoryError as exc:
        raise UnreadableDocument("Tệp quá lớn để đọc.") from exc
    except Exception as exc:  # noqa: BLE001 - a reader library failing on a damaged file
        raise UnreadableDocument(UNEXPECTED) from exc


def _docx(data: bytes, name: str, depth: int = 0) -> Document:
    from theodoi.importer.sources.docx import read_docx

    return read_docx(data, name, depth)


def _xlsx(data: bytes, name: str) -> Document:
    from theodoi.importer.sources.xlsx import read_xlsx

    return read_xlsx(data, name)


def _pdf(data: bytes, name: str) -> Document:
    from theodoi.importer.sources.pdf import read_pdf

    return read_pdf(data, name)


def _converted(source_suffix: str, target: str, what: str) -> Callable[[bytes, str], Document]:
    def read(data: bytes, name: str) -> Document:
        from theodoi.importer.sources.office import convert

        converted = convert(data, source_suffix=source_suffix, target=target, what=what)
        return read_document(converted, name)

    return read


def _html(data: bytes, name: str) -> Document:
    """A web page: its tables through LibreOffice when installed, else its text, cells tab-separated."""
    from theodoi.importer.sources.office import convert, soffice
    from theodoi.importer.sources.webpage import html_document

    if soffice() is None:
        return html_document(data, name)
    converted = convert(
        data,
        source_suffix=".html",
        target="docx",
        what=".html",
        export_filter="MS Word 2007 XML",
        import_filter="HTML (StarWriter)",
    )
    return read_document(converted, name)


def _legacy_office(data: bytes, name: str) -> Document:
    """An OLE2 file is a .doc or a .xls; LibreOffice says which by what it can export."""
    from theodoi.importer.sources.office import convert

    if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data:
        return read_document(convert(data, source_suffix=".doc", target="docx", what=".doc"), name)
    if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data:
        return read_document(convert(data, source_suffix=".xls", target="xlsx", what=".xls"), name)
    raise UnreadableDocument("Tệp Office cũ này không phải văn bản Word hay bảng tính Excel.")


def _encrypted(data: bytes, name: str) -> Document:
    raise UnreadableDocument(ENCRYPTED)


def _zip(data: bytes, name: str) -> Document:
    from theodoi.importer.sources.limits import CORRUPT_ZIP, open_zip

    open_zip(data)
    raise UnreadableDocument(
        CORRUPT_ZIP
        if not data.rstrip(b"\x00") or b"PK\x05\x06" not in data[-66000:]
        else "Tệp nén này không phải văn bản .docx, .xlsx hay .odt nên không đọc được."
    )


_READERS: dict[Kind, Callable[[bytes, str], Document]] = {
    Kind.DOCX: _docx,
    Kind.XLSX: _xlsx,
    Kind.PDF: _pdf,
    Kind.ODT: _converted(".odt", "docx", ".odt"),
    Kind.ODS: _converted(".ods", "xlsx", ".ods"),
    Kind.RTF: _converted(".rtf", "docx", ".rtf"),
    Kind.XLSB: _converted(".xlsb", "xlsx", ".xlsb"),
    Kind.HTML: _html,
    Kind.OLE2: _legacy_office,
    Kind.ENCRYPTED_OFFICE: _encrypted,
    Kind.ZIP: _zip,
    Kind.TEXT: text_document,
}
