"""What a viewer may see on the dashboards, asked of `accounts.policy` and handed to the results
selectors (which take no user): the plans, and per plan the units whose work the viewer may read.

The units come from the assignments the policy lets the viewer read: a unit's people see their
unit and the units below it; the coordinators of a plan, and leaders who read the plan (viewers),
see every unit of it. Returned as lazy querysets, so they travel into the results' queries as
subqueries and cost no query of their own.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from theodoi.accounts import policy
from theodoi.plans.models import Assignment, Indicator, Plan
from theodoi.submissions.models import Report
from theodoi.units.models import Unit


def visible_plans(user: Any) -> QuerySet[Plan]:
    return policy.restrict(Plan.objects.all(), user)


def visible_units(user: Any, plan: Plan | None = None) -> QuerySet[Unit]:
    """Units whose work (on `plan`, or on any plan) `user` may read."""
    return Unit.objects.filter(pk__in=_unit_ids(user, plan, restricted=True))


def unit_scope(user: Any, plan: Plan) -> list[int] | None:
    """What to pass as `units` to the results selectors for `plan`: None when the user may read
    the work of every unit of the plan (no narrowing at all, the cheapest query), else the ids.

    Two small queries; the ids travel as a literal list, which every database plans well, where a
    policy subquery nested in each aggregate would be re-evaluated row by row on SQLite."""
    readable = set(_unit_ids(user, plan, restricted=True))
    if policy.is_admin(user) or readable == set(_unit_ids(user, plan, restricted=False)):
        return None
    return sorted(readable)


def _unit_ids(user: Any, plan: Plan | None, *, restricted: bool) -> list[int]:
    assignments = Assignment.objects.all()
    reports = Report.objects.all()
    if plan is not None:
        assignments = assignments.filter(Q(task__plan=plan) | Q(indicator__plan=plan))
        reports = reports.filter(plan=plan)
    if restricted:
        assignments, reports = policy.restrict(assignments, user), policy.restrict_reports(reports, user)
    ids = (
        assignments.order_by()
        .values_list("unit_id", flat=True)
        .union(reports.order_by().values_list("unit_id", flat=True))
    )
    return list(ids)


def can_see_unit(user: Any, unit: Unit) -> bool:
    """A unit's page: for those who may read some of its work, or who belong to it or above it."""
    if policy.is_admin(user):
        return True
    if getattr(user, "unit_id", None) and unit.pk in policy.unit_subtree_ids(user.unit):
        return True
    return visible_units(user).filter(pk=unit.pk).exists()


def can_see_indicator(user: Any, indicator: Indicator) -> bool:
    return policy.restrict(Indicator.objects.filter(pk=indicator.pk), user).exists()
