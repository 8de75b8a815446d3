"""The Nghị định 30/2020 layout, on a document built without the database."""

from datetime import date

from docx.shared import Mm, Pt

from theodoi.documents import layout

from .reading import all_paragraphs, open_docx, paragraph, run_fonts, texts

ISSUER = layout.Issuer(parent="UBND tỉnh Đồng Nai", unit="Sở Khoa học và Công nghệ", symbol="SKHCN")


def build(**heading) -> bytes:
    document = layout.new_document()
    values = {"kind_code": "BC", "number": "12", "place": "Đồng Nai", "day": date(2026, 2, 5),
              "kind_name": "Báo cáo", "title": "Kết quả thực hiện Kế hoạch tháng 1/2026"}  # fmt: skip
    values.update(heading)
    layout.add_header(document, ISSUER, layout.Heading(**values))
    layout.add_paragraph(document, "Nội dung báo cáo.")
    recipients = layout.Recipients(["UBND tỉnh (b/c)", "- Sở Nội vụ;", "Lưu: VT, VP"])
    signature = layout.Signature("KT. Giám đốc", "Phó Giám đốc", "Nguyễn Văn A")
    layout.add_closing(document, recipients, signature)
    return layout.to_bytes(document)


def test_page_is_a4_with_the_decree_margins_and_times_new_roman():
    document = open_docx(build())
    section = document.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    assert 20 <= round(section.top_margin / Mm(1)) <= 25
    assert 20 <= round(section.bottom_margin / Mm(1)) <= 25
    assert 30 <= round(section.left_margin / Mm(1)) <= 35
    assert 15 <= round(section.right_margin / Mm(1)) <= 20
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert run_fonts(document) == {"Times New Roman"}
    assert Pt(13) <= document.styles["Normal"].font.size <= Pt(14)


def test_header_block_issuer_motto_number_and_date():
    document = open_docx(build())
    header = document.tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert [p.text for p in left.paragraphs if p.text] == ["UBND TỈNH ĐỒNG NAI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"]
    assert left.paragraphs[1].runs[0].bold and not left.paragraphs[0].runs[0].bold
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(p.runs[0].bold for p in right.paragraphs if p.text)
    # the short rules are bottom borders of empty paragraphs under the unit and the motto
    assert "w:pBdr" in left.paragraphs[2]._p.xml and "w:pBdr" in right.paragraphs[2]._p.xml
    assert header.cell(1, 0).paragraphs[0].text == "Số: 12/BC-SKHCN"
    place = header.cell(1, 1).paragraphs[0]
    assert place.text == "Đồng Nai, ngày 05 tháng 02 năm 2026" and place.runs[0].italic
    assert 'w:val="nil"' in header._tbl.xml  # borderless


def test_type_and_title_centred_bold_and_body_justified_with_indent():
    document = open_docx(build())
    kind, title = paragraph(document, "BÁO CÁO"), paragraph(document, "Kết quả thực hiện Kế hoạch tháng 1/2026")
    for line in (kind, title):
        assert line.alignment == layout.CENTER and line.runs[0].bold
    body = paragraph(document, "Nội dung báo cáo.")
    assert body.alignment == layout.JUSTIFY and body.paragraph_format.first_line_indent > 0


def test_recipients_beside_the_signature_block():
    document = open_docx(build())
    closing = document.tables[-1]
    recipients = [p for p in closing.cell(0, 0).paragraphs if p.text]
    assert [p.text for p in recipients] == ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Sở Nội vụ;", "- Lưu: VT, VP."]
    label = recipients[0].runs[0]
    assert label.bold and label.italic and label.font.size == Pt(12)
    assert all(p.runs[0].font.size == Pt(11) for p in recipients[1:])
    signature = [p.text for p in closing.cell(0, 1).paragraphs if p.text]
    assert signature == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"]
    empty_lines = [p for p in closing.cell(0, 1).paragraphs if not p.text]
    assert len(empty_lines) >= 3  # room to sign


def test_number_left_blank_and_letter_subject_under_it():
    document = open_docx(build(kind_code="", number="", kind_name="", title="V/v đôn đốc thực hiện",
                               recipients_line="Kính gửi: Sở Nội vụ."))  # fmt: skip
    number_cell = document.tables[0].cell(1, 0)
    assert number_cell.paragraphs[0].text.startswith("Số:") and number_cell.paragraphs[0].text.endswith("/SKHCN")
    assert number_cell.paragraphs[1].text == "V/v đôn đốc thực hiện"
    assert "Kính gửi: Sở Nội vụ." in texts(document)
    assert "BÁO CÁO" not in texts(document)


def test_numbers_below_10_take_a_leading_zero():
    heading = layout.Heading(kind_code="BC", number="7")
    assert layout.number_line(heading, ISSUER) == "Số: 07/BC-SKHCN"
    assert layout.number_line(layout.Heading(kind_code="BC", number="123"), ISSUER) == "Số: 123/BC-SKHCN"


def test_vietnamese_date_pads_days_below_10_and_months_1_and_2():
    assert layout.vietnamese_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert layout.vietnamese_date(date(2026, 11, 23)) == "ngày 23 tháng 11 năm 2026"
    assert layout.vietnamese_date(date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"


def test_stamped_paragraphs_keep_line_breaks_and_formats():
    document = layout.new_document()
    stamp = layout.runs_stamp(document, [(True, False), (False, True)])
    layout.add_stamped(document, stamp, ["Đầu: ", "dòng một\ndòng hai"])
    layout.add_stamped(document, stamp, ["Sau: ", "khác"])
    read = open_docx(layout.to_bytes(document))
    found = [p for p in all_paragraphs(read) if p.text.startswith(("Đầu", "Sau"))]
    assert [p.text for p in found] == ["Đầu: dòng một\ndòng hai", "Sau: khác"]
    assert found[1].runs[0].bold and found[1].runs[1].italic


def test_control_characters_from_pasted_text_do_not_break_the_file():
    document = layout.new_document()
    layout.add_paragraph(document, "Dòng một\x0bdòng hai\x00\x07.")
    stamp = layout.runs_stamp(document, [(False, False)])
    layout.add_stamped(document, stamp, ["Ô\x0cthứ hai\r\nba"])
    read = open_docx(layout.to_bytes(document))
    assert "Dòng một\ndòng hai." in texts(read)
    assert "Ô\nthứ hai\nba" in texts(read)
