"""Who may see and do what: the only place permissions are decided.

Pages, the API, commands and services all ask here. Querysets are narrowed with
`restrict(queryset, user, action)` (NetBox's pattern); single objects with `can(...)`.

Roles (one per user, at one unit):
- admin: everything.
- coordinator (cơ quan thường trực): every plan its unit follows (as standing unit or follower)
  plus the plans its unit takes part in; reviews and edits the plans it follows.
- unit_leader, reporter: the plans in which their unit (or a unit under it) has a part;
  they work only on their own unit's assignments and reports (a leader also approves them).
- viewer (người xem, e.g. a leader reading results): every plan owned or followed within
  their province.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q, QuerySet

from theodoi.accounts.choices import Role

READ = "read"
CHANGE = "change"
REVIEW = "review"
REPORT = "report"
APPROVE = "approve"


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_admin(user: Any) -> bool:
    return _active(user) and (user.is_superuser or user.role == Role.ADMIN)


def can_use_admin(user: Any) -> bool:
    """The Django admin (Quản trị) is for the admin role only, whatever `is_staff` says."""
    return is_admin(user)


def unit_subtree_ids(unit: Any) -> list[int]:
    """The unit and every unit below it (a department's divisions report for it).

    Kept on the unit instance: `request.user.unit` lives for one request, so a page that asks
    policy several times walks the tree once, and a changed tree is seen on the next request.
    """
    from theodoi.units.selectors import unit_descendant_ids

    cached: list[int] | None = getattr(unit, "_subtree_ids", None)
    if cached is None:
        cached = unit_descendant_ids(unit)
        unit._subtree_ids = cached
    return cached


def _province_id(user: Any) -> int | None:
    province = user.unit.province if user.unit_id else None
    return province.pk if province else None


def plan_filter(user: Any, action: str = READ) -> Q:
    """The plans `user` may act on, as a Q over Plan."""
    if is_admin(user):
        return Q()
    if not _active(user) or not user.unit_id:
        return Q(pk__in=[])
    followed = _followed(user.unit_id)
    if user.role == Role.COORDINATOR:
        if action in (CHANGE, REVIEW):
            return followed
        return followed | _takes_part(user)
    if user.role == Role.VIEWER:
        if action != READ:
            return Q(pk__in=[])
        province = _province_id(user)
        return Q(owner_id__in=_province_unit_ids(province)) | followed if province else followed
    if action in (CHANGE, REVIEW):
        return Q(pk__in=[])
    return _takes_part(user)


def _followed(unit_id: int) -> Q:
    """Plans the unit stands for or follows. The followers are read by a subquery, not a join, so
    OR-ing this with other many-valued conditions multiplies no rows (seconds at province scale)."""
    from theodoi.plans.models import Plan

    followers = Plan.followers.through.objects.filter(unit_id=unit_id).values("plan_id")
    return Q(standing_unit_id=unit_id) | Q(pk__in=followers)


def _takes_part(user: Any) -> Q:
    """Plans in which the user's unit (or a unit under it) has an assignment, by two subqueries
    over the tasks and indicators (joins here would give one row per assignment before DISTINCT)."""
    from theodoi.plans.models import Indicator, Task

    units = unit_subtree_ids(user.unit)
    tasks = Task.objects.filter(assignments__unit_id__in=units).values("plan_id")
    indicators = Indicator.objects.filter(assignments__unit_id__in=units).values("plan_id")
    return Q(pk__in=tasks) | Q(pk__in=indicators)


def _province_unit_ids(province_id: int) -> list[int]:
    from theodoi.units.models import Unit

    return unit_subtree_ids(Unit.objects.get(pk=province_id))


def restrict(queryset: QuerySet[Any], user: Any, action: str = READ) -> QuerySet[Any]:
    """Narrow a queryset of plans, sections, indicators, tasks, assignments or reports (and their
    items, evidence, comments, versions) to what `user` may do."""
    label = queryset.model._meta.label_lower
    if is_admin(user):
        return queryset
    if label == "plans.plan":
        return queryset.filter(pk__in=_plan_ids(user, action))
    if label in ("plans.section", "plans.indicator", "plans.task"):
        return queryset.filter(plan_id__in=_plan_ids(user, action))
    if label == "plans.assignment":
        return queryset.filter(_assignment_filter(user, action))
    if label == "imports.importdraft":
        if not can_import_plans(user):
            return queryset.none()
        return queryset.filter(created_by__unit_id=user.unit_id)
    if label == "units.unit":
        return queryset if _active(user) else queryset.none()
    if label in REPORT_LABELS:
        return restrict_reports(queryset, user, action)
    if label == "cascade.tasklink":
        return queryset.filter(_task_link_filter(user, action))
    raise ValueError(f"restrict() does not know {label}")


def _plan_ids(user: Any, action: str) -> QuerySet[Any]:
    from theodoi.plans.models import Plan

    return Plan.objects.filter(plan_filter(user, action)).values("pk")


def _assignment_filter(user: Any, action: str) -> Q:
    """Coordinators see every assignment of the plans they follow; units only their own."""
    if not _active(user) or not user.unit_id:
        return Q(pk__in=[])
    own = Q(unit_id__in=unit_subtree_ids(user.unit))
    if user.role == Role.COORDINATOR:
        plans = _plan_ids(user, REVIEW if action != READ else CHANGE)
        followed = Q(task__plan_id__in=plans) | Q(indicator__plan_id__in=plans)
        return followed | own if action == READ else followed
    if user.role == Role.VIEWER:
        if action != READ:
            return Q(pk__in=[])
        plans = _plan_ids(user, READ)
        return Q(task__plan_id__in=plans) | Q(indicator__plan_id__in=plans)
    if action == REPORT or action == READ:
        return own
    return Q(pk__in=[])


def can(user: Any, action: str, obj: Model) -> bool:
    """Whether `user` may do `action` on one object."""
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


def can_edit_directory(user: Any) -> bool:
    return is_admin(user)


def is_coordinator(user: Any) -> bool:
    return _active(user) and user.role == Role.COORDINATOR and bool(user.unit_id)


def can_import_plans(user: Any) -> bool:
    """Admins and standing agencies read plan documents into the system."""
    return is_admin(user) or is_coordinator(user)


# --- periodic reports (theodoi.submissions) ----------------------------------------------------
# A unit's report is edited and sent by its own people (reporters and its leader, or those of a
# unit above it); its leader approves it when the plan asks for that; the coordinators who follow
# the plan review, accept, return and reopen it; whoever reads the plan reads its reports.


REPORT_LABELS = frozenset({
    "submissions.report", "submissions.reportversion", "submissions.taskitem", "submissions.indicatoritem",
    "submissions.evidence", "submissions.reviewcomment",
})  # fmt: skip


def _report_filter(user: Any, action: str) -> Q:
    if not _active(user) or not user.unit_id:
        return Q(pk__in=[])
    own = Q(unit_id__in=unit_subtree_ids(user.unit))
    if user.role == Role.COORDINATOR:
        reviewed = Q(plan_id__in=_plan_ids(user, REVIEW))
        if action == READ:
            return reviewed | own
        # Coordinators review; filling in a unit's report is the unit's own work.
        return reviewed if action == REVIEW else Q(pk__in=[])
    if user.role == Role.VIEWER:
        return Q(plan_id__in=_plan_ids(user, READ)) if action == READ else Q(pk__in=[])
    if user.role == Role.UNIT_LEADER and action in (READ, REPORT, APPROVE):
        return own
    if user.role == Role.REPORTER and action in (READ, REPORT):
        return own
    return Q(pk__in=[])


def restrict_reports(queryset: QuerySet[Any], user: Any, action: str = READ) -> QuerySet[Any]:
    """Narrow a queryset of reports (or of rows with a `report` foreign key) to what `user` may do."""
    if is_admin(user):
        return queryset
    condition = _report_filter(user, action)
    if queryset.model._meta.label_lower == "submissions.report":
        return queryset.filter(condition)
    from theodoi.submissions.models import Report

    return queryset.filter(report__in=Report.objects.filter(condition).values("pk"))


def can_on_report(user: Any, action: str, report: Model) -> bool:
    return restrict_reports(type(report)._default_manager.filter(pk=report.pk), user, action).exists()


def can_edit_report(user: Any, report: Model) -> bool:
    """Fill in and submit a unit's report: that unit's reporters and leader."""
    return can_on_report(user, REPORT, report)


def can_approve_report(user: Any, report: Model) -> bool:
    """Approve a unit's report before it goes to the standing agency: that unit's leader."""
    return can_on_report(user, APPROVE, report)


def can_review_report(user: Any, report: Model) -> bool:
    """Accept, return and reopen: the coordinators who follow the plan."""
    return can_on_report(user, REVIEW, report)


def can_open_reporting_period(user: Any, plan: Model) -> bool:
    """Open a period's reports for every unit that owes one: the plan's coordinators."""
    return can(user, CHANGE, plan)


# --- the cascade between plans (theodoi.cascade) -------------------------------------------------
# A link between a lower task and the higher task it serves is read by whoever reads either plan:
# the higher plan's coordinators follow how lower plans took up their tasks without being given
# the lower plans themselves. It is decided by those who may change the lower plan (its standing
# unit's coordinators), since the lower plan is what says which higher task it carries out.


def _task_link_filter(user: Any, action: str) -> Q:
    if action == READ:
        readable = _plan_ids(user, READ)
        return Q(lower_task__plan_id__in=readable) | Q(higher_task__plan_id__in=readable)
    return Q(lower_task__plan_id__in=_plan_ids(user, CHANGE))


def can_link_plans(user: Any, plan: Model) -> bool:
    """Set which higher plans a plan carries out, and confirm its tasks' links: its coordinators."""
    return can(user, CHANGE, plan)


def can_manage_source_systems(user: Any) -> bool:
    """Register the systems that push indicator values, and issue their tokens."""
    return is_admin(user)


# --- results (theodoi.results) -------------------------------------------------------------------
# How results are computed for a plan (aggregation rules of its indicators, warning bands, the
# scoreboard's weights) is set by the coordinators who follow it; the default for every plan by
# an admin. Whoever reads a plan reads its results.


def can_set_result_rules(user: Any, plan: Model | None) -> bool:
    if plan is None:
        return is_admin(user)
    return can(user, CHANGE, plan)


def result_unit_ids(user: Any, plan: Model) -> list[int] | None:
    """The units whose figures and scores `user` may see in the results of `plan` (which they
    read): every unit (None) for admins, the coordinators who follow the plan and viewers; else
    their own unit and those below it, as with reports."""
    if is_admin(user) or (user.role == Role.VIEWER and can(user, READ, plan)):
        return None
    if user.role == Role.COORDINATOR and can(user, REVIEW, plan):
        return None
    return unit_subtree_ids(user.unit) if _active(user) and user.unit_id else []


# --- official documents (theodoi.documents) ------------------------------------------------------
# The summary report and the appendix with results gather every unit's report of a plan: those who
# read all of them may download them (admins, the coordinators who follow the plan, viewers of its
# province). Reminder letters are the standing agency's: the coordinators who follow the plan.
# Registers are open to every reader, narrowed row by row through restrict() and restrict_reports().


def can_compile_plan(user: Any, plan: Model) -> bool:
    """Those who see every unit's results of the plan (`result_unit_ids`) may compile them."""
    return _active(user) and result_unit_ids(user, plan) is None


def can_remind_units(user: Any, plan: Model) -> bool:
    return can(user, REVIEW, plan)
