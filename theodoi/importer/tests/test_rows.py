from theodoi.importer.document import Document, Paragraph, Row, Table
from theodoi.importer.rules.rows import RowReader, assign_refs
from theodoi.importer.rules.tables import find_plan_tables

HEADER = ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"]


def _items(*tables: list[list[str]], appendix: bool = False) -> list[tuple[str, list[str], list[str]]]:
    blocks: list[Paragraph | Table] = []
    for rows in tables:
        if appendix:
            blocks.append(Paragraph("Phụ lục I"))
        blocks.append(Table([Row(HEADER)] + [Row(r) for r in rows]))
    (table, *_) = find_plan_tables(Document("x", blocks))
    items = RowReader(table).read()
    assign_refs(items, None)
    return [(i.ref, [h.title for h in i.headings], i.cells) for i in items]


def test_headings_make_sections_and_refs() -> None:
    items = _items([["II", "CẢI CÁCH", "", ""], ["II.1", "Thể chế", "", ""], ["1", "Việc", "Sở A", "2026"]])
    assert items == [("II.1.1", ["CẢI CÁCH", "Thể chế"], ["1", "Việc", "Sở A", "2026"])]


def test_a_row_split_by_a_page_break_is_merged() -> None:
    items = _items([["1", "Việc một", "Phòng Chuyển", ""]], [["", "tiếp", "đổi số", "2026"]])
    assert items == [("1", [], ["1", "Việc một tiếp", "Phòng Chuyển đổi số", "2026"])]


def test_missing_or_shared_numbers_get_positions() -> None:
    items = _items([["I.", "Mục", "", ""], ["", "A", "x", ""], ["1.", "B", "x", ""], ["1.", "C", "x", ""]])
    assert [ref for ref, _, _ in items] == ["I#1", "I.1#2", "I.1#3"]


def test_an_objective_merged_down_its_rows_is_shared() -> None:
    blocks: list[Paragraph | Table] = [
        Table(
            [
                Row(["STT", "Mục tiêu", "Nhiệm vụ", "Chủ trì"]),
                Row(["I", "", "CẢI CÁCH", ""]),
                Row(["1", "Đúng hạn 98%", "Việc một", "Sở A"]),
                Row(["", "", "Việc hai", "Sở B"]),
            ]
        )
    ]
    (table,) = find_plan_tables(Document("x", blocks))
    items = RowReader(table).read()
    assign_refs(items, None)
    assert [(i.ref, i.cells[1]) for i in items] == [("I.1#1", "Đúng hạn 98%"), ("I.1#2", "Đúng hạn 98%")]


def test_a_heading_written_whole_in_one_cell() -> None:
    items = _items([["II. CẢI CÁCH THỂ CHẾ", "", "", ""], ["1", "Việc", "Sở A", "2026"]])
    assert items == [("II.1", ["CẢI CÁCH THỂ CHẾ"], ["1", "Việc", "Sở A", "2026"])]


def test_a_heading_row_merged_across_the_data_columns() -> None:
    items = _items([["II", "CẢI CÁCH", "CẢI CÁCH", "CẢI CÁCH"], ["1", "Việc", "Sở A", "2026"]])
    assert items == [("II.1", ["CẢI CÁCH"], ["1", "Việc", "Sở A", "2026"])]
