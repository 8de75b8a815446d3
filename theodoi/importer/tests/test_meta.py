from theodoi.importer.rules.meta import read_meta, refs_in

LINES = [
    "Số: /KH-SKHCN",
    "Đồng Nai, ngày tháng 4 năm 2026",
    "KẾ HOẠCH",
    "Cải cách hành chính trọng tâm giai đoạn 2026 - 2030",
    "của Sở Khoa học và Công nghệ",
    "Căn cứ Quyết định số 1065/QĐ-UBND ngày 30/3/2026 của Chủ tịch UBND tỉnh về ban hành Kế hoạch "
    "cải cách hành chính trọng tâm giai đoạn 2026-2030, Sở ban hành Kế hoạch",
    "I. MỤC TIÊU",
    "GIÁM ĐỐC",
    "Phạm Văn Trinh",
]


def test_a_department_plan() -> None:
    plan = read_meta(LINES)
    assert plan["kind"] == "KH" and plan["number"] is None and plan["issued_on"] is None
    assert plan["title"] == (
        "Kế hoạch cải cách hành chính trọng tâm giai đoạn 2026 - 2030 của Sở Khoa học và Công nghệ"
    )
    assert plan["place"] == "Đồng Nai" and plan["signer"] == "Phạm Văn Trinh"
    assert plan["issuer"] == "Sở Khoa học và Công nghệ tỉnh Đồng Nai"
    assert plan["period"] == {"from": 2026, "to": 2030}
    assert plan["legal_refs"] == ["1065/QĐ-UBND"] and plan["implements"] == ["1065/QĐ-UBND"]


def test_refs_are_found_in_their_forms() -> None:
    text = "Nghị quyết số 57-NQ/TW, Nghị định số 186/2025/NĐ-CP, Quyết định 282/QĐ-TTg ngày 12/02/2026"
    assert refs_in(text) == ["57-NQ/TW", "186/2025/NĐ-CP", "282/QĐ-TTg"]


def test_a_plan_that_carries_out_another() -> None:
    lines = ["KẾ HOẠCH", "Cải cách hành chính năm 2025", "Thực hiện Kế hoạch số 07/KH-UBND ngày 15/7/2025"]
    plan = read_meta(lines)
    assert plan["implements"] == ["07/KH-UBND"] and plan["period"] == {"from": 2025, "to": 2025}


def test_issuer_from_the_header_block() -> None:
    lines = [
        "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI SỞ NỘI VỤ",
        "Đồng Nai, ngày 05 tháng 3 năm 2026",
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2026",
        "Sở Nội vụ ban hành Kế hoạch như sau:",
        "GIÁM ĐỐC",
        "NGUYỄN VĂN AN",
    ]
    plan = read_meta(lines)
    assert plan["issuer"] == "Sở Nội vụ tỉnh Đồng Nai"
    assert plan["issued_on"] == "2026-03-05" and plan["signer"] == "Nguyễn Văn An"


def test_a_decision_of_the_people_committee() -> None:
    lines = [
        "Số: 12/QĐ-UBND",
        "Sơn La, ngày 2 tháng 3 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc ban hành Kế hoạch chuyển đổi số năm 2026",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
    ]
    plan = read_meta(lines)
    assert plan["kind"] == "QĐ" and plan["number"] == "12/QĐ-UBND"
    assert plan["issuer"] == "Ủy ban nhân dân tỉnh Sơn La"
    assert plan["title"] == "Kế hoạch chuyển đổi số năm 2026"


def test_a_body_named_in_full_with_its_remit_is_the_issuer_and_names_no_place() -> None:
    body = "Ban Chỉ đạo của tỉnh về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06"
    plan = read_meta(
        [
            body.upper(),
            "Số: /KH-BCĐ",
            "KẾ HOẠCH",
            "Hoạt động năm 2025 của Ban Chỉ đạo tỉnh về phát triển khoa học, công nghệ",
            f"Thực hiện Nghị quyết số 71/NQ-CP, {body} ban hành Kế hoạch như sau:",
        ]
    )
    assert plan["issuer"] == body
    assert plan["place"] is None
