"""Document pages: parse the form, ask policy, call one builder, send the file.

Generating changes nothing, so the forms are GET forms and a download link can be bookmarked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from theodoi.accounts import policy
from theodoi.core.htmx import render_page
from theodoi.periods.submission import VIETNAM_TZ
from theodoi.plans.models import Plan
from theodoi.plans.selectors import plan_get
from theodoi.units.models import Unit

from . import selectors
from .appendix import appendix_workbook
from .forms import AppendixForm, ReminderForm, SummaryForm
from .register import register_document, register_workbook
from .reminder import reminder_document
from .summary import summary_data, summary_document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _today() -> date:
    return timezone.now().astimezone(VIETNAM_TZ).date()


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _plan(request: HttpRequest, pk: int) -> Plan:
    plan = plan_get(user=request.user, pk=pk)
    if plan is None:
        raise Http404
    return plan


def _initial(issuer: Unit, plan: Plan | None = None) -> dict[str, Any]:
    """The form's defaults: the place of the plan (else the province), today, the plan's signer."""
    return {"place": selectors.place_name(issuer, plan), "day": _today(), "signer": plan.signer if plan else ""}


def _plan_forms(request: HttpRequest, plan: Plan, periods: list[Any]) -> dict[str, Any]:
    now = timezone.now()
    initial = _initial(plan.standing_unit, plan)
    reminder = None
    if policy.can_remind_units(request.user, plan):
        units = [(unit.pk, unit.name) for unit in selectors.overdue_units(plan=plan, now=now)]
        reminder = ReminderForm(initial=initial, units=units, auto_id="don-doc-%s")
    return {
        "summary_form": SummaryForm(initial=initial, periods=periods, auto_id="tong-hop-%s"),
        "appendix_form": AppendixForm(periods=periods, auto_id="phu-luc-%s"),
        "reminder_form": reminder,
    }


@login_required
@require_safe
def plan_documents(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = _plan(request, plan_pk)
    periods = selectors.report_periods(plan)
    context = {
        "plan": plan,
        "periods": periods,
        "can_compile": policy.can_compile_plan(request.user, plan),
        **_plan_forms(request, plan, periods),
    }
    return render_page(request, "documents/plan_documents.html", context)


def _invalid(request: HttpRequest, plan: Plan, **forms: Any) -> HttpResponse:
    periods = selectors.report_periods(plan)
    context = {
        "plan": plan,
        "periods": periods,
        "can_compile": policy.can_compile_plan(request.user, plan),
        **_plan_forms(request, plan, periods),
        **forms,
    }
    return render_page(request, "documents/plan_documents.html", context, status=400)


@login_required
@require_safe
def plan_summary(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = _plan(request, plan_pk)
    if not policy.can_compile_plan(request.user, plan):
        raise PermissionDenied
    form = SummaryForm(request.GET, periods=selectors.report_periods(plan), auto_id="tong-hop-%s")
    if not form.is_valid():
        return _invalid(request, plan, summary_form=form)
    period = form.cleaned_data["period"]
    data = summary_data(plan, period, now=timezone.now(), today=_today())
    content = summary_document(data, form.particulars(proposals=form.cleaned_data.get("proposals", "")))
    return _file(content, DOCX, f"bao-cao-tong-hop-ke-hoach-{plan.pk}-{period.key}.docx")


@login_required
@require_safe
def plan_appendix(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = _plan(request, plan_pk)
    if not policy.can_compile_plan(request.user, plan):
        raise PermissionDenied
    periods = selectors.report_periods(plan)
    form = AppendixForm(request.GET, periods=periods, auto_id="phu-luc-%s")
    if not form.is_valid():
        return _invalid(request, plan, appendix_form=form)
    period = form.cleaned_data.get("period") or (periods[0] if periods else None)
    content = appendix_workbook(plan, period, as_of=_today())
    return _file(content, XLSX, f"phu-luc-ke-hoach-{plan.pk}.xlsx")


@login_required
@require_safe
def plan_reminder(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = _plan(request, plan_pk)
    if not policy.can_remind_units(request.user, plan):
        raise PermissionDenied
    now = timezone.now()
    units = [(unit.pk, unit.name) for unit in selectors.plan_units(plan)]
    form = ReminderForm(request.GET, units=units, auto_id="don-doc-%s")
    if not form.is_valid():
        return _invalid(request, plan, reminder_form=form)
    unit = Unit.objects.get(pk=int(form.cleaned_data["unit"]))
    tasks, reports = selectors.unit_overdue(unit=unit, plans=[plan], now=now)
    content = reminder_document(
        issuer_unit=plan.standing_unit, unit=unit, plans=[plan], tasks=tasks, reports=reports,
        particulars=form.particulars(), reply_by=form.cleaned_data.get("reply_by"),
    )  # fmt: skip
    return _file(content, DOCX, f"cong-van-don-doc-{unit.code}.docx")


# --- registers -----------------------------------------------------------------------------------


def _register_response(request: HttpRequest, register: selectors.Register, fmt: str, stem: str) -> HttpResponse:
    if fmt == "xlsx":
        return _file(register_workbook(register), XLSX, f"{stem}.xlsx")
    if fmt == "docx":
        return _file(register_document(register), DOCX, f"{stem}.docx")
    if fmt != "html":
        raise Http404
    return render_page(request, "documents/register.html", {"register": register, "fmt_base": stem})


@login_required
@require_safe
def plan_register(request: HttpRequest, plan_pk: int, fmt: str = "html") -> HttpResponse:
    plan = _plan(request, plan_pk)
    register = selectors.task_register(user=request.user, plan=plan, as_of=_today())
    return _register_response(request, register, fmt, f"so-theo-doi-ke-hoach-{plan.pk}")


def _unit(request: HttpRequest, pk: int) -> Unit:
    units = policy.restrict(Unit.objects.select_related("parent__parent"), request.user, policy.READ)
    return get_object_or_404(units, pk=pk)


@login_required
@require_safe
def unit_register(request: HttpRequest, unit_pk: int, fmt: str = "html") -> HttpResponse:
    unit = _unit(request, unit_pk)
    register = selectors.task_register(user=request.user, unit=unit, as_of=_today())
    return _register_response(request, register, fmt, f"so-theo-doi-{unit.code}")


def _reminder_plans(request: HttpRequest, unit: Unit) -> list[Plan]:
    """Plans the user may send reminders for in which the unit has a part."""
    reviewed = policy.restrict(Plan.objects.select_related("owner", "standing_unit"), request.user, policy.REVIEW)
    return list(reviewed.filter(pk__in=selectors.unit_plan_ids(unit)).order_by("pk"))


def _unit_context(request: HttpRequest, unit: Unit, plans: list[Plan]) -> dict[str, Any]:
    """The unit page's context: the plans the unit takes part in that the user may compile
    documents for (links to their pages), and the reminder form when the user follows some."""
    readable = policy.restrict(Plan.objects.all(), request.user, policy.READ)
    taking_part = readable.filter(pk__in=selectors.unit_plan_ids(unit)).order_by("-issued_on", "title")
    compiled = [plan for plan in taking_part if policy.can_compile_plan(request.user, plan)]
    issuer = request.user.unit or (plans[0].standing_unit if plans else unit)
    form = ReminderForm(initial=_initial(issuer), auto_id="don-doc-%s") if plans else None
    return {"unit": unit, "plans": plans, "compiled_plans": compiled, "reminder_form": form}


@login_required
@require_safe
def unit_documents(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = _unit(request, unit_pk)
    context = _unit_context(request, unit, _reminder_plans(request, unit))
    return render_page(request, "documents/unit_documents.html", context)


@login_required
@require_safe
def unit_reminder(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = _unit(request, unit_pk)
    plans = _reminder_plans(request, unit)
    if not plans:
        raise PermissionDenied
    form = ReminderForm(request.GET, auto_id="don-doc-%s")
    if not form.is_valid():
        context = {**_unit_context(request, unit, plans), "reminder_form": form}
        return render_page(request, "documents/unit_documents.html", context, status=400)
    tasks, reports = selectors.unit_overdue(unit=unit, plans=plans, now=timezone.now())
    concerned = {item.plan.pk for item in [*tasks, *reports]}
    cited = [plan for plan in plans if plan.pk in concerned] or plans
    issuer = request.user.unit or plans[0].standing_unit
    content = reminder_document(
        issuer_unit=issuer, unit=unit, plans=cited, tasks=tasks, reports=reports,
        particulars=form.particulars(), reply_by=form.cleaned_data.get("reply_by"),
    )  # fmt: skip
    return _file(content, DOCX, f"cong-van-don-doc-{unit.code}.docx")
