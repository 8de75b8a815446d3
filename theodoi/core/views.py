"""Pages that belong to no single app: the home redirect and search."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from theodoi.accounts.choices import Role
from theodoi.core.forms import query_from
from theodoi.core.htmx import render_page
from theodoi.plans.selectors import search


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Leaders who read results (viewers) land on the dashboards' overview; everyone else on the plans."""
    if getattr(request.user, "role", "") == Role.VIEWER:
        return redirect("dashboards:overview")
    return redirect("plans:list")


@login_required
@require_safe
def search_view(request: HttpRequest) -> HttpResponse:
    query = query_from(request.GET)
    context = {
        "query": query,
        "results": search(user=request.user, query=query),
    }
    return render_page(request, "core/search.html", context, "core/_search_results.html")
