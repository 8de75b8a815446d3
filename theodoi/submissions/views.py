"""The unit's report screen, the standing agency's review screen and the lists of reports.

Views parse the post, call one service (or selector) and render; permissions are the policy's,
checked by the selectors and services. A report the user may not read is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from theodoi.accounts import policy
from theodoi.core.errors import ApplicationError
from theodoi.core.htmx import wants_fragment
from theodoi.periods.windows import Period, PeriodKind
from theodoi.plans.models import Plan
from theodoi.submissions import selectors, services
from theodoi.submissions.choices import (
    EDITABLE_STATES,
    CauseKind,
    DocumentStage,
    ReportState,
    SourceKind,
    TaskProgress,
    VoidCondition,
)
from theodoi.submissions.forms import (
    EvidenceForm,
    ReopenForm,
    SpreadsheetForm,
    expected_version,
    parse_comments,
    parse_items,
)
from theodoi.submissions.models import Evidence, IndicatorItem, Report, TaskItem
from theodoi.submissions.spreadsheet import report_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _detail(request: HttpRequest, report_id: int) -> selectors.ReportDetail:
    try:
        return selectors.report_detail(user=request.user, report_id=report_id)
    except ApplicationError as error:
        raise Http404(error.message) from error


def _report(request: HttpRequest, report_id: int) -> Report:
    report = selectors.reports_visible(request.user).filter(pk=report_id).first()
    if report is None:
        raise Http404("Không tìm thấy báo cáo, hoặc bạn không có quyền xem.")
    return report


def _errors_by_item(error: ApplicationError | None) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for problem in (error.extra.get("errors") or []) if error else []:
        if isinstance(problem, dict):
            found.setdefault(str(problem.get("item", "")), []).append(problem)
    return found


def _keep_typed(detail: selectors.ReportDetail, items: list[dict[str, Any]]) -> None:
    """Show what was typed again after a refusal (nothing of it was saved)."""
    tasks = {item.task_id: item for item in detail.task_items}
    indicators = {item.indicator_id: item for item in detail.indicator_items}
    for entry in items:
        item = tasks.get(entry.get("task")) if "task" in entry else indicators.get(entry.get("indicator"))
        for name, value in entry.items():
            if item is not None and name not in ("task", "indicator"):
                setattr(item, name, value)


def _context(detail: selectors.ReportDetail, **extra: Any) -> dict[str, Any]:
    report = detail.report
    return {
        "detail": detail,
        "report": report,
        "editable": detail.can_edit and report.state in EDITABLE_STATES,
        "progress_choices": TaskProgress.choices,
        "stage_choices": DocumentStage.choices,
        "cause_choices": CauseKind.choices,
        "source_choices": SourceKind.choices,
        "void_choices": VoidCondition.choices,
        "evidence_form": EvidenceForm(),
        "all_evidence": report.evidence.select_related("task_item__task", "indicator_item__indicator"),
        "spreadsheet_form": SpreadsheetForm(),
        "errors_by_item": {},
        "error": None,
        **extra,
    }


@login_required
@require_safe
def report_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.reports_visible(request.user).order_by(
        "-period_year", "-period_index", "plan__title", "unit__name"
    )
    plan = None
    if (plan_id := request.GET.get("ke-hoach", "")).isdigit():
        plan = get_object_or_404(policy.restrict(Plan.objects.all(), request.user), pk=int(plan_id))
        reports = reports.filter(plan=plan)
    return render(request, "submissions/report_list.html", {"reports": reports[:500], "plan": plan})


@login_required
@require_safe
def period_reports(request: HttpRequest, plan_id: int, kind: str, year: int, index: int) -> HttpResponse:
    plan = get_object_or_404(policy.restrict(Plan.objects.all(), request.user), pk=plan_id)
    if kind not in PeriodKind.values or not 1 <= index <= 12:
        raise Http404("Không có kỳ báo cáo này.")
    overview = selectors.period_reports(user=request.user, plan=plan, period=Period(year, PeriodKind(kind), index))
    return render(request, "submissions/period_reports.html", {"plan": plan, "overview": overview})


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    """The unit's report: save a draft, submit, or (the unit's leader) approve."""
    if request.method == "GET":
        return render(request, "submissions/report_detail.html", _context(_detail(request, report_id)))
    # A post needs the report only (the service checks the rights and reads what it changes); the
    # whole screen is read again only to show a refusal. Autosaves come every few seconds per person.
    report = _report(request, report_id)
    action = request.POST.get("action", "")
    items = parse_items(request.POST)
    if action == "save" and wants_fragment(request):
        return _autosave(request, report, items)
    try:
        report = _act(request, report, action, items)
    except ApplicationError as error:
        detail = _detail(request, report_id)
        _keep_typed(detail, items)
        context = _context(detail, error=error, errors_by_item=_errors_by_item(error))
        return render(request, "submissions/report_detail.html", context, status=422)
    messages.success(request, _DONE[action](report))
    return redirect("submissions:detail", report_id=report.pk)


def _autosave(request: HttpRequest, report: Report, items: list[dict[str, Any]]) -> HttpResponse:
    """A draft saved as the unit types (htmx, a pause after the last keystroke): answers the status
    line and the new version; a conflict or a refusal is shown there, never swallowed."""
    try:
        report = _act(request, report, "save", items)
    except ApplicationError as error:
        return render(request, "submissions/_autosave.html", {"error": error, "report": report})
    return render(request, "submissions/_autosave.html", {"report": report, "saved": True})


_DONE = {
    "save": lambda report: f"Đã lưu nháp (phiên bản {report.version}).",
    "submit": lambda report: f"Đã nộp báo cáo — trạng thái: {report.get_state_display()}.",
    "approve": lambda report: "Đã duyệt và gửi báo cáo tới cơ quan thường trực.",
}


def _seen(request: HttpRequest) -> int | None:
    """The version the person was looking at when deciding (None from an older page without it)."""
    return expected_version(request.POST) if "expected_version" in request.POST else None


def _act(request: HttpRequest, report: Any, action: str, items: list[dict[str, Any]]) -> Any:
    version = expected_version(request.POST)
    if action == "save":
        return services.report_save_draft(actor=request.user, report=report, items=items, expected_version=version)
    if action == "submit":
        # What is on the screen is saved with it, so "Nộp" sends exactly what the unit sees.
        return services.report_save_and_submit(actor=request.user, report=report, items=items, expected_version=version)
    if action == "approve":
        return services.report_approve_by_leader(actor=request.user, report=report, expected_version=_seen(request))
    raise ApplicationError("Không rõ thao tác.")


@login_required
@require_POST
def evidence_add(request: HttpRequest, report_id: int) -> HttpResponse:
    detail = _detail(request, report_id)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            services.evidence_add(
                actor=request.user, report=detail.report, item=_item(detail, data["item"]), upload=upload,
                filename=upload.name if upload else "", url=data["url"], title=data["title"],
            )  # fmt: skip
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã thêm minh chứng.")
    else:
        messages.error(request, "Minh chứng chưa hợp lệ: " + " ".join(form.errors.get("__all__", [])))
    return redirect(reverse("submissions:detail", args=[report_id]) + "#minh-chung")


@login_required
@require_POST
def evidence_remove(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = get_object_or_404(policy.restrict_reports(Evidence.objects.all(), request.user), pk=evidence_id)
    try:
        services.evidence_remove(actor=request.user, evidence=evidence)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã xóa minh chứng “{evidence}”.")
    return redirect(reverse("submissions:detail", args=[evidence.report_id]) + "#minh-chung")


def _item(detail: selectors.ReportDetail, key: str) -> TaskItem | IndicatorItem | None:
    items: list[TaskItem | IndicatorItem] = [*detail.task_items, *detail.indicator_items]
    return next((item for item in items if f"{_kind(item)}:{item.pk}" == key), None)


def _kind(item: TaskItem | IndicatorItem) -> str:
    return "task" if isinstance(item, TaskItem) else "indicator"


@login_required
@require_safe
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    try:
        evidence = selectors.evidence_for_download(user=request.user, evidence_id=evidence_id)
    except ApplicationError as error:
        raise Http404(error.message) from error
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name or "minh-chung",
        content_type=evidence.content_type or "application/octet-stream",
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_safe
def spreadsheet_download(request: HttpRequest, report_id: int) -> HttpResponse:
    detail = _detail(request, report_id)
    report = detail.report
    response = HttpResponse(report_workbook(report), content_type=XLSX)
    name = f"bao-cao-{report.pk}-{report.period.key}-v{report.version}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def spreadsheet_upload(request: HttpRequest, report_id: int) -> HttpResponse:
    detail = _detail(request, report_id)
    form = SpreadsheetForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Hãy chọn tệp Excel (.xlsx) để nhập.")
        return redirect("submissions:detail", report_id=report_id)
    try:
        report = services.report_import_spreadsheet(
            actor=request.user, report=detail.report, upload=form.cleaned_data["workbook"]
        )
    except ApplicationError as error:
        context = _context(_detail(request, report_id), error=error, errors_by_item=_errors_by_item(error))
        return render(request, "submissions/report_detail.html", context, status=422)
    messages.success(request, f"Đã nhập từ tệp Excel và lưu nháp (phiên bản {report.version}).")
    return redirect("submissions:detail", report_id=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_review(request: HttpRequest, report_id: int) -> HttpResponse:
    """The standing agency: comment, return, accept, reopen; versions and their differences."""
    detail = _detail(request, report_id)
    reopen_form = ReopenForm(request.POST if request.POST.get("action") == "reopen" else None)
    error = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "return":
                services.report_return(
                    actor=request.user, report=detail.report, comments=parse_comments(request.POST),
                    expected_version=_seen(request),
                )  # fmt: skip
                messages.success(request, "Đã trả lại báo cáo kèm ý kiến cho đơn vị.")
            elif action == "accept":
                services.report_accept(actor=request.user, report=detail.report, expected_version=_seen(request))
                messages.success(request, "Đã chấp nhận báo cáo.")
            elif action == "reopen":
                services.report_reopen(
                    actor=request.user, report=detail.report, reason=request.POST.get("reason", ""),
                    expected_version=_seen(request),
                )  # fmt: skip
                messages.success(request, "Đã mở lại báo cáo để đơn vị sửa.")
            else:
                raise ApplicationError("Không rõ thao tác.")
        except ApplicationError as caught:
            error = caught
        else:
            return redirect("submissions:review", report_id=report_id)
    context = {
        "detail": detail,
        "report": detail.report,
        "reopen_form": reopen_form,
        "error": error,
        "comparison": _comparison(detail, request.GET.get("tu", ""), request.GET.get("den", "")),
        "can_comment": detail.can_review and detail.report.state == ReportState.SUBMITTED,
    }
    return render(request, "submissions/report_review.html", context, status=422 if error else 200)


def _comparison(detail: selectors.ReportDetail, first: str, second: str) -> dict[str, Any] | None:
    versions = {str(version.number): version for version in detail.versions}
    if first not in versions or second not in versions:
        return None
    before, after = versions[first], versions[second]
    return {"before": before, "after": after, "diff": selectors.snapshot_diff(before.snapshot, after.snapshot)}
