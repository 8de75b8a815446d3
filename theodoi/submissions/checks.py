"""Checks on reported numbers (seed 004, part II): pure functions over plain values, no database.

Each check returns a list of `Flag`s, empty when the numbers pass. Errors block submission;
warnings are shown to the reviewer; both travel with the item so the review screen and the API
show the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal

from theodoi.submissions.choices import Severity, VoidCondition

HUNDRED = Decimal(100)
# A value typed with two decimals ("66,67") still matches a/b = 66.666…
FORMULA_TOLERANCE = Decimal("0.01")
# Computed values carry the precision figures are stored with (4 decimals).
PRECISION = Decimal("0.0001")


@dataclass(frozen=True)
class Flag:
    """One finding about an item: a stable code, how serious it is, and what to tell people."""

    code: str
    severity: str
    message: str
    field: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _fmt(number: Decimal) -> str:
    """A number as Vietnamese write it: comma for decimals, no trailing zeros."""
    text = f"{number.normalize():f}" if number == number.to_integral() else f"{number:.2f}".rstrip("0")
    return text.replace(".", ",")


def check_not_negative(values: dict[str, Decimal | None], labels: dict[str, str]) -> list[Flag]:
    return [
        Flag("negative", Severity.ERROR, f"{labels.get(name, name)} không được âm ({_fmt(value)}).", name)
        for name, value in values.items()
        if value is not None and value < 0
    ]


def check_ratio(numerator: Decimal | None, denominator: Decimal | None) -> list[Flag]:
    """A share a/b: a must not exceed b, and b must be positive once a is given."""
    if numerator is None or denominator is None:
        return []
    if denominator == 0 and numerator > 0:
        message = "Mẫu số (b) bằng 0 trong khi tử số (a) lớn hơn 0."
        return [Flag("zero_denominator", Severity.ERROR, message, "denominator")]
    if numerator > denominator:
        message = f"Tử số (a = {_fmt(numerator)}) lớn hơn mẫu số (b = {_fmt(denominator)})."
        return [Flag("numerator_exceeds_denominator", Severity.ERROR, message, "numerator")]
    return []


def formula_value(numerator: Decimal, denominator: Decimal, *, percent: bool) -> Decimal | None:
    """a/b, times 100 for an indicator measured in %, to 4 decimals; None when b is 0."""
    if denominator == 0:
        return None
    ratio = numerator / denominator * (HUNDRED if percent else 1)
    return ratio.quantize(PRECISION)


def check_formula(
    numerator: Decimal | None, denominator: Decimal | None, value: Decimal | None, *, percent: bool
) -> list[Flag]:
    """The value given must be what the formula gives from a and b (to two decimals)."""
    if numerator is None or denominator is None or value is None:
        return []
    expected = formula_value(numerator, denominator, percent=percent)
    if expected is None or abs(expected - value) <= FORMULA_TOLERANCE:
        return []
    message = f"Giá trị {_fmt(value)} không khớp công thức a/b{' × 100' if percent else ''} = {_fmt(expected)}."
    return [Flag("formula_mismatch", Severity.ERROR, message, "value")]


def check_two_sources(
    first: Decimal | None, second: Decimal | None, *, high_risk: bool, tolerance_percent: Decimal
) -> list[Flag]:
    """High-risk indicators are checked against a second source; a gap beyond the tolerance is
    flagged (relative to the larger value, in percent)."""
    if first is None:
        return []
    if second is None:
        if not high_risk:
            return []
        message = "Chỉ tiêu có nguy cơ sai lệch cao: phải đối chiếu tối thiểu 02 nguồn dữ liệu."
        return [Flag("second_source_missing", Severity.ERROR, message, "second_source_value")]
    gap = relative_gap(first, second)
    if gap <= tolerance_percent:
        return []
    message = (
        f"Hai nguồn số liệu lệch nhau {_fmt(gap)}% ({_fmt(first)} và {_fmt(second)}), "
        f"vượt mức cho phép {_fmt(tolerance_percent)}%."
    )
    return [Flag("sources_differ", Severity.WARNING, message, "second_source_value")]


def relative_gap(first: Decimal, second: Decimal) -> Decimal:
    """|first − second| as a percent of the larger of the two (0 when both are 0)."""
    larger = max(abs(first), abs(second))
    return Decimal(0) if larger == 0 else abs(first - second) / larger * HUNDRED


def check_jump(current: Decimal | None, previous: Decimal | None, *, threshold_percent: Decimal | None) -> list[Flag]:
    """A change against the last period beyond the threshold (percent of the previous value)."""
    if current is None or previous is None or threshold_percent is None:
        return []
    if previous == 0:
        if current == 0:
            return []
        change = None
    else:
        change = abs(current - previous) / abs(previous) * HUNDRED
        if change <= threshold_percent:
            return []
    told = f"{_fmt(change)}%" if change is not None else "từ 0"
    message = (
        f"Biến động bất thường so với kỳ trước: {_fmt(previous)} → {_fmt(current)} ({told}, "
        f"ngưỡng {_fmt(threshold_percent)}%)."
    )
    return [Flag("jump", Severity.WARNING, message, "value")]


def check_void_conditions(
    conditions: Iterable[str], *, sample_size: int | None, min_sample: int | None
) -> list[Flag]:
    """The conditions under which "đạt" is not accepted; a sample below the minimum counts as one."""
    found = list(dict.fromkeys(conditions))
    if min_sample is not None and sample_size is not None and sample_size < min_sample:
        if VoidCondition.INSUFFICIENT_SAMPLE not in found:
            found.append(VoidCondition.INSUFFICIENT_SAMPLE)
    return [
        Flag(
            f"void_{condition}", Severity.WARNING,
            f"Không công nhận kết quả đạt: {VoidCondition(condition).label}.", str(condition),
        )
        for condition in found
    ]


def check_extracted_vs_manual(manual: Decimal | None, extracted: Decimal | None, system: str) -> list[Flag]:
    """Extracted values win; when the unit typed a different one, show the difference."""
    if manual is None or extracted is None or manual == extracted:
        return []
    message = (
        f"Số liệu trích xuất từ {system} ({_fmt(extracted)}) được dùng thay cho số nhập tay "
        f"({_fmt(manual)}); chênh lệch {_fmt(extracted - manual)}."
    )
    return [Flag("extracted_differs", Severity.INFO, message, "value")]


def target_met(value: Decimal | None, op: str, target: Decimal | None) -> bool | None:
    """Whether `value` meets the indicator's target (None when either is unknown)."""
    if value is None or target is None or not op:
        return None
    comparisons = {
        ">=": value >= target, "<=": value <= target, "=": value == target, ">": value > target, "<": value < target,
    }
    return comparisons[op]


def achieved(value: Decimal | None, op: str, target: Decimal | None, flags: Iterable[Flag]) -> bool | None:
    """"Đạt" only when the target is met and no condition voids it."""
    met = target_met(value, op, target)
    if met and any(flag.code.startswith("void_") for flag in flags):
        return False
    return met


def has_errors(flags: Iterable[Flag]) -> bool:
    return any(flag.severity == Severity.ERROR for flag in flags)
