"""Deadline phrases and their readings: the sample plans' table, the variants people write, the law."""

from __future__ import annotations

import csv
import json
import os
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.periods.deadlines import EVERY, KINDS, due_after_event, read_deadline


def _shared_file(*parts: str) -> Path:
    """`shared/` beside the project (or beside the worktrees' folder); $THEODOI_SHARED wins."""
    here = Path(__file__).resolve().parents[3]
    roots = [Path(os.environ["THEODOI_SHARED"])] if os.environ.get("THEODOI_SHARED") else []
    roots += [parent / "shared" for parent in (here.parent, here.parent.parent)]
    for root in roots:
        if (root / Path(*parts)).exists():
            return root / Path(*parts)
    return roots[0] / Path(*parts)


SHARED_TSV = _shared_file("spec", "deadlines.tsv")
SAMPLE_YEAR = 2025  # the first year of the sample plan that prints a bare "Quý IV"

# text, kind, from, due, every, trigger: the rows of shared/spec/deadlines.tsv, so the test runs without it.
SAMPLE_ROWS: list[tuple[str, str, str | None, str | None, str | None, str | None]] = [
    ("2025", "date", None, "2025-12-31", None, None),
    ("30/10/2025", "date", None, "2025-10-30", None, None),
    ("Năm 2026", "date", None, "2026-12-31", None, None),
    ("Năm 2027", "date", None, "2027-12-31", None, None),
    ("Quý II/2026", "date", None, "2026-06-30", None, None),
    ("Quý III/2026", "date", None, "2026-09-30", None, None),
    ("Quý IV", "date", None, "2025-12-31", None, None),
    ("Quý IV/2026", "date", None, "2026-12-31", None, None),
    ("Tháng 10/2025", "date", None, "2025-10-31", None, None),
    ("Tháng 11/2025", "date", None, "2025-11-30", None, None),
    ("Tháng 12/2025", "date", None, "2025-12-31", None, None),
    ("Tháng 6/2026", "date", None, "2026-06-30", None, None),
    ("Tháng 9/2025", "date", None, "2025-09-30", None, None),
    *(
        (text, "event", None, None, None, text)
        for text in (
            "Khi có quy định hướng dẫn của Bộ ngành Trung ương",
            "Khi có quy định, hướng dẫn của Bộ ngành Trung ương",
            "Khi hệ thống có thay đổi, nâng cấp",
            "Khi được Trung ương giao thực hiện",
            "Sau khi Bộ Khoa học và Công nghệ ban hành hướng dẫn chi tiết",
            "Sau khi Chiến lược dữ liệu quốc gia ban hành",
            "Sau khi Chiến lược quốc gia về chuyển đổi số ban hành",
            "Sau khi Chiến lược/Định hướng phát triển ngoại giao số được ban hành",
            "Sau khi Cổng xác thực, xác nhận quốc gia tại Trung tâm Dữ liệu quốc gia được hoàn thiện "
            "đưa vào hoạt động, theo lộ trình Trung ương",
            "Sau khi Hệ thống được hoàn thiện và hoạt động, thực hiện theo lộ trình Trung ương",
            "Sau khi Khung kiến trúc tổng thể quốc gia số ban hành",
            "Sau khi Luật và các văn bản hướng dẫn thi hành được sửa đổi, ban hành",
            "Sau khi Nghị định được ban hành",
            "Sau khi Trung ương ban hành văn bản QPPL",
            "Sau khi Đề án được ban hành",
            "Sau khi Đề án được phê duyệt",
            "Theo Kế hoạch của tỉnh và của cơ quan, đơn vị",
            "Theo Kế hoạch hành động triển khai Nghị quyết số 79-NQ/TW của tỉnh",
            "Theo Quyết định giao dự toán",
            "Theo hướng dẫn của Bộ Nội vụ",
            "Theo lộ trình của Bộ Công an",
            "Theo lộ trình của từng CSDL đã được phê duyệt",
            "Theo lộ trình được cấp có thẩm quyền giao",
            "Theo thời hạn giao tại Kế hoạch của tỉnh",
            "Theo Đề án chuyển đổi số của tỉnh",
        )
    ),
    (
        "- Đợt 1: Tháng 3/2026; - Các đợt tiếp theo: Khi có quy định mới của Trung ương",
        "mixed",
        None,
        "2026-03-31",
        None,
        "Khi có quy định mới của Trung ương",
    ),
    (
        "- Đợt 1: Tháng 6/2026; - Các đợt tiếp theo: Khi có quy định mới của Trung ương",
        "mixed",
        None,
        "2026-06-30",
        None,
        "Khi có quy định mới của Trung ương",
    ),
    ("Giai đoạn 2026 - 2030", "range", "2026-01-01", "2030-12-31", None, None),
    ("Giai đoạn 2026-2030", "range", "2026-01-01", "2030-12-31", None, None),
    ("Tiếp tục triển khai giai đoạn 2026 - 2030", "range", "2026-01-01", "2030-12-31", None, None),
    ("Tiếp tục triển khai giai đoạn 2026 \u2011 2030", "range", "2026-01-01", "2030-12-31", None, None),
    ("2025 và những năm tiếp theo", "recurring", "2025-01-01", None, "year", None),
    ("Hàng năm", "recurring", None, None, "year", None),
    ("Hàng tháng", "recurring", None, None, "month", None),
    ("Hằng năm", "recurring", None, None, "year", None),
    ("Hằng tháng", "recurring", None, None, "month", None),
    ("Theo kế hoạch hàng năm hoặc đột xuất", "recurring", None, None, "year", None),
    ("Thường xuyên", "recurring", None, None, "period", None),
    ("Thực hiện thường xuyên", "recurring", None, None, "period", None),
]
FIELDS = ("text", "kind", "from", "due", "every", "trigger")


