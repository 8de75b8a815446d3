"""Reads over plans for the pages: lists, one plan as its appendix tables, a unit's work, search.

Every read goes through `policy.restrict`, so a page shows only what its user may read. Query
counts are fixed per page whatever the number of rows (prefetching, no per-row queries).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from theodoi.accounts.policy import READ, restrict
from theodoi.core.text import search_key
from theodoi.plans.choices import AssignmentRole
from theodoi.plans.models import Assignment, Indicator, LegalReference, Plan, Section, Task
from theodoi.units.models import Unit, UnitAlias
from theodoi.units.selectors import KNOWN_GROUPS, UnitNode, unit_tree


def search_words(query: str | None) -> list[str]:
    """The words of a query as search keys: "Cải  cách" -> ["cai", "cach"]."""
    return search_key(query).split()


# A query word matches where a word of the text begins: "doi" finds "đổi" and "chuyen" finds
# "Chuyển", while "ach" does not find "cách". Keys are unaccented, so "so" still finds số, sở, sổ.
_WORD_STARTS = (" ", "(", "/", "-", '"', "“", "'", "‘", "[")


def _word_condition(field_name: str, word: str) -> Q:
    condition = Q(**{f"{field_name}__startswith": word})
    for mark in _WORD_STARTS:
        condition |= Q(**{f"{field_name}__contains": mark + word})
    return condition


def _match_words(queryset: QuerySet[Any], words: Sequence[str], *fields: str) -> QuerySet[Any]:
    """Rows where every word starts a word of one of the `search_key` fields (no diacritics, no case)."""
    for word in words:
        condition = Q()
        for name in fields:
            condition |= _word_condition(name, word)
        queryset = queryset.filter(condition)
    return queryset


def _phrase_first(queryset: QuerySet[Any], words: Sequence[str], *ordering: str) -> QuerySet[Any]:
    """Rows holding the words together, as typed, before rows holding them apart."""
    phrase = " ".join(words)
    together = When(search_key__contains=phrase, then=Value(0))
    rank = Case(together, default=Value(1), output_field=IntegerField())
    return queryset.annotate(phrase_rank=rank).order_by("phrase_rank", *ordering)


def _row_count(model: type[Indicator] | type[Task]) -> Coalesce:
    rows = (
        model.objects.filter(plan=OuterRef("pk"), archived=False)
        .order_by()
        .values("plan")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def plan_list(*, user: Any, query: str = "") -> QuerySet[Plan]:
    """The plans `user` may read, with counts of their current indicators and tasks."""
    plans = restrict(Plan.objects.select_related("owner", "standing_unit"), user, READ)
    plans = _match_words(plans, search_words(query), "search_key", "owner__search_key")
    return plans.annotate(indicator_count=_row_count(Indicator), task_count=_row_count(Task))


def plan_get(*, user: Any, pk: int) -> Plan | None:
    """One plan if `user` may read it; None otherwise (the page answers 404 either way)."""
    return restrict(Plan.objects.select_related("owner", "standing_unit"), user, READ).filter(pk=pk).first()


# --- One plan as its appendix tables -------------------------------------------------------


# A group's members are listed in its cell up to this many; past it ("UBND các xã, phường" is a
# hundred communes on every row) the cell gives the count, which keeps long plans light.
GROUP_LIST_LIMIT = 12


@dataclass
class AgencyItem:
    """One agency as the plan names it; `unit` when a visible assignment links it, `members` for a group."""

    label: str
    unit: Unit | None = None
    members: list[Unit] = field(default_factory=list)
    is_group: bool = False

    @property
    def listed_members(self) -> list[Unit]:
        return self.members if len(self.members) <= GROUP_LIST_LIMIT else []


@dataclass
class HeadingRow:
    """A heading row spanning the table (a section, an indicator group); depth 1 is outermost."""

    title: str
    depth: int = 1
    is_heading: bool = True


@dataclass
class TaskRow:
    task: Task
    leads: list[AgencyItem]
    coordinating: list[AgencyItem]
    # The objective column of some plans is a merged cell: shown once for the rows it covers.
    show_objective: bool = True
    is_heading: bool = False


@dataclass
class IndicatorRow:
    indicator: Indicator
    responsible: list[AgencyItem]
    coordinating: list[AgencyItem]
    is_heading: bool = False


@dataclass
class PlanPage:
    plan: Plan
    legal_refs: list[LegalReference]
    higher: list[Plan]
    higher_unlinked: list[str]
    lower: list[Plan]
    indicator_rows: list[HeadingRow | IndicatorRow]
    task_rows: list[HeadingRow | TaskRow]
    indicator_count: int
    task_count: int
    archived_count: int
    show_archived: bool
    # Set when only the rows of these units (the user's own unit and those under it) are shown.
    only_units: list[int] | None = None
    # Optional columns that hold something in this plan; empty ones are left out, as the document does.
    indicator_columns: set[str] = field(default_factory=set)
    task_columns: set[str] = field(default_factory=set)

    @property
    def indicator_colspan(self) -> int:
        return 4 + len(self.indicator_columns)

    @property
    def task_colspan(self) -> int:
        return 5 + len(self.task_columns)


def _indicator_columns(indicators: Sequence[Indicator]) -> set[str]:
    present = {
        "unit": any(row.unit_of_measure for row in indicators),
        "baseline": any(row.baseline_text or row.baseline_value is not None for row in indicators),
        "formula": any(row.formula_text or row.formula_numerator or row.formula_denominator
                       for row in indicators),
        "source": any(row.data_source for row in indicators),
    }
    return {name for name, found in present.items() if found}


def _task_columns(tasks: Sequence[Task]) -> set[str]:
    present = {
        "output": any(row.output for row in tasks),
        "note": any(row.note or row.indicator_id for row in tasks),
    }
    return {name for name, found in present.items() if found}


def _visible_assignments(user: Any) -> Prefetch:
    # A plan whose rows name groups carries thousands of assignments: load only what is shown.
    assignments = Assignment.objects.select_related("unit").only(
        "task_id", "indicator_id", "role", "via_group", "unit__name", "unit__search_key"
    )
    return Prefetch("assignments", queryset=restrict(assignments, user, READ))


UnitKeys = dict[int, set[str]]


def _unit_keys(rows: Iterable[Task | Indicator]) -> UnitKeys:
    """For each unit assigned by name (not through a group), the keys its names and aliases fold to."""
    keys: UnitKeys = {}
    for row in rows:
        for assignment in row.assignments.all():
            if not assignment.via_group:
                keys.setdefault(assignment.unit_id, {assignment.unit.search_key})
    aliases = UnitAlias.objects.filter(unit_id__in=list(keys)).values_list("unit_id", "key")
    for unit_id, key in aliases:
        keys[unit_id].add(key)
    return keys


def _agency_items(
    names: Iterable[str], assignments: Sequence[Assignment], role: str, keys: UnitKeys
) -> list[AgencyItem]:
    """The agencies of one cell, as printed, each linked to the unit assigned from it if visible."""
    mine = [a for a in assignments if a.role == role]
    direct = [a for a in mine if not a.via_group]
    items: list[AgencyItem] = []
    for name in names:
        if name.startswith("@"):
            members = [a.unit for a in mine if a.via_group == name]
            items.append(AgencyItem(label=str(KNOWN_GROUPS.get(name, name)), members=members, is_group=True))
            continue
        key = search_key(name)
        match = next((a for a in direct if key in keys.get(a.unit_id, ())), None)
        if match is not None:
            direct.remove(match)
        items.append(AgencyItem(label=name, unit=match.unit if match else None))
    return items


def _section_paths(plan: Plan) -> dict[int, list[Section]]:
    sections = {section.pk: section for section in Section.objects.filter(plan=plan)}
    paths: dict[int, list[Section]] = {}
    for pk, section in sections.items():
        path = [section]
        while path[0].parent_id is not None and path[0].parent_id in sections:
            path.insert(0, sections[path[0].parent_id])
        paths[pk] = path
    return paths


def _task_rows(
    tasks: Sequence[Task], paths: dict[int, list[Section]], keys: UnitKeys
) -> list[HeadingRow | TaskRow]:
    rows: list[HeadingRow | TaskRow] = []
    previous_path: list[Section] = []
    previous_objective: str | None = None
    for task in tasks:
        path = paths.get(task.section_id, []) if task.section_id else []
        shared = 0
        while shared < min(len(path), len(previous_path)) and path[shared] == previous_path[shared]:
            shared += 1
        new_headings = enumerate(path[shared:], shared + 1)
        rows.extend(HeadingRow(section.title, depth) for depth, section in new_headings)
        if shared < len(path) or len(path) < len(previous_path):
            previous_objective = None
        assignments = list(task.assignments.all())
        rows.append(TaskRow(
            task=task,
            leads=_agency_items(task.lead_names, assignments, AssignmentRole.LEAD, keys),
            coordinating=_agency_items(
                task.coordinating_names, assignments, AssignmentRole.COORDINATING, keys
            ),
            show_objective=bool(task.objective) and task.objective != previous_objective,
        ))
        previous_path, previous_objective = path, task.objective
    return rows


def _indicator_rows(indicators: Sequence[Indicator], keys: UnitKeys) -> list[HeadingRow | IndicatorRow]:
    rows: list[HeadingRow | IndicatorRow] = []
    group = ""
    for indicator in indicators:
        if indicator.group and indicator.group != group:
            rows.append(HeadingRow(indicator.group))
        group = indicator.group
        assignments = list(indicator.assignments.all())
        rows.append(IndicatorRow(
            indicator=indicator,
            responsible=_agency_items(indicator.responsible_names, assignments, AssignmentRole.LEAD, keys),
            coordinating=_agency_items(
                indicator.coordinating_names, assignments, AssignmentRole.COORDINATING, keys
            ),
        ))
    return rows


def _archived_block(rows: list[Any], title: str) -> list[Any]:
    return [HeadingRow(title), *rows] if rows else []


def _assigned_to(rows: Sequence[Task] | Sequence[Indicator], unit_ids: Sequence[int]) -> list[Any]:
    wanted = set(unit_ids)
    return [row for row in rows if any(a.unit_id in wanted for a in row.assignments.all())]


def plan_page(
    *, user: Any, plan: Plan, show_archived: bool = False, only_units: list[int] | None = None
) -> PlanPage:
    """Everything the plan page shows, in a fixed number of queries.

    `only_units` narrows the tables to rows assigned to those units (the "việc của đơn vị tôi"
    view); it filters what the user may already read and grants nothing.
    """
    assignments = _visible_assignments(user)
    indicators = list(plan.indicators.prefetch_related(assignments))
    tasks = list(plan.tasks.select_related("indicator").prefetch_related(assignments))
    if only_units is not None:
        indicators, tasks = _assigned_to(indicators, only_units), _assigned_to(tasks, only_units)
    current_indicators = [row for row in indicators if not row.archived]
    current_tasks = [row for row in tasks if not row.archived]
    readable = restrict(Plan.objects.all(), user, READ).values("pk")
    higher = list(plan.implements.filter(pk__in=readable).select_related("owner"))
    linked_numbers = {other.number for other in higher}
    keys = _unit_keys([*indicators, *tasks])
    indicator_rows = _indicator_rows(current_indicators, keys)
    task_rows = _task_rows(current_tasks, _section_paths(plan), keys)
    archived_title = _("Dòng đã bỏ khỏi văn bản nạp lại gần nhất")
    if show_archived:
        old_indicators = [row for row in indicators if row.archived]
        old_tasks = [row for row in tasks if row.archived]
        indicator_rows += _archived_block(_indicator_rows(old_indicators, keys), archived_title)
        task_rows += _archived_block(_task_rows(old_tasks, {}, keys), archived_title)
    return PlanPage(
        plan=plan,
        legal_refs=list(plan.legal_refs.all()),
        higher=higher,
        higher_unlinked=[ref for ref in plan.implements_refs if ref not in linked_numbers],
        lower=list(plan.implemented_by.filter(pk__in=readable).select_related("owner")),
        indicator_rows=indicator_rows,
        task_rows=task_rows,
        indicator_count=len(current_indicators),
        task_count=len(current_tasks),
        archived_count=len(indicators) + len(tasks) - len(current_indicators) - len(current_tasks),
        show_archived=show_archived,
        only_units=only_units,
        indicator_columns=_indicator_columns(indicators if show_archived else current_indicators),
        task_columns=_task_columns(tasks if show_archived else current_tasks),
    )


# --- A unit's work ------------------------------------------------------------------------


@dataclass
class PlanWork:
    """What one unit leads and coordinates in one plan."""

    plan: Plan
    lead_tasks: list[Task] = field(default_factory=list)
    coordinating_tasks: list[Task] = field(default_factory=list)
    lead_indicators: list[Indicator] = field(default_factory=list)
    coordinating_indicators: list[Indicator] = field(default_factory=list)


def _unit_assignments(user: Any) -> QuerySet[Assignment]:
    readable = restrict(Plan.objects.all(), user, READ).values("pk")
    assignments = restrict(Assignment.objects.all(), user, READ)
    return assignments.filter(
        Q(task__plan__in=readable, task__archived=False)
        | Q(indicator__plan__in=readable, indicator__archived=False)
    )


def unit_work(*, user: Any, unit: Unit) -> list[PlanWork]:
    """The unit's current assignments the user may read, grouped by plan in plan order."""
    assignments = (
        _unit_assignments(user)
        .filter(unit=unit)
        .select_related("task__plan__owner", "indicator__plan__owner")
        .order_by()
    )
    by_plan: dict[int, PlanWork] = {}
    for assignment in assignments:
        row = assignment.task or assignment.indicator
        work = by_plan.setdefault(row.plan_id, PlanWork(plan=row.plan))
        lead = assignment.role == AssignmentRole.LEAD
        if assignment.task is not None:
            (work.lead_tasks if lead else work.coordinating_tasks).append(assignment.task)
        else:
            (work.lead_indicators if lead else work.coordinating_indicators).append(assignment.indicator)
    for work in by_plan.values():
        for rows in (work.lead_tasks, work.coordinating_tasks):
            rows.sort(key=lambda row: row.position)
        for rows in (work.lead_indicators, work.coordinating_indicators):
            rows.sort(key=lambda row: row.position)
    ordered = sorted(by_plan.values(), key=lambda work: work.plan.title)
    ordered.sort(key=lambda work: work.plan.issued_on or dt.date.min, reverse=True)
    return ordered


