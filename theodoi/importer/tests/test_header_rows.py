"""A data row is never taken for a header because some of its cells use a column title's words."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from theodoi.importer.document import Document, Row, Table
from theodoi.importer.rules.columns import looks_like_header
from theodoi.importer.rules.tables import find_plan_tables

HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu/Mục tiêu", "Phương pháp tính", "Cơ quan chủ trì", "Ghi chú"]
# Row 9 of a real indicator table: "sản phẩm" (a result column's title) in four cells, "nhiệm vụ" in
# the note; it fits the header above it column for column.
WORDY_ROW = [
    "9",
    "Thương mại hóa thành công sản phẩm thuộc Danh mục công nghệ chiến lược",
    "sản phẩm",
    "05 sản phẩm",
    "Sản phẩm thuộc Danh mục công nghệ chiến lược được thương mại hóa thành công",
    "Sở Khoa học và Công nghệ",
    "Chi tiết nhiệm vụ, giải pháp tại Phụ lục II",
]


def _shared() -> Path:
    """`shared/` beside the project (or beside the worktrees' folder); $THEODOI_SHARED wins."""
    here = Path(__file__).resolve().parents[3]
    roots = [Path(os.environ["THEODOI_SHARED"])] if os.environ.get("THEODOI_SHARED") else []
    roots += [parent / "shared" for parent in (here.parent, here.parent.parent)]
    return next((root for root in roots if (root / "gold").is_dir()), roots[-1])


SHARED = _shared()
GOLD_004 = SHARED / "gold" / "004_b739e41cd6749cb2.json"
SCORER = SHARED / "tools" / "score_import.py"


@pytest.mark.parametrize(
    "cells",
    [
        WORDY_ROW,
        ["1", "Nội dung", "Kết quả", "Thời gian"],  # short, but numbered
        ["", "Kết quả thực hiện", "Kết quả đạt được", "Sản phẩm đầu ra", "Nhiệm vụ"],  # two roles only
        [
            "",
            "Hoàn thành nhiệm vụ xây dựng cơ sở dữ liệu dùng chung của tỉnh trong năm",
            "Sản phẩm là cơ sở dữ liệu được kết nối, chia sẻ với các hệ thống của tỉnh",
            "Cơ quan chủ trì phối hợp các sở, ngành liên quan triển khai thực hiện",
            "Thời gian hoàn thành trong quý IV năm 2026 theo tiến độ đã đề ra",
        ],  # sentences
    ],
)
def test_a_data_row_is_not_a_header(cells: list[str]) -> None:
    assert not looks_like_header(cells)


@pytest.mark.parametrize(
    "cells",
    [
        HEADER,
        ["Stt", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Phòng, đơn vị chịu trách nhiệm theo dõi, đánh giá"],
        ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Dự kiến kết quả", "Thời hạn hoàn thành"],
    ],
)
def test_a_header_is_still_a_header(cells: list[str]) -> None:
    assert looks_like_header(cells)


def test_a_numbered_row_with_title_words_stays_in_its_table() -> None:
    rows = [
        HEADER,
        ["1", "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình", "%", "≥ 70%", "a/b", "Sở Nội vụ", ""],
        WORDY_ROW,
    ]
    (table,) = find_plan_tables(Document("x.docx", [Table([Row(c) for c in rows])]))
    assert table.kind == "indicators"
    assert [r.row.cells[0] for r in table.rows] == ["1", "9"]


@pytest.mark.skipif(not (GOLD_004.exists() and SCORER.exists()), reason="../shared (gold, scorer) không có")
def test_the_indicator_table_of_004_round_trips_through_word() -> None:
    pytest.importorskip("docx")
    from theodoi.importer import import_document
    from theodoi.importer.tests.builders import plan_to_docx

    spec = importlib.util.spec_from_file_location("score_import", SCORER)
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = json.loads(GOLD_004.read_text(encoding="utf-8"))
    plan = import_document(plan_to_docx(gold), "004.docx").plan
    assert "9" in [i["ref"] for i in plan["indicators"]]
    refs = {t["ref"]: t.get("indicator_ref") for t in plan["tasks"]}
    wanted = {t["ref"]: t.get("indicator_ref") for t in gold["tasks"] if t.get("indicator_ref") == "9"}
    assert wanted and all(refs.get(ref) == "9" for ref in wanted)
    assert scorer.score_document(gold, plan)["score"] >= 0.99
