"""Serializers of the results endpoints: query parameters in, selector dataclasses out (read-only)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from theodoi.periods.windows import Period, PeriodKind


class ResultUnitSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class ResultPeriodSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.CharField()
    year = serializers.IntegerField()
    index = serializers.IntegerField()
    label = serializers.CharField()


def _decimal(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=22, decimal_places=4, allow_null=True, **kwargs)


class ResultsQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Query parameters shared by the results endpoints."""

    period_kind = serializers.ChoiceField(choices=PeriodKind.choices, required=False)
    period_year = serializers.IntegerField(min_value=2000, max_value=9999, required=False)
    period_index = serializers.IntegerField(min_value=1, max_value=12, required=False)
    year = serializers.IntegerField(min_value=2000, max_value=9999, required=False)
    unit = serializers.IntegerField(required=False, help_text="Id of a unit: only it and the units below it.")
    include_drafts = serializers.BooleanField(required=False, default=False)
    as_of = serializers.DateField(required=False, help_text="Day the statuses are read at (default: today).")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = [name for name in ("period_kind", "period_year", "period_index") if name in attrs]
        if given and len(given) != 3:
            raise serializers.ValidationError({"period_kind": ["Cần đủ loại kỳ, năm và kỳ số."]})
        attrs["period"] = None
        if given:
            try:
                attrs["period"] = Period(attrs["period_year"], PeriodKind(attrs["period_kind"]), attrs["period_index"])
            except ValueError as error:
                raise serializers.ValidationError({"period_index": ["Kỳ báo cáo không tồn tại."]}) from error
        return attrs


class UnitIndicatorRowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    unit = ResultUnitSerializer()
    parent_id = serializers.IntegerField(allow_null=True)
    depth = serializers.IntegerField()
    assigned = serializers.BooleanField()
    reported = serializers.BooleanField()
    is_subtotal = serializers.BooleanField()
    value = _decimal()
    numerator = _decimal()
    denominator = _decimal()
    verdict = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    void_count = serializers.IntegerField()


class ResultIndicatorSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    ref = serializers.CharField()
    name = serializers.CharField()
    unit_of_measure = serializers.CharField()
    target_op = serializers.CharField()
    target_value = _decimal()
    target_text = serializers.CharField()
    baseline_value = _decimal()
    baseline_year = serializers.IntegerField(allow_null=True)


class IndicatorResultSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """An indicator's result over the units in scope: đạt (achieved), chưa đạt (not_achieved),
    chưa có số liệu (no_data); a value nobody reported is null, never 0."""

    indicator = ResultIndicatorSerializer()
    aggregation = serializers.CharField()
    percent = serializers.BooleanField()
    period = ResultPeriodSerializer(allow_null=True)
    value = _decimal()
    numerator = _decimal()
    denominator = _decimal()
    verdict = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    units_expected = serializers.IntegerField()
    units_reported = serializers.IntegerField()
    missing_units = ResultUnitSerializer(many=True)
    rows = UnitIndicatorRowSerializer(many=True)
    void_count = serializers.IntegerField()


class TrendPointSerializer(serializers.Serializer):  # type: ignore[type-arg]
    period = ResultPeriodSerializer()
    value = _decimal()
    cumulative = _decimal()
    numerator = _decimal()
    denominator = _decimal()
    reasons = serializers.ListField(child=serializers.CharField())
    units_reported = serializers.IntegerField()


class BandsSerializer(serializers.Serializer):  # type: ignore[type-arg]
    safe = _decimal()
    watch = _decimal()
    at_risk = _decimal()


class IndicatorTrendSerializer(serializers.Serializer):  # type: ignore[type-arg]
    indicator = ResultIndicatorSerializer()
    aggregation = serializers.CharField()
    percent = serializers.BooleanField()
    year = serializers.IntegerField()
    kind = serializers.CharField(allow_null=True)
    points = TrendPointSerializer(many=True)
    result_so_far = _decimal()
    elapsed = serializers.IntegerField()
    periods_in_year = serializers.IntegerField()
    projection = _decimal()
    projected_verdict = serializers.CharField()
    pace_needed = _decimal()
    gap = _decimal(help_text="Points behind the pace needed (negative: ahead).")
    warning = serializers.CharField()
    bands = BandsSerializer()
    verdict = serializers.CharField()


class TaskSummarySerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Counts by status; completion_rate = completed ÷ (completed + overdue), items within their
    deadline left out (the Government Office's rate); on_time_rate = done on time ÷ the same."""

    total = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField())
    completed = serializers.IntegerField()
    done_on_time = serializers.IntegerField()
    done_late = serializers.IntegerField()
    overdue = serializers.IntegerField()
    in_deadline = serializers.IntegerField()
    awaiting_event = serializers.IntegerField()
    halted = serializers.IntegerField()
    due_soon = serializers.IntegerField()
    completion_rate = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    on_time_rate = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


class UnitTimelinessSerializer(serializers.Serializer):  # type: ignore[type-arg]
    unit = ResultUnitSerializer()
    owed = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    missing = serializers.IntegerField()
    pending = serializers.IntegerField()
    on_time_rate = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


class UnitScoreSerializer(serializers.Serializer):  # type: ignore[type-arg]
    unit = ResultUnitSerializer()
    rank = serializers.IntegerField(allow_null=True)
    score = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    task_credit = _decimal()
    report_credit = _decimal()
    tasks = TaskSummarySerializer()
    reports = UnitTimelinessSerializer(allow_null=True)
