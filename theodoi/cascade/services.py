"""Writes of the cascade: which higher plans a plan carries out, suggested task links, and a
person's decision on them. Each service is one transaction with its audit entry; `actor=None`
is the system (the demo loader, commands), every other actor is checked against policy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from theodoi.accounts import policy
from theodoi.audit.services import audit_record
from theodoi.cascade.choices import LinkState
from theodoi.cascade.models import TaskLink
from theodoi.cascade.selectors import candidate_tasks, task_text
from theodoi.cascade.similarity import HigherIndex
from theodoi.core.errors import ApplicationError
from theodoi.plans.models import Plan, Task

SUGGESTIONS_PER_TASK = 3


def _check_may_link(actor: Any, plan: Plan) -> None:
    if actor is not None and not policy.can_link_plans(actor, plan):
        raise ApplicationError("Chỉ cơ quan thường trực của kế hoạch này mới được liên kết với kế hoạch cấp trên.")


def _reaches(start: Plan, target: Plan) -> bool:
    """Whether `target` is `start` or above it through `implements` (a link back would loop)."""
    seen: set[int] = set()
    frontier = [start.pk]
    while frontier:
        if target.pk in frontier:
            return True
        seen.update(frontier)
        frontier = [
            pk
            for pk in Plan.implements.through.objects.filter(from_plan_id__in=frontier).values_list(
                "to_plan_id", flat=True
            )
            if pk not in seen
        ]
    return False


@transaction.atomic
def plan_higher_set(*, actor: Any, plan: Plan, higher: Sequence[Plan]) -> list[Plan]:
    """Record the higher plans `plan` carries out, replacing what was recorded.

    Suggestions towards plans no longer linked are dropped; confirmed links are kept (a person
    decided them) and show up on the review page until someone changes them.
    """
    _check_may_link(actor, plan)
    for other in higher:
        if other.pk == plan.pk:
            raise ApplicationError("Một kế hoạch không thể thực hiện chính nó.")
        if _reaches(other, plan):
            raise ApplicationError(
                f"Kế hoạch “{other.title[:80]}” đang thực hiện kế hoạch này (trực tiếp hoặc gián tiếp); "
                "không thể đặt nó làm kế hoạch cấp trên."
            )
    before = sorted(plan.implements.values_list("pk", flat=True))
    plan.implements.set(higher)
    after = sorted(other.pk for other in higher)
    dropped, _ = (
        TaskLink.objects.filter(lower_task__plan=plan)
        .exclude(state=LinkState.CONFIRMED)
        .exclude(higher_task__plan_id__in=after)
        .delete()
    )
    audit_record(
        actor=actor,
        action="cascade.plan_higher_set",
        target=plan,
        before={"implements": before},
        after={"implements": after, "suggestions_dropped": dropped},
    )
    return list(higher)


@dataclass
class SuggestResult:
    """What `links_suggest` did: tasks given suggestions, tasks left alone as already decided."""

    suggested: int = 0
    decided: int = 0
    links: int = 0


@transaction.atomic
def links_suggest(*, actor: Any, plan: Plan) -> SuggestResult:
    """Rank the higher plans' tasks for every task of `plan` and keep the best few as suggestions.

    Tasks a person already decided are left alone; a pair someone rejected is not suggested again.
    Running it again (after the higher plan was reloaded, say) replaces the old suggestions.
    """
    _check_may_link(actor, plan)
    candidates = candidate_tasks(plan)
    if not candidates:
        raise ApplicationError(
            "Kế hoạch chưa được liên kết với kế hoạch cấp trên nào có trong hệ thống, nên chưa có gì để gợi ý."
        )
    index = HigherIndex([task_text(task) for task in candidates])
    by_pk = {task.pk: task for task in candidates}
    lower_tasks = list(plan.tasks.filter(archived=False).select_related("section__parent"))
    decided = set(
        TaskLink.objects.filter(lower_task__plan=plan, state=LinkState.CONFIRMED).values_list(
            "lower_task_id", flat=True
        )
    )
    rejected = set(
        TaskLink.objects.filter(lower_task__plan=plan, state=LinkState.REJECTED).values_list(
            "lower_task_id", "higher_task_id"
        )
    )
    TaskLink.objects.filter(lower_task__plan=plan, state=LinkState.SUGGESTED).delete()
    result = SuggestResult(decided=len(decided))
    rows = []
    for task in lower_tasks:
        if task.pk in decided:
            continue
        matches = [m for m in index.rank(task_text(task), limit=len(candidates)) if (task.pk, m.key) not in rejected]
        for rank, match in enumerate(matches[:SUGGESTIONS_PER_TASK], start=1):
            rows.append(TaskLink(lower_task=task, higher_task=by_pk[match.key], score=match.score, rank=rank))
        result.suggested += 1
    TaskLink.objects.bulk_create(rows)
    result.links = len(rows)
    audit_record(
        actor=actor,
        action="cascade.links_suggest",
        target=plan,
        after={"suggested": result.suggested, "decided": result.decided, "links": result.links},
    )
    return result


def _check_higher(lower_task: Task, higher_task: Task | None) -> None:
    if higher_task is None:
        return
    if higher_task.archived or not lower_task.plan.implements.filter(pk=higher_task.plan_id).exists():
        raise ApplicationError(
            "Nhiệm vụ được chọn không thuộc kế hoạch cấp trên mà kế hoạch này thực hiện; hãy chọn lại."
        )


def _score(lower_task: Task, higher_task: Task | None) -> float | None:
    if higher_task is None:
        return None
    candidates = candidate_tasks(lower_task.plan)
    index = HigherIndex([task_text(task) for task in candidates])
    for match in index.rank(task_text(lower_task), limit=len(candidates)):
        if match.key == higher_task.pk:
            return match.score
    return None


def _link_summary(link: TaskLink | None) -> dict[str, Any] | None:
    if link is None:
        return None
    return {"higher_task": link.higher_task_id, "state": link.state, "score": link.score}


@transaction.atomic
def link_confirm(*, actor: Any, lower_task: Task, higher_task: Task | None) -> TaskLink:
    """Record that `lower_task` serves `higher_task` (None: it serves no higher task).

    The link confirmed before, if any, becomes rejected (or goes, if it said "none"); the other
    suggestions stay as they are, so the page can still offer them.
    """
    lower_task = Task.objects.select_related("plan").select_for_update().get(pk=lower_task.pk)
    _check_may_link(actor, lower_task.plan)
    if lower_task.archived:
        raise ApplicationError("Nhiệm vụ này đã bỏ khỏi kế hoạch; không liên kết được nữa.")
    _check_higher(lower_task, higher_task)
    previous = TaskLink.objects.filter(lower_task=lower_task, state=LinkState.CONFIRMED).first()
    before = _link_summary(previous)
    if previous is not None and previous.higher_task_id == (higher_task.pk if higher_task else None):
        return previous
    if previous is not None:
        if previous.higher_task_id is None:
            previous.delete()
        else:
            previous.state = LinkState.REJECTED
            previous.save(update_fields=["state"])
    link = TaskLink.objects.filter(lower_task=lower_task, higher_task=higher_task).first() if higher_task else None
    link = link or TaskLink(lower_task=lower_task, higher_task=higher_task, score=_score(lower_task, higher_task))
    link.state = LinkState.CONFIRMED
    link.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    link.decided_at = timezone.now()
    link.full_clean(exclude=["lower_task", "higher_task", "decided_by"], validate_constraints=False)
    link.save()
    audit_record(
        actor=actor,
        action="cascade.link_confirm",
        target=lower_task,
        before=before,
        after=_link_summary(link),
    )
    return link


@transaction.atomic
def link_reopen(*, actor: Any, lower_task: Task) -> None:
    """Undo the decision on `lower_task`: its confirmed link goes back to being a suggestion."""
    _check_may_link(actor, lower_task.plan)
    previous = TaskLink.objects.filter(lower_task=lower_task, state=LinkState.CONFIRMED).first()
    if previous is None:
        return
    before = _link_summary(previous)
    if previous.higher_task_id is None:
        previous.delete()
    else:
        previous.state = LinkState.SUGGESTED
        previous.decided_by, previous.decided_at = None, None
        previous.save(update_fields=["state", "decided_by", "decided_at"])
    audit_record(actor=actor, action="cascade.link_reopen", target=lower_task, before=before, after=None)
