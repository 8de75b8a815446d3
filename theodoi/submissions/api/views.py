"""Report endpoints: reads go through `policy.restrict` (RestrictedReadOnlyViewSet) and the
selectors; every action parses its body, calls one service and answers with the report.

A refused action answers with the service's Vietnamese message: 403 when the user may read the
report but not do this to it, 409 with `current_version` and `differences` when the edit was based
on a stale version, 400 otherwise (with `errors` by item and field when the service lists them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import FileResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import (
    AuthenticationFailed,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from theodoi.accounts import policy
from theodoi.core.api.views import RestrictedReadOnlyViewSet
from theodoi.core.errors import ApplicationError
from theodoi.plans.models import Indicator
from theodoi.submissions import selectors, services
from theodoi.submissions.api import filters, serializers
from theodoi.submissions.api.authentication import IsSourceSystem, SystemTokenAuthentication
from theodoi.submissions.models import Evidence, IndicatorItem, Report, TaskItem
from theodoi.units.models import Unit

SYSTEM_TOKEN_REFUSED = (
    "Chưa xác thực: hệ thống nguồn phải gửi khóa hợp lệ, còn hiệu lực của mình (Authorization: System …)."
)


def _refused(error: ApplicationError) -> Response:
    body: dict[str, Any] = {"detail": error.message}
    if "differences" in error.extra:
        body.update(current_version=error.extra.get("current_version"), differences=error.extra["differences"])
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(error.extra.get("errors"), list):
        body["errors"] = error.extra["errors"]
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


INVALID = "Dữ liệu gửi lên chưa đúng; xem lỗi của từng trường."


def _invalid(errors: Any) -> Response:
    """Field errors as DRF gives them, with the `detail` every 400 of these endpoints promises."""
    body: dict[str, Any] = {"detail": INVALID}
    body.update(errors if isinstance(errors, dict) else {"non_field_errors": errors})
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied()


def _action_schema(request: Any, description: str, response: Any = serializers.ReportSerializer) -> Any:
    return extend_schema(
        request=request,
        description=description,
        responses={
            200: response,
            400: OpenApiResponse(serializers.ActionErrorSerializer, description="Refused; `errors` by item and field."),
            403: OpenApiResponse(serializers.ActionErrorSerializer, description="You may read it but not do this."),
            404: OpenApiResponse(serializers.ActionErrorSerializer, description="No such report, or not yours."),
            409: OpenApiResponse(serializers.ActionErrorSerializer, description="Based on a stale version."),
        },
    )


class ReportViewSet(RestrictedReadOnlyViewSet):
    """Units' periodic reports (báo cáo định kỳ): reporters fill in and submit their own unit's,
    its leader approves them when the plan asks for it, the plan's coordinators return, accept and
    reopen them, viewers read them."""

    queryset = Report.objects.select_related("unit")
    serializer_class = serializers.ReportSerializer
    filterset_class = filters.ReportFilterSet
    ordering_fields = ["period_year", "period_index", "due_at", "submitted_at", "unit__name", "id"]

    @extend_schema(responses=serializers.ReportDetailSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        report = self.get_object()
        detail = selectors.report_detail(user=request.user, report_id=report.pk)
        return Response(serializers.ReportDetailSerializer(detail).data)

    def _act(self, request: Request, body: type[serializers.serializers.Serializer] | None,
             allowed: Callable[[Any, Report], bool], call: Callable[[Report, dict[str, Any]], Any],
             answer: Callable[[Any], Response] | None = None) -> Response:
        report = self.get_object()
        _require(allowed(request.user, report))
        data: dict[str, Any] = {}
        if body is not None:
            parsed = body(data=request.data)
            if not parsed.is_valid():
                return _invalid(parsed.errors)
            data = dict(parsed.validated_data)
        try:
            result = call(report, data)
        except ApplicationError as error:
            return _refused(error)
        except ValidationError as error:
            return _invalid(error.detail)
        if answer is not None:
            return answer(result)
        return Response(serializers.ReportSerializer(result).data)

    @_action_schema(serializers.DraftInputSerializer, "Save what the unit typed so far (all or nothing).")
    @action(detail=True, methods=["post"], url_path="save-draft")
    def save_draft(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request, serializers.DraftInputSerializer, policy.can_edit_report,
            lambda report, data: services.report_save_draft(
                actor=request.user, report=report, items=data["items"], expected_version=data["expected_version"]
            ),
        )

    @_action_schema(serializers.SubmitInputSerializer, "Submit the whole report: to the leader or the standing agency.")
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request, serializers.SubmitInputSerializer, policy.can_edit_report,
            lambda report, data: services.report_submit(
                actor=request.user, report=report, expected_version=data["expected_version"]
            ),
        )

    @_action_schema(None, "The unit's leader approves a report waiting for them.")
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request, None, policy.can_approve_report,
            lambda report, data: services.report_approve_by_leader(actor=request.user, report=report),
        )

    @_action_schema(serializers.ReturnInputSerializer, "Send the report back with comments.")
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request, serializers.ReturnInputSerializer,
            lambda user, report: policy.can_review_report(user, report) or policy.can_approve_report(user, report),
            lambda report, data: services.report_return(actor=request.user, report=report, comments=data["comments"]),
        )

    @_action_schema(None, "The standing agency accepts a submitted report; it is then locked.")
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request, None, policy.can_review_report,
            lambda report, data: services.report_accept(actor=request.user, report=report),
        )

    @_action_schema(serializers.ReopenInputSerializer, "Reopen an accepted report, with the reason.")
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request, serializers.ReopenInputSerializer, policy.can_review_report,
            lambda report, data: services.report_reopen(actor=request.user, report=report, reason=data["reason"]),
        )

    @_action_schema(
        serializers.EvidenceInputSerializer, "Attach a file (multipart) or a link to the report or one item.",
        response=serializers.EvidenceSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def evidence(self, request: Request, pk: str | None = None) -> Response:
        def add(report: Report, data: dict[str, Any]) -> Evidence:
            upload = data.get("file")
            return services.evidence_add(
                actor=request.user, report=report, item=_item(report, data), upload=upload,
                filename=getattr(upload, "name", "") or "", url=data.get("url", ""), title=data.get("title", ""),
            )

        return self._act(
            request, serializers.EvidenceInputSerializer, policy.can_edit_report, add,
            lambda row: Response(serializers.EvidenceSerializer(row).data, status=status.HTTP_201_CREATED),
        )


def _item(report: Report, data: dict[str, Any]) -> TaskItem | IndicatorItem | None:
    if data.get("task") is not None:
        found: TaskItem | IndicatorItem | None = report.task_items.filter(task_id=data["task"]).first()
    elif data.get("indicator") is not None:
        found = report.indicator_items.filter(indicator_id=data["indicator"]).first()
    else:
        return None
    if found is None:
        raise ValidationError({"task" if data.get("task") is not None else "indicator": ["Không thuộc báo cáo này."]})
    return found


class EvidenceViewSet(RestrictedReadOnlyViewSet):
    """Evidence (minh chứng) of the reports the user reads; `?report=` lists one report's."""

    queryset = Evidence.objects.all()
    serializer_class = serializers.EvidenceSerializer
    filterset_class = filters.EvidenceFilterSet
    ordering_fields = ["added_at", "id"]

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiResponse(description="The file, as an attachment.")}
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        row = self.get_object()
        if row.kind != "file":
            raise ValidationError({"detail": "Minh chứng này là một đường dẫn, không có tệp để tải."})
        try:
            row = selectors.evidence_for_download(user=request.user, evidence_id=row.pk)
        except ApplicationError as error:
            raise NotFound() from error
        response = FileResponse(
            row.file.open("rb"), as_attachment=True, filename=row.original_name, content_type=row.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ExternalValueView(APIView):
    """A source system pushes one indicator's numbers for a unit and period (`Authorization: System
    <token>`). The same key pushed again updates the row; the answer says which."""

    authentication_classes = [SystemTokenAuthentication]
    permission_classes = [IsSourceSystem]
    serializer_class = serializers.ExternalValueInputSerializer

    @extend_schema(
        request=serializers.ExternalValueInputSerializer,
        responses={
            200: OpenApiResponse(serializers.ExternalValueResultSerializer, description="Updated (or unchanged)."),
            201: OpenApiResponse(serializers.ExternalValueResultSerializer, description="Created."),
            400: OpenApiResponse(serializers.ActionErrorSerializer, description="Invalid values, or refused."),
        },
    )
    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)
        if isinstance(exc, (NotAuthenticated, AuthenticationFailed)):
            # The shared handler speaks of user tokens; a system signs with its own.
            response.data = {"detail": SYSTEM_TOKEN_REFUSED}
        return response

    def post(self, request: Request) -> Response:
        parsed = serializers.ExternalValueInputSerializer(data=request.data)
        if not parsed.is_valid():
            return _invalid(parsed.errors)
        data = parsed.validated_data
        unit = Unit.objects.filter(code=data["unit"]).first()
        indicator = Indicator.objects.filter(pk=data["indicator"]).first()
        missing = {}
        if unit is None:
            missing["unit"] = ["Không có đơn vị mang mã này."]
        if indicator is None:
            missing["indicator"] = ["Không có chỉ tiêu này."]
        if missing:
            return _invalid(missing)
        try:
            row, created = services.external_value_push(
                system=request.auth, unit=unit, indicator=indicator, period=data["period"],
                numerator=data.get("numerator"), denominator=data.get("denominator"), value=data.get("value"),
                extracted_at=data["extracted_at"],
            )  # fmt: skip
        except ApplicationError as error:
            return _refused(error)
        outcome = "created" if created else ("updated" if row.extracted_at == data["extracted_at"] else "unchanged")
        body = serializers.ExternalValueResultSerializer(
            {"id": row.pk, "status": outcome, "extracted_at": row.extracted_at}
        ).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
