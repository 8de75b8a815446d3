"""Limits that keep one upload from exhausting the server, and safe access to ZIP packages."""

from __future__ import annotations

import io
import zipfile
import zlib

from theodoi.importer.errors import UnreadableDocument

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PAGES = 300
# Unpacked size of all parts of a .docx/.xlsx, and of one part; real plans stay far below.
MAX_UNZIPPED_BYTES = 400 * 1024 * 1024
MAX_PART_BYTES = 200 * 1024 * 1024
# A part that is parsed (document, sheet XML): a parsed tree takes some ten times its size in memory,
# and a 300-page plan's document.xml is a few megabytes.
MAX_PARSED_PART_BYTES = 32 * 1024 * 1024
# A ratio beyond this is a compression bomb, not an office document (XML compresses ~10-30x).
MAX_COMPRESSION_RATIO = 200
MAX_ROWS = 200_000
CONVERT_TIMEOUT_SECONDS = 120
OCR_TIMEOUT_SECONDS = 600

_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    ValueError,
    OSError,
    EOFError,
    NotImplementedError,
    zlib.error,
)
CORRUPT_ZIP = "Tệp bị hỏng hoặc không đầy đủ (gói nén không đọc được). Hãy lưu lại tệp rồi tải lên lần nữa."
TOO_BIG_UNZIPPED = "Tệp có nội dung giải nén quá lớn, không an toàn để đọc."


def check_size(data: bytes) -> None:
    if not data:
        raise UnreadableDocument("Tệp rỗng, không có nội dung.")
    if len(data) > MAX_FILE_BYTES:
        megabytes, limit = len(data) // (1024 * 1024), MAX_FILE_BYTES // (1024 * 1024)
        raise UnreadableDocument(f"Tệp quá lớn ({megabytes} MB); chỉ nhận tệp đến {limit} MB.")


def check_pages(pages: int) -> None:
    if pages > MAX_PAGES:
        raise UnreadableDocument(
            f"Tài liệu có {pages} trang, vượt quá giới hạn {MAX_PAGES} trang. "
            "Hãy tách phần kế hoạch và phụ lục cần nhập thành tệp riêng."
        )


def open_zip(data: bytes) -> zipfile.ZipFile:
    """Open a package after checking the declared sizes of its parts (before any is inflated)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise UnreadableDocument(CORRUPT_ZIP) from exc
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        bomb = info.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO
        if info.file_size > MAX_PART_BYTES or bomb:
            raise UnreadableDocument(TOO_BIG_UNZIPPED)
    if total > MAX_UNZIPPED_BYTES:
        raise UnreadableDocument(TOO_BIG_UNZIPPED)
    return package


def read_part(package: zipfile.ZipFile, name: str) -> bytes | None:
    """One part's bytes, or None when absent; never inflates more than MAX_PARSED_PART_BYTES."""
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    try:
        with package.open(info) as stream:
            data = stream.read(MAX_PARSED_PART_BYTES + 1)
    except _ZIP_ERRORS as exc:
        raise UnreadableDocument(CORRUPT_ZIP) from exc
    if len(data) > MAX_PARSED_PART_BYTES:
        raise UnreadableDocument("Tài liệu quá dài để nhập một lần; hãy tách thành các tệp nhỏ hơn.")
    return data


def has_part(package: zipfile.ZipFile, name: str) -> bool:
    return name in package.namelist()
