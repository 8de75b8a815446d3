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


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_admin(user: Any) -> bool:
    return _active(user) and (user.is_superuser or user.role == Role.ADMIN)


def unit_subtree_ids(unit: Any) -> list[int]:
    """The unit and every unit below it (a department's divisions report for it)."""
    from theodoi.units.selectors import unit_descendant_ids

    return unit_descendant_ids(unit)


def _province_id(user: Any) -> int | None:
    province = user.unit.province if user.unit_id else None
    return province.pk if province else None


def plan_filter(user: Any, action: str = READ) -> Q:
    """The plans `user` may act on, as a Q over Plan."""
    if is_admin(user):
        return Q()
    if not _active(user) or not user.unit_id:
        return Q(pk__in=[])
    followed = Q(standing_unit_id=user.unit_id) | Q(followers=user.unit_id)
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


def _takes_part(user: Any) -> Q:
    units = unit_subtree_ids(user.unit)
    return Q(tasks__assignments__unit_id__in=units) | Q(indicators__assignments__unit_id__in=units)


def _province_unit_ids(province_id: int) -> list[int]:
    from theodoi.units.models import Unit

    return unit_subtree_ids(Unit.objects.get(pk=province_id))


def restrict(queryset: QuerySet[Any], user: Any, action: str = READ) -> QuerySet[Any]:
    """Narrow a queryset of plans, sections, indicators, tasks or assignments to what `user` may do."""
    label = queryset.model._meta.label_lower
    if is_admin(user):
        return queryset
    if label == "plans.plan":
        return queryset.filter(pk__in=_plan_ids(user, action))
    if label in ("plans.section", "plans.indicator", "plans.task"):
        return queryset.filter(plan_id__in=_plan_ids(user, action))
    if label == "plans.assignment":
        return queryset.filter(_assignment_filter(user, action))
    if label == "units.unit":
        return queryset if _active(user) else queryset.none()
    raise ValueError(f"restrict() does not know {label}")


def _plan_ids(user: Any, action: str) -> QuerySet[Any]:
    from theodoi.plans.models import Plan

    return Plan.objects.filter(plan_filter(user, action)).values("pk").distinct()


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
