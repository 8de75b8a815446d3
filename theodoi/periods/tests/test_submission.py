"""Submission clauses read into rules, and the due moments they give each period."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from theodoi.periods.submission import (
    VIETNAM_TZ,
    SubmissionRule,
    SubmissionSchedule,
    due_at,
    due_date,
    find_submission_clause,
    read_submission_clause,
)
from theodoi.periods.windows import Period, PeriodKind, WindowMode
from theodoi.periods.workdays import WorkCalendar

M, Q, H, N, Y = (
    PeriodKind.MONTH,
    PeriodKind.QUARTER,
    PeriodKind.HALF,
    PeriodKind.NINE_MONTHS,
    PeriodKind.YEAR,
)
SEED_002 = (
    "2. Các phòng, đơn vị thuộc sở căn cứ nhiệm vụ được giao triển khai thực \n\nhiện và báo cáo kết "
    "quả thực hiện định kỳ quý I trước ngày 13/3, 6 tháng trước \n\n13/6, 9 tháng trước 13/9 và năm "
    "trước ngày 08/11 về Văn phòng Sở tổng hợp."
)
SEED_003 = "- Trước ngày 12 hàng tháng báo cáo tình hình thực hiện nhiệm vụ theo Kế hoạch"
SEED_004 = "- **Trước 17h00 ngày 12 hằng tháng**, các cơ quan, đơn vị cập nhật đầy đủ, kịp thời"


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        (SEED_004, [SubmissionRule(M, 12, at=time(17, 0))]),
        (SEED_003, [SubmissionRule(M, 12)]),
        (
            SEED_002,
            [
                SubmissionRule(Q, 13, 3, index=1),
                SubmissionRule(H, 13, 6, index=1),
                SubmissionRule(N, 13, 9, index=1),
                SubmissionRule(Y, 8, 11, index=1),
            ],
        ),
        ("Hằng tháng, trước ngày 20 gửi báo cáo", [SubmissionRule(M, 20)]),
        ("Báo cáo định kỳ hằng tháng (trước ngày 20)", [SubmissionRule(M, 20)]),
        ("trước 8 giờ 30 ngày 5 hằng tháng", [SubmissionRule(M, 5, at=time(8, 30))]),
        ("chậm nhất ngày 25 hàng tháng", [SubmissionRule(M, 25)]),
        ("trước ngày 15 của tháng cuối hằng quý", [SubmissionRule(Q, 15)]),
        (
            "Quý II trước ngày 10/6, quý IV trước ngày 10/12",
            [SubmissionRule(Q, 10, 6, 2), SubmissionRule(Q, 10, 12, 4)],
        ),
        (
            "báo cáo 6 tháng đầu năm trước ngày 15/6 và cả năm trước ngày 15/12",
            [SubmissionRule(H, 15, 6, 1), SubmissionRule(Y, 15, 12, 1)],
        ),
        ("Báo cáo kết quả khi kết thúc nhiệm vụ", []),
        ("Thực hiện nghiêm chế độ báo cáo định kỳ", []),
    ],
)
def test_reading_clauses(text: str, rules: list[SubmissionRule]) -> None:
    assert list(read_submission_clause(text)) == rules


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        (SEED_003, [SubmissionRule(M, 11)]),
        (SEED_004, [SubmissionRule(M, 12, at=time(17, 0))]),  # the hour keeps the day
        ("quý I trước ngày 01/4", [SubmissionRule(Q, 31, 3, 1)]),
        ("năm trước ngày 01/3", [SubmissionRule(Y, 28, 2, 1)]),
    ],
)
def test_exclusive_reading(text: str, rules: list[SubmissionRule]) -> None:
    assert list(read_submission_clause(text, before_day="exclusive")) == rules


def test_rule_round_trips_through_a_dict() -> None:
    rule = SubmissionRule(Q, 13, 3, 1, time(17, 0))
    assert SubmissionRule.from_dict(rule.to_dict()) == rule


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": M, "day": 0},
        {"kind": M, "day": 32},
        {"kind": M, "day": 5, "month": 3},
        {"kind": Q, "day": 5, "month": 3},
        {"kind": Y, "day": 5, "month": 13},
    ],
)
def test_impossible_rules_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        SubmissionRule(**kwargs)  # type: ignore[arg-type]


D09, CAL = WindowMode.DECREE_09, WindowMode.CALENDAR


@pytest.mark.parametrize(
    ("rule", "period", "mode", "expected"),
    [
        # NĐ 09 windows end on the 14th: "ngày 12 hằng tháng" is the 12th of the same month.
        (SubmissionRule(M, 12), Period(2026, M, 3), D09, date(2026, 3, 12)),
        (SubmissionRule(M, 12), Period(2026, M, 1), D09, date(2026, 1, 12)),
        # A day more than a week before the cut-off belongs to the month after.
        (SubmissionRule(M, 5), Period(2026, M, 3), D09, date(2026, 4, 5)),
        (SubmissionRule(M, 5), Period(2026, M, 12), D09, date(2027, 1, 5)),
        # Calendar windows end on the last day: the 12th of the next month, across the year end.
        (SubmissionRule(M, 12), Period(2026, M, 12), CAL, date(2027, 1, 12)),
        (SubmissionRule(M, 12), Period(2024, M, 2), CAL, date(2024, 3, 12)),
        # Day 31 (or 30) in months of 30, 29 and 28 days is the month's last day.
        (SubmissionRule(M, 31), Period(2026, M, 4), CAL, date(2026, 4, 30)),
        (SubmissionRule(M, 31), Period(2024, M, 2), CAL, date(2024, 2, 29)),
        (SubmissionRule(M, 31), Period(2026, M, 2), CAL, date(2026, 2, 28)),
        (SubmissionRule(M, 30), Period(2026, M, 2), CAL, date(2026, 2, 28)),
        (SubmissionRule(M, 31), Period(2026, M, 1), CAL, date(2026, 1, 31)),
        # Under NĐ 09 day 31 lies past the 14th cut-off: the same month still.
        (SubmissionRule(M, 31), Period(2026, M, 2), D09, date(2026, 2, 28)),
        (SubmissionRule(Q, 15), Period(2026, Q, 4), D09, date(2026, 12, 15)),
        (SubmissionRule(Q, 15), Period(2026, Q, 4), CAL, date(2027, 1, 15)),
        # Fixed day/month (seed 002).
        (SubmissionRule(Q, 13, 3, 1), Period(2026, Q, 1), D09, date(2026, 3, 13)),
        (SubmissionRule(H, 13, 6, 1), Period(2026, H, 1), D09, date(2026, 6, 13)),
        (SubmissionRule(N, 13, 9, 1), Period(2026, N, 1), D09, date(2026, 9, 13)),
        (SubmissionRule(Y, 8, 11, 1), Period(2026, Y, 1), D09, date(2026, 11, 8)),
        (SubmissionRule(Y, 29, 2, 1), Period(2026, Y, 1), D09, date(2026, 2, 28)),
        (SubmissionRule(Y, 29, 2, 1), Period(2028, Y, 1), D09, date(2028, 2, 29)),
    ],
)
def test_due_dates(rule: SubmissionRule, period: Period, mode: WindowMode, expected: date) -> None:
    assert due_date(rule, period, mode) == expected


def test_rule_for_another_period_is_refused() -> None:
    with pytest.raises(ValueError):
        due_date(SubmissionRule(Q, 13, 3, 1), Period(2026, Q, 2))


@pytest.mark.parametrize(
    ("rule", "period", "roll", "expected"),
    [
        (
            SubmissionRule(M, 12, at=time(17)),
            Period(2026, M, 4),
            False,
            datetime(2026, 4, 12, 17, tzinfo=VIETNAM_TZ),
        ),
        # 12/4/2026 is a Sunday: rolled to Monday, same hour.
        (
            SubmissionRule(M, 12, at=time(17)),
            Period(2026, M, 4),
            True,
            datetime(2026, 4, 13, 17, tzinfo=VIETNAM_TZ),
        ),
        # No hour: the end of the day, Vietnam time.
        (
            SubmissionRule(M, 12),
            Period(2026, M, 3),
            True,
            datetime(2026, 3, 12, 23, 59, 59, 999999, tzinfo=VIETNAM_TZ),
        ),
        # 13/6/2026 is a Saturday.
        (
            SubmissionRule(H, 13, 6, 1),
            Period(2026, H, 1),
            True,
            datetime(2026, 6, 15, 23, 59, 59, 999999, tzinfo=VIETNAM_TZ),
        ),
    ],
)
def test_due_moments_and_roll_forward(rule: SubmissionRule, period: Period, roll: bool, expected: datetime) -> None:
    moment = due_at(rule, period, roll_to_working_day=roll)
    assert moment == expected
    assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 7 * 3600


def test_roll_forward_uses_coordinator_days_off() -> None:
    calendar = WorkCalendar.build({date(2026, 3, 12): "Nghỉ theo thông báo"})
    moment = due_at(SubmissionRule(M, 12), Period(2026, M, 3), workdays=calendar, roll_to_working_day=True)
    assert moment.date() == date(2026, 3, 13)


def test_seed_002_schedule_gives_four_reports_a_year() -> None:
    schedule = SubmissionSchedule(read_submission_clause(SEED_002))
    found = [(p.label, d.date()) for p, d in schedule.periods_of_year(2026)]
    assert found == [
        ("Quý I/2026", date(2026, 3, 13)),
        ("6 tháng đầu năm 2026", date(2026, 6, 13)),
        ("9 tháng 2026", date(2026, 9, 13)),
        ("Năm 2026", date(2026, 11, 8)),
    ]
    assert schedule.due_at(Period(2026, Q, 2)) is None  # quý II is covered by the six-month report


def test_monthly_schedule_between_dates_crosses_the_year() -> None:
    schedule = SubmissionSchedule(read_submission_clause(SEED_004), roll_to_working_day=True)
    found = schedule.periods_between(date(2025, 12, 1), date(2026, 2, 28))
    assert [(p.label, d) for p, d in found] == [
        ("Tháng 12/2025", datetime(2025, 12, 12, 17, tzinfo=VIETNAM_TZ)),
        ("Tháng 1/2026", datetime(2026, 1, 12, 17, tzinfo=VIETNAM_TZ)),
        ("Tháng 2/2026", datetime(2026, 2, 12, 17, tzinfo=VIETNAM_TZ)),
    ]


SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"


@pytest.mark.parametrize(
    ("seed", "rules"),
    [
        # No reporting deadline in these documents: the coordinator enters it.
        ("000_6574c376147333d0.txt", []),
        ("001_d3ec81e35b4e1de3.txt", []),
        (
            "002_d118380a678d2527.txt",
            [
                SubmissionRule(Q, 13, 3, index=1),
                SubmissionRule(H, 13, 6, index=1),
                SubmissionRule(N, 13, 9, index=1),
                SubmissionRule(Y, 8, 11, index=1),
            ],
        ),
        ("003_7aa614ab00280345.txt", [SubmissionRule(M, 12)]),
        ("004_b739e41cd6749cb2.txt", [SubmissionRule(M, 12, at=time(17, 0))]),
    ],
)
def test_whole_seed_documents(seed: str, rules: list[SubmissionRule]) -> None:
    assert list(read_submission_clause((SEEDS / seed).read_text("utf-8"))) == rules


@pytest.mark.parametrize(
    ("seed", "clause"),
    [
        ("000_6574c376147333d0.txt", ""),
        (
            "002_d118380a678d2527.txt",
            "Các phòng, đơn vị thuộc sở căn cứ nhiệm vụ được giao triển khai thực hiện và báo cáo kết quả "
            "thực hiện định kỳ quý I trước ngày 13/3, 6 tháng trước 13/6, 9 tháng trước 13/9 và năm trước "
            "ngày 08/11 về Văn phòng Sở tổng hợp.",
        ),
        (
            "003_7aa614ab00280345.txt",
            "Trước ngày 12 hàng tháng báo cáo tình hình thực hiện nhiệm vụ theo Kế hoạch, nhiệm vụ phát triển "
            "khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 của sở, ngành, địa phương về Sở "
            "Khoa học và Công nghệ để theo dõi, tổng hợp, báo cáo Chủ tịch UBND tỉnh.",
        ),
    ],
)
def test_finding_the_clause_in_a_whole_document(seed: str, clause: str) -> None:
    found = find_submission_clause((SEEDS / seed).read_text("utf-8"))
    assert found == clause
    assert read_submission_clause(found) == read_submission_clause((SEEDS / seed).read_text("utf-8"))


def test_finding_the_clause_of_seed_004_keeps_its_hour() -> None:
    found = find_submission_clause((SEEDS / "004_b739e41cd6749cb2.txt").read_text("utf-8"))
    assert found.startswith("Trước 17h00 ngày 12 hằng tháng, các cơ quan, đơn vị cập nhật")
    assert list(read_submission_clause(found)) == [SubmissionRule(M, 12, at=time(17, 0))]