def unit_directory(*, user: Any, query: str = "") -> list[UnitNode]:
    """The unit tree (or the units matching `query`), each with its visible lead/coordinating counts."""
    counts: dict[tuple[int, str], int] = {
        (row["unit_id"], row["role"]): row["total"]
        for row in _unit_assignments(user).order_by().values("unit_id", "role").annotate(total=Count("pk"))
    }
    nodes = unit_tree(user=user, query=query)
    stack = list(nodes)
    while stack:
        node = stack.pop()
        node.lead_count = counts.get((node.unit.pk, AssignmentRole.LEAD), 0)
        node.coordinating_count = counts.get((node.unit.pk, AssignmentRole.COORDINATING), 0)
        stack.extend(node.children)
    return nodes


# --- Search -------------------------------------------------------------------------------


@dataclass
class SearchResults:
    query: str
    plans: list[Plan] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    truncated: bool = False

    @property
    def total(self) -> int:
        return len(self.plans) + len(self.tasks) + len(self.indicators)


def search(*, user: Any, query: str, limit: int = 50) -> SearchResults:
    """Plans, tasks and indicators `user` may read whose text holds every word of `query`.

    Compared on the stored `search_key` columns, so "cai cach" finds "cải cách" and "doi" finds
    "đổi" on SQLite and PostgreSQL alike.
    """
    words = search_words(query)
    results = SearchResults(query=query)
    if not words:
        return results
    plans = _match_words(restrict(Plan.objects.select_related("owner"), user, READ), words, "search_key")
    tasks = _match_words(
        restrict(Task.objects.filter(archived=False), user, READ).select_related("plan", "section"),
        words, "search_key",
    )
    indicators = _match_words(
        restrict(Indicator.objects.filter(archived=False), user, READ).select_related("plan"),
        words, "search_key",
    )
    plans = _phrase_first(plans, words, "-issued_on", "title")
    tasks = _phrase_first(tasks, words, "plan__title", "plan_id", "position")
    indicators = _phrase_first(indicators, words, "plan__title", "plan_id", "position")
    for name, queryset in (("plans", plans), ("tasks", tasks), ("indicators", indicators)):
        found = list(queryset[: limit + 1])
        results.truncated |= len(found) > limit
        setattr(results, name, found[:limit])
    return results
