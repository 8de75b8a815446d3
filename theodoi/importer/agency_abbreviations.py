"""Short forms a plan defines for itself: "Sở Khoa học và Công nghệ (sau đây gọi tắt là Sở KH&CN)".

The importer passes them to `AgencyResolver` as extra aliases, so a cell written "Sở KH&CN"
reads as the long form the document gave it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from theodoi.core.text import clean
from theodoi.importer.agency_names import HEAD_WORDS, fold

# --- abbreviations a document defines ---------------------------------------------------------

_DEFINED = re.compile(
    r"\(\s*(?:sau\s+đây\s+)?(?:được\s+)?(?:gọi|viết)\s+tắt\s+(?:là\s*)?:?\s*[\"“'‘]?\s*(?P<abbr>[^()\"“”'‘’]{1,60}?)"
    r"\s*[\"”'’]?\s*\)",
    re.IGNORECASE,
)
_BARE = re.compile(r"\(\s*(?P<abbr>[^\W\d_][\w&.\- ]{0,30}?)\s*\)")


def _initials(words: Sequence[str]) -> str:
    return fold("".join(w[0] for w in words if fold(w).lower() != "va")).lower()


def _letters(word: str) -> str:
    return fold(re.sub(r"[\W_]", "", word)).lower()


def _by_initials(before: Sequence[str], abbr: Sequence[str]) -> list[str] | None:
    """ "Sở KH&CN" after "... Sở Khoa học và Công nghệ": the words whose initials spell the short word."""
    short = next((n for n, w in enumerate(abbr) if len(re.findall(r"[A-ZĐ]", w)) >= 2), None)
    if short is None:
        return None
    head, tail = abbr[:short], abbr[short + 1 :]
    if tail and [_letters(w) for w in before[-len(tail) :]] != [_letters(w) for w in tail]:
        return None
    rest = list(before[: len(before) - len(tail)])
    for n in range(1, min(len(rest), 12) + 1):
        if _initials(rest[-n:]) != _letters(abbr[short]):
            continue
        lead = rest[: len(rest) - n]
        if not head or [_letters(w) for w in lead[-len(head) :]] == [_letters(w) for w in head]:
            return lead[len(lead) - len(head) :] + rest[-n:] + list(tail)
    return None


def _by_head_word(before: Sequence[str], abbr: Sequence[str]) -> list[str] | None:
    """ "Ban Chỉ đạo ... tỉnh (gọi tắt là Ban Chỉ đạo)": from the last word the short form opens with."""
    first = _letters(abbr[0]) if abbr else ""
    for n in range(1, min(len(before), 30) + 1):
        word = before[-n]
        if word[:1].isupper() and _letters(word) == first and word.lower() in HEAD_WORDS:
            return list(before[-n:])
    return None


def _long_form(before: str, abbr: str) -> str | None:
    """The words before "(... gọi tắt là ABBR)" that ABBR stands for."""
    words = re.split(r"[.;:\n()]", before)[-1].split()
    abbr_words = abbr.split()
    found = _by_initials(words, abbr_words) or _by_head_word(words, abbr_words)
    return clean(" ".join(found).strip(" ,")) if found else None


def find_abbreviations(text: str) -> dict[str, str]:
    """Short forms a document defines itself: "Sở Khoa học và Công nghệ (sau đây gọi tắt là Sở KH&CN)".

    Also a bare "(TTHC)" or "(Sở KH&CN)" when the words before it spell the short form.
    """
    found: dict[str, str] = {}
    text = unicodedata.normalize("NFC", text or "")
    for match in _DEFINED.finditer(text):
        abbr = clean(match.group("abbr")).strip(" ,.;")
        full = _long_form(text[max(0, match.start() - 400) : match.start()], abbr) if abbr else None
        if full and full != abbr:
            found.setdefault(abbr, full)
    for match in _BARE.finditer(text):
        abbr = clean(match.group("abbr"))
        if abbr in found or not re.search(r"[A-ZĐ]{2,}", abbr) or re.search(r"tắt", abbr, re.IGNORECASE):
            continue
        words = re.split(r"[.;:\n()]", text[max(0, match.start() - 400) : match.start()])[-1].split()
        full_words = _by_initials(words, abbr.split())
        if full_words:
            found.setdefault(abbr, clean(" ".join(full_words).strip(" ,")))
    return found
