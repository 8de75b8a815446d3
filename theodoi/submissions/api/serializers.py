"""Periodic reports as the API shows them, and the bodies their actions take."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from rest_framework import serializers

from theodoi.submissions import items as content
from theodoi.submissions.choices import PeriodKind
from theodoi.submissions.models import Evidence, IndicatorItem, Report, ReportVersion, ReviewComment, TaskItem
from theodoi.units.api.serializers import UnitBriefSerializer


class ReportSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A unit's report for one period of a plan: where it stands."""

    unit = UnitBriefSerializer(read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id", "plan", "unit", "period_kind", "period_year", "period_index", "period_label", "state",
            "version", "due_at", "submitted_at", "first_submitted_at", "is_late", "accepted_at", "last_saved_at",
        ]
        read_only_fields = fields


class EvidenceSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A file or link backing a report or one of its items; files download through `download`."""

    # Empty for a file: not a URI then, so the schema must not promise one (found by fuzzing).
    url = serializers.CharField(read_only=True, help_text="The link; empty when the evidence is a file.")

    class Meta:
        model = Evidence
        fields = [
            "id", "report", "task_item", "indicator_item", "kind", "title", "url", "original_name",
            "content_type", "size", "added_at",
        ]
        read_only_fields = fields


class BlankChoicesMixin:
    """Choice fields the model lets stay blank answer "" until filled in: say so in the schema
    (DRF drops `allow_blank` from read-only fields; found by fuzzing)."""

    def get_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = super().get_fields()  # type: ignore[misc]
        model = self.Meta.model  # type: ignore[attr-defined]
        for name, field in fields.items():
            if isinstance(field, serializers.ChoiceField) and getattr(_model_field(model, name), "blank", False):
                field.allow_blank = True
        return fields


def _model_field(model: Any, name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a serializer-only field
        return None


class TaskItemSerializer(BlankChoicesMixin, serializers.ModelSerializer):  # type: ignore[type-arg]
    task_ref = serializers.CharField(source="task.ref", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = TaskItem
        fields = ["id", "task", "task_ref", *content.TASK_FIELDS, "flags", "evidence"]
        read_only_fields = fields


class IndicatorItemSerializer(BlankChoicesMixin, serializers.ModelSerializer):  # type: ignore[type-arg]
    indicator_ref = serializers.CharField(source="indicator.ref", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = IndicatorItem
        fields = [
            "id", "indicator", "indicator_ref", *content.INDICATOR_FIELDS, "extracted_numerator",
            "extracted_denominator", "extracted_value", "extracted_system", "extracted_at", "achieved", "flags",
            "evidence",
        ]
        read_only_fields = fields


class FlagSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A check's warning or error on one item (`item` is "task:<id>" or "indicator:<id>")."""

    code = serializers.CharField()
    severity = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField(required=False)
    item = serializers.CharField()
    label = serializers.CharField()


class CommentSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    author = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = ReviewComment
        fields = ["id", "version_number", "task_item", "indicator_item", "text", "is_reopen_reason", "author",
                  "created_at"]
        read_only_fields = fields


class VersionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    created_by = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = ReportVersion
        fields = ["number", "created_at", "created_by", "snapshot"]
        read_only_fields = fields


class ReportDetailSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A report with its items, flags, review comments and the versions the standing agency received;
    `can_*` say which actions the current user may take."""

    report = ReportSerializer(read_only=True)
    task_items = TaskItemSerializer(many=True, read_only=True)
    indicator_items = IndicatorItemSerializer(many=True, read_only=True)
    flags = FlagSerializer(many=True, read_only=True)
    comments = CommentSerializer(many=True, read_only=True)
    versions = VersionSerializer(many=True, read_only=True)
    can_edit = serializers.BooleanField(read_only=True)
    can_review = serializers.BooleanField(read_only=True)
    can_approve = serializers.BooleanField(read_only=True)


# --- bodies of the actions ------------------------------------------------------------------------


class DraftInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    expected_version = serializers.IntegerField(min_value=1, help_text="The report's `version` the edit is based on.")
    items = serializers.ListField(
        child=serializers.DictField(),
        help_text='{"task": id, field: value, …} or {"indicator": id, …}; only the fields given change.',
    )


class SubmitInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    expected_version = serializers.IntegerField(min_value=1)


class ReturnCommentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    task = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    indicator = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    text = serializers.CharField()


class ReturnInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    comments = ReturnCommentSerializer(many=True, help_text="Without task/indicator: on the whole report.")


class ReopenInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField()


class EvidenceInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """One file (multipart) or one link, for the report or one of its items."""

    task = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    indicator = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    file = serializers.FileField(required=False)
    url = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)


class ActionErrorSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A refused action: the message, and where it applies every error by item and field (400) or,
    for a stale version (409), the current version and what was saved against what was sent."""

    detail = serializers.CharField()
    errors = serializers.ListField(child=serializers.DictField(), required=False)
    current_version = serializers.IntegerField(required=False)
    differences = serializers.ListField(child=serializers.DictField(), required=False)


# --- values pushed by other systems ---------------------------------------------------------------


class ExternalValueInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """One indicator's numbers for a unit and period. The key is (system, unit, indicator, period):
    pushing it again updates the row; an older `extracted_at` never overwrites a newer one."""

    unit = serializers.CharField(max_length=64, help_text="The unit's code.")
    indicator = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="The indicator's id.")
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices)
    period_year = serializers.IntegerField(min_value=2000, max_value=9999)
    period_index = serializers.IntegerField(min_value=1, max_value=12)
    numerator = serializers.DecimalField(max_digits=18, decimal_places=4, min_value=0, required=False, allow_null=True)
    denominator = serializers.DecimalField(
        max_digits=18, decimal_places=4, min_value=0, required=False, allow_null=True
    )
    value = serializers.DecimalField(max_digits=18, decimal_places=4, min_value=0, required=False, allow_null=True)
    extracted_at = serializers.DateTimeField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        from theodoi.periods.windows import Period

        try:
            attrs["period"] = Period(attrs["period_year"], PeriodKind(attrs["period_kind"]), attrs["period_index"])
        except ValueError as error:
            raise serializers.ValidationError({"period_index": ["Kỳ báo cáo không tồn tại."]}) from error
        return attrs


class ExternalValueResultSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["created", "updated", "unchanged"])
    extracted_at = serializers.DateTimeField()
