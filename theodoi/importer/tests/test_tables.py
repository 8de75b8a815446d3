from theodoi.importer.document import Document, Row, Table
from theodoi.importer.rules.tables import find_plan_tables


def _rows(*cells: list[str]) -> list[Row]:
    return [Row(c) for c in cells]


def test_a_sheet_holding_titles_and_two_tables_is_split() -> None:
    sheet = Table(
        _rows(
            ["Phụ lục I", "", ""],
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"],
            ["1", "Tỷ lệ hồ sơ đúng hạn", "%", "100"],
            ["Phụ lục II", "", "", ""],
            ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"],
            ["1", "Rà soát quy định", "Sở Tư pháp", "Năm 2026"],
        )
    )
    indicators, tasks = find_plan_tables(Document("x.xlsx", [sheet]))
    assert (indicators.kind, indicators.appendix, len(indicators.rows)) == ("indicators", "I", 1)
    assert (tasks.kind, tasks.appendix, len(tasks.rows)) == ("tasks", "II", 1)


def test_a_header_repeated_at_a_page_break_continues_the_table() -> None:
    header = ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"]
    first = Table(_rows(header, ["1", "Việc một", "Sở A", "2026"]))
    second = Table(_rows(header, ["", "tiếp theo", "", ""]))
    (table,) = find_plan_tables(Document("x.txt", [first, second]))
    assert [r.after_break for r in table.rows] == [False, True]


def test_a_data_row_using_title_words_is_not_a_header() -> None:
    row = ["2", "Thực hiện nhiệm vụ phối hợp theo dõi", "Chủ trì thực hiện nội dung", "Thời gian thực hiện"]
    sheet = Table(_rows(["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"], ["1", "Việc", "Sở A", "2026"], row))
    (table,) = find_plan_tables(Document("x", [sheet]))
    assert len(table.rows) == 2
