"""Small .docx files with one feature each, built with python-docx plus the XML it lacks."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn


def new_document() -> Any:
    return docx.Document()


def to_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_list(document: Any, num_id: int, formats: list[tuple[str, str]], start: int = 1) -> None:
    """A list definition: one (numFmt, lvlText) per level, e.g. ("upperRoman", "%1.")."""
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for ilvl, (fmt, text) in enumerate(formats)
    )
    numbering = document.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">{levels}</w:abstractNum>')
    numbering.insert(0, abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>')
    )


def add_style_linked_list(document: Any, *, list_num_id: int, style_id: str, target_num_id: int) -> None:
    """A numbering style that points at list `target_num_id`, and a list that only names the style."""
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="{style_id}"><w:name w:val="{style_id}"/>'
            f'<w:pPr><w:numPr><w:numId w:val="{target_num_id}"/></w:numPr></w:pPr></w:style>'
        )
    )
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{list_num_id}">'
            f'<w:numStyleLink w:val="{style_id}"/></w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{list_num_id}"><w:abstractNumId w:val="{list_num_id}"/></w:num>'
        )
    )


def number(paragraph: Any, num_id: int, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def mark_header(row: Any) -> None:
    flag = OxmlElement("w:tblHeader")
    row._tr.get_or_add_trPr().append(flag)


def delete_tracked(row: Any) -> None:
    """Mark a row deleted with track changes on, as Word does while a revision is pending."""
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "1")
    deleted.set(qn("w:author"), "Chuyên viên")
    row._tr.get_or_add_trPr().append(deleted)


def rendered_break(run: Any) -> None:
    """Where Word's last layout broke the page, as it records in every file it saves."""
    run._r.append(OxmlElement("w:lastRenderedPageBreak"))


def hide(run: Any) -> None:
    run._r.get_or_add_rPr().append(OxmlElement("w:vanish"))


def add_text_box(paragraph: Any, text: str) -> None:
    """A VML text box, the kind Word keeps for compatibility; its text is not body text."""
    pict = parse_xml(
        f'<w:r {nsdecls("w")}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r>"
    )
    paragraph._p.append(pict)


def with_alt_chunk(data: bytes, html: str) -> bytes:
    """The package with a web page embedded at the end of the body (Word's altChunk)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    chunk = (
        b'<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        b'r:id="rIdAlt"/>'
    )
    relationship = (
        b'<Relationship Id="rIdAlt" Target="chunk.html" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"/>'
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content.replace(b"<w:sectPr", chunk + b"<w:sectPr", 1)
            elif item.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", relationship + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>", b'<Default Extension="html" ContentType="text/html"/></Types>'
                )
            target.writestr(item.filename, content)
        target.writestr("word/chunk.html", html.encode())
    return out.getvalue()


def with_pages(data: bytes, pages: int) -> bytes:
    """The same package claiming `pages` pages in docProps/app.xml, as Word records it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "docProps/app.xml":
                content = re.sub(rb"<Pages>\d+</Pages>", f"<Pages>{pages}</Pages>".encode(), content)
            target.writestr(item.filename, content)
    return out.getvalue()


__all__ = ["qn"]
