from theodoi.importer.document import Table
from theodoi.importer.text import read_text


def _tables(text: str) -> list[Table]:
    return [b for b in read_text(text, "x.txt").blocks if isinstance(b, Table)]


def test_tab_rows_keep_cells_and_bold() -> None:
    (table,) = _tables("Stt\tNhiệm vụ\tChủ trì\n<b>I</b>\t<b>CẢI CÁCH</b>\t\n1\tViệc một\tSở Nội vụ\n")
    assert [r.cells for r in table.rows][2] == ["1", "Việc một", "Sở Nội vụ"]
    assert table.rows[1].bold and not table.rows[2].bold


def test_cell_per_line_joins_line_breaks_and_blank_lines_inside_a_row() -> None:
    text = "\tSTT\n\tChỉ tiêu\n\tĐơn vị\ntính\n\n\t1\n\tTỷ lệ\n\n\t%\n\n\t2\n\tKhác\n\t%\n"
    (table,) = _tables(text)
    assert [r.cells for r in table.rows] == [
        ["STT", "Chỉ tiêu", "Đơn vị tính"],
        ["1", "Tỷ lệ", "%"],
        ["2", "Khác", "%"],
    ]


def test_cell_per_line_recovers_a_lost_row_separator() -> None:
    text = "\tSTT\n\tNhiệm vụ\n\n\t1\n\tMột\n \tHai\n"
    (table,) = _tables(text)
    assert [r.cells for r in table.rows] == [["STT", "Nhiệm vụ"], ["1", "Một"], ["", "Hai"]]


def test_an_appendix_title_ends_the_table() -> None:
    (first, second) = _tables("\tTT\n\tNhiệm vụ\n\n\t1\n\tMột\n Phụ lục IV\n\n\tSTT\n\tNội dung\n")
    assert first.rows[-1].cells == ["1", "Một"]
    assert second.rows[0].cells == ["STT", "Nội dung"]


def test_footnotes_move_to_notes() -> None:
    doc = read_text("Sở Nội vụ [footnoteRef:1]  [1:  Theo phân công]\n", "x.txt")
    assert doc.notes == {"1": "Theo phân công"}


def test_markdown_footnotes_and_entities() -> None:
    doc = read_text("STT\tNhiệm vụ\tChủ trì\n1\tA &amp; B\tSở Nội vụ[^2]\n\n[^2]: Theo phân công\n", "x.txt")
    assert doc.notes == {"2": "Theo phân công"}
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.rows[1].cells == ["1", "A & B", "Sở Nội vụ[^2]"]


def test_markdown_pipe_tables() -> None:
    text = "\n".join(
        [
            "| STT | Nhiệm vụ | Chủ trì |",
            "|---|:---|---|",
            "| **I** | **CẢI CÁCH** | |",
            "| 1 | Việc một | Sở Nội vụ |",
        ]
    )
    (table,) = _tables(text)
    assert [r.cells for r in table.rows] == [
        ["STT", "Nhiệm vụ", "Chủ trì"],
        ["I", "CẢI CÁCH", ""],
        ["1", "Việc một", "Sở Nội vụ"],
    ]
    assert table.rows[1].bold
