"""Which reader a file needs, told from its first bytes and package parts, never from its name."""

from __future__ import annotations

import io
import zipfile
import zlib
from enum import Enum

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


class Kind(Enum):
    DOCX = "docx"
    XLSX = "xlsx"
    ODT = "odt"
    ODS = "ods"
    PDF = "pdf"
    OLE2 = "ole2"  # legacy .doc/.xls, or an Office file protected by a password
    ENCRYPTED_OFFICE = "encrypted"
    ZIP = "zip"  # a ZIP that is no document we know, or one too damaged to list
    RTF = "rtf"
    HTML = "html"  # a web page, often saved by office systems under a .doc name
    XLSB = "xlsb"
    TEXT = "text"


def sniff(data: bytes) -> Kind:
    head = data[:1024]
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if b"%PDF-" in head:
        return Kind.PDF
    if data.startswith(OLE2_MAGIC):
        return Kind.ENCRYPTED_OFFICE if _is_encrypted_package(data) else Kind.OLE2
    if data.startswith(b"{\\rtf"):
        return Kind.RTF
    if _looks_like_html(head):
        return Kind.HTML
    return Kind.TEXT


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html")) or (start.startswith(b"<") and b"<html" in start)


def _zip_kind(data: bytes) -> Kind:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        names = set(package.namelist())
        mimetype = _small_part(package, "mimetype")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, zlib.error):
        return Kind.ZIP
    if "word/document.xml" in names or any(n.startswith("word/document") for n in names):
        return Kind.DOCX
    if "xl/workbook.xml" in names:
        return Kind.XLSX
    if "xl/workbook.bin" in names:
        return Kind.XLSB
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return Kind.ODS
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return Kind.ODT
    return Kind.ZIP


def _small_part(package: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = package.getinfo(name)
    except KeyError:
        return b""
    return package.read(info) if info.file_size <= 256 else b""


def _is_encrypted_package(data: bytes) -> bool:
    """An encrypted .docx/.xlsx is an OLE2 file holding an "EncryptedPackage" stream."""
    return "EncryptedPackage".encode("utf-16-le") in data
