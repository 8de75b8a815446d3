"""In-app notifications of the signed-in person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from theodoi.accounts import policy
from theodoi.core.errors import ApplicationError
from theodoi.notifications import selectors, services
from theodoi.notifications.forms import ReminderPolicyForm
from theodoi.notifications.models import Notification, ReminderPolicy
from theodoi.plans.models import Plan


@login_required
@require_safe
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("chua-doc") == "1"
    rows = selectors.notifications_of(request.user, unread_only=unread_only)[:200]
    return render(
        request, "notifications/list.html",
        {"notifications": rows, "unread_only": unread_only, "unread": selectors.unread_count(request.user)},
    )  # fmt: skip


@login_required
@require_http_methods(["POST"])
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    row = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    try:
        services.notification_mark_read(actor=request.user, notification=row)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def reminder_policy_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(policy.restrict(Plan.objects.all(), request.user, policy.READ), pk=plan_id)
    current = ReminderPolicy.objects.filter(plan=plan).first()
    initial = {field: getattr(current, field) for field in ReminderPolicyForm.base_fields} if current else None
    form = ReminderPolicyForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reminder_policy_set(actor=request.user, plan=plan, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Đã lưu cài đặt nhắc việc.")
            return redirect("notifications:policy", plan_id=plan.pk)
    context = {"plan": plan, "form": form, "can_change": policy.can(request.user, policy.CHANGE, plan)}
    return render(request, "notifications/policy.html", context)
