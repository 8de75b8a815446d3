from theodoi.importer.document import Table
from theodoi.importer.text import read_text

# A page of an appendix as PDF text extraction gives it: one visual line per line, cells in
# column order, blank agency cells as a line of spaces, and a page break inside the last row.
LINES = [
    "Số ",
    "",
    "TT ",
    "",
    "Mục tiêu Nhiệm vụ/hoạt động Kết quả/sản phẩm ",
    "",
    "Phòng chủ trì ",
    "",
    "Phòng phối hợp ",
    "",
    "Thời gian ",
    "",
    "I CẢI CÁCH THỦ TỤC HÀNH CHÍNH  P . CĐS ",
    "",
    "TT. KHCN ",
    "",
    " ",
    "",
    "1 ",
    "",
    " ",
    "",
    "Tỷ lệ hồ sơ đúng hạn đạt ",
    "",
    "tối thiểu 98% ",
    "",
    "Chủ trì thực hiện nâng cấp hoàn thiện cơ ",
    "",
    "sở hạ tầng công nghệ thông tin của Sở ",
    "",
    "Hệ thống được ",
    "",
    "nâng cấp ",
    "",
    "  ",
    "",
    "Thường xuyên ",
    "",
    "Phối hợp công khai tiến độ giải quyết hồ ",
    "",
    "sơ của người dân và doanh nghiệp theo ",
    "",
    "Thông tin được ",
    "",
    "công khai ",
    "",
    "  ",
    "",
    "Quý IV/2025 ",
    "",
    "",
    "",
    "2 ",
    "",
    " ",
    "",
    " ",
    "",
    "thời gian thực ",
    "",
    "",
]
SAMPLE = "\n".join(LINES)


def test_rows_come_back_from_interleaved_columns() -> None:
    (table,) = [b for b in read_text(SAMPLE, "x.txt").blocks if isinstance(b, Table)]
    rows = [r.cells for r in table.rows]
    assert rows[0][:3] == ["Số TT", "Mục tiêu", "Nhiệm vụ/hoạt động"]
    assert rows[1][0] == "I" and rows[1][2] == "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
    assert rows[2] == [
        "1",
        "Tỷ lệ hồ sơ đúng hạn đạt tối thiểu 98%",
        "Chủ trì thực hiện nâng cấp hoàn thiện cơ sở hạ tầng công nghệ thông tin của Sở",
        "Hệ thống được nâng cấp",
        "P . CĐS",
        "TT. KHCN",
        "Thường xuyên",
    ]
    assert rows[3][2].endswith("doanh nghiệp theo thời gian thực")
    assert rows[3][3] == "Thông tin được công khai" and rows[3][6] == "Quý IV/2025"


PER_ROW = [
    "STT",
    "Nhiệm vụ Kết quả Chủ trì Phối hợp Thời gian",
    "I CẢI CÁCH THỂ CHẾ",
    " ",
    "1",
    "Rà soát, hoàn thiện các quy định về quản lý",
    "khoa học và công nghệ thuộc thẩm quyền",
    "Báo cáo kết quả",
    "Văn phòng",
    "Các phòng,",
    "đơn vị",
    "Thường xuyên",
    "2",
    "Tổ chức tập huấn nghiệp vụ cải cách hành chính",
    "cho công chức, viên chức của các phòng",
    "Lớp tập huấn",
    "Văn phòng",
    "Trung tâm",
    "Quý III/2026",
]


def test_agency_cells_printed_in_each_row() -> None:
    text = "\n\n".join(PER_ROW) + "\n"
    (table,) = [b for b in read_text(text, "x.txt").blocks if isinstance(b, Table)]
    rows = [r.cells for r in table.rows]
    assert rows[2][1:] == [
        "Rà soát, hoàn thiện các quy định về quản lý khoa học và công nghệ thuộc thẩm quyền",
        "Báo cáo kết quả",
        "Văn phòng",
        "Các phòng, đơn vị",
        "Thường xuyên",
    ]
    assert rows[3][0] == "2" and rows[3][3:] == ["Văn phòng", "Trung tâm", "Quý III/2026"]


PRODUCT_LAST = [
    "TT",
    "NỘI DUNG NHIỆM VỤ ĐƠN VỊ CHỦ TRÌ ĐƠN VỊ PHỐI HỢP THỜI GIAN HOÀN THÀNH SẢN PHẨM",
    "1",
    "Rà soát, hoàn thiện các quy định về quản lý",
    "khoa học và công nghệ thuộc thẩm quyền",
    "Văn phòng",
    "Các phòng,",
    "đơn vị",
    "Quý II/2026",
    "Báo cáo kết quả rà soát các",
    "văn bản đã ban hành",
    "2",
    "Tổ chức tập huấn nghiệp vụ cải cách hành chính",
    "cho công chức, viên chức của các phòng",
    "Văn phòng",
    "Trung tâm",
    "Năm 2026",
    "Lớp tập huấn",
]


def test_a_product_column_after_the_deadline() -> None:
    text = "\n\n".join(PRODUCT_LAST) + "\n"
    (table,) = [b for b in read_text(text, "x.txt").blocks if isinstance(b, Table)]
    rows = [r.cells for r in table.rows]
    assert rows[0] == [
        "TT",
        "NỘI DUNG NHIỆM VỤ",
        "ĐƠN VỊ CHỦ TRÌ",
        "ĐƠN VỊ PHỐI HỢP",
        "THỜI GIAN HOÀN THÀNH",
        "SẢN PHẨM",
    ]
    assert rows[1][2:] == [
        "Văn phòng",
        "Các phòng, đơn vị",
        "Quý II/2026",
        "Báo cáo kết quả rà soát các văn bản đã ban hành",
    ]
    assert rows[2][0] == "2" and rows[2][2:] == ["Văn phòng", "Trung tâm", "Năm 2026", "Lớp tập huấn"]
