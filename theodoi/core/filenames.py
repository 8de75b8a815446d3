"""A file name safe to store, show and send back in a download header."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACES = re.compile(r"\s+")


def safe_filename(name: str, *, default: str = "tep", max_length: int = 150) -> str:
    """No folders (either kind of slash), no control or reserved characters, NFC, no leading dots
    (hidden files), at most `max_length` characters with the extension kept."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = unicodedata.normalize("NFC", base)
    base = _SPACES.sub(" ", _UNSAFE.sub(" ", base)).strip(" .")
    if not base:
        return default
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem or len(extension) > 10:
        return base[:max_length]
    return f"{stem[: max_length - len(extension) - 1].rstrip(' .')}.{extension}"


def looks_binary(data: bytes) -> bool:
    """Whether bytes that no document reader claimed are an image, a program or other binary
    rather than text: a NUL byte in the first 4 KB of a file without a UTF-16 byte order mark."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    return b"\x00" in data[:4096]
