"""Vietnamese names for synthetic units, plans, tasks and indicators.

The 34 provinces are those of July 2025; departments, divisions and communes are drawn from
lists of the names such units commonly carry, numbered when a scale asks for more than the list.
"""

from __future__ import annotations

import random
import unicodedata

PROVINCES = [
    ("Hà Nội", "Thành phố"), ("Huế", "Thành phố"), ("Lai Châu", "tỉnh"), ("Điện Biên", "tỉnh"),
    ("Sơn La", "tỉnh"), ("Lạng Sơn", "tỉnh"), ("Quảng Ninh", "tỉnh"), ("Thanh Hóa", "tỉnh"),
    ("Nghệ An", "tỉnh"), ("Hà Tĩnh", "tỉnh"), ("Cao Bằng", "tỉnh"), ("Tuyên Quang", "tỉnh"),
    ("Lào Cai", "tỉnh"), ("Thái Nguyên", "tỉnh"), ("Phú Thọ", "tỉnh"), ("Bắc Ninh", "tỉnh"),
    ("Hưng Yên", "tỉnh"), ("Hải Phòng", "Thành phố"), ("Ninh Bình", "tỉnh"), ("Quảng Trị", "tỉnh"),
    ("Đà Nẵng", "Thành phố"), ("Quảng Ngãi", "tỉnh"), ("Gia Lai", "tỉnh"), ("Khánh Hòa", "tỉnh"),
    ("Lâm Đồng", "tỉnh"), ("Đắk Lắk", "tỉnh"), ("Hồ Chí Minh", "Thành phố"), ("Đồng Nai", "tỉnh"),
    ("Tây Ninh", "tỉnh"), ("Cần Thơ", "Thành phố"), ("Vĩnh Long", "tỉnh"), ("Đồng Tháp", "tỉnh"),
    ("Cà Mau", "tỉnh"), ("An Giang", "tỉnh"),
]  # fmt: skip

# The standing agency for administrative reform comes first: plans name it as cơ quan thường trực.
DEPARTMENTS = [
    ("Sở Nội vụ", "SNV"), ("Văn phòng Ủy ban nhân dân", "VP"), ("Sở Tài chính", "STC"),
    ("Sở Tư pháp", "STP"), ("Sở Công Thương", "SCT"), ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("Sở Xây dựng", "SXD"), ("Sở Khoa học và Công nghệ", "SKHCN"), ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Y tế", "SYT"), ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"), ("Sở Dân tộc và Tôn giáo", "SDTTG"),
    ("Sở Ngoại vụ", "SNgV"), ("Thanh tra", "TT"), ("Ban Quản lý các khu công nghiệp", "BQLKCN"),
    ("Đài Phát thanh và Truyền hình", "PTTH"), ("Báo", "BAO"), ("Trường Chính trị", "TCT"),
    ("Ban Dân tộc", "BDT"), ("Trung tâm Phục vụ hành chính công", "TTHCC"),
]  # fmt: skip

DIVISIONS = [
    "Văn phòng",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Tổ chức cán bộ",
    "Phòng Quản lý chuyên ngành",
    "Phòng Chuyển đổi số",
    "Phòng Pháp chế",
]

COMMUNE_WORDS = [
    "An", "Bình", "Phú", "Tân", "Hòa", "Long", "Thạnh", "Phước", "Mỹ", "Đông", "Tây", "Nam", "Bắc",
    "Hưng", "Thuận", "Lộc", "Xuân", "Vĩnh", "Thành", "Trung", "Hiệp", "Quang", "Minh", "Đức",
]  # fmt: skip

SECTIONS = [
    "CẢI CÁCH THỂ CHẾ",
    "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC",
    "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
    "CẢI CÁCH TÀI CHÍNH CÔNG",
    "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH PHỦ ĐIỆN TỬ, CHÍNH PHỦ SỐ",
]

