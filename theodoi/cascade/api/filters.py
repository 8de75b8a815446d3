"""Filters of the task-link endpoint."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from theodoi.cascade.choices import LinkState
from theodoi.cascade.models import TaskLink
from theodoi.core.api.filters import IdFilter


class TaskLinkFilterSet(filters.FilterSet):
    plan = IdFilter(method="filter_plan", label="Links of this plan, on either side (lower or higher)")
    lower_plan = IdFilter(field_name="lower_task__plan_id", label="Id of the lower plan")
    higher_plan = IdFilter(field_name="higher_task__plan_id", label="Id of the higher plan")
    lower_task = IdFilter(field_name="lower_task_id", label="Id of the lower task")
    higher_task = IdFilter(field_name="higher_task_id", label="Id of the higher task")
    state = filters.ChoiceFilter(choices=LinkState.choices, label="State of the link")

    class Meta:
        model = TaskLink
        fields = ["plan", "lower_plan", "higher_plan", "lower_task", "higher_task", "state"]

    def filter_plan(self, queryset: QuerySet[TaskLink], name: str, value: Any) -> QuerySet[TaskLink]:
        return queryset.filter(Q(lower_task__plan_id=value) | Q(higher_task__plan_id=value))
