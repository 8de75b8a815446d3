"""Unit pages: the directory tree and, for one unit, what it leads and coordinates."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from theodoi.accounts.policy import READ, restrict
from theodoi.core.forms import query_from
from theodoi.core.htmx import render_page
from theodoi.plans.selectors import unit_directory, unit_work
from theodoi.units.models import Unit


@login_required
@require_safe
def unit_list_view(request: HttpRequest) -> HttpResponse:
    query = query_from(request.GET)
    context = {
        "query": query,
        "nodes": unit_directory(user=request.user, query=query),
    }
    return render_page(request, "units/unit_list.html", context, "units/_unit_tree.html")


@login_required
@require_safe
def unit_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    units = restrict(Unit.objects.select_related("parent__parent"), request.user, READ)
    unit = get_object_or_404(units, pk=pk)
    context = {
        "unit": unit,
        "children": unit.children.filter(is_active=True).order_by("name"),
        "work": unit_work(user=request.user, unit=unit),
    }
    return render_page(request, "units/unit_detail.html", context)
