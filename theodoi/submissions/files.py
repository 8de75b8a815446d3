"""What an evidence upload is, judged by its content rather than its name, and a safe name for it.

Accepted: PDF, PNG, JPEG, WebP, and Office Open XML documents (.docx, .xlsx) without macros.
Bare zip archives and everything else are refused: a zip can hide anything, and the reviewers must
be able to open what they are sent.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import IO

from theodoi.core.errors import ApplicationError

# An Office file whose parts unpack to more than this is treated as a zip bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACES = re.compile(r"\s+")
MAX_NAME = 150


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str


PDF = Kind("application/pdf", "pdf")
PNG = Kind("image/png", "png")
JPEG = Kind("image/jpeg", "jpg")
WEBP = Kind("image/webp", "webp")
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")

ACCEPTED_TEXT = "PDF, ảnh (PNG, JPEG, WebP), Word (.docx) hoặc Excel (.xlsx)"


def detect_kind(stream: IO[bytes]) -> Kind:
    """The kind of file `stream` holds, from its first bytes (and, for Office files, its parts)."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(stream)
    raise ApplicationError(f"Loại tệp không được chấp nhận. Chỉ nhận {ACCEPTED_TEXT}.")


def _office_kind(stream: IO[bytes]) -> Kind:
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise ApplicationError("Tệp nén hỏng hoặc không đọc được.") from error
    finally:
        stream.seek(0)
    names = {entry.filename for entry in entries}
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise ApplicationError("Tệp Office có nội dung giải nén quá lớn, không được chấp nhận.")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ApplicationError("Tệp có chứa macro, không được chấp nhận. Hãy lưu lại dưới dạng .docx hoặc .xlsx.")
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return XLSX
    raise ApplicationError(f"Không nhận tệp nén (.zip). Chỉ nhận {ACCEPTED_TEXT}.")


def sanitise_name(name: str, kind: Kind) -> str:
    """A name safe to show and to send back in a download header: no folders, no control or
    reserved characters, NFC, at most 150 characters, with the extension the content proves."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = unicodedata.normalize("NFC", base)
    base = _UNSAFE.sub(" ", base)
    base = _SPACES.sub(" ", base).strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem.strip(" .") or "minh-chung"
    return f"{stem[: MAX_NAME - len(kind.extension) - 1]}.{kind.extension}"
