from theodoi.importer.rules.columns import resolve_roles, role_of


def test_titles_map_to_roles() -> None:
    assert role_of("Số TT") == "number"
    assert role_of("Đơn vị chủ trì thực hiện nhiệm vụ/ giải pháp") == "lead"
    assert role_of("Đơn vị phối hợp") == "coordinating"
    assert role_of("Thời hạn (quý/tháng)") == "deadline"
    assert role_of("Kết quả thực hiện năm 2025") == "baseline"
    assert role_of("Nguồn dữ liệu gốc/Hệ thống trích xuất dữ liệu") == "data_source"
    assert role_of("Lưu ý") == "note"


def test_indicator_and_task_tables_read_result_columns_differently() -> None:
    kind, roles = resolve_roles(["Stt", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Cơ quan theo dõi"]) or ("", [])
    assert kind == "indicators" and roles[3] == "target"
    kind, roles = resolve_roles(["STT", "Nhiệm vụ", "Chủ trì", "Dự kiến kết quả", "Thời gian"]) or ("", [])
    assert kind == "tasks" and roles[3] == "output"


def test_a_row_of_prose_is_not_a_header() -> None:
    assert resolve_roles(["Căn cứ Luật", "ngày 16/6/2025"]) is None


def test_indicator_tables_worded_otherwise() -> None:
    titles = ["STT", "Nội dung chỉ tiêu", "Đơn vị tính", "Chỉ tiêu năm 2026", "Cơ quan chủ trì"]
    kind, roles = resolve_roles(titles) or ("", [])
    assert kind == "indicators"
    assert roles == ["number", "name", "unit", "target", "responsible"]
