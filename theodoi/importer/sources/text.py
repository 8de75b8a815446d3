"""Plain text of any encoding a Vietnamese office produces: UTF-8, UTF-16, Windows-1258.

Windows-1258 writes most tone marks as combining characters after the vowel, so its text is
composed with NFC. Windows-1252 is accepted only when the bytes are clearly not Vietnamese.
"""

from __future__ import annotations

import codecs
import unicodedata

from theodoi.importer.document import Block, Document, Origin, Paragraph
from theodoi.importer.errors import UnreadableDocument

NOT_TEXT = "Tệp không phải văn bản đọc được (có thể là tệp nhị phân hoặc định dạng chưa hỗ trợ)."

_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯYáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ")
_VIETNAMESE_ONLY = set("ăđơưĂĐƠƯ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}
_COMBINING_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Share of characters that may be control characters or replacement marks in real text.
_MAX_NOISE = 0.01


def decode_text(data: bytes) -> str:
    """The text of `data` as NFC with Unix line ends; UnreadableDocument when it is not text."""
    if not data.strip(b" \t\r\n\x00"):
        raise UnreadableDocument("Tệp rỗng, không có nội dung.")
    text = _decode(data)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _noise_share(text) > _MAX_NOISE:
        raise UnreadableDocument(NOT_TEXT)
    return text


def text_document(data: bytes, name: str) -> Document:
    """One Paragraph per non-blank line, each knowing its line number."""
    lines = decode_text(data).split("\n")
    paragraphs: list[Block] = [
        Paragraph(text=line.rstrip(), origin=Origin(line=number))
        for number, line in enumerate(lines, start=1)
        if line.strip()
    ]
    return Document(name=name, blocks=paragraphs)


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16)
    if b"\x00" in data:
        raise UnreadableDocument(NOT_TEXT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 with a stray byte or two (a pasted character, a cut last line) is still UTF-8: reading
    # it all as a legacy code page would garble every Vietnamese letter instead of one.
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= len(lenient) // 1000 + 1 and any("\u0080" <= c < "\ufffd" for c in lenient):
        return lenient
    return _decode_legacy(data)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(NOT_TEXT) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of Latin letters has a zero in every other byte; say which half holds them."""
    sample = data[:8192]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_zero, odd_zero = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes) -> str:
    try:
        raw = data.decode("cp1258")
    except UnicodeDecodeError:
        raw = None
    if raw is not None and _looks_vietnamese(raw):
        return unicodedata.normalize("NFC", raw)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(NOT_TEXT) from exc


def _looks_vietnamese(raw: str) -> bool:
    """Tone marks that sit on vowels, or letters only Vietnamese uses, and few marks anywhere else.

    `raw` is the Windows-1258 reading before NFC, so its tone marks are still separate characters;
    in a Windows-1252 file the same bytes read as "ì", "ò", "Ò" after ordinary letters.
    """
    tones = stray = 0
    for index, char in enumerate(raw):
        if char in _COMBINING_TONES:
            if index and raw[index - 1] in _VOWELS:
                tones += 1
            else:
                stray += 1
    letters = sum(1 for char in raw if char in _VIETNAMESE_ONLY)
    return (tones >= 1 or letters >= 2) and stray <= (tones + letters) // 10


def _noise_share(text: str) -> float:
    if not text:
        return 0.0
    noise = sum(
        1
        for ch in text
        if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\f\v")
    )
    return noise / len(text)
