"""Damaged files, made by flipping, cutting and inserting bytes of real ones, fail only cleanly."""

from __future__ import annotations

import io
import json
import zipfile
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theodoi.importer.document import Document
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources import UNEXPECTED, read_document
from theodoi.importer.sources.webpage import html_document
from theodoi.importer.tests.builders import GOLD_FILES, docx_to_pdf, minimal_pdf, plan_to_docx, plan_to_xlsx

EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@cache
def plan() -> dict:
    if GOLD_FILES:
        gold = json.loads(GOLD_FILES[-1].read_text(encoding="utf-8"))
        gold["tasks"], gold["indicators"] = gold["tasks"][:8], gold["indicators"][:3]
        return gold
    from theodoi.importer.tests.builders import big_plan

    return big_plan(8)


@cache
def sample(kind: str) -> bytes:
    if kind == "docx":
        return plan_to_docx(plan())
    if kind == "xlsx":
        return plan_to_xlsx(plan())
    pdf = docx_to_pdf(plan_to_docx(plan()))
    return pdf if pdf is not None else minimal_pdf(["KE HOACH", "Phu luc I", "STT Noi dung"])


@st.composite
def damaged(draw: st.DrawFn, kind: str) -> bytes:
    data = bytearray(sample(kind))
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[position] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[position:]
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=64))
        elif data:
            end = position + draw(st.integers(1, 4096))
            data[position:end] = bytes(len(data[position:end]))
    return bytes(data)


@st.composite
def damaged_part(draw: st.DrawFn, kind: str, part: str) -> bytes:
    """The package intact but one XML part damaged: past the ZIP checks, into the XML readers."""
    source = zipfile.ZipFile(io.BytesIO(sample(kind)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = bytearray(source.read(item))
            if item.filename == part:
                for _ in range(draw(st.integers(1, 6))):
                    position = draw(st.integers(0, len(content) - 1))
                    replacement = draw(
                        st.sampled_from([b"<", b">", b'"', b"/", b"w:", b"", b"<w:tc>", b"99999"])
                    )
                    content[position : position + draw(st.integers(0, 40))] = replacement
            target.writestr(item.filename, bytes(content))
    return out.getvalue()


def read_or_refuse(data: bytes, name: str) -> None:
    try:
        document = read_document(data, name)
    except UnreadableDocument as refused:
        # The catch-all message means a reader let a library error through: name it instead.
        assert refused.message and refused.message != UNEXPECTED, refused.__cause__
        return
    assert isinstance(document, Document)


@pytest.mark.slow
@EXAMPLES
@given(damaged("docx"))
def test_damaged_docx(data: bytes) -> None:
    read_or_refuse(data, "a.docx")


@pytest.mark.slow
@EXAMPLES
@given(damaged("xlsx"))
def test_damaged_xlsx(data: bytes) -> None:
    read_or_refuse(data, "a.xlsx")


@pytest.mark.slow
@EXAMPLES
@given(damaged_part("docx", "word/document.xml"))
def test_damaged_docx_xml(data: bytes) -> None:
    read_or_refuse(data, "a.docx")


@pytest.mark.slow
@EXAMPLES
@given(damaged_part("xlsx", "xl/worksheets/sheet2.xml"))
def test_damaged_xlsx_xml(data: bytes) -> None:
    read_or_refuse(data, "a.xlsx")


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(damaged("pdf"))
def test_damaged_pdf(data: bytes) -> None:
    read_or_refuse(data, "a.pdf")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes(data: bytes) -> None:
    read_or_refuse(data, "a.txt")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>/=\"' \n\tabcdhtmlrpáệĐ&;#x0123"), max_size=400))
def test_any_web_page_text(markup: str) -> None:
    try:
        html_document(("<html>" + markup).encode(), "a.doc")
    except UnreadableDocument as refused:
        assert refused.message
