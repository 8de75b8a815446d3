"""What re-importing a document would change in a saved plan, row by row and field by field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from theodoi.plans.models import Indicator, Plan, Task


@dataclass
class RowChange:
    ref: str
    name: str
    fields: list[str] = field(default_factory=list)


@dataclass
class PlanDiff:
    added: list[RowChange] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    removed: list[RowChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def _task_view(task: Task) -> dict[str, Any]:
    return {
        "name": task.name, "description": task.description or None, "objective": task.objective or None,
        "output": task.output or None, "lead": task.lead_names, "coordinating": task.coordinating_names,
        "deadline": task.deadline_text or None, "note": task.note or None, "section": task.section_path,
    }


def _task_row_view(row: dict[str, Any]) -> dict[str, Any]:
    deadline = row.get("deadline") or {}
    return {
        "name": row["name"], "description": row.get("description"), "objective": row.get("objective"),
        "output": row.get("output"), "lead": row["lead"], "coordinating": row["coordinating"],
        "deadline": deadline.get("text"), "note": row.get("note"), "section": row["section"],
    }


def _indicator_view(indicator: Indicator) -> dict[str, Any]:
    return {
        "name": indicator.name, "unit": indicator.unit_of_measure or None,
        "target": indicator.target_text or None, "responsible": indicator.responsible_names,
        "data_source": indicator.data_source or None, "note": indicator.note or None,
    }


def _indicator_row_view(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": row["name"], "unit": row.get("unit"), "target": (row.get("target") or {}).get("text"),
        "responsible": row["responsible"], "data_source": row.get("data_source"), "note": row.get("note"),
    }


def _compare(saved: dict[str, Any], rows: list[dict[str, Any]], view_saved: Any, view_row: Any,
             diff: PlanDiff, label: str) -> None:
    refs = set()
    for row in rows:
        refs.add(row["ref"])
        old = saved.get(row["ref"])
        if old is None:
            diff.added.append(RowChange(f"{label} {row['ref']}", row["name"]))
            continue
        before, after = view_saved(old), view_row(row)
        fields = [key for key in after if before[key] != after[key]]
        if fields:
            diff.changed.append(RowChange(f"{label} {row['ref']}", row["name"], fields))
    for ref, old in saved.items():
        if ref not in refs:
            diff.removed.append(RowChange(f"{label} {ref}", old.name))


def plan_diff(plan: Plan, document: dict[str, Any]) -> PlanDiff:
    diff = PlanDiff()
    indicators = {i.ref: i for i in plan.indicators.filter(archived=False)}
    tasks = {t.ref: t for t in plan.tasks.filter(archived=False).select_related("section__parent__parent")}
    _compare(indicators, document["indicators"], _indicator_view, _indicator_row_view, diff, "Chỉ tiêu")
    _compare(tasks, document["tasks"], _task_view, _task_row_view, diff, "Nhiệm vụ")
    return diff
