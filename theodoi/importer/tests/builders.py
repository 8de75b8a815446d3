"""Realistic plan files made from Plan JSON, for tests and benchmarks of the file sources.

`plan_to_docx` writes what an office produces in Word: the header block (issuer and national
motto side by side in a borderless table, number and place-date line), title, "Căn cứ …"
paragraphs, body text, then appendices of real Word tables (header row repeated on every page,
section heading rows merged full width, an objective column merged down the rows it covers,
notes as real footnotes) and the signer block. `plan_to_xlsx` writes the same appendices as
sheets; `docx_to_pdf` prints a .docx to PDF through LibreOffice when it is installed.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

Plan = dict[str, Any]


def _shared_gold() -> Path:
    """shared/gold beside the project (a clone, or a worktree a level deeper)."""
    for folder in Path(__file__).resolve().parents:
        if (folder / "shared" / "gold").is_dir():
            return folder / "shared" / "gold"
    return Path("shared/gold")


GOLD = _shared_gold()
GOLD_FILES = sorted(GOLD.glob("*.json"))

GROUP_PHRASES = {
    "@so-ban-nganh": "Các sở, ban, ngành",
    "@ubnd-xa-phuong": "UBND các xã, phường",
    "@phong-don-vi": "Các phòng, đơn vị",
    "@lien-quan": "Các cơ quan, đơn vị liên quan",
    "@co-quan-bao-dai": "các cơ quan Báo, Đài",
    "@to-chuc-xa-hoi-nghe-nghiep": "các tổ chức xã hội - nghề nghiệp",
    "@to-cong-nghe-so-cong-dong": "Các Tổ Công nghệ số cộng đồng",
    "@doanh-nghiep-htx": "các DN, HTX trên địa bàn tỉnh",
}
DOCUMENT_TYPES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "CT": "Chỉ thị",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TB": "Thông báo",
    "CV": "Công văn",
}
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


# The layout-neutral model both writers render


@dataclass
class Line:
    """One table row: `cells` as printed, or a heading spanning the full width."""

    cells: list[str]
    heading: bool = False
    footnotes: dict[int, str] = field(default_factory=dict)  # column -> footnote text


@dataclass
class Appendix:
    title: str
    subtitle: str
    header: list[str]
    lines: list[Line]
    merge_down: set[int] = field(default_factory=set)  # columns whose equal runs are merged


def appendices(plan: Plan) -> list[Appendix]:
    out: list[Appendix] = []
    if plan["indicators"]:
        out.append(_indicator_appendix(plan["indicators"]))
    groups = list(_task_groups(plan["tasks"]))
    indicators = {ind["ref"]: ind for ind in plan["indicators"]}
    for number, (numeral, tasks) in enumerate(groups, start=len(out) + 1):
        label = numeral or (ROMAN[number] if len(groups) + len(out) > 1 else "")
        subtitle = "CÁC NHIỆM VỤ CỤ THỂ"
        served = tasks[0].get("indicator_ref")
        if served and served in indicators:
            subtitle = f"NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN CHỈ TIÊU: {indicators[served]['name'].upper()}"
        out.append(_task_appendix(tasks, f"Phụ lục {label}".strip(), subtitle, appendix_mode=bool(numeral)))
    return out


def _indicator_appendix(indicators: list[dict[str, Any]]) -> Appendix:
    columns: list[tuple[str, Any]] = [
        ("Chỉ tiêu", lambda i: i["name"]),
        ("Đơn vị tính", lambda i: i["unit"] or ""),
        ("Chỉ tiêu/Mục tiêu", lambda i: (i["target"] or {}).get("text", "")),
        (
            f"Kết quả thực hiện năm {_baseline_year(indicators)}",
            lambda i: (i["baseline"] or {}).get("text", ""),
        ),
        ("Phương pháp tính", lambda i: (i["formula"] or {}).get("text", "")),
        ("Nguồn dữ liệu", lambda i: i["data_source"] or ""),
        ("Cơ quan chủ trì theo dõi, đánh giá", lambda i: agencies(i["responsible"])),
        ("Cơ quan phối hợp", lambda i: agencies(i["coordinating"])),
        ("Ghi chú", lambda i: i["note"] or ""),
    ]
    used = [
        (title, get)
        for title, get in columns
        if title in ("Chỉ tiêu", "Chỉ tiêu/Mục tiêu") or any(get(i) for i in indicators)
    ]
    lines: list[Line] = []
    group = None
    for indicator in indicators:
        code, _, number = indicator["ref"].rpartition(".")
        if indicator["group"] and indicator["group"] != group:
            group = indicator["group"]
            lines.append(Line([f"{code}. {group}" if code else group] * (len(used) + 1), heading=True))
        lines.append(Line([number] + [get(indicator) for _, get in used]))
    return Appendix("Phụ lục I", "CÁC CHỈ TIÊU CỤ THỂ", ["STT"] + [title for title, _ in used], lines)


def _baseline_year(indicators: list[dict[str, Any]]) -> str:
    """The year the baseline column's header names, as printed tables do ("… năm 2025")."""
    years = [i["baseline"]["year"] for i in indicators if i["baseline"] and i["baseline"].get("year")]
    return str(years[0]) if years else "trước"


