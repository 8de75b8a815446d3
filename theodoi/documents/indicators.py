"""The indicator table of the documents: each indicator of a plan beside its target, with the
result for a period and whether it is met, as theodoi.results computes them. This module only
turns those results into the documents' text; the rules (ratios add numerators and
denominators, missing is not zero, đạt / chưa đạt / chưa có số liệu) live in theodoi.results."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from theodoi.periods.windows import Period
from theodoi.plans.models import Indicator, Plan
from theodoi.results.rules import Reason
from theodoi.results.selectors import IndicatorResult, indicator_results


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator as the documents print it."""

    indicator: Indicator
    target: str
    result: str
    verdict: str
    progress: str = ""
    note: str = ""

    def cells(self) -> list[str]:
        ind = self.indicator
        return [ind.ref, ind.name, ind.unit_of_measure, self.target, self.result, self.verdict, self.note]


def number_text(value: Decimal) -> str:
    """A number as Vietnamese documents write it: "1.234,5" (at most two decimals)."""
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    whole, _, fraction = f"{rounded:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = ".".join(digits[max(0, end - 3) : end] for end in range(len(digits), 0, -3)[::-1])
    return f"{sign}{grouped}{',' + fraction if fraction else ''}"


def target_text(indicator: Indicator) -> str:
    if indicator.target_text:
        return indicator.target_text
    if indicator.target_value is not None:
        return f"{indicator.get_target_op_display()} {number_text(indicator.target_value)}".strip()
    return ""


def _value_text(result: IndicatorResult) -> str:
    if result.value is None:
        return ""
    text = number_text(result.value) + ("%" if result.percent else "")
    if result.numerator is not None and result.denominator is not None:
        text += f" ({number_text(result.numerator)}/{number_text(result.denominator)})"
    return text


def _note(result: IndicatorResult) -> str:
    labels = [str(Reason(reason).label) for reason in result.reasons if reason in Reason.values]
    if result.units_expected and result.units_reported < result.units_expected:
        missing = result.units_expected - result.units_reported
        labels = [label for label in labels if label != Reason.MISSING_UNITS.label]
        labels.append(f"{missing} đơn vị chưa báo cáo")
    return "; ".join(dict.fromkeys(labels))


def _progress(result: IndicatorResult) -> str:
    if not result.units_expected:
        return ""
    return f"{result.units_reported}/{result.units_expected} đơn vị có số liệu"


def indicator_lines(plan: Plan, period: Period | None) -> list[IndicatorLine]:
    """Every live indicator with its rolled-up result from accepted reports: of `period`, or of
    the year so far when no period is given."""
    return [
        IndicatorLine(
            indicator=result.indicator,
            target=target_text(result.indicator),
            result=_value_text(result),
            verdict=str(result.verdict.label),
            progress=_progress(result),
            note=_note(result),
        )  # fmt: skip
        for result in indicator_results(plan, period=period)
    ]
