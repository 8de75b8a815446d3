"""Calendar pages for coordinators (schedule, days off, events, extensions) and for units
(asking for an extension). Views parse a form, call one service and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from theodoi.accounts import policy
from theodoi.accounts.choices import Role
from theodoi.core.errors import ApplicationError
from theodoi.periods import selectors, services
from theodoi.periods.forms import (
    DayOffForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    ScheduleForm,
    TaskEventForm,
    TaskHaltForm,
)
from theodoi.periods.models import DayOff, ExtensionRequest, ReportingPeriod, ReportingSchedule
from theodoi.plans.models import Assignment, Plan, Task


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    return get_object_or_404(policy.restrict(Plan.objects.all(), request.user, policy.READ), pk=plan_id)


def _posted_id(request: HttpRequest, name: str) -> int:
    """The id of the row a post is about; anything but a number finds nothing (404), never an error."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else 0


def _fail(form: Any, error: ApplicationError) -> None:
    form.add_error(None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def schedule_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    schedule = ReportingSchedule.objects.filter(plan=plan).first()
    can_change = policy.can(request.user, policy.CHANGE, plan)
    initial = (
        {field: getattr(schedule, field) for field in ScheduleForm.base_fields} if schedule else {"due_soon_days": 3}
    )
    form = ScheduleForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.schedule_set(actor=request.user, plan=plan, **data)
        except ApplicationError as error:
            _fail(form, error)
        else:
            messages.success(request, "Đã lưu chế độ báo cáo và cập nhật các kỳ báo cáo.")
            return redirect("periods:schedule", plan_id=plan.pk)
    context = {
        "plan": plan,
        "form": form,
        "can_change": can_change,
        "schedule": schedule,
        "periods": selectors.periods_of_plan(plan),
        "now": timezone.now(),
    }
    return render(request, "periods/schedule.html", context)


def _may_enter_days_off(user: Any) -> bool:
    return policy.is_admin(user) or getattr(user, "role", None) == Role.COORDINATOR


@login_required
@require_http_methods(["GET", "POST"])
def days_off(request: HttpRequest) -> HttpResponse:
    year = int(request.GET.get("nam") or timezone.localdate().year)
    form = DayOffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.day_off_set(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            _fail(form, error)
        else:
            messages.success(request, f"Đã lưu ngày {form.cleaned_data['day']:%d/%m/%Y}.")
            return redirect(f"{request.path}?nam={form.cleaned_data['day'].year}")
    context = {
        "form": form,
        "year": year,
        "days": selectors.days_off_of_year(year),
        "entered": DayOff.objects.filter(day__year=year),
        "can_change": _may_enter_days_off(request.user),
    }
    return render(request, "periods/days_off.html", context)


@login_required
@require_http_methods(["POST"])
def day_off_delete(request: HttpRequest, day_off_id: int) -> HttpResponse:
    row = get_object_or_404(DayOff, pk=day_off_id)
    try:
        services.day_off_delete(actor=request.user, day_off=row)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã xoá ngày {row.day:%d/%m/%Y}.")
    return redirect(f"{reverse('periods:days_off')}?nam={row.day.year}")


@login_required
@require_http_methods(["GET", "POST"])
def events(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    tasks = list(selectors.event_tasks(plan))
    form = TaskEventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        task = get_object_or_404(Task, pk=_posted_id(request, "task"), plan=plan)
        if form.is_valid():
            try:
                services.task_event_record(actor=request.user, task=task, **form.cleaned_data)
            except ApplicationError as error:
                _fail(form, error)
            else:
                messages.success(request, f"Đã ghi nhận sự kiện của nhiệm vụ {task.ref}.")
                return redirect("periods:events", plan_id=plan.pk)
    context = {
        "plan": plan,
        "tasks": tasks,
        "form": form,
        "can_change": policy.can(request.user, policy.CHANGE, plan),
        "today": timezone.localdate(),
    }
    return render(request, "periods/events.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def extensions(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    form = ExtensionDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        row = get_object_or_404(ExtensionRequest, pk=_posted_id(request, "request"), assignment__task__plan=plan)
        if form.is_valid():
            try:
                services.extension_decide(
                    actor=request.user, request=row, approve=form.cleaned_data["decision"] == "approve",
                    note=form.cleaned_data["note"],
                )  # fmt: skip
            except ApplicationError as error:
                _fail(form, error)
            else:
                messages.success(request, "Đã ghi quyết định gia hạn.")
                return redirect("periods:extensions", plan_id=plan.pk)
    context = {
        "plan": plan,
        "requests": selectors.extension_requests_of_plan(plan),
        "form": form,
        "can_review": policy.can(request.user, policy.REVIEW, plan),
    }
    return render(request, "periods/extensions.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def extension_new(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(
        policy.restrict(Assignment.objects.filter(task__isnull=False), request.user, policy.REPORT).select_related(
            "task__plan", "unit"
        ),
        pk=assignment_id,
    )
    form = ExtensionRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.extension_request(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ApplicationError as error:
            _fail(form, error)
        else:
            messages.success(request, "Đã gửi đề nghị gia hạn tới cơ quan thường trực.")
            return redirect("periods:extension_new", assignment_id=assignment.pk)
    reading = selectors.assignment_status(assignment, timezone.localdate())
    history = assignment.extension_requests.order_by("-requested_at")
    context = {"assignment": assignment, "form": form, "reading": reading, "history": history}
    return render(request, "periods/extension_new.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def halts(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Tasks stopped or adjusted (dừng/điều chỉnh), and the form to record one."""
    plan = _plan(request, plan_id)
    tasks = Task.objects.filter(plan=plan, archived=False).select_related("halt").order_by("position")
    form = TaskHaltForm(request.POST if request.method == "POST" else None, tasks=tasks)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        task = data.pop("task")
        try:
            services.task_halt(actor=request.user, task=task, **data)
        except ApplicationError as error:
            _fail(form, error)
        else:
            messages.success(request, f"Đã ghi nhận dừng/điều chỉnh nhiệm vụ {task.ref}.")
            return redirect("periods:halts", plan_id=plan.pk)
    context = {
        "plan": plan,
        "form": form,
        "halted": [task for task in tasks if _has_halt(task)],
        "can_change": policy.can(request.user, policy.CHANGE, plan),
    }
    return render(request, "periods/halts.html", context)


def _has_halt(task: Task) -> bool:
    return hasattr(task, "halt")


@login_required
@require_safe
def period_detail(request: HttpRequest, plan_id: int, period_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    period = get_object_or_404(ReportingPeriod, pk=period_id, plan=plan)
    now = timezone.now()
    context = {
        "plan": plan,
        "period": period,
        "rows": selectors.period_overview(period, now),
        "rates": selectors.plan_on_time_rates(plan, now),
        "now": now,
    }
    return render(request, "periods/period.html", context)


@login_required
@require_safe
def unit_agenda(request: HttpRequest) -> HttpResponse:
    """What the person's unit (and the units under it) still owes, nearest deadline first."""
    user: Any = request.user
    rows = []
    if user.unit_id:
        deadlines = selectors.open_deadlines(timezone.now(), unit_ids=policy.unit_subtree_ids(user.unit))
        rows = sorted(deadlines, key=lambda row: row.due_at)
    return render(request, "periods/agenda.html", {"rows": rows, "unit": user.unit})
