"""The filters of the dashboards: plan, period, unit and field (lĩnh vực), read from the query string.

Field: a plan has no field of its own; the dashboards take the **top-level section** of the plan's
task appendix ("I. Hoàn thiện thể chế", "II. Phát triển hạ tầng số" …) for tasks and the
**indicator group** (`Indicator.group`) for indicators, which is how the documents themselves group
their work. A field is therefore offered only once a plan is chosen. Values: `muc-<section id>`
and `nhom-<position of the group>`.

A value the user may not see or that does not exist is ignored (the page shows everything it may),
never an error page: filters are links people share.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.http import QueryDict

from theodoi.accounts import policy
from theodoi.periods.windows import Period, PeriodKind
from theodoi.plans.models import Indicator, Plan, Section
from theodoi.units.models import Unit
from theodoi.units.selectors import unit_descendant_ids

PARAMS = ("ke-hoach", "ky", "loai-ky", "nam", "don-vi", "linh-vuc")


@dataclass(frozen=True)
class FieldChoice:
    value: str
    label: str
    section_id: int | None = None
    group: str | None = None


@dataclass
class Filters:
    """What the page is narrowed to; `field_choices` and `unit_choices` feed the form."""

    plan: Plan | None = None
    period: Period | None = None
    kind: str = ""
    year: int | None = None
    unit: Unit | None = None
    field: FieldChoice | None = None
    field_choices: list[FieldChoice] = dataclass_field(default_factory=list)

    @property
    def unit_ids(self) -> list[int] | None:
        if self.unit is None:
            return None
        cached: list[int] | None = getattr(self, "_unit_ids", None)
        if cached is None:
            cached = unit_descendant_ids(self.unit)
            self._unit_ids = cached
        return cached

    @property
    def section_ids(self) -> list[int] | None:
        """The top-level section chosen and every section under it (None: no field chosen)."""
        if self.field is None or self.field.section_id is None:
            return None
        cached: list[int] | None = getattr(self, "_section_ids", None)
        if cached is None:
            cached = _section_subtree(self.field.section_id)
            self._section_ids = cached
        return cached

    @property
    def indicator_group(self) -> str | None:
        return self.field.group if self.field is not None else None

    def query(self, **changes: Any) -> str:
        """The query string of these filters (for links and downloads)."""
        values = {
            "ke-hoach": self.plan.pk if self.plan else "",
            "ky": self.period.key if self.period else "",
            "loai-ky": self.kind,
            "nam": self.year or "",
            "don-vi": self.unit.pk if self.unit else "",
            "linh-vuc": self.field.value if self.field else "",
        }
        values.update(changes)
        query = QueryDict(mutable=True)
        for name, value in values.items():
            if value not in ("", None):
                query[name] = str(value)
        return query.urlencode()


def _section_subtree(section_id: int) -> list[int]:
    section = Section.objects.filter(pk=section_id).values("plan_id").first()
    if section is None:
        return []
    parents: dict[int, int | None] = dict(
        Section.objects.filter(plan_id=section["plan_id"]).values_list("pk", "parent_id")
    )
    found = {section_id}
    changed = True
    while changed:
        before = len(found)
        found |= {pk for pk, parent in parents.items() if parent in found}
        changed = len(found) != before
    return sorted(found)


def field_choices(plan: Plan) -> list[FieldChoice]:
    """The top-level sections of the plan and its indicator groups (two queries)."""
    choices = [
        FieldChoice(f"muc-{pk}", title, section_id=pk)
        for pk, title in Section.objects.filter(plan=plan, parent__isnull=True)
        .order_by("position")
        .values_list("pk", "title")
    ]
    groups = (
        Indicator.objects.filter(plan=plan, archived=False)
        .exclude(group="")
        .order_by("position")
        .values_list("group", flat=True)
    )
    seen: list[str] = []
    for group in groups:
        if group not in seen:
            seen.append(group)
    choices += [
        FieldChoice(f"nhom-{index}", f"Nhóm chỉ tiêu: {group}", group=group) for index, group in enumerate(seen)
    ]
    return choices


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 10 else None


def parse_filters(query: QueryDict, user: Any, *, plan: Plan | None = None, plans: list[Plan] | None = None) -> Filters:
    """Read the filters; a plan fixed by the URL wins over `ke-hoach`. `plans`: the plans the
    user may read, when the caller has them already (saves asking the policy twice)."""
    filters = Filters()
    if plan is None and (plan_id := _int(query.get("ke-hoach"))):
        if plans is not None:
            plan = next((candidate for candidate in plans if candidate.pk == plan_id), None)
        else:
            plan = policy.restrict(Plan.objects.all(), user).filter(pk=plan_id).first()
    filters.plan = plan
    period_key = query.get("ky", "")
    filters.period = _period(period_key)
    kind = query.get("loai-ky", "")
    filters.kind = kind if kind in PeriodKind.values else ""
    year = _int(query.get("nam"))
    filters.year = year if year and 2000 <= year <= 2100 else None
    if unit_id := _int(query.get("don-vi")):
        filters.unit = policy.restrict(Unit.objects.all(), user).filter(pk=unit_id).first()
    if plan is not None:
        filters.field_choices = field_choices(plan)
        wanted = query.get("linh-vuc", "")
        filters.field = next((choice for choice in filters.field_choices if choice.value == wanted), None)
    return filters


def _period(key: str) -> Period | None:
    try:
        year, kind, index = key.split("-")
        return Period(int(year), PeriodKind(kind), int(index))
    except ValueError:
        return None
