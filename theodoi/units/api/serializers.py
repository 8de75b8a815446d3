from __future__ import annotations

from rest_framework import serializers

from theodoi.units.models import Unit


class UnitBriefSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A unit where another object points at it: enough to show and to link."""

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "short_name"]
        read_only_fields = fields


class UnitSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    parent = UnitBriefSerializer(read_only=True, allow_null=True)
    aliases = serializers.SlugRelatedField(
        slug_field="text", many=True, read_only=True,
        help_text="Other spellings of the name, as documents write it.",
    )

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "short_name", "kind", "parent", "aliases", "is_active", "is_sample"]
        read_only_fields = fields
