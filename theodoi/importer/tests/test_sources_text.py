"""Plain text in every encoding a Vietnamese office saves, and what is not text at all."""

from __future__ import annotations

import codecs
import os
import unicodedata

import pytest

from theodoi.importer.document import Paragraph
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources import decode_text, read_document

SAMPLE = (
    "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI\n"
    "Kế hoạch cải cách hành chính trọng tâm giai đoạn 2026 - 2030\n"
    "Căn cứ Quyết định số 1065/QĐ-UBND; nâng cao hiệu quả, ứng dụng, đổi mới, Hưng Yên, Quảng Ngãi.\n"
)


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed where the code page has it, else base + tone mark."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b"))
            out += head.encode("cp1258")
            out += "".join(m for m in marks if m not in "\u0302\u0306\u031b").encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("utf-16-be"),
        SAMPLE.replace("\n", "\r\n").encode("utf-8"),
        unicodedata.normalize("NFD", SAMPLE).encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le", "utf16be", "crlf", "nfd"],
)
def test_unicode_encodings_read_as_nfc(data: bytes) -> None:
    assert decode_text(data) == SAMPLE


def test_windows_1258_composes_tone_marks() -> None:
    data = cp1258(SAMPLE)
    assert b"\xd2" in data or b"\xec" in data  # the sample really uses combining tone marks
    assert decode_text(data) == SAMPLE


@pytest.mark.parametrize("text", ["Café crème, Ðorde, naïve façade, forêt", "Hồ Chí Minh\n", "Hà Nội"])
def test_windows_1258_or_1252_by_what_the_bytes_say(text: str) -> None:
    data = cp1258(text) if any("\u1ea0" <= c <= "\u1ef9" for c in text) else text.encode("cp1252")
    assert decode_text(data) == text


@pytest.mark.parametrize("data", [b"", b"   \r\n\t ", b"\x00\x00"])
def test_empty_text_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableDocument, match="rỗng"):
        read_document(data, "x.txt") if data else decode_text(data)


def test_binary_noise_is_refused() -> None:
    with pytest.raises(UnreadableDocument, match="không phải văn bản"):
        read_document(os.urandom(4096), "plan.txt")


def test_text_document_is_one_paragraph_per_line_with_line_numbers() -> None:
    document = read_document("Dòng một\n\n  Dòng ba\n".encode(), "k.txt")
    assert document.blocks == [
        Paragraph(text="Dòng một", origin=document.blocks[0].origin),
        Paragraph(text="  Dòng ba", origin=document.blocks[1].origin),
    ]
    assert [block.origin.line for block in document.blocks] == [1, 3]


def test_the_name_does_not_decide_the_format() -> None:
    document = read_document(SAMPLE.encode("utf-16"), "ke-hoach.docx")
    assert isinstance(document.blocks[0], Paragraph)
    assert document.blocks[0].text == "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"


def test_utf8_with_a_stray_byte_stays_utf8() -> None:
    data = SAMPLE.encode("utf-8") + b"\x92 ch\xc3\xba th\xc3\xadch\n"
    text = decode_text(data)
    assert text.startswith(SAMPLE) and text.endswith("\ufffd chú thích\n")