TASK_VERBS = [
    "Rà soát, đánh giá",
    "Triển khai thực hiện",
    "Tổ chức kiểm tra",
    "Xây dựng và ban hành",
    "Tuyên truyền, phổ biến",
    "Cập nhật, công khai",
    "Số hóa",
    "Theo dõi, đôn đốc",
    "Tổng hợp, báo cáo",
    "Nâng cao chất lượng",
]
TASK_OBJECTS = [
    "văn bản quy phạm pháp luật", "thủ tục hành chính thuộc thẩm quyền giải quyết", "hồ sơ, kết quả giải quyết TTHC",
    "quy chế làm việc của cơ quan", "vị trí việc làm và cơ cấu ngạch công chức", "kế hoạch chuyển đổi số",
    "chỉ số hài lòng của người dân, doanh nghiệp", "cơ sở dữ liệu chuyên ngành", "dịch vụ công trực tuyến toàn trình",
    "công tác cải cách hành chính", "việc thực hiện cơ chế một cửa, một cửa liên thông", "kỷ luật, kỷ cương hành chính",
]  # fmt: skip
OUTPUTS = ["Báo cáo kết quả", "Kế hoạch", "Quyết định", "Văn bản hướng dẫn", "Cơ sở dữ liệu", "Hội nghị"]

INDICATORS = [
    ("Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn", "Số hồ sơ giải quyết đúng hạn", "Tổng số hồ sơ đã giải quyết"),
    ("Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến", "Số hồ sơ tiếp nhận trực tuyến", "Tổng số hồ sơ tiếp nhận"),
    ("Tỷ lệ kết quả giải quyết TTHC được số hóa", "Số kết quả được số hóa", "Tổng số kết quả đã trả"),
    ("Tỷ lệ văn bản đi được ký số", "Số văn bản ký số", "Tổng số văn bản đi"),
    ("Tỷ lệ hài lòng của người dân, doanh nghiệp", "Số phiếu hài lòng", "Tổng số phiếu hợp lệ"),
    ("Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình", "Số TTHC toàn trình", "Tổng số TTHC"),
    ("Tỷ lệ hồ sơ thanh toán trực tuyến", "Số hồ sơ thanh toán trực tuyến", "Tổng số hồ sơ có phí"),
    ("Số văn bản quy phạm pháp luật được rà soát", "", ""),
    ("Số cuộc kiểm tra công tác cải cách hành chính", "", ""),
    ("Tỷ lệ cán bộ, công chức được bồi dưỡng", "Số người được bồi dưỡng", "Tổng số cán bộ, công chức"),
]  # fmt: skip

WORK_DONE = [
    "Đã ban hành văn bản triển khai và phân công cán bộ phụ trách.",
    "Đã tổ chức rà soát, tổng hợp kết quả, đang hoàn thiện báo cáo.",
    "Đã cập nhật đầy đủ trên hệ thống, công khai trên cổng thông tin điện tử.",
    "Đã tổ chức 02 cuộc kiểm tra tại các đơn vị trực thuộc.",
    "Đang phối hợp với các cơ quan liên quan để thực hiện.",
]
DIFFICULTIES = [
    "Thiếu nhân lực có chuyên môn về công nghệ thông tin.",
    "Hạ tầng mạng tại một số điểm chưa ổn định.",
    "Văn bản hướng dẫn của cấp trên ban hành chậm.",
]
CAUSES = ["Nguồn lực hạn chế, khối lượng công việc lớn.", "Phụ thuộc tiến độ của đơn vị phối hợp."]
REMEDIES = ["Tăng cường đôn đốc, bố trí thêm cán bộ.", "Đề nghị cơ quan chủ trì hỗ trợ kỹ thuật."]


def slug(text: str) -> str:
    """An ASCII code part: "Đồng Nai" -> "dong-nai"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def numbered(items: list[str], count: int) -> list[str]:
    """`count` names from `items`, numbered from the second round on ("Phòng Pháp chế 2")."""
    return [items[i % len(items)] + (f" {i // len(items) + 1}" if i >= len(items) else "") for i in range(count)]


def commune_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct commune names ("Xã Tân Phú", "Phường Long Hòa"), numbered beyond the pairs."""
    pairs = [f"{a} {b}" for a in COMMUNE_WORDS for b in COMMUNE_WORDS if a != b]
    rng.shuffle(pairs)
    chosen = numbered(pairs, count)
    return [("Phường " if rng.random() < 0.25 else "Xã ") + name for name in chosen]
