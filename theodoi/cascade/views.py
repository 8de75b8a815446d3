"""Pages of the cascade: a lower plan reviews which higher task each of its tasks serves; a higher
plan sees, per task, the lower tasks under it. Views parse, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from theodoi.accounts import policy
from theodoi.cascade import selectors, services
from theodoi.core.errors import ApplicationError
from theodoi.core.htmx import render_page, wants_fragment
from theodoi.plans.models import Plan, Task


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    return get_object_or_404(policy.restrict(Plan.objects.all(), request.user, policy.READ), pk=plan_id)


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
@require_GET
def review(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    page = selectors.review_page(user=request.user, plan=plan)
    page.picker_task = _int_or_none(request.GET.get("chon"))
    return render_page(request, "cascade/review.html", {"plan": plan, "page": page})


@login_required
@require_POST
def higher_set(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    wanted = [pk for pk in (_int_or_none(v) for v in request.POST.getlist("higher")) if pk is not None]
    higher = list(policy.restrict(Plan.objects.filter(pk__in=wanted), request.user, policy.READ))
    try:
        services.plan_higher_set(actor=request.user, plan=plan, higher=higher)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã lưu kế hoạch cấp trên."))
    return redirect("cascade:review", plan_id=plan.pk)


@login_required
@require_POST
def suggest(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    try:
        result = services.links_suggest(actor=request.user, plan=plan)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Đã gợi ý cho %(suggested)d nhiệm vụ; %(decided)d nhiệm vụ đã xác nhận được giữ nguyên.")
            % {"suggested": result.suggested, "decided": result.decided},
        )
    return redirect("cascade:review", plan_id=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, task_id: int) -> HttpResponse:
    """POST: confirm a suggestion, pick another higher task, mark "none", or reopen the decision.
    GET: the task's row with the list of every higher task to pick from."""
    task = get_object_or_404(
        policy.restrict(Task.objects.select_related("plan"), request.user, policy.READ), pk=task_id
    )
    if request.method == "GET":
        if not wants_fragment(request):
            return redirect(reverse("cascade:review", args=[task.plan_id]) + f"?chon={task.pk}#nv-{task.pk}")
        return _row(request, task, picker=True)
    action = request.POST.get("action", "")
    error = ""
    try:
        if action == "reopen":
            services.link_reopen(actor=request.user, lower_task=task)
        elif action == "none":
            services.link_confirm(actor=request.user, lower_task=task, higher_task=None)
        elif action == "confirm":
            higher = Task.objects.filter(pk=_int_or_none(request.POST.get("higher_task"))).first()
            if higher is None:
                raise ApplicationError(_("Hãy chọn một nhiệm vụ cấp trên."))
            services.link_confirm(actor=request.user, lower_task=task, higher_task=higher)
        else:
            raise ApplicationError(_("Thao tác không hợp lệ."))
    except ApplicationError as failure:
        error = failure.message
    if not wants_fragment(request):
        if error:
            messages.error(request, error)
        return redirect(reverse("cascade:review", args=[task.plan_id]) + f"#nv-{task.pk}")
    return _row(request, task, error=error)


def _row(request: HttpRequest, task: Task, *, picker: bool = False, error: str = "") -> HttpResponse:
    """One row of the review table, as htmx swaps it in place."""
    rows = selectors.review_rows(task.plan)
    context = {
        "plan": task.plan,
        "row": next((row for row in rows if row.task.pk == task.pk), None)
        or selectors.review_rows(task.plan, [task])[0],
        "counts": selectors.decision_counts(rows),
        "error": error,
        "page": {
            "can_link": policy.can_link_plans(request.user, task.plan),
            "candidates": selectors.candidate_tasks(task.plan) if picker else [],
            "picker_task": task.pk if picker else None,
        },
    }
    return render_page(request, "cascade/_review_row.html", context, "cascade/_review_row.html")


@login_required
@require_GET
def uptake(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    page = selectors.higher_page(user=request.user, plan=plan, as_of=timezone.localdate())
    return render_page(request, "cascade/uptake.html", {"plan": plan, "page": page})
