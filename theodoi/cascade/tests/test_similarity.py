"""The scoring on its own (no database): folding, weighting, ranking, and the 000 → 001 hit rate."""

from __future__ import annotations

import pytest

from theodoi.cascade.similarity import WEAK_SCORE, HigherIndex, TaskText, suggest, syllables, terms
from theodoi.cascade.tests.seeds import HIGHER, LOWER, expected_links, higher_ref, seed_document


def test_terms_are_unaccented_syllables_and_neighbouring_pairs():
    assert syllables("Chuyển đổi SỐ; Đề án 06") == ["chuyen", "doi", "so", "de", "an", "06"]
    assert terms("Dữ liệu số") == ["du", "lieu", "so", "du lieu", "lieu so"]
    assert terms("") == [] and terms(None) == []


def test_a_misspelt_diacritic_still_meets_its_word():
    index = HigherIndex([TaskText(1, "Đào tạo kỹ năng phục vụ chuyển đổi số"), TaskText(2, "Quản lý tài sản công")])
    assert index.rank(TaskText("x", "Đào tạo kỹ năng phục vụ chuyên đổi số"))[0].key == 1


HIGHER_TASKS = [
    TaskText(
        "I.1",
        "Tăng cường thông tin, tuyên truyền cải cách hành chính",
        output="Chuyên mục, bản tin",
        section=("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",),
    ),
    TaskText(
        "I.2",
        "Tăng cường kiểm tra việc thực hiện nhiệm vụ cải cách hành chính",
        output="Báo cáo kết quả kiểm tra",
        section=("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",),
    ),
    TaskText(
        "II.1",
        "Triển khai thực hiện Luật Đất đai và các văn bản hướng dẫn thi hành",
        output="Kế hoạch triển khai",
        section=("CẢI CÁCH THỂ CHẾ",),
    ),
    TaskText(
        "III.1",
        "Thực hiện việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        output="Dữ liệu được số hóa",
        section=("CẢI CÁCH THỦ TỤC HÀNH CHÍNH",),
    ),
    TaskText(
        "VI.1",
        "Quản lý, sử dụng tài sản công; sắp xếp, xử lý trụ sở, nhà, đất sau sắp xếp bộ máy",
        output="Các văn bản, báo cáo",
        section=("CẢI CÁCH TÀI CHÍNH CÔNG",),
    ),
    TaskText(
        "VII.1",
        "Tổ chức triển khai Chiến lược dữ liệu quốc gia",
        output="Kế hoạch của Chủ tịch UBND tỉnh",
        section=("CHÍNH QUYỀN SỐ", "Hoàn thiện khung pháp lý"),
    ),
    TaskText(
        "VII.2",
        "Tổ chức triển khai Chiến lược dữ liệu quốc gia trên địa bàn tỉnh, bảo đảm phù hợp với Khung "
        "kiến trúc dữ liệu quốc gia và Từ điển dữ liệu dùng chung",
        output="Kế hoạch triển khai Chiến lược",
        section=("CHÍNH QUYỀN SỐ", "Phát triển dữ liệu số"),
    ),
]


@pytest.mark.parametrize(
    ("lower", "expected"),
    [
        # A department's own wording of the higher rows: its verbs in front, its own outputs.
        (TaskText("a", "Phối hợp tuyên truyền về cải cách hành chính trên Cổng thông tin điện tử của Sở"), "I.1"),
        (TaskText("b", "Kiểm tra công tác cải cách hành chính tại các phòng, đơn vị thuộc Sở"), "I.2"),
        (TaskText("c", "Phối hợp triển khai Luật Đất đai"), "II.1"),
        (TaskText("d", "Số hóa hồ sơ thủ tục hành chính thuộc thẩm quyền giải quyết của Sở"), "III.1"),
        (TaskText("e", "Rà soát, sắp xếp, xử lý tài sản công, trụ sở làm việc của Sở"), "VI.1"),
        # The short row and the long row on one subject: the heading and the length tell them apart.
        (
            TaskText(
                "f",
                "Tổ chức triển khai Chiến lược dữ liệu quốc gia",
                section=("CHÍNH QUYỀN SỐ", "Hoàn thiện khung pháp lý"),
            ),
            "VII.1",
        ),
        (
            TaskText("g", "Triển khai Chiến lược dữ liệu quốc gia, bảo đảm phù hợp Khung kiến trúc dữ liệu quốc gia"),
            "VII.2",
        ),
    ],
)
def test_a_department_rewording_finds_the_row_it_serves(lower, expected):
    assert HigherIndex(HIGHER_TASKS).rank(lower)[0].key == expected