def _expected(row: tuple[str | None, ...]) -> dict[str, str | None]:
    return dict(zip(FIELDS, row, strict=True))


def _shared_rows() -> list[dict[str, str | None]]:
    if not SHARED_TSV.exists():
        return []
    with SHARED_TSV.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or None) for k, v in row.items()} for row in csv.DictReader(handle, delimiter="\t")]


@pytest.mark.parametrize("row", SAMPLE_ROWS, ids=[row[0] for row in SAMPLE_ROWS])
def test_sample_phrases_read_as_listed(row: tuple[str | None, ...]) -> None:
    assert read_deadline(row[0], default_year=SAMPLE_YEAR) == _expected(row)


@pytest.mark.skipif(not SHARED_TSV.exists(), reason="../shared/spec/deadlines.tsv không có")
@pytest.mark.parametrize("row", _shared_rows(), ids=lambda row: str(row["text"]))
def test_shared_table_reads_as_listed(row: dict[str, str | None]) -> None:
    assert read_deadline(row["text"], default_year=SAMPLE_YEAR) == row


def test_literal_table_matches_shared_table() -> None:
    if not SHARED_TSV.exists():
        pytest.skip("../shared/spec/deadlines.tsv không có")
    assert sorted(map(tuple, (r.values() for r in _shared_rows()))) == sorted(SAMPLE_ROWS)


