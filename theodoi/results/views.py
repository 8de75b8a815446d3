"""Results pages: the rules a plan's results are computed by (indicator aggregation, warning
bands, scoreboard weights) with the scoreboard they give. Views parse, call one service, render."""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from theodoi.accounts import policy
from theodoi.core.errors import ApplicationError
from theodoi.core.htmx import render_page
from theodoi.plans.models import Indicator, Plan
from theodoi.results import selectors, services
from theodoi.results.forms import AggregationForm, ResultSettingsForm


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    return get_object_or_404(policy.restrict(Plan.objects.all(), request.user, policy.READ), pk=plan_id)


def _settings_form(request: HttpRequest, plan: Plan | None) -> ResultSettingsForm:
    current = selectors.result_settings(plan.pk if plan else None)
    bound = request.POST if request.method == "POST" and request.POST.get("form") == "settings" else None
    # An unsaved copy: validating the form must not change the row in force; the service writes.
    return ResultSettingsForm(bound, instance=copy(current))


def _save_settings(request: HttpRequest, form: ResultSettingsForm, plan: Plan | None) -> bool:
    if not form.is_valid():
        return False
    try:
        services.result_settings_set(actor=request.user, plan=plan, values=form.values())
    except ApplicationError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, _("Đã lưu ngưỡng cảnh báo và cách chấm điểm."))
    return True


@login_required
@require_http_methods(["GET", "POST"])
def plan_rules(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    can_change = policy.can_set_result_rules(request.user, plan)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    indicators = list(Indicator.objects.filter(plan=plan, archived=False).order_by("position"))
    settings_form = _settings_form(request, plan)
    posted = request.POST.get("form") if request.method == "POST" else None
    aggregation_form = AggregationForm(request.POST if posted == "aggregation" else None, indicators=indicators)
    if posted == "settings" and _save_settings(request, settings_form, plan):
        return redirect("results:plan_rules", plan_id=plan.pk)
    if posted == "aggregation" and aggregation_form.is_valid():
        try:
            services.indicator_aggregations_set(actor=request.user, plan=plan, changes=aggregation_form.changes())
        except ApplicationError as error:
            aggregation_form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu cách tổng hợp các chỉ tiêu."))
            return redirect("results:plan_rules", plan_id=plan.pk)
    today = timezone.localdate()
    context = {
        "plan": plan,
        "can_change": can_change,
        "settings_form": settings_form,
        "aggregation_form": aggregation_form,
        "in_force": [(indicator, selectors.indicator_aggregation(indicator)) for indicator in indicators],
        "own_settings": hasattr(plan, "result_settings"),
        "today": today,
        "scoreboard": selectors.unit_scoreboard(plan, as_of=today, units=policy.result_unit_ids(request.user, plan)),
    }
    return render_page(request, "results/plan_rules.html", context, "results/_scoreboard.html")


@login_required
@require_http_methods(["GET", "POST"])
def default_rules(request: HttpRequest) -> HttpResponse:
    can_change = policy.can_set_result_rules(request.user, None)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    form = _settings_form(request, None)
    if request.method == "POST" and _save_settings(request, form, None):
        return redirect("results:default_rules")
    return render_page(request, "results/default_rules.html", {"settings_form": form, "can_change": can_change})
