"""Text as theodoi stores and compares it: NFC, folded white space, and unaccented search keys."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# đ/Đ are letters of their own, not d with a combining mark, so NFD does not strip them.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def clean(text: str | None) -> str:
    """NFC, trimmed, with inner runs of white space (no-break spaces included) folded to one space."""
    if text is None:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def unaccent(text: str | None) -> str:
    """Drop Vietnamese diacritics: "Cải cách hành chính" -> "Cai cach hanh chinh"."""
    decomposed = unicodedata.normalize("NFD", clean(text).translate(_LETTER_MAP))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def search_key(text: str | None) -> str:
    """The form search compares: unaccented, case-folded, white space folded."""
    return unaccent(text).casefold()
