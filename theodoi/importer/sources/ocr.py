"""Scanned PDFs read by Tesseract (Vietnamese), when the server has poppler-utils and tesseract-ocr-vie."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from theodoi.importer.document import Block, Document, Origin, Paragraph
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources.limits import OCR_TIMEOUT_SECONDS

MAX_OCR_PAGES = 60
OCR_WARNING = "Nội dung được nhận dạng từ bản quét (OCR), có thể sai chữ; hãy kiểm tra kỹ trước khi lưu."


def ocr_available() -> bool:
    if not (shutil.which("pdftoppm") and shutil.which("tesseract")):
        return False
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "vie" in listed.stdout.split()


def ocr_document(data: bytes, name: str, pages: int, unavailable: str) -> Document:
    """The text of a scanned PDF, one Paragraph per recognised line, or `unavailable` as the error."""
    if not ocr_available():
        raise UnreadableDocument(unavailable)
    if pages > MAX_OCR_PAGES:
        raise UnreadableDocument(
            f"{unavailable} Bản quét quá dài để nhận dạng chữ (trên {MAX_OCR_PAGES} trang)."
        )
    with tempfile.TemporaryDirectory(prefix="theodoi-ocr-") as folder:
        work = Path(folder)
        (work / "in.pdf").write_bytes(data)
        try:
            subprocess.run(
                ["pdftoppm", "-r", "300", "-gray", "-png", str(work / "in.pdf"), str(work / "page")],
                capture_output=True,
                timeout=OCR_TIMEOUT_SECONDS,
                check=True,
            )
            blocks: list[Block] = []
            for number, image in enumerate(sorted(work.glob("page*.png")), start=1):
                done = subprocess.run(
                    ["tesseract", str(image), "stdout", "-l", "vie", "--psm", "6"],
                    capture_output=True,
                    text=True,
                    timeout=OCR_TIMEOUT_SECONDS,
                    check=True,
                )
                blocks.extend(
                    Paragraph(text=line.strip(), origin=Origin(page=number))
                    for line in done.stdout.splitlines()
                    if line.strip()
                )
        except (OSError, subprocess.SubprocessError) as exc:
            raise UnreadableDocument(unavailable) from exc
    if not blocks:
        raise UnreadableDocument(unavailable)
    return Document(name=name, blocks=blocks, warnings=[OCR_WARNING])