def test_words_every_higher_row_shares_weigh_less_than_the_words_that_tell_rows_apart():
    # The lower row shares as many terms with the first rows ("triển khai thực hiện", in three of
    # four rows) as with the land row ("rà soát", "đất đai", in one): the rare terms win.
    higher = [
        TaskText("A", "Triển khai thực hiện quy định về tiền lương"),
        TaskText("B", "Triển khai thực hiện quy định về vị trí việc làm"),
        TaskText("C", "Rà soát quy định về đất đai"),
        TaskText("D", "Triển khai thực hiện Đề án đô thị thông minh"),
    ]
    assert HigherIndex(higher).rank(TaskText("x", "Triển khai thực hiện rà soát đất đai"))[0].key == "C"


def test_ranking_gives_scores_best_first_between_0_and_1_and_flags_weak_ones():
    matches = HigherIndex(HIGHER_TASKS).rank(
        TaskText("x", HIGHER_TASKS[2].name, output=HIGHER_TASKS[2].output, section=HIGHER_TASKS[2].section), limit=3
    )
    assert [m.key for m in matches][0] == "II.1" and len(matches) == 3
    assert matches[0].score == pytest.approx(1.0, abs=1e-3)
    assert all(0 <= m.score <= 1 for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    unrelated = HigherIndex(HIGHER_TASKS).rank(TaskText("y", "Tổ chức hội thao chào mừng ngày thành lập ngành"))
    assert unrelated[0].weak and unrelated[0].score < WEAK_SCORE


def test_no_candidates_no_suggestions_and_suggest_covers_every_lower_task():
    assert HigherIndex([]).rank(TaskText("x", "Bất kỳ")) == []
    result = suggest([TaskText(1, "Triển khai Luật Đất đai"), TaskText(2, "Số hóa hồ sơ")], HIGHER_TASKS, limit=2)
    assert set(result) == {1, 2} and all(len(matches) == 2 for matches in result.values())


def _texts(document):
    return [
        TaskText(row["ref"], row["name"], row.get("description") or "", row.get("output") or "", tuple(row["section"]))
        for row in document["tasks"]
    ]


def test_top_suggestion_is_the_right_province_task_for_nine_in_ten_of_the_departments_tasks():
    lower, higher = _texts(seed_document(LOWER)), _texts(seed_document(HIGHER))
    refs = {task.key for task in higher}
    expected = expected_links()
    result = suggest(lower, higher)
    assert set(expected) == {task.key for task in lower}
    hits = [ref for ref, matches in result.items() if matches[0].key == higher_ref(expected[ref], refs)]
    assert len(hits) / len(expected) >= 0.9, sorted(set(expected) - set(hits))


def test_names_alone_still_find_the_province_task():
    # Without outputs and headings (a plan whose table has only a name column).
    def names(document):
        return [TaskText(row["ref"], row["name"]) for row in document["tasks"]]

    higher = names(seed_document(HIGHER))
    refs = {task.key for task in higher}
    expected = expected_links()
    result = suggest(names(seed_document(LOWER)), higher)
    hits = sum(result[ref][0].key == higher_ref(target, refs) for ref, target in expected.items())
    assert hits / len(expected) >= 0.9
