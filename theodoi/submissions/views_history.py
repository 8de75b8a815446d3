"""A report's whole history: the page and its export (.xlsx or .csv)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from theodoi.core.errors import ApplicationError
from theodoi.submissions import history

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _history(request: HttpRequest, report_id: int) -> history.ReportHistory:
    try:
        return history.report_history(user=request.user, report_id=report_id)
    except ApplicationError as error:
        raise Http404(error.message) from error


@login_required
@require_GET
def report_history(request: HttpRequest, report_id: int) -> HttpResponse:
    found = _history(request, report_id)
    return render(request, "submissions/report_history.html", {"report": found.report, "history": found})


@login_required
@require_GET
def report_history_export(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    found = _history(request, report_id)
    if fmt == "xlsx":
        response = HttpResponse(history.history_xlsx(found), content_type=XLSX)
    elif fmt == "csv":
        response = HttpResponse(history.history_csv(found), content_type="text/csv; charset=utf-8")
    else:
        raise Http404("Không có định dạng này.")
    name = f"lich-su-bao-cao-{found.report.pk}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
