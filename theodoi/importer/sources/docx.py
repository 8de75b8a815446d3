"""Word .docx: paragraphs and tables in body order, as a reader of the printed page sees them.

Merged cells repeat their text in every grid column and row they cover; automatic list numbers
are rendered; footnote markers leave the text and their notes go to `Document.notes`; a row that
repeats the table's header row (page-break repeats typed by hand) is kept only once; text boxes,
deleted revisions, hidden text and field codes are skipped.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from theodoi.importer.document import Block, Document, Origin, Paragraph, Row, Table
from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.sources.limits import MAX_ROWS, check_pages, open_zip, read_part
from theodoi.importer.sources.numbering import Numbering
from theodoi.importer.sources.ooxml import REL_NS, W, attr, int_attr, is_on, parse_xml
from theodoi.importer.sources.styles import Styles
from theodoi.importer.sources.tables import without_repeated_headers

_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# Containers whose children are read as if they stood in the parent.
_TRANSPARENT = {
    W + "hyperlink",
    W + "ins",
    W + "smartTag",
    W + "customXml",
    W + "fldSimple",
    W + "sdt",
    W + "sdtContent",
    W + "moveTo",
    W + "bdo",
    W + "dir",
}
_TEXT_BOXES = {W + "drawing", W + "pict", W + "object", _MC + "AlternateContent", W + "txbxContent"}
_SPACES = re.compile(r"[ \u00a0]+")
TOO_MANY_ROWS = "Tài liệu có quá nhiều dòng bảng để nhập một lần."


@dataclass
class _Text:
    """What one paragraph or one table cell says, with its hints."""

    text: str = ""
    bold_chars: int = 0
    plain_chars: int = 0
    heading: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def bold(self) -> bool:
        return self.bold_chars > 0 and self.plain_chars == 0


@dataclass
class _Slot:
    content: _Text
    continues: bool  # vMerge continuation: the text is the one of the cell above


def read_docx(data: bytes, name: str, depth: int = 0) -> Document:
    """`depth` counts documents embedded in documents (altChunk), read one level deep only."""
    package = open_zip(data)
    return _DocxReader(package, name, depth).read()


class _DocxReader:
    def __init__(self, package: zipfile.ZipFile, name: str, depth: int = 0) -> None:
        self.package = package
        self.name = name
        self.depth = depth
        self.page = 1
        self.paged = False  # whether Word left its page breaks in the file, so pages can be told
        self.warnings: list[str] = []
        self.styles = Styles(self._auxiliary_xml("word/styles.xml", "kiểu định dạng"))
        self.numbering = Numbering.from_xml(
            self._auxiliary_xml("word/numbering.xml", "số thứ tự tự động"),
            lambda style_id: self.styles.facts(style_id).num_id,
        )
        self.footnotes = _footnote_texts(self._auxiliary_xml("word/footnotes.xml", "chú thích cuối trang"))
        self.notes: dict[str, str] = {}
        self.markers: dict[str, str] = {}
        self.rows_seen = 0

    def read(self) -> Document:
        app = self._optional_xml("docProps/app.xml")
        if app is not None:
            pages = app.find(
                "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Pages"
            )
            if pages is not None and (pages.text or "").strip().isdigit():
                check_pages(int((pages.text or "0").strip()))
        main = read_part(self.package, self._main_part())
        if main is None:
            raise UnreadableDocument("Tệp .docx thiếu phần nội dung chính (word/document.xml).")
        self.paged = b"lastRenderedPageBreak" in main
        if b"<w:ins " in main or b"<w:del " in main:
            self.warnings.append(
                "Tài liệu còn thay đổi chưa được chấp nhận (Track Changes); nội dung được đọc như khi đã "
                "chấp nhận tất cả các thay đổi."
            )
        body = parse_xml(main, "nội dung chính").find(W + "body")
        blocks = list(self._body_blocks(body)) if body is not None else []
        return Document(name=self.name, blocks=blocks, notes=self.notes, warnings=self.warnings)

    def _optional_xml(self, part: str) -> etree._Element | None:
        data = read_part(self.package, part)
        return parse_xml(data, part) if data else None

    def _auxiliary_xml(self, part: str, what: str) -> etree._Element | None:
        """A part the text can be read without: when damaged, read on and say what is missing."""
        try:
            return self._optional_xml(part)
        except UnreadableDocument:
            self.warnings.append(f"Phần {what} của tệp bị hỏng nên bị bỏ qua; hãy kiểm tra kỹ kết quả.")
            return None

    def _alt_chunk(self, element: etree._Element) -> list[Block]:
        """Content Word imports when it opens the file (e-office systems embed HTML this way)."""
        from theodoi.importer.sources import read_document

        target = self._relationships().get(element.get(_R + "id") or "")
        data = read_part(self.package, "word/" + target.lstrip("/")) if target else None
        if not data or self.depth > 0:
            return []
        try:
            document = read_document(data, self.name, depth=self.depth + 1)
        except UnreadableDocument as embedded:
            self.warnings.append(f"Một phần nội dung nhúng trong tài liệu không đọc được: {embedded.message}")
            return []
        self.warnings.extend(document.warnings)
        return document.blocks

    def _relationships(self) -> dict[str, str]:
        rels = self._optional_xml("word/_rels/document.xml.rels")
        if rels is None:
            return {}
        return {
            str(rel.get("Id")): str(rel.get("Target")) for rel in rels.iter("{" + REL_NS + "}Relationship")
        }

    def _main_part(self) -> str:
        rels = self._optional_xml("_rels/.rels")
        if rels is not None:
            for rel in rels.iter("{" + REL_NS + "}Relationship"):
                if rel.get("Type") == _OFFICE_DOCUMENT and rel.get("Target"):
                    return str(rel.get("Target")).lstrip("/")
        return "word/document.xml"

    def _body_blocks(self, body: etree._Element) -> Iterator[Block]:
        tables = 0
        for element in _children(body, {W + "p", W + "tbl", W + "altChunk"}):
            if element.tag == W + "altChunk":
                yield from self._alt_chunk(element)
            elif element.tag == W + "p":
                text = self._paragraph(element)
                leading, total = _page_breaks(element)
                self.page += leading
                origin = Origin(page=self._page())
                self.page += total - leading
                if text.text.strip():
                    yield Paragraph(
                        text=text.text.strip(),
                        origin=origin,
                        bold=text.bold,
                        heading=text.heading,
                        notes=text.notes,
                    )
            else:
                tables += 1
                table = self._table(element, tables)
                if table.rows:
                    yield table

    # Tables

    def _table(self, tbl: etree._Element, number: int) -> Table:
        start = self._page()
        grid_rows, header_flags, row_breaks = self._grid(tbl)
        pages: list[int | None] = []
        for leading, total in row_breaks:
            self.page += leading
            pages.append(self._page())
            self.page += total - leading
        rows = [
            Row(
                cells=[slot.content.text for slot in slots],
                origin=Origin(table=number, row=index, page=page),
                bold=all(slot.content.bold for slot in slots if slot.content.text.strip()),
                header=header,
                notes={
                    col: slot.content.notes
                    for col, slot in enumerate(slots)
                    if slot.content.notes and not slot.continues
                },
            )
            for index, (slots, header, page) in enumerate(
                zip(grid_rows, header_flags, pages, strict=True), start=1
            )
        ]
        return Table(rows=without_repeated_headers(rows), origin=Origin(table=number, page=start))

    def _page(self) -> int | None:
        return self.page if self.paged else None

    def _grid(self, tbl: etree._Element) -> tuple[list[list[_Slot]], list[bool], list[tuple[int, int]]]:
        """Rows as lists of grid slots, horizontal and vertical merges filled in, and the page
        breaks Word rendered inside each row (a row cut by a break has one in each cell it cut)."""
        grid: list[list[_Slot]] = []
        headers: list[bool] = []
        breaks: list[tuple[int, int]] = []
        in_header = True
        for tr in _children(tbl, {W + "tr"}):
            self.rows_seen += 1
            if self.rows_seen > MAX_ROWS:
                raise UnreadableDocument(TOO_MANY_ROWS)
            trpr = tr.find(W + "trPr")
            if trpr is not None and trpr.find(W + "del") is not None:
                continue  # a row deleted with tracked changes is not in the document any more
            header = in_header and trpr is not None and is_on(trpr.find(W + "tblHeader"))
            in_header = header
            headers.append(header)
            grid.append(self._row_slots(tr, trpr))
            cells = [_page_breaks(tc) for tc in _children(tr, {W + "tc"})] or [(0, 0)]
            breaks.append((min(lead for lead, _ in cells), max(total for _, total in cells)))
        width = max((len(row) for row in grid), default=0)
        for row_index, row in enumerate(grid):
            row.extend(_Slot(_Text(), False) for _ in range(width - len(row)))
            for col, slot in enumerate(row):
                if slot.continues and row_index > 0:
                    above = grid[row_index - 1][col].content
                    row[col] = _Slot(_Text(above.text, above.bold_chars, above.plain_chars), True)
        return grid, headers, breaks

    def _row_slots(self, tr: etree._Element, trpr: etree._Element | None) -> list[_Slot]:
        slots = [
            _Slot(_Text(), False)
            for _ in range(int_attr(trpr.find(W + "gridBefore"), "val", 0) if trpr is not None else 0)
        ]
        for tc in _children(tr, {W + "tc"}):
            tcpr = tc.find(W + "tcPr")
            span_node = tcpr.find(W + "gridSpan") if tcpr is not None else None
            span = max(1, min(int_attr(span_node, "val", 1), 64))
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            hmerge = tcpr.find(W + "hMerge") if tcpr is not None else None
            continues = vmerge is not None and attr(vmerge, "val") in (None, "continue")
            content = self._cell(tc)
            if hmerge is not None and attr(hmerge, "val") in (None, "continue") and slots:
                content = slots[-1].content
            slots.extend(_Slot(content, continues) for _ in range(span))
        return slots

    def _cell(self, tc: etree._Element) -> _Text:
        out = _Text()
        lines: list[str] = []
        for element in _children(tc, {W + "p", W + "tbl"}):
            if element.tag == W + "p":
                text = self._paragraph(element)
                out.bold_chars += text.bold_chars
                out.plain_chars += text.plain_chars
                out.notes.extend(text.notes)
                if text.text.strip():
                    lines.append(text.text.strip())
            else:
                lines.extend(self._nested_lines(element))
        out.text = "\n".join(lines)
        return out

    def _nested_lines(self, tbl: etree._Element) -> list[str]:
        """A table inside a cell: one line per row, its distinct cells joined by spaces."""
        grid, _, _ = self._grid(tbl)
        lines = []
        for slots in grid:
            cells: list[str] = []
            for slot in slots:
                text = slot.content.text.replace("\n", " ").strip()
                if text and (not cells or cells[-1] != text):
                    cells.append(text)
            if cells:
                lines.append(" ".join(cells))
        return lines

    # Paragraphs

    def _paragraph(self, p: etree._Element) -> _Text:
        ppr = p.find(W + "pPr")
        style = self.styles.facts(attr(ppr.find(W + "pStyle"), "val") if ppr is not None else None)
        out = _Text(heading=style.heading)
        if ppr is not None:
            outline = ppr.find(W + "outlineLvl")
            if outline is not None and attr(outline, "val") not in (None, "9"):
                out.heading = True
        parts: list[str] = []
        label = self._list_label(ppr, style.num_id, style.ilvl)
        if label:
            parts.append(label)
        self._inline(p, style.bold, parts, out)
        out.text = _SPACES.sub(" ", "".join(parts))
        return out

    def _list_label(self, ppr: etree._Element | None, num_id: str | None, ilvl: int) -> str:
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        if num_pr is not None:
            num_id = attr(num_pr.find(W + "numId"), "val") or num_id
            ilvl = int_attr(num_pr.find(W + "ilvl"), "val", ilvl)
        if not num_id or num_id == "0":
            return ""
        label = self.numbering.label(num_id, ilvl)
        return label + self.numbering.suffix(num_id, ilvl) if label else ""

    def _inline(self, parent: etree._Element, style_bold: bool, parts: list[str], out: _Text) -> None:
        for child in parent:
            if child.tag == W + "r":
                self._run(child, style_bold, parts, out)
            elif child.tag in _TRANSPARENT:
                self._inline(child, style_bold, parts, out)
            elif child.tag in _TEXT_BOXES:
                self._skip_text_box(child)

    def _run(self, run: etree._Element, style_bold: bool, parts: list[str], out: _Text) -> None:
        rpr = run.find(W + "rPr")
        if rpr is not None and (is_on(rpr.find(W + "vanish")) or is_on(rpr.find(W + "webHidden"))):
            return
        bold = self._run_bold(rpr, style_bold)
        pending_note: str | None = None  # a footnote whose own mark is the next text
        for child in run:
            if child.tag == W + "footnoteReference":
                note_id = attr(child, "id") or ""
                if attr(child, "customMarkFollows") in ("1", "true", "on"):
                    pending_note = note_id
                else:
                    self._attach_marker(out, note_id)
                continue
            if child.tag == W + "t" and pending_note is not None:
                self._attach_marker(out, pending_note, (child.text or "").strip())
                pending_note = None
                continue
            if child.tag in _TEXT_BOXES:
                self._skip_text_box(child)
            text = _run_piece(child)
            if text:
                parts.append(text)
                if bold:
                    out.bold_chars += len(text.strip())
                else:
                    out.plain_chars += len(text.strip())

    def _run_bold(self, rpr: etree._Element | None, style_bold: bool) -> bool:
        """Bold as shown: the run's own setting, else its character style, else the paragraph's."""
        if rpr is None:
            return style_bold
        explicit = rpr.find(W + "b")
        if explicit is not None:
            return is_on(explicit)
        return self.styles.facts(attr(rpr.find(W + "rStyle"), "val")).bold or style_bold

    def _attach_marker(self, out: _Text, note_id: str, mark: str | None = None) -> None:
        """Number the footnote as Word does (order of first reference) unless it has its own mark."""
        if note_id not in self.markers:
            self.markers[note_id] = mark or str(len(self.markers) + 1)
            self.notes[self.markers[note_id]] = self.footnotes.get(note_id, "")
        out.notes.append(self.markers[note_id])

    def _skip_text_box(self, element: etree._Element) -> None:
        if not any((node.text or "").strip() for node in element.iter(W + "t")):
            return  # a picture or a shape without words: nothing is lost
        warning = "Tài liệu có hộp văn bản (text box) hoặc hình vẽ; nội dung bên trong không được đọc."
        if warning not in self.warnings:
            self.warnings.append(warning)


def _page_breaks(element: etree._Element) -> tuple[int, int]:
    """Page breaks Word rendered inside `element` when it last laid the document out: how many
    come before its first word (it starts on a later page), and how many in all."""
    leading = total = 0
    seen_text = False
    for node in element.iter(W + "lastRenderedPageBreak", W + "t"):
        if node.tag == W + "t":
            seen_text = seen_text or bool((node.text or "").strip())
            continue
        total += 1
        leading += 0 if seen_text else 1
    return leading, total


def _children(parent: etree._Element, wanted: set[str]) -> Iterator[etree._Element]:
    """Children with a wanted tag, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag in wanted:
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"):
            yield from _children(child, wanted)


def _run_piece(child: etree._Element) -> str:
    """The text one element of a run shows; page breaks, fields' codes and drawings show none."""
    tag = child.tag
    if tag == W + "t":
        return str(child.text or "")
    if tag == W + "tab":
        return "\t"
    if tag in (W + "br", W + "cr"):
        return "" if attr(child, "type") == "page" else "\n"
    if tag == W + "noBreakHyphen":
        return "\u2011"
    if tag == W + "sym":
        return _symbol(attr(child, "char"))
    return ""


def _symbol(code: str | None) -> str:
    try:
        char = chr(int(code or "", 16))
    except ValueError:
        return ""
    return "" if 0xE000 <= ord(char) <= 0xF8FF else char


def _footnote_texts(root: etree._Element | None) -> dict[str, str]:
    if root is None:
        return {}
    texts = {}
    for note in root.iter(W + "footnote"):
        if attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = ["".join(node.text or "" for node in p.iter(W + "t")) for p in note.iter(W + "p")]
        texts[attr(note, "id") or ""] = _SPACES.sub(" ", " ".join(paragraphs)).strip()
    return texts