# (text, default_year, expected: kind, from, due, every)
DATED: list[tuple[str, int | None, str, str | None, str | None, str | None]] = [
    ("Quý 2/2026", None, "date", None, "2026-06-30", None),
    ("quý II năm 2026", None, "date", None, "2026-06-30", None),
    ("Quý II - 2026", None, "date", None, "2026-06-30", None),
    ("Quý I/2026", None, "date", None, "2026-03-31", None),
    ("6 tháng đầu năm 2026", None, "date", None, "2026-06-30", None),
    ("6 tháng cuối năm 2026", None, "date", None, "2026-12-31", None),
    ("9 tháng đầu năm 2026", None, "date", None, "2026-09-30", None),
    ("Nửa đầu năm 2026", None, "date", None, "2026-06-30", None),
    ("Trước ngày 15/6/2025", None, "date", None, "2025-06-15", None),
    ("trước 31/12", 2025, "date", None, "2025-12-31", None),
    ("Tháng 12 năm 2025", None, "date", None, "2025-12-31", None),
    ("Tháng 12", 2026, "date", None, "2026-12-31", None),
    ("Tháng 02/2028", None, "date", None, "2028-02-29", None),
    ("10/2025", None, "date", None, "2025-10-31", None),
    ("Năm 2026-2027", None, "range", "2026-01-01", "2027-12-31", None),
    ("Năm 2026 – 2027", None, "range", "2026-01-01", "2027-12-31", None),
    ("Giai đoạn 2026 - 2030", None, "range", "2026-01-01", "2030-12-31", None),
    ("Giai đoạn 2026 — 2030.", None, "range", "2026-01-01", "2030-12-31", None),
    ("Từ năm 2026 đến năm 2030", None, "range", "2026-01-01", "2030-12-31", None),
    ("Tháng 3 - 6/2026", None, "range", "2026-03-01", "2026-06-30", None),
    ("Từ tháng 3 đến tháng 6/2026", None, "range", "2026-03-01", "2026-06-30", None),
    ("Quý I - Quý III/2026", None, "range", "2026-01-01", "2026-09-30", None),
    ("Từ 01/3/2026 đến 30/6/2026", None, "range", "2026-03-01", "2026-06-30", None),
    ("Quý I, II/2026", None, "date", None, "2026-06-30", None),
    ("Quý I và Quý II năm 2026", None, "date", None, "2026-06-30", None),
    ("Tháng 3, 6 và 9/2026", None, "date", None, "2026-09-30", None),
    ("cuối năm 2026", None, "date", None, "2026-12-31", None),
    ("Cuối năm 2026", None, "date", None, "2026-12-31", None),
    ("giữa năm 2026", None, "date", None, "2026-06-30", None),
    ("đầu năm 2026", None, "date", None, "2026-01-01", None),
    ("cuối tháng 2/2026", None, "date", None, "2026-02-28", None),
    ("giữa tháng 5/2026", None, "date", None, "2026-05-15", None),
    ("đầu tháng 5/2026", None, "date", None, "2026-05-01", None),
    ("cuối Quý III/2026", None, "date", None, "2026-09-30", None),
    ("đầu Quý III/2026", None, "date", None, "2026-07-01", None),
    ("Tuần đầu tháng 3/2026", None, "date", None, "2026-03-07", None),
    ("Tuần thứ 2 tháng 3/2026", None, "date", None, "2026-03-14", None),
    ("Tuần cuối tháng 2/2026", None, "date", None, "2026-02-28", None),
    ("Thượng tuần tháng 7/2026", None, "date", None, "2026-07-10", None),
    ("Hạ tuần tháng 7/2026", None, "date", None, "2026-07-31", None),
    ("30/10/2025", None, "date", None, "2025-10-30", None),
    ("ngày 30 tháng 10 năm 2025", None, "date", None, "2025-10-30", None),
    ("15-6-2025", None, "date", None, "2025-06-15", None),
    ("15.6.2025", None, "date", None, "2025-06-15", None),
    ("Trước 30/10/2025.", None, "date", None, "2025-10-30", None),
    ("Chậm nhất ngày 30/10/2025;", None, "date", None, "2025-10-30", None),
    ("Chậm nhất là Quý III/2026", None, "date", None, "2026-09-30", None),
    ("Hoàn thành trong Quý III/2026", None, "date", None, "2026-09-30", None),
    ("Hoàn thành trước 30/6/2026", None, "date", None, "2026-06-30", None),
    ("Trong năm 2026", None, "date", None, "2026-12-31", None),
    ("Trong tháng 9/2025", None, "date", None, "2025-09-30", None),
    ("Đến hết năm 2030", None, "date", None, "2030-12-31", None),
    ("Năm 2026;", None, "date", None, "2026-12-31", None),
    ("Quý IV", 2025, "date", None, "2025-12-31", None),
    ("Đợt 1: Tháng 3/2026; Đợt 2: Tháng 9/2026", None, "date", None, "2026-09-30", None),
    ("Thường xuyên", None, "recurring", None, None, "period"),
    ("Thực hiện thường xuyên", None, "recurring", None, None, "period"),
    ("Hằng năm", None, "recurring", None, None, "year"),
    ("Hằng quý", None, "recurring", None, None, "quarter"),
    ("Hàng quý", None, "recurring", None, None, "quarter"),
    ("Định kỳ hằng quý", None, "recurring", None, None, "quarter"),
    ("Định kỳ 6 tháng", None, "recurring", None, None, "half"),
    ("6 tháng/lần", None, "recurring", None, None, "half"),
    ("Hằng tháng", None, "recurring", None, None, "month"),
    ("Trước ngày 12 hằng tháng", None, "recurring", None, None, "month"),
    ("Hằng tuần", None, "recurring", None, None, "period"),
    ("Định kỳ", None, "recurring", None, None, "period"),
    ("2025 và những năm tiếp theo", None, "recurring", "2025-01-01", None, "year"),
    ("Năm 2025 và các năm tiếp theo", None, "recurring", "2025-01-01", None, "year"),
    ("Từ năm 2026", None, "recurring", "2026-01-01", None, "year"),
    ("Từ năm 2026 trở đi", None, "recurring", "2026-01-01", None, "year"),
    ("Từ Quý III/2026", None, "recurring", "2026-07-01", None, "quarter"),
    ("Từ ngày 01/7/2025", None, "recurring", "2025-07-01", None, "period"),
    ("Hằng năm, giai đoạn 2026 - 2030", None, "recurring", "2026-01-01", "2030-12-31", "year"),
    ("Thường xuyên trong năm 2026", None, "recurring", "2026-01-01", "2026-12-31", "period"),
    ("Theo kế hoạch hàng năm hoặc đột xuất", None, "recurring", None, None, "year"),
    ("Hằng quý năm 2026", None, "recurring", "2026-01-01", "2026-12-31", "quarter"),
    ("Năm 2026 và duy trì hằng năm", None, "recurring", "2026-01-01", None, "year"),
    ("Quý I/2026 và thường xuyên", None, "recurring", "2026-01-01", None, "period"),
    ("Quý II/2026; duy trì thường xuyên", None, "recurring", "2026-04-01", None, "period"),
    ("Hằng năm từ năm 2026", None, "recurring", "2026-01-01", None, "year"),
    ("Trước ngày 15/12 hằng năm", None, "recurring", None, None, "year"),
    ("Năm 2026 (Quý IV)", None, "date", None, "2026-12-31", None),
    ("(Quý IV/2026)", None, "date", None, "2026-12-31", None),
    ("Trước 15/12/2025 (báo cáo năm)", None, "date", None, "2025-12-15", None),
    ("Tháng 6/2026 (Đợt 1), tháng 12/2026 (Đợt 2)", None, "date", None, "2026-12-31", None),
    ("Quý IV/2025 - Quý II/2026", None, "range", "2025-10-01", "2026-06-30", None),
    ("Năm 2026, 2027", None, "date", None, "2027-12-31", None),
    ("Cuối năm", 2026, "date", None, "2026-12-31", None),
    ("Cuối năm nay", 2026, "date", None, "2026-12-31", None),
    ("Trong năm", 2026, "date", None, "2026-12-31", None),
    ("+ Quý II/2026: báo cáo sơ kết + Quý IV/2026: báo cáo tổng kết", None, "date", None, "2026-12-31", None),
    ("Quý II/2026: báo cáo sơ kết", None, "date", None, "2026-06-30", None),
    ("Kỳ I: tháng 6/2026", None, "date", None, "2026-06-30", None),
    ("Năm 2025 (hoàn thành trước 30/11/2025)", None, "date", None, "2025-11-30", None),
    ("Quý II/2026 (trước 15/6/2026)", None, "date", None, "2026-06-15", None),
    ("Quý II/2026 (trước 15/9/2026)", None, "date", None, "2026-06-30", None),  # an aside outside the span
    ("Năm 2026 (Quý IV)", 2025, "date", None, "2026-12-31", None),
    ("Q2/2026", None, "date", None, "2026-06-30", None),
    ("T6/2026", None, "date", None, "2026-06-30", None),
    ("Trước ngày 10 của tháng cuối quý", None, "recurring", None, None, "quarter"),
]


