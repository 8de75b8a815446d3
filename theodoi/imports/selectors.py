"""Reads for the import review screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from theodoi.accounts import policy
from theodoi.imports.models import ImportDraft, ImportState
from theodoi.plans.diff import PlanDiff, plan_diff
from theodoi.plans.models import Plan
from theodoi.plans.plan_json import agency_names
from theodoi.plans.services import plan_find_existing
from theodoi.units.selectors import names_resolve


def import_drafts_visible(user: Any) -> QuerySet[ImportDraft]:
    drafts = ImportDraft.objects.select_related("created_by", "owner", "plan")
    return policy.restrict(drafts, user, policy.CHANGE)


@dataclass
class ReviewRow:
    index: int
    data: dict[str, Any]
    origin: str
    warnings: list[dict[str, Any]] = field(default_factory=list)
    heading: list[str] = field(default_factory=list)  # section titles that start above this row

    def warned(self, name: str) -> bool:
        return any(w.get("field") == name for w in self.warnings)


@dataclass
class DraftReview:
    draft: ImportDraft
    indicators: list[ReviewRow]
    tasks: list[ReviewRow]
    unknown_names: list[str]
    existing: Plan | None
    diff: PlanDiff | None
    general_warnings: list[dict[str, Any]]

    @property
    def warning_count(self) -> int:
        rows = sum(len(r.warnings) for r in self.indicators + self.tasks)
        return rows + len(self.general_warnings) + len(self.unknown_names)


def _rows(draft: ImportDraft, table: str) -> list[ReviewRow]:
    origins = draft.origins.get(table) or []
    rows = []
    previous: list[str] = []
    for index, data in enumerate(draft.document[table]):
        section = list(data.get("section") or [])
        common = 0
        while common < min(len(section), len(previous)) and section[common] == previous[common]:
            common += 1
        warnings = [w for w in draft.warnings if w.get("table") == table and w.get("index") == index]
        rows.append(ReviewRow(index, data, origins[index] if index < len(origins) else "", warnings,
                              section[common:]))
        previous = section
    return rows


def import_draft_review(draft: ImportDraft) -> DraftReview:
    unknown: list[str] = []
    existing = None
    diff = None
    if draft.owner is not None:
        resolution = names_resolve(agency_names(draft.document), owner=draft.owner)
        unknown = resolution.unknown + resolution.unknown_groups
        if draft.state == ImportState.REVIEW:
            existing = plan_find_existing(draft.document, draft.owner)
            diff = plan_diff(existing, draft.document) if existing else None
    general = [w for w in draft.warnings if w.get("table") not in ("tasks", "indicators")]
    return DraftReview(draft, _rows(draft, "indicators"), _rows(draft, "tasks"), sorted(unknown),
                       existing, diff, general)
