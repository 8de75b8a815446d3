"""Read-only endpoints over plans and their parts; what each user reads is decided by
`policy.restrict` (in RestrictedReadOnlyViewSet), the same as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Coalesce

from theodoi.core.api.views import RestrictedReadOnlyViewSet
from theodoi.plans.api import filters, serializers
from theodoi.plans.models import Assignment, Indicator, Plan, Section, Task

# The plan's headings, prefetched once per plan on the page, give every row its section path.
_PLAN_SECTIONS = (Prefetch("plan", queryset=Plan.objects.only("pk")), "plan__sections")


class PlanViewSet(RestrictedReadOnlyViewSet):
    """Plans (kế hoạch) with their metadata, legal references and links to higher and lower plans."""

    queryset = Plan.objects.select_related("owner", "standing_unit").prefetch_related(
        "legal_refs", "followers"
    )
    serializer_class = serializers.PlanSerializer
    filterset_class = filters.PlanFilterSet
    ordering_fields = ["issued_on", "title", "number", "id"]

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        # Links to plans outside the user's reach are left out rather than shown as bare ids;
        # the restricted queryset itself says which are within reach (no second policy lookup).
        reachable = Plan.objects.filter(pk__in=queryset.values("pk")).only("pk")
        return queryset.prefetch_related(
            Prefetch("implements", queryset=reachable), Prefetch("implemented_by", queryset=reachable)
        )


class SectionViewSet(RestrictedReadOnlyViewSet):
    """Headings of a plan's tables (mục), each with its path of titles."""

    queryset = Section.objects.prefetch_related(*_PLAN_SECTIONS)
    serializer_class = serializers.SectionSerializer
    filterset_class = filters.SectionFilterSet
    ordering_fields = ["position", "id"]


class IndicatorViewSet(RestrictedReadOnlyViewSet):
    """Indicators (chỉ tiêu) of plans. Archived rows are left out unless `archived` is given."""

    queryset = Indicator.objects.all()
    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilterSet
    ordering_fields = ["position", "ref", "id"]


class TaskViewSet(RestrictedReadOnlyViewSet):
    """Tasks (nhiệm vụ) of plans. Archived rows are left out unless `archived` is given."""

    queryset = Task.objects.prefetch_related(*_PLAN_SECTIONS)
    serializer_class = serializers.TaskSerializer
    filterset_class = filters.TaskFilterSet
    ordering_fields = ["position", "ref", "deadline_due", "id"]


class AssignmentViewSet(RestrictedReadOnlyViewSet):
    """Units' parts in tasks and indicators (phân công). A unit's people see only their own unit's
    (and the units below it); coordinators and viewers see every assignment of the plans they read."""

    queryset = Assignment.objects.select_related("unit").annotate(
        plan_id=Coalesce("task__plan_id", "indicator__plan_id")
    )
    serializer_class = serializers.AssignmentSerializer
    filterset_class = filters.AssignmentFilterSet
    ordering_fields = ["role", "unit__name", "completed_on", "id"]