@pytest.mark.parametrize("case", DATED, ids=[case[0] for case in DATED])
def test_variants(case: tuple[str, int | None, str, str | None, str | None, str | None]) -> None:
    text, year, kind, start, due, every = case
    reading = read_deadline(text, default_year=year)
    assert reading is not None
    assert (reading["kind"], reading["from"], reading["due"], reading["every"]) == (kind, start, due, every)
    assert reading["text"] == text
    assert reading["trigger"] is None


EVENTS = [
    "Sau khi Nghị định được ban hành",
    "Khi có yêu cầu",
    "Ngay sau khi Đề án được phê duyệt",
    "Theo lộ trình của Bộ Công an",
    "Theo hướng dẫn của Bộ Nội vụ",
    "Theo Kế hoạch của UBND tỉnh",
    "Thực hiện theo chỉ đạo của UBND tỉnh",
    "Theo tiến độ của dự án",
    "Đột xuất",
    "Trong vòng 30 ngày kể từ ngày Nghị định có hiệu lực",
    "Sau khi Đề án giai đoạn 2026 - 2030 được phê duyệt",
    "Khi Bộ ban hành hướng dẫn, dự kiến trong năm",
    "Sau khi Nghị định (sửa đổi) được ban hành",
    "Khi có hướng dẫn (dự kiến Quý II/2026)",  # an estimate in an aside is not a deadline
    "Theo quy định",
    "Theo Kế hoạch số 12/KH-UBND, ngày 15/3/2026",  # the date of the plan cited, not a deadline
]


