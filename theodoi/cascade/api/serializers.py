"""Links between a lower plan's tasks and the higher tasks they serve, as the API shows them."""

from __future__ import annotations

from rest_framework import serializers

from theodoi.cascade.choices import LinkState
from theodoi.cascade.models import TaskLink


class TaskLinkSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    lower_plan = serializers.IntegerField(
        source="lower_task.plan_id", read_only=True, help_text="Id of the lower plan."
    )
    lower_task_ref = serializers.CharField(source="lower_task.ref", read_only=True)
    higher_plan = serializers.IntegerField(
        source="higher_task.plan_id",
        read_only=True,
        allow_null=True,
        help_text="Id of the higher plan; null when the lower task was decided to serve no higher task.",
    )
    higher_task_ref = serializers.CharField(source="higher_task.ref", read_only=True, allow_null=True)
    state = serializers.ChoiceField(choices=LinkState.choices, read_only=True)
    score = serializers.FloatField(read_only=True, allow_null=True, help_text="Text similarity, 0 to 1.")
    rank = serializers.IntegerField(read_only=True, allow_null=True, help_text="1 for the best suggestion.")
    decided_by = serializers.CharField(source="decided_by.username", read_only=True, allow_null=True)

    class Meta:
        model = TaskLink
        fields = [
            "id",
            "lower_plan",
            "lower_task",
            "lower_task_ref",
            "higher_plan",
            "higher_task",
            "higher_task_ref",
            "state",
            "score",
            "rank",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = fields
