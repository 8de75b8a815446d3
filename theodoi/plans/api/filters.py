"""Filters of the plan endpoints (the API's own; the pages keep theirs in plans/filters.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from theodoi.accounts.policy import READ, restrict
from theodoi.core.api.filters import DefaultingFilterSet, IdFilter, IntegerFilter, SearchKeyFilter
from theodoi.plans.choices import AssignmentRole, DeadlineKind, PlanKind
from theodoi.plans.models import Assignment, Indicator, Plan, Section, Task


def _id(label: str, field_name: str | None = None, **kwargs: Any) -> IdFilter:
    if field_name is not None:
        kwargs["field_name"] = field_name
    return IdFilter(label=label, **kwargs)


def section_subtree_ids(section_id: int) -> list[int]:
    """The section and every heading below it, from one query over its plan's sections."""
    plan_of = Section.objects.filter(pk=section_id).values("plan_id")
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Section.objects.filter(plan_id__in=plan_of).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, frontier = [], [section_id]
    while frontier:
        found.extend(frontier)
        frontier = [child for pk in frontier for child in children.get(pk, [])]
    return found


class PlanFilterSet(filters.FilterSet):
    owner = _id("Id of the issuing unit", "owner_id")
    standing_unit = _id("Id of the standing unit (cơ quan thường trực)", "standing_unit_id")
    kind = filters.ChoiceFilter(choices=PlanKind.choices, label="Kind of document")
    year = IntegerFilter(
        method="filter_year", min_value=1, max_value=9999, label="Plans whose period covers this year"
    )
    q = SearchKeyFilter(label="Search title and number, ignoring diacritics and case")

    class Meta:
        model = Plan
        fields = ["owner", "standing_unit", "kind", "year", "q"]

    def filter_year(self, queryset: QuerySet[Plan], name: str, value: Any) -> QuerySet[Plan]:
        # An open end covers every year on that side; a plan with no period counts its year of issue.
        year = int(value)
        covers = (
            (Q(period_from__isnull=False) | Q(period_to__isnull=False))
            & (Q(period_from__isnull=True) | Q(period_from__lte=year))
            & (Q(period_to__isnull=True) | Q(period_to__gte=year))
        )
        undated = Q(period_from__isnull=True, period_to__isnull=True, issued_on__year=year)
        return queryset.filter(covers | undated)


class SectionFilterSet(filters.FilterSet):
    plan = _id("Id of the plan", "plan_id")
    parent = _id("Id of the parent section", "parent_id")

    class Meta:
        model = Section
        fields = ["plan", "parent"]


class IndicatorFilterSet(DefaultingFilterSet):
    defaults = {"archived": "false"}

    plan = _id("Id of the plan", "plan_id")
    archived = filters.BooleanFilter(label="Rows dropped from the plan when it was reloaded (default false)")
    q = SearchKeyFilter(label="Search the name, ignoring diacritics and case")

    class Meta:
        model = Indicator
        fields = ["plan", "archived", "q"]


class TaskFilterSet(DefaultingFilterSet):
    defaults = {"archived": "false"}

    plan = _id("Id of the plan", "plan_id")
    section = _id("Id of a section: tasks under it or under any heading below it", method="filter_section")
    indicator = _id("Id of the indicator the task serves", "indicator_id")
    deadline_kind = filters.ChoiceFilter(choices=DeadlineKind.choices, label="How the deadline reads")
    due_before = filters.DateFilter(field_name="deadline_due", lookup_expr="lte", label="Due on or before")
    due_after = filters.DateFilter(field_name="deadline_due", lookup_expr="gte", label="Due on or after")
    unit = _id("Id of a unit assigned to the task (with `role`: in that role)", method="filter_assigned")
    role = filters.ChoiceFilter(
        choices=AssignmentRole.choices, method="filter_assigned",
        label="Role of an assignment (with `unit`: of that unit)",
    )
    archived = filters.BooleanFilter(label="Rows dropped from the plan when it was reloaded (default false)")
    q = SearchKeyFilter(label="Search the name and output, ignoring diacritics and case")

    class Meta:
        model = Task
        fields = [
            "plan", "section", "indicator", "deadline_kind", "due_before", "due_after", "unit", "role",
            "archived", "q",
        ]

    def filter_section(self, queryset: QuerySet[Task], name: str, value: Any) -> QuerySet[Task]:
        return queryset.filter(section_id__in=section_subtree_ids(int(value)))

    def filter_assigned(self, queryset: QuerySet[Task], name: str, value: Any) -> QuerySet[Task]:
        return queryset  # `unit` and `role` apply together in filter_queryset

    def filter_queryset(self, queryset: QuerySet[Task]) -> QuerySet[Task]:
        """`unit` and `role` must hold on one assignment, and only on assignments the user may see
        (a reporter cannot learn which tasks another unit holds by filtering)."""
        queryset = super().filter_queryset(queryset)
        unit, role = self.form.cleaned_data.get("unit"), self.form.cleaned_data.get("role")
        if unit is None and not role:
            return queryset
        assignments = restrict(Assignment.objects.filter(task__isnull=False), self.request.user, READ)
        if unit is not None:
            assignments = assignments.filter(unit_id=int(unit))
        if role:
            assignments = assignments.filter(role=role)
        return queryset.filter(pk__in=assignments.values("task_id"))


class AssignmentFilterSet(filters.FilterSet):
    plan = _id("Id of the plan", method="filter_plan")
    task = _id("Id of the task", "task_id")
    indicator = _id("Id of the indicator", "indicator_id")
    unit = _id("Id of the unit", "unit_id")
    role = filters.ChoiceFilter(choices=AssignmentRole.choices, label="Leading or coordinating")

    class Meta:
        model = Assignment
        fields = ["plan", "task", "indicator", "unit", "role"]

    def filter_plan(self, queryset: QuerySet[Assignment], name: str, value: Any) -> QuerySet[Assignment]:
        plan_id = int(value)
        return queryset.filter(Q(task__plan_id=plan_id) | Q(indicator__plan_id=plan_id))