def _task_groups(tasks: list[dict[str, Any]]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Tasks by appendix: refs longer than their section path start with the appendix numeral."""
    appendix_mode = any(len(_ref_parts(t["ref"])[0]) > len(t["section"]) + 1 for t in tasks)
    if not appendix_mode:
        yield "", tasks
        return
    current: list[dict[str, Any]] = []
    numeral = ""
    for task in tasks:
        first = _ref_parts(task["ref"])[0][0]
        if current and first != numeral:
            yield numeral, current
            current = []
        numeral = first
        current.append(task)
    if current:
        yield numeral, current


def _ref_parts(ref: str) -> tuple[list[str], bool]:
    """The dotted parts of a ref without its "#k", and whether it had one."""
    base, hashed, _ = ref.partition("#")
    return base.split("."), bool(hashed)


def _task_appendix(tasks: list[dict[str, Any]], title: str, subtitle: str, appendix_mode: bool) -> Appendix:
    notes_are_column = sum(1 for t in tasks if t["note"]) * 2 >= len(tasks)
    columns: list[tuple[str, Any]] = [
        ("Nội dung nhiệm vụ", lambda t: t["name"]),
        ("Mô tả công việc", lambda t: t["description"] or ""),
        ("Mục tiêu", lambda t: t["objective"] or ""),
        ("Cơ quan chủ trì", lambda t: agencies(t["lead"]) + _parenthetical(t)),
        ("Cơ quan phối hợp", lambda t: agencies(t["coordinating"])),
        ("Thời gian hoàn thành", lambda t: (t["deadline"] or {}).get("text", "")),
        ("Kết quả/sản phẩm", lambda t: t["output"] or ""),
        ("Ghi chú", lambda t: (t["note"] or "") if notes_are_column else ""),
    ]
    always = (
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
        "Kết quả/sản phẩm",
    )
    used = [(t, get) for t, get in columns if t in always or any(get(task) for task in tasks)]
    header = ["STT"] + [t for t, _ in used]
    lines: list[Line] = []
    path: list[str] = []
    offset = 1 if appendix_mode else 0
    for task in tasks:
        parts, _ = _ref_parts(task["ref"])
        codes = parts[offset : offset + len(task["section"])]
        numbered = len(parts) == offset + len(task["section"]) + 1
        heading_path = [f"{code}. {name}" for code, name in zip(codes, task["section"], strict=False)]
        for level, heading in enumerate(heading_path):
            if level >= len(path) or path[level] != heading:
                lines.append(Line([heading] * len(header), heading=True))
        path = heading_path
        line = Line([parts[-1] if numbered else ""] + [get(task) for _, get in used])
        if task["note"] and not notes_are_column and not task["note"].startswith("("):
            line.footnotes[header.index("Cơ quan chủ trì")] = task["note"]
        lines.append(line)
    merge = {header.index("Mục tiêu")} if "Mục tiêu" in header else set()
    return Appendix(title, subtitle, header, lines, merge)


def _parenthetical(task: dict[str, Any]) -> str:
    note = task["note"] or ""
    return " " + note if note.startswith("(") else ""


def agencies(names: list[str]) -> str:
    phrases = [GROUP_PHRASES.get(name, name) for name in names]
    return ("; " if any("," in p for p in phrases) else ", ").join(phrases)


# Word


def plan_to_docx(plan_json: Plan, *, header_as_table: bool = True) -> bytes:
    """A .docx a Vietnamese office would write for this plan (see the module docstring)."""
    writer = _DocxWriter()
    writer.page_numbers()
    plan = plan_json["plan"]
    writer.header_block(plan, as_table=header_as_table)
    writer.opening(plan)
    for appendix in appendices(plan_json):
        writer.appendix(appendix)
    return writer.save()


class _DocxWriter:
    def __init__(self) -> None:
        self.doc = docx.Document()
        style = self.doc.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(13)
        self.footnotes: list[str] = []
        self.landscape = False

    def page_numbers(self) -> None:
        """Page numbers at the top centre, as administrative documents print them."""
        paragraph = self.doc.sections[0].header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    def para(self, text: str, *, bold: bool = False, italic: bool = False, center: bool = False) -> None:
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def header_block(self, plan: dict[str, Any], *, as_table: bool) -> None:
        left = issuer_lines(plan["issuer"]) + [number_line(plan)]
        right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", date_line(plan)]
        if not as_table:
            for text in left + right:
                self.para(text, bold=text.isupper(), center=True)
            return
        table = self.doc.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
            cell.paragraphs[0].text = ""
            for index, text in enumerate(lines):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = paragraph.add_run(text)
                run.bold = text.isupper() or text.startswith("Độc lập")
                run.italic = "ngày" in text

    def opening(self, plan: dict[str, Any]) -> None:
        title = plan["title"]
        rest = re.sub(r"^Kế hoạch\s+", "", title)
        if plan["kind"] == "QĐ":
            self.para("QUYẾT ĐỊNH", bold=True, center=True)
            self.para(f"Ban hành {title}", bold=True, center=True)
            self.para(plan["issuer"].upper(), bold=True, center=True)
        else:
            self.para("KẾ HOẠCH", bold=True, center=True)
            self.para(rest[0].upper() + rest[1:], bold=True, center=True)
        for ref in plan["legal_refs"]:
            self.para(f"Căn cứ {document_type(ref)} số {ref} của cơ quan có thẩm quyền;", italic=True)
        for ref in plan["implements"]:
            self.para(f"Thực hiện {document_type(ref)} số {ref}, {plan['issuer']} ban hành {title} như sau:")
        if plan["kind"] == "QĐ":
            self.para("QUYẾT ĐỊNH:", bold=True, center=True)
            self.para(f"Điều 1. Ban hành kèm theo Quyết định này {title}.")
            self.para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
            self.para("KẾ HOẠCH", bold=True, center=True)
            self.para(rest[0].upper() + rest[1:], bold=True, center=True)
            number = plan["number"] or "     "
            self.para(f"(Kèm theo Quyết định số {number} của {plan['issuer']})", italic=True, center=True)
        self.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
        self.para("1. Mục đích", bold=True)
        self.para(
            "Triển khai đồng bộ, hiệu quả các nhiệm vụ; xác định rõ trách nhiệm của cơ quan, đơn vị "
            "chủ trì và phối hợp, thời hạn hoàn thành và kết quả, sản phẩm cụ thể."
        )
        self.para("II. NHIỆM VỤ, GIẢI PHÁP", bold=True)
        self.para("(Chi tiết tại các Phụ lục kèm theo)", italic=True)
        self.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
        self.para(
            "Các cơ quan, đơn vị căn cứ nhiệm vụ được giao tổ chức triển khai thực hiện; định kỳ báo cáo "
            "kết quả thực hiện theo quy định./."
        )
        self.signer(plan)

    def signer(self, plan: dict[str, Any]) -> None:
        if not plan["signer"]:
            return
        table = self.doc.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.paragraphs[0].add_run("Nơi nhận:").bold = True
        left.add_paragraph("- Như Điều 3;")
        left.add_paragraph("- Lưu: VT.")
        right.paragraphs[0].add_run("KT. CHỦ TỊCH" if plan["kind"] == "QĐ" else "KT. GIÁM ĐỐC").bold = True
        right.add_paragraph().add_run("PHÓ CHỦ TỊCH" if plan["kind"] == "QĐ" else "PHÓ GIÁM ĐỐC").bold = True
        right.add_paragraph()
        right.add_paragraph()
        right.add_paragraph().add_run(plan["signer"]).bold = True

    def appendix(self, appendix: Appendix) -> None:
        """A landscape section of its own, the number column narrow and the rest shared by weight."""
        if not self.landscape:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
            section.left_margin = section.right_margin = Cm(1.5)
            self.landscape = True
        else:
            self.doc.add_page_break()  # type: ignore[no-untyped-call]
        self.para(appendix.title, bold=True, center=True)
        self.para(appendix.subtitle, bold=True, center=True)
        self.para("(Kèm theo Kế hoạch này)", italic=True, center=True)
        table = self.doc.add_table(rows=1, cols=len(appendix.header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = _column_widths(appendix.header)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        header = table.rows[0]
        _repeat_as_header(header)
        for cell, text in zip(header.cells, appendix.header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        runs: dict[int, tuple[Any, str]] = {}
        for line in appendix.lines:
            row = table.add_row()
            cells = row.cells
            for cell, width in zip(cells, widths, strict=True):
                cell.width = width
            if line.heading:
                merged = cells[0].merge(cells[-1])
                merged.paragraphs[0].add_run(line.cells[0]).bold = True
                runs = {}
                continue
            for col, (cell, text) in enumerate(zip(cells, line.cells, strict=True)):
                if col in appendix.merge_down and col in runs and runs[col][1] == text and text:
                    runs[col][0].merge(cell)
                    continue
                if col in appendix.merge_down:
                    runs[col] = (cell, text)
                self.cell_text(cell, text, line.footnotes.get(col))

    def cell_text(self, cell: Any, text: str, footnote: str | None) -> None:
        lines = text.split("\n")
        for index, part in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.add_run(part)
        if footnote:
            self.footnotes.append(footnote)
            run = cell.paragraphs[-1].add_run()
            run.font.superscript = True
            reference = OxmlElement("w:footnoteReference")
            reference.set(qn("w:id"), str(len(self.footnotes)))
            run._r.append(reference)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _with_footnotes(buffer.getvalue(), self.footnotes) if self.footnotes else buffer.getvalue()


def _column_widths(header: list[str]) -> list[Any]:
    """26.7 cm of landscape A4 between margins: STT 1.5 cm, the name twice a normal column."""
    weights = [2.0 if index == 1 else 1.0 for index in range(1, len(header))]
    share = (26.7 - 1.5) / sum(weights)
    return [Cm(1.5)] + [Cm(weight * share) for weight in weights]


def _repeat_as_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>{notes}</w:footnotes>"
)
_FOOTNOTE = (
    '<w:footnote w:id="{id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="20"/>'
    '</w:rPr><w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve"> {text}'
    "</w:t></w:r></w:p></w:footnote>"
)


def _with_footnotes(data: bytes, notes: list[str]) -> bytes:
    """python-docx writes no footnotes part; add one with its relationship and content type."""
    from xml.sax.saxutils import escape

    body = "".join(_FOOTNOTE.format(id=i, text=escape(text)) for i, text in enumerate(notes, start=1))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    (
                        b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                        b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'
                    ),
                )
            elif item.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    (
                        b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/'
                        b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>'
                    ),
                )
            target.writestr(item.filename, content)
        target.writestr("word/footnotes.xml", _FOOTNOTES_XML.format(notes=body))
    return out.getvalue()


def issuer_lines(issuer: str) -> list[str]:
    """ "Sở X tỉnh Y" prints as "UBND TỈNH Y" over "SỞ X"; other issuers print in capitals."""
    match = re.match(r"^(Sở .+?) (tỉnh|thành phố) (.+)$", issuer)
    if match:
        return [f"UBND {match.group(2).upper()} {match.group(3).upper()}", match.group(1).upper()]
    return [issuer.upper()]


def number_line(plan: dict[str, Any]) -> str:
    if plan["number"]:
        return f"Số: {plan['number']}"
    return f"Số:       /{plan['kind']}-UBND"


def date_line(plan: dict[str, Any]) -> str:
    place = plan["place"] or ""
    when = plan["issued_on"]
    prefix = f"{place}, " if place else ""
    if when:
        year, month, day = when.split("-")
        return f"{prefix}ngày {int(day):02d} tháng {int(month):02d} năm {year}"
    year = (plan["period"] or {}).get("from") or ""
    return f"{prefix}ngày      tháng      năm {year}"


def document_type(ref: str) -> str:
    match = re.search(r"/([^-/]+)", ref)
    return DOCUMENT_TYPES.get(match.group(1) if match else "", "Văn bản")


# Excel


def plan_to_xlsx(plan_json: Plan) -> bytes:
    """The plan's appendices as sheets: a title row, the header, heading rows merged full width."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for appendix in appendices(plan_json):
        sheet = workbook.create_sheet(appendix.title[:31] or "Phụ lục")
        width = len(appendix.header)
        sheet.append([f"{appendix.title} - {appendix.subtitle}"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet.append(appendix.header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for line in appendix.lines:
            sheet.append([_excel_value(text) for text in (line.cells[:1] if line.heading else line.cells)])
            row = sheet.max_row
            if line.heading:
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
                sheet.cell(row=row, column=1).font = Font(bold=True)
            for cell in sheet[row]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _excel_value(text: str) -> str | int:
    """Row numbers are typed as numbers in Excel; everything else as text."""
    return int(text) if text.isdigit() and len(text) < 4 else text


# PDF


def docx_to_pdf(data: bytes) -> bytes | None:
    """The .docx printed to PDF by LibreOffice, or None when LibreOffice is not installed."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        return None
    from theodoi.importer.sources.office import convert

    return convert(data, source_suffix=".docx", target="pdf", what=".docx")


# Benchmarks


def big_plan(rows: int = 1000) -> Plan:
    """A plan with `rows` tasks under ten sections, realistic cell lengths."""
    tasks = []
    for index in range(rows):
        section = index * 10 // rows
        tasks.append(
            {
                "ref": f"{ROMAN[section + 1]}.{index + 1}",
                "section": [f"NHÓM NHIỆM VỤ SỐ {section + 1} VỀ CẢI CÁCH HÀNH CHÍNH VÀ CHUYỂN ĐỔI SỐ"],
                "name": f"Triển khai nhiệm vụ số {index + 1}: rà soát, hoàn thiện quy trình nội bộ, "
                "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính và cung cấp dịch vụ công "
                "trực tuyến toàn trình",
                "description": None,
                "objective": None,
                "lead": ["Sở Khoa học và Công nghệ"],
                "coordinating": ["@so-ban-nganh", "@ubnd-xa-phuong"],
                "output": "Báo cáo kết quả thực hiện; hệ thống được nâng cấp, vận hành ổn định",
                "deadline": {"text": f"Quý {ROMAN[index % 4 + 1]}/2026"},
                "indicator_ref": None,
                "note": None,
            }
        )
    plan = {
        "title": "Kế hoạch chuyển đổi số năm 2026",
        "kind": "KH",
        "number": "12/KH-UBND",
        "issued_on": "2026-01-15",
        "issuer": "Ủy ban nhân dân tỉnh Đồng Nai",
        "place": "Đồng Nai",
        "signer": "Nguyễn Văn A",
        "period": {"from": 2026, "to": 2026},
        "legal_refs": [],
        "implements": [],
    }
    return {"source": "big.docx", "plan": plan, "indicators": [], "tasks": tasks}


def big_docx(rows: int = 1000) -> bytes:
    return plan_to_docx(big_plan(rows))


def minimal_pdf(pages: list[str] | int, *, encrypted: bool = False) -> bytes:
    """A hand-written PDF: one line of ASCII text per page (an int: that many empty pages).

    With `encrypted`, the trailer names a standard security handler whose user password is
    not empty, as a password-protected PDF does.
    """
    texts = [""] * pages if isinstance(pages, int) else pages
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for text in texts:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET" if text else ""
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    extra = ""
    if encrypted:
        objects.append(
            "<< /Filter /Standard /V 1 /R 2 /O <" + "41" * 32 + "> /U <" + "42" * 32 + "> /P -4 >>"
        )
        file_id = "<" + "0123456789abcdef" * 2 + ">"
        extra = f" /Encrypt {len(objects)} 0 R /ID [{file_id} {file_id}]"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    start = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{extra} >>\nstartxref\n{start}\n%%EOF\n".encode()
    )
    return out.getvalue()


def scanned_pdf(pdf: bytes) -> bytes:
    """The pages of `pdf` as images only, the way a scanner delivers them."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    images = [document[index].render(scale=2).to_pil().convert("L") for index in range(len(document))]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=144)
    return out.getvalue()
