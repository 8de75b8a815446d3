"""Read-only endpoint over task links; what each user reads is decided by `policy.restrict`."""

from __future__ import annotations

from theodoi.cascade.api import filters, serializers
from theodoi.cascade.models import TaskLink
from theodoi.core.api.views import RestrictedReadOnlyViewSet


class TaskLinkViewSet(RestrictedReadOnlyViewSet):
    """Links from a lower plan's tasks to the higher tasks they serve: suggestions with their score,
    and the decisions people confirmed. Filter with `plan` to get every link of one plan."""

    queryset = TaskLink.objects.select_related("lower_task", "higher_task", "decided_by")
    serializer_class = serializers.TaskLinkSerializer
    filterset_class = filters.TaskLinkFilterSet
    ordering_fields = ["score", "rank", "id"]
