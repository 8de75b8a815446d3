"""Plans and their parts as the API shows them: stable English names, text as stored (NFC).

Groups of columns that the Plan JSON spec writes as one object (`period`, `deadline`, `target`,
`baseline`, `formula`) are shown the same way here, and are null when every part is empty.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from theodoi.plans.choices import AssignmentRole, DeadlineKind, Every, PlanKind, TargetOp
from theodoi.plans.models import Assignment, Indicator, Plan, Section, Task
from theodoi.units.api.serializers import UnitBriefSerializer


class BlankAsNull:
    """A read-only value stored as "" when absent, shown as null like the Plan JSON spec writes it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_null=True, read_only=True, **kwargs)  # type: ignore[call-arg]

    def to_representation(self, value: Any) -> Any:
        return None if value in ("", None) else super().to_representation(value)  # type: ignore[misc]


class BlankAsNullChoiceField(BlankAsNull, serializers.ChoiceField):
    pass


class BlankAsNullCharField(BlankAsNull, serializers.CharField):
    pass


def _names(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), read_only=True, **kwargs)


def _number(source: str) -> serializers.DecimalField:
    # Numbers, as in Plan JSON, rather than DRF's default strings.
    return serializers.DecimalField(
        source=source, max_digits=18, decimal_places=4, coerce_to_string=False,
        allow_null=True, read_only=True,
    )


class GroupSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Several columns of one row shown as one object (used with source="*"); null when all are empty."""

    def to_representation(self, instance: Any) -> dict[str, Any] | None:
        data = super().to_representation(instance)
        return data if any(value not in (None, "", []) for value in data.values()) else None


def _with_from(fields: dict[str, Any], field: serializers.Field) -> dict[str, Any]:  # type: ignore[type-arg]
    """Put a field named `from` (a Python keyword, so not declarable) first."""
    return {"from": field, **fields}


class PeriodSerializer(GroupSerializer):
    to = serializers.IntegerField(source="period_to", allow_null=True, read_only=True)

    def get_fields(self) -> dict[str, Any]:
        return _with_from(super().get_fields(), serializers.IntegerField(
            source="period_from", allow_null=True, read_only=True))


class DeadlineSerializer(GroupSerializer):
    """The Plan JSON `deadline` object: the cell as printed and its reading."""

    text = serializers.CharField(source="deadline_text", read_only=True)
    kind = BlankAsNullChoiceField(source="deadline_kind", choices=DeadlineKind.choices)
    due = serializers.DateField(source="deadline_due", allow_null=True, read_only=True)
    every = BlankAsNullChoiceField(source="deadline_every", choices=Every.choices)
    trigger = BlankAsNullCharField(source="deadline_trigger")

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        start = serializers.DateField(source="deadline_from", allow_null=True, read_only=True)
        return {"text": fields.pop("text"), "kind": fields.pop("kind"), "from": start, **fields}


class TargetSerializer(GroupSerializer):
    op = BlankAsNullChoiceField(source="target_op", choices=TargetOp.choices)
    value = _number("target_value")
    text = BlankAsNullCharField(source="target_text")


class BaselineSerializer(GroupSerializer):
    value = _number("baseline_value")
    text = BlankAsNullCharField(source="baseline_text")
    year = serializers.IntegerField(source="baseline_year", allow_null=True, read_only=True)


class FormulaSerializer(GroupSerializer):
    numerator = BlankAsNullCharField(source="formula_numerator")
    denominator = BlankAsNullCharField(source="formula_denominator")
    text = BlankAsNullCharField(source="formula_text")


def section_path(plan: Plan, section_id: int | None) -> list[str]:
    """Headings from the outermost down, read from the plan's prefetched sections (no query).

    `Task.section_path` walks parents one query each; a list page would multiply that per row.
    """
    by_id = {section.pk: section for section in plan.sections.all()}
    path: list[str] = []
    while section_id is not None and section_id in by_id:
        path.insert(0, by_id[section_id].title)
        section_id = by_id[section_id].parent_id
    return path


class PlanSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=PlanKind.choices, read_only=True)
    period = PeriodSerializer(source="*", read_only=True, allow_null=True)
    legal_refs = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True,
        help_text="Numbers of the documents cited under “Căn cứ”, in printed order.",
    )
    implements_refs = _names(help_text="Numbers of the higher plans this plan implements, as printed.")
    implements = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True,
        help_text="Ids of the higher plans this plan implements (those you may read).",
    )
    implemented_by = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True,
        help_text="Ids of the lower plans implementing this one (those you may read).",
    )
    owner = UnitBriefSerializer(read_only=True)
    standing_unit = UnitBriefSerializer(read_only=True)
    followers = UnitBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id", "title", "kind", "number", "issued_on", "issuer", "place", "signer", "period",
            "legal_refs", "implements_refs", "implements", "implemented_by",
            "owner", "standing_unit", "followers", "source_name", "created_at", "updated_at",
        ]
        read_only_fields = fields


class SectionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    path = serializers.SerializerMethodField(help_text="Titles from the outermost heading down to this one.")

    class Meta:
        model = Section
        fields = ["id", "plan", "parent", "title", "position", "path"]
        read_only_fields = fields

    def get_path(self, section: Section) -> list[str]:
        return section_path(section.plan, section.pk)


class IndicatorSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    target = TargetSerializer(source="*", read_only=True, allow_null=True)
    baseline = BaselineSerializer(source="*", read_only=True, allow_null=True)
    formula = FormulaSerializer(source="*", read_only=True, allow_null=True)
    responsible_names = _names(help_text="Agencies responsible, as printed in the plan.")
    coordinating_names = _names(help_text="Agencies coordinating, as printed in the plan.")

    class Meta:
        model = Indicator
        fields = [
            "id", "plan", "ref", "position", "group", "name", "unit_of_measure", "target", "baseline",
            "formula", "data_source", "note", "responsible_names", "coordinating_names", "archived",
        ]
        read_only_fields = fields


class TaskSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    section_path = serializers.SerializerMethodField(help_text="Headings above the task, outermost first.")
    deadline = DeadlineSerializer(source="*", read_only=True, allow_null=True)
    lead_names = _names(help_text="Agencies leading the task, as printed (group tokens start with @).")
    coordinating_names = _names(help_text="Agencies coordinating, as printed (group tokens start with @).")

    class Meta:
        model = Task
        fields = [
            "id", "plan", "ref", "position", "section", "section_path", "name", "description", "objective",
            "output", "deadline", "indicator", "note", "lead_names", "coordinating_names", "archived",
        ]
        read_only_fields = fields

    def get_section_path(self, task: Task) -> list[str]:
        return section_path(task.plan, task.section_id)


class AssignmentSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    plan = serializers.IntegerField(
        source="plan_id", read_only=True, help_text="Id of the plan of the task or indicator."
    )
    unit = UnitBriefSerializer(read_only=True)
    role = serializers.ChoiceField(choices=AssignmentRole.choices, read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "plan", "task", "indicator", "unit", "role", "via_group", "completed_on"]
        read_only_fields = fields
