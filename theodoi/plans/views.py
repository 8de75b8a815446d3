"""Plan pages: the list of plans a user may read and one plan as its appendix tables."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from theodoi.accounts.policy import unit_subtree_ids
from theodoi.core.forms import query_from
from theodoi.core.htmx import render_page
from theodoi.plans.selectors import plan_get, plan_list, plan_page

SHOW_ARCHIVED = "luu-tru"
OWN_UNIT_ONLY = "don-vi-toi"
PAGE = "trang"
PLANS_PER_PAGE = 50


@login_required
@require_safe
def plan_list_view(request: HttpRequest) -> HttpResponse:
    query = query_from(request.GET)
    context = {
        "query": query,
        "plans": Paginator(plan_list(user=request.user, query=query), PLANS_PER_PAGE).get_page(
            request.GET.get(PAGE)
        ),
    }
    return render_page(request, "plans/plan_list.html", context, "plans/_plan_table.html")


@login_required
@require_safe
def plan_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get(user=request.user, pk=pk)
    if plan is None:
        raise Http404
    own_only = request.GET.get(OWN_UNIT_ONLY) == "1" and request.user.unit_id is not None
    page = plan_page(
        user=request.user,
        plan=plan,
        show_archived=request.GET.get(SHOW_ARCHIVED) == "1",
        only_units=unit_subtree_ids(request.user.unit) if own_only else None,
    )
    return render_page(request, "plans/plan_detail.html", {"page": page, "plan": plan})