@pytest.mark.parametrize("text", EVENTS)
def test_event_keeps_the_whole_cell_as_trigger(text: str) -> None:
    assert read_deadline(text) == _expected((text, "event", None, None, None, text))


# (text, due, trigger)
MIXED = [
    (
        "- Đợt 1: Tháng 3/2026; - Các đợt tiếp theo: Khi có quy định mới của Trung ương",
        "2026-03-31",
        "Khi có quy định mới của Trung ương",
    ),
    (
        "Giai đoạn 1: Quý II/2026; giai đoạn 2: sau khi Đề án được phê duyệt",
        "2026-06-30",
        "sau khi Đề án được phê duyệt",
    ),
    ("Khi có hướng dẫn của Bộ; chậm nhất Quý IV/2026", "2026-12-31", "Khi có hướng dẫn của Bộ"),
    ("Quý IV/2026 hoặc khi có hướng dẫn của Bộ", "2026-12-31", "khi có hướng dẫn của Bộ"),
    ("Năm 2026, theo lộ trình của Trung ương", "2026-12-31", "theo lộ trình của Trung ương"),
    ("Sau khi Nghị định được ban hành, chậm nhất năm 2027", "2027-12-31", "Sau khi Nghị định được ban hành"),
    ("Sau khi Đề án được phê duyệt, trước ngày 30/6/2026", "2026-06-30", "Sau khi Đề án được phê duyệt"),
    (
        "- Đợt 1: Tháng 3/2026 - Các đợt tiếp theo: Khi có quy định mới của Trung ương",
        "2026-03-31",
        "Khi có quy định mới của Trung ương",
    ),
    ("Tháng 3/2026 - Khi có quy định mới", "2026-03-31", "Khi có quy định mới"),
]


@pytest.mark.parametrize("case", MIXED, ids=[case[0] for case in MIXED])
def test_mixed_keeps_first_dated_part_and_event_clause(case: tuple[str, str, str]) -> None:
    text, due, trigger = case
    assert read_deadline(text) == _expected((text, "mixed", None, due, None, trigger))


UNREADABLE: list[tuple[str, int | None]] = [
    ("Quý IV", None),  # no year printed and none given: never guessed
    ("Tháng 12", None),
    ("Trong năm", None),
    ("31/4/2026", None),
    ("29/2/2026", None),
    ("Tháng 13/2026", None),
    ("Quý V/2026", None),
    ("Năm 2030 - 2026", None),
    ("Sớm", None),
    ("Giữa Quý II/2026", None),
    ("Cải cách hành chính", None),
    ("123", None),
]


