"""Read-only results of a plan: indicator results and trends, task summary, reporting timeliness,
the unit scoreboard. The plan must be one the user reads (else 404, as for an id that does not
exist); figures of units are narrowed by `policy.result_unit_ids`, the same as the pages."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from theodoi.accounts import policy
from theodoi.periods.status import end_of_day
from theodoi.plans.models import Indicator, Plan
from theodoi.results import selectors
from theodoi.results.api import serializers
from theodoi.units.models import Unit

_PERIOD = [
    OpenApiParameter("period_kind", str, enum=["month", "quarter", "half", "nine_months", "year"]),
    OpenApiParameter("period_year", int),
    OpenApiParameter("period_index", int),
]
_UNIT = OpenApiParameter("unit", int, description="Only this unit and the units below it.")
_DRAFTS = OpenApiParameter("include_drafts", bool, description="Count reports not yet accepted too.")
_AS_OF = OpenApiParameter("as_of", str, description="YYYY-MM-DD; statuses at the end of that day (default today).")
_YEAR = OpenApiParameter("year", int)


class _PlanResultsView(APIView):
    """Parses the shared query parameters and finds the plan within the user's reach."""

    def setup_query(self, request: Request, plan_id: int) -> tuple[Plan, dict[str, Any], list[int] | None]:
        plan = get_object_or_404(policy.restrict(Plan.objects.all(), request.user, policy.READ), pk=plan_id)
        parsed = serializers.ResultsQuerySerializer(data=request.query_params)
        parsed.is_valid(raise_exception=True)
        query = dict(parsed.validated_data)
        query["unit"] = get_object_or_404(Unit, pk=query["unit"]) if query.get("unit") else None
        query.setdefault("as_of", timezone.localdate())
        return plan, query, policy.result_unit_ids(request.user, plan)


class IndicatorResultsView(_PlanResultsView):
    @extend_schema(
        summary="Indicator results of a plan",
        description="Each live indicator rolled up over the units in scope, for a period or (without one) "
        "the year so far; ratios add numerators and denominators; only accepted reports unless "
        "include_drafts.",
        parameters=[*_PERIOD, _YEAR, _UNIT, _DRAFTS],
        responses=serializers.IndicatorResultSerializer(many=True),
    )
    def get(self, request: Request, plan_id: int) -> Response:
        plan, query, units = self.setup_query(request, plan_id)
        results = selectors.indicator_results(
            plan, period=query["period"], year=query.get("year"), unit=query["unit"], units=units,
            include_drafts=query["include_drafts"],
        )  # fmt: skip
        return Response(serializers.IndicatorResultSerializer(results, many=True).data)


class IndicatorTrendView(_PlanResultsView):
    @extend_schema(
        summary="An indicator's year: per period, projection, warning level",
        parameters=[_YEAR, _UNIT, _DRAFTS],
        responses=serializers.IndicatorTrendSerializer,
    )
    def get(self, request: Request, plan_id: int, indicator_id: int) -> Response:
        plan, query, units = self.setup_query(request, plan_id)
        indicator = get_object_or_404(Indicator, plan=plan, pk=indicator_id)
        trend = selectors.indicator_trend(
            indicator, year=query.get("year") or query["as_of"].year, unit=query["unit"], units=units,
            include_drafts=query["include_drafts"],
        )  # fmt: skip
        return Response(serializers.IndicatorTrendSerializer(trend).data)


class TaskSummaryView(_PlanResultsView):
    @extend_schema(
        summary="Task counts by status and rates",
        parameters=[*_PERIOD, _UNIT, _AS_OF, OpenApiParameter("section", int)],
        responses=serializers.TaskSummarySerializer,
    )
    def get(self, request: Request, plan_id: int) -> Response:
        plan, query, units = self.setup_query(request, plan_id)
        section = None
        if request.query_params.get("section", "").isdigit():
            section = get_object_or_404(plan.sections.all(), pk=int(request.query_params["section"]))
        summary = selectors.task_summary(
            plan, as_of=query["as_of"], section=section, unit=query["unit"], period=query["period"], units=units
        )
        return Response(serializers.TaskSummarySerializer(summary).data)


class TimelinessView(_PlanResultsView):
    @extend_schema(
        summary="Reporting timeliness per unit",
        parameters=[*_PERIOD, _YEAR, _UNIT, _AS_OF],
        responses=serializers.UnitTimelinessSerializer(many=True),
    )
    def get(self, request: Request, plan_id: int) -> Response:
        plan, query, units = self.setup_query(request, plan_id)
        as_of = end_of_day(query["as_of"]) if "as_of" in request.query_params else timezone.now()
        rows = selectors.reporting_timeliness(
            plan, period=query["period"], year=query.get("year"), unit=query["unit"], units=units, as_of=as_of
        )
        return Response(serializers.UnitTimelinessSerializer(rows, many=True).data)


class ScoreboardView(_PlanResultsView):
    @extend_schema(summary="Unit scoreboard", parameters=[_AS_OF], responses=serializers.UnitScoreSerializer(many=True))
    def get(self, request: Request, plan_id: int) -> Response:
        plan, query, units = self.setup_query(request, plan_id)
        rows = selectors.unit_scoreboard(plan, as_of=query["as_of"], units=units)
        return Response(serializers.UnitScoreSerializer(rows, many=True).data)
