"""The dashboards: parse the filters, ask one page builder, render the page or one of its tables
as a download (`?xuat=xlsx|csv&bang=<key>`). What a user may see is the policy's, applied by the
selectors the builders call; an object the user may not read is a 404."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from theodoi.accounts import policy
from theodoi.core.htmx import render_page
from theodoi.dashboards import boards, exports, pages, scope
from theodoi.dashboards.filters import parse_filters
from theodoi.plans.models import Indicator, Plan
from theodoi.results import selectors as results
from theodoi.units.models import Unit


def clock() -> datetime:
    """Now; one place, so tests can set the day the dashboards are read."""
    return timezone.now()


def _one_reading(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page's panels share the statuses of the plan's parts, read once per request."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        with results.readings_reused():
            return view(request, *args, **kwargs)

    return wrapped


def _respond(request: HttpRequest, page: pages.Page) -> HttpResponse:
    kind = request.GET.get("xuat", "")
    if kind:
        table = page.table(request.GET.get("bang", ""))
        if table is None or kind not in ("xlsx", "csv"):
            raise Http404("Không có bảng này để tải về.")
        if kind == "xlsx":
            response = HttpResponse(exports.xlsx_bytes(table), content_type=exports.XLSX_TYPE)
        else:
            response = HttpResponse(exports.csv_bytes(table), content_type=exports.CSV_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(table, kind)}"'
        return response
    return render_page(request, "dashboards/page.html", {"page": page}, "dashboards/_body.html")


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    return get_object_or_404(policy.restrict(Plan.objects.select_related("owner", "standing_unit"), request.user),
                             pk=plan_id)  # fmt: skip


@login_required
@require_safe
@_one_reading
def overview(request: HttpRequest) -> HttpResponse:
    plans = boards.overview_plans(request.user)
    filters = parse_filters(request.GET, request.user, plans=plans)
    page = boards.overview_page(user=request.user, filters=filters, now=clock(), plans=plans)
    return _respond(request, page)


@login_required
@require_safe
@_one_reading
def plan_dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    filters = parse_filters(request.GET, request.user, plan=plan)
    return _respond(request, boards.plan_page(user=request.user, plan=plan, filters=filters, now=clock()))


@login_required
@require_safe
@_one_reading
def reporting_grid(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    filters = parse_filters(request.GET, request.user, plan=plan)
    return _respond(request, pages.grid_page(user=request.user, plan=plan, filters=filters, now=clock()))


@login_required
@require_safe
@_one_reading
def unit_dashboard(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(policy.restrict(Unit.objects.all(), request.user), pk=unit_id)
    if not scope.can_see_unit(request.user, unit):
        raise Http404("Không tìm thấy đơn vị, hoặc bạn không có quyền xem.")
    filters = parse_filters(request.GET, request.user)
    return _respond(request, boards.unit_page(user=request.user, unit=unit, filters=filters, now=clock()))


@login_required
@require_safe
@_one_reading
def indicator_dashboard(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = get_object_or_404(
        policy.restrict(Indicator.objects.select_related("plan"), request.user), pk=indicator_id
    )
    filters = parse_filters(request.GET, request.user, plan=indicator.plan)
    page = boards.indicator_page(user=request.user, indicator=indicator, filters=filters, now=clock())
    return _respond(request, page)
