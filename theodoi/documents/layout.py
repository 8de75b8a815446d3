"""The layout of an administrative document (văn bản hành chính) as Nghị định 30/2020/NĐ-CP,
Phụ lục I sets it, built with python-docx.

Everything is real text: the header block and the signature block are borderless tables, the
short rules under the issuing unit, the motto and the title are bottom borders of empty
paragraphs, so the file stays editable in Word or LibreOffice after download.

The sizes chosen within the decree's ranges:

* A4, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; page numbers centred in the top
  margin from page 2 on;
* Times New Roman; body 14 pt, justified, first line indented 1.27 cm, 6 pt between paragraphs;
* parent body 13 pt upper-case; issuing unit 13 pt bold upper-case; national name 13 pt bold;
  motto 14 pt bold; "Số:" 13 pt; place and date 14 pt italic; document type 14 pt bold upper-case;
  title 14 pt bold; "Nơi nhận:" 12 pt bold italic, its list 11 pt; authority, position and signer
  14 pt bold.

Pure python-docx, no Django: the builders in this app hand it plain strings.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
FIRST_LINE_INDENT = Cm(1.27)
_SECT_PR = qn("w:sectPr")
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


@dataclass(frozen=True)
class Issuer:
    """Who issues the document: the parent body (cơ quan chủ quản, may be empty) and the unit."""

    parent: str
    unit: str
    symbol: str  # the unit's abbreviation in the number ("SKHCN")


@dataclass(frozen=True)
class Signature:
    """Who signs: "KT. GIÁM ĐỐC" (authority, may be empty), "PHÓ GIÁM ĐỐC" (position), the name."""

    authority: str = ""
    position: str = ""
    signer: str = ""


@dataclass(frozen=True)
class Heading:
    """The number, place and date lines, and the document type and title."""

    kind_code: str  # "BC", "KH", "" for a công văn (official letter: no type line)
    number: str = ""
    place: str = ""
    day: date | None = None
    kind_name: str = ""  # "BÁO CÁO"; empty for a công văn
    title: str = ""  # the subject line; "V/v …" for a công văn
    recipients_line: str = ""  # "Kính gửi: …" of a công văn


@dataclass
class Recipients:
    """The "Nơi nhận" list; `archive` is the "Lưu" line the decree puts last."""

    names: list[str] = field(default_factory=list)
    archive: str = "VT"


# Characters XML 1.0 cannot hold (Word's vertical tab from a pasted line break among them); lxml
# refuses them, so they become a line break (\v, \f) or go.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile("[\x0b\x0c]|\r\n?")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", _BREAKS.sub("\n", text))


def vietnamese_date(day: date | None) -> str:
    """ "ngày 05 tháng 02 năm 2026": a day below 10 and the months 1 and 2 take a leading zero."""
    if day is None:
        return "ngày     tháng     năm     "
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(heading: Heading, issuer: Issuer) -> str:
    """ "Số: 12/BC-SKHCN"; a number below 10 takes a leading zero ("Số: 07/…"); without a number,
    the blank the clerk fills in after signing."""
    number = heading.number.strip() or "     "
    if number.isdigit() and len(number) == 1:
        number = f"0{number}"
    code = f"{heading.kind_code}-{issuer.symbol}" if heading.kind_code else issuer.symbol
    return f"Số: {number}/{code}"


# --- low-level helpers --------------------------------------------------------------------------


def _font(run_or_style: object, size: float | None, bold: bool = False, italic: bool = False) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    font.bold = bold or None
    font.italic = italic or None
    props = run_or_style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = props.get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def add_text(
    container: Document | _Cell,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: int | None = JUSTIFY,
    indent: bool = False,
    before: float = 0,
    after: float = 0,
) -> Paragraph:
    """One paragraph with one run in Times New Roman."""
    paragraph = container.add_paragraph()
    _font(paragraph.add_run(xml_text(text)), size, bold, italic)
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent:
        fmt.first_line_indent = FIRST_LINE_INDENT
    return paragraph


def _set_text(node: object, text: str) -> None:
    """Put `text` in a `w:t`, line breaks as `w:br` (as python-docx's run.text does)."""
    lines = xml_text(text).split("\n")
    node.text = lines[0]  # type: ignore[attr-defined]
    node.set(qn("xml:space"), "preserve")  # type: ignore[attr-defined]
    anchor = node
    for line in lines[1:]:
        brk, more = OxmlElement("w:br"), OxmlElement("w:t")
        more.text = line
        more.set(qn("xml:space"), "preserve")
        anchor.addnext(brk)  # type: ignore[attr-defined]
        brk.addnext(more)
        anchor = more


class Stamp:
    """A paragraph or table row built once with python-docx and then copied for each use.

    python-docx spends about 0.4 ms building a formatted paragraph; copying the finished XML and
    changing its texts takes a tenth of that, which keeps a province's report within seconds.
    The copy's `w:t` nodes receive the texts in document order.
    """

    def __init__(self, element: object) -> None:
        self.element = element
        element.getparent().remove(element)  # type: ignore[attr-defined]

    def make(self, texts: Sequence[str]) -> object:
        element = copy.deepcopy(self.element)
        nodes = list(element.iter(qn("w:t")))  # type: ignore[attr-defined]
        for node, text in zip(nodes, texts, strict=True):
            _set_text(node, text)
        return element


def runs_stamp(document: Document, formats: Sequence[tuple[bool, bool]], *, size: float = BODY_PT) -> Stamp:
    """A justified, indented body paragraph of runs with the given (bold, italic) formats."""
    paragraph = document.add_paragraph()
    for bold, italic in formats:
        _font(paragraph.add_run("x"), size, bold, italic)
    fmt = paragraph.paragraph_format
    fmt.alignment, fmt.first_line_indent = JUSTIFY, FIRST_LINE_INDENT
    fmt.space_before, fmt.space_after = Pt(6), Pt(0)
    return Stamp(paragraph._p)


def add_stamped(document: Document, stamp: Stamp, texts: Sequence[str]) -> None:
    """Append a copy of a paragraph stamp to the body, before the section properties (the body's
    last child; looking it up by name would scan the whole body on every call)."""
    body = document.element.body
    try:
        last = body[-1]  # lxml walks from the end for a negative index; len() would count every child
    except IndexError:
        last = None
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(stamp.make(texts))
    else:
        body.append(stamp.make(texts))


def add_runs(document: Document, parts: Sequence[tuple[str, bool, bool]], *, size: float = BODY_PT) -> None:
    """A justified body paragraph made of (text, bold, italic) runs."""
    stamp = runs_stamp(document, [(bold, italic) for _, bold, italic in parts], size=size)
    add_stamped(document, stamp, [text for text, _, _ in parts])


def add_rule(container: Document | _Cell, width_share: float, column_mm: float) -> Paragraph:
    """A short centred line (an empty paragraph's bottom border) `width_share` of `column_mm` long."""
    paragraph = container.add_paragraph()
    side = Mm(column_mm * (1 - width_share) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


def _no_borders(table: Table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _widths(table: Table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _empty_first(cell: _Cell) -> None:
    """A new cell holds one empty paragraph; remove it so the cell starts with ours."""
    first = cell.paragraphs[0]
    if not first.text:
        first._p.getparent().remove(first._p)


# --- the document -------------------------------------------------------------------------------


def new_document(*, landscape: bool = False) -> Document:
    """An empty A4 document with the decree's margins, fonts and page numbers."""
    document = new_docx()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    for name in ("Normal", "Table Grid"):
        _font(document.styles[name], BODY_PT if name == "Normal" else TABLE_PT)
    _page_numbers(document)
    return document


def text_width_mm(document: Document) -> float:
    section = document.sections[0]
    return float((section.page_width - section.left_margin - section.right_margin) / Mm(1))


def _page_numbers(document: Document) -> None:
    """The page number centred in the top margin, not shown on the first page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    _font(run, BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def add_header(document: Document, issuer: Issuer, heading: Heading) -> None:
    """The header block (issuing body | national name and motto; number | place and date), then
    the document type and title, or the subject and "Kính gửi" of a công văn."""
    width = text_width_mm(document)
    left_mm, right_mm = width * 0.42, width * 0.58
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, (left_mm, right_mm))
    body, nation = table.cell(0, 0), table.cell(0, 1)
    for cell in (body, nation, table.cell(1, 0), table.cell(1, 1)):
        _empty_first(cell)
    if issuer.parent:
        add_text(body, issuer.parent.upper(), size=13, align=CENTER)
    add_text(body, issuer.unit.upper(), size=13, bold=True, align=CENTER)
    add_rule(body, 0.4, left_mm)
    add_text(nation, NATIONAL_NAME, size=13, bold=True, align=CENTER)
    add_text(nation, MOTTO, size=14, bold=True, align=CENTER)
    add_rule(nation, 0.62, right_mm)
    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    add_text(number_cell, number_line(heading, issuer), size=13, align=CENTER, before=6)
    if not heading.kind_name and heading.title:
        add_text(number_cell, heading.title, size=12, align=CENTER)
    place = f"{heading.place}, " if heading.place else ""
    add_text(date_cell, f"{place}{vietnamese_date(heading.day)}", size=14, italic=True, align=CENTER, before=6)
    if heading.kind_name:
        add_text(document, heading.kind_name.upper(), size=14, bold=True, align=CENTER, before=18)
        add_text(document, heading.title, size=14, bold=True, align=CENTER)
        add_rule(document, 0.3, width)
    if heading.recipients_line:
        add_text(document, heading.recipients_line, size=14, align=CENTER, before=12, after=6)


def add_heading(document: Document, text: str) -> Paragraph:
    """A heading inside the body ("I. KẾT QUẢ …"): bold, justified, indented like the body."""
    return add_text(document, text, bold=True, indent=True, before=6)


def add_paragraph(document: Document, text: str, *, italic: bool = False) -> Paragraph:
    return add_text(document, text, italic=italic, indent=True, before=6)


def add_grid(
    document: Document,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths_mm: Sequence[float],
    *,
    size: float = TABLE_PT,
) -> Table:
    """A bordered table: a bold header row repeated on each page, then the rows as text."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _empty_first(cell)
        add_text(cell, text, size=size, bold=True, align=CENTER)
    header_props = table.rows[0]._tr.get_or_add_trPr()
    header_props.append(OxmlElement("w:tblHeader"))
    template = table.add_row()
    for cell in template.cells:
        _empty_first(cell)
        add_text(cell, "x", size=size, align=LEFT)
    _widths(table, widths_mm)
    stamp = Stamp(template._tr)
    for values in rows:
        table._tbl.append(stamp.make([str(value) for value in values]))
    return table


def add_closing(document: Document, recipients: Recipients, signature: Signature) -> None:
    """ "Nơi nhận" on the left beside the signature block on the right, a borderless table."""
    width = text_width_mm(document)
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (width * 0.45, width * 0.55))
    left, right = table.cell(0, 0), table.cell(0, 1)
    for cell in (left, right):
        _empty_first(cell)
    add_text(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT, before=12)
    archive = recipients.archive
    for raw in recipients.names:
        name = raw.strip().rstrip(";.").lstrip("-+• ").strip()
        if name.casefold().startswith("lưu"):
            archive = name[3:].lstrip(": ").strip() or archive
        elif name:
            add_text(left, f"- {name};", size=11, align=LEFT)
    add_text(left, f"- Lưu: {archive}.", size=11, align=LEFT)
    first = True
    for line in (signature.authority, signature.position):
        if line.strip():
            add_text(right, line.strip().upper(), size=14, bold=True, align=CENTER, before=12 if first else 0)
            first = False
    for _ in range(4):  # room for the signature and the seal
        add_text(right, "", size=14, align=CENTER)
    add_text(right, signature.signer.strip(), size=14, bold=True, align=CENTER)


def to_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