@pytest.mark.parametrize("case", UNREADABLE, ids=[case[0] for case in UNREADABLE])
def test_unreadable_is_unknown_with_text_kept(case: tuple[str, int | None]) -> None:
    text, year = case
    assert read_deadline(text, default_year=year) == _expected((text, "unknown", None, None, None, None))


@pytest.mark.parametrize("text", [None, "", "   ", "\u00a0\n"])
def test_empty_cell_is_none(text: str | None) -> None:
    assert read_deadline(text) is None


def test_text_is_cleaned_as_printed() -> None:
    reading = read_deadline("  Quý\u00a0II/2026 \n")
    assert reading is not None and reading["text"] == "Quý II/2026"


@pytest.mark.parametrize(
    ("text", "inclusive", "exclusive"),
    [
        ("Trước ngày 15/6/2025", "2025-06-15", "2025-06-14"),
        ("Trước ngày 01/01/2026", "2026-01-01", "2025-12-31"),
        ("Trước tháng 6/2026", "2026-06-30", "2026-05-31"),
        ("Hoàn thành trước Quý III/2026", "2026-09-30", "2026-06-30"),
        ("Chậm nhất ngày 15/6/2025", "2025-06-15", "2025-06-15"),  # "chậm nhất" names the last day itself
        ("15/6/2025", "2025-06-15", "2025-06-15"),
    ],
)
def test_before_day(text: str, inclusive: str, exclusive: str) -> None:
    assert read_deadline(text)["due"] == inclusive  # type: ignore[index]
    assert read_deadline(text, before_day="exclusive")["due"] == exclusive  # type: ignore[index]


def test_before_day_must_be_known() -> None:
    with pytest.raises(ValueError, match="before_day"):
        read_deadline("Quý II/2026", before_day="sometimes")


def test_due_after_event_does_not_count_the_event_day() -> None:
    assert due_after_event(date(2026, 3, 30), 30) == date(2026, 4, 29)
    assert due_after_event(date(2025, 12, 31), 1) == date(2026, 1, 1)
    assert due_after_event(date(2026, 5, 1), 0) == date(2026, 5, 1)
    with pytest.raises(ValueError):
        due_after_event(date(2026, 5, 1), -1)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=120), st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
def test_any_text_reads_without_raising(text: str, year: int | None) -> None:
    reading = read_deadline(text, default_year=year)
    if reading is not None:
        assert reading["kind"] in KINDS
        assert reading["every"] is None or reading["every"] in EVERY
        assert list(reading) == list(FIELDS)


_PIECES = [
    "Quý",
    "Tháng",
    "Năm",
    "ngày",
    "II",
    "IV",
    "2026",
    "12",
    "31",
    "/",
    "-",
    "–",
    ",",
    ";",
    "và",
    "Trước",
    "Sau khi",
    "Khi",
    "Theo",
    "hằng",
    "năm",
    "Giai đoạn",
    "từ",
    "đến",
    "đầu",
    "cuối",
    ":",
    " ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.one_of(st.none(), st.integers(1, 9999)))
def test_phrase_like_text_reads_without_raising(pieces: list[str], year: int | None) -> None:
    reading = read_deadline(" ".join(pieces), default_year=year)
    assert reading is None or reading["kind"] in KINDS


def test_command_prints_json() -> None:
    out = StringIO()
    call_command("deadline", "Quý IV", "--year", "2025", stdout=out)
    assert json.loads(out.getvalue()) == _expected(("Quý IV", "date", None, "2025-12-31", None, None))


def test_command_before_day_and_vietnamese_text() -> None:
    out = StringIO()
    call_command("deadline", "Trước ngày 15/6/2025", "--before-day", "exclusive", stdout=out)
    assert '"Trước ngày 15/6/2025"' in out.getvalue()
    assert json.loads(out.getvalue())["due"] == "2025-06-14"


def test_command_rejects_unknown_before_day() -> None:
    with pytest.raises(CommandError):
        call_command("deadline", "Quý IV", "--before-day", "sometimes")
