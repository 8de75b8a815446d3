"""Reads of the cascade: the review page of a lower plan, the take-up page of a higher plan."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from theodoi.accounts import policy
from theodoi.cascade.choices import LinkState
from theodoi.cascade.models import TaskLink
from theodoi.cascade.similarity import WEAK_SCORE, TaskText
from theodoi.periods.selectors import plan_task_statuses
from theodoi.periods.status import DONE_STATUSES, Status
from theodoi.plans.models import Plan, Task
from theodoi.plans.services import number_key
from theodoi.submissions.choices import ReportState
from theodoi.submissions.models import TaskItem


def task_text(task: Task) -> TaskText:
    """What the scorer compares of a task: its name, description, output and headings."""
    return TaskText(
        key=task.pk,
        name=task.name,
        description=task.description,
        output=task.output,
        section=tuple(task.section_path),
    )


def candidate_tasks(plan: Plan) -> list[Task]:
    """The live tasks of every higher plan `plan` carries out, in their plans' order."""
    return list(
        Task.objects.filter(plan__in=plan.implements.all(), archived=False)
        .select_related("plan", "section__parent__parent")
        .order_by("plan_id", "position")
    )


def task_links_visible(user: Any, action: str = policy.READ) -> QuerySet[TaskLink]:
    return policy.restrict(TaskLink.objects.all(), user, action)


def higher_plan_numbers_unloaded(plan: Plan) -> list[str]:
    """Numbers the plan cites as carried out that match no plan linked to it (not in the system)."""
    linked = {number_key(number) for number in plan.implements.values_list("number", flat=True)}
    return [ref for ref in plan.implements_refs if number_key(ref) not in linked]


# --- the lower plan: review suggestions ------------------------------------------------------


@dataclass
class Suggestion:
    link: TaskLink

    @property
    def weak(self) -> bool:
        return self.link.score is not None and self.link.score < WEAK_SCORE


@dataclass
class ReviewRow:
    """One task of the lower plan with its decision and its suggestions."""

    task: Task
    confirmed: TaskLink | None
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        return self.confirmed is not None

    @property
    def serves_none(self) -> bool:
        return self.confirmed is not None and self.confirmed.higher_task_id is None


@dataclass
class DecisionCounts:
    confirmed: int
    none: int
    pending: int


def decision_counts(rows: list[ReviewRow]) -> DecisionCounts:
    """How many tasks are linked to a higher task, decided to serve none, or still to review."""
    return DecisionCounts(
        confirmed=sum(1 for row in rows if row.decided and not row.serves_none),
        none=sum(1 for row in rows if row.serves_none),
        pending=sum(1 for row in rows if not row.decided),
    )


@dataclass
class ReviewPage:
    plan: Plan
    higher: list[Plan]
    higher_unloaded: list[str]
    rows: list[ReviewRow]
    candidates: list[Task]
    can_link: bool
    linkable_plans: list[Plan]
    picker_task: int | None = None  # the row that shows the list of every higher task

    @property
    def counts(self) -> DecisionCounts:
        return decision_counts(self.rows)

    @property
    def has_suggestions(self) -> bool:
        return any(row.suggestions or row.confirmed for row in self.rows)


def review_rows(plan: Plan, tasks: list[Task] | None = None) -> list[ReviewRow]:
    tasks = tasks if tasks is not None else list(plan.tasks.filter(archived=False))
    links = TaskLink.objects.filter(lower_task__in=tasks).select_related("higher_task__plan").order_by("rank", "pk")
    confirmed: dict[int, TaskLink] = {}
    suggested: dict[int, list[Suggestion]] = defaultdict(list)
    for link in links:
        if link.state == LinkState.CONFIRMED:
            confirmed[link.lower_task_id] = link
        elif link.state == LinkState.SUGGESTED:
            suggested[link.lower_task_id].append(Suggestion(link))
    return [ReviewRow(task, confirmed.get(task.pk), suggested.get(task.pk, [])) for task in tasks]


def review_page(*, user: Any, plan: Plan) -> ReviewPage:
    """Everything the review page of a lower plan shows."""
    readable = policy.restrict(Plan.objects.all(), user, policy.READ)
    can_link = policy.can_link_plans(user, plan)
    linkable: list[Plan] = []
    if can_link:
        linkable = list(readable.exclude(pk=plan.pk).select_related("owner").order_by("-issued_on", "title"))
    return ReviewPage(
        plan=plan,
        higher=list(plan.implements.select_related("owner")),
        higher_unloaded=higher_plan_numbers_unloaded(plan),
        rows=review_rows(plan),
        candidates=candidate_tasks(plan),
        can_link=can_link,
        linkable_plans=linkable,
    )


# --- the higher plan: who took up each task ------------------------------------------------------


@dataclass
class LowerEntry:
    """A lower task that serves a higher task, with where it stands."""

    task: Task
    status: Status | None
    percent_done: Any = None
    progress_label: str = ""

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES


@dataclass
class HigherRow:
    task: Task
    lower: list[LowerEntry] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(1 for entry in self.lower if entry.done)


@dataclass
class HigherPage:
    plan: Plan
    lower_plans: list[Plan]
    rows: list[HigherRow]
    as_of: dt.date
    readable_plan_ids: set[int] = field(default_factory=set)  # lower plans the viewer may open

    @property
    def untaken(self) -> list[Task]:
        return [row.task for row in self.rows if not row.lower]

    @property
    def taken_count(self) -> int:
        return sum(1 for row in self.rows if row.lower)


def _latest_progress(task_ids: list[int]) -> dict[int, TaskItem]:
    """The latest reported item per task, from reports that reached the standing agency (the one
    submitted last wins: a late report for an earlier period does not hide a newer figure)."""
    items = (
        TaskItem.objects.filter(task_id__in=task_ids, report__state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED])
        .select_related("report")
        .order_by("report__submitted_at", "pk")
    )
    latest: dict[int, TaskItem] = {}
    for item in items:
        latest[item.task_id] = item  # later periods overwrite earlier ones
    return latest


def higher_page(*, user: Any, plan: Plan, as_of: dt.date) -> HigherPage:
    """For each task of a higher plan, the confirmed lower tasks under it and their status."""
    links = list(
        task_links_visible(user)
        .filter(higher_task__plan=plan, state=LinkState.CONFIRMED, lower_task__archived=False)
        .select_related("lower_task__plan__owner")
        .order_by("lower_task__plan_id", "lower_task__position")
    )
    lower_plans = {link.lower_task.plan_id: link.lower_task.plan for link in links}
    statuses: dict[int, Status] = {}
    for lower_plan in lower_plans.values():
        statuses.update(plan_task_statuses(lower_plan, as_of))
    progress = _latest_progress([link.lower_task_id for link in links])
    by_higher: dict[int, list[LowerEntry]] = defaultdict(list)
    for link in links:
        item = progress.get(link.lower_task_id)
        by_higher[link.higher_task_id or 0].append(
            LowerEntry(
                task=link.lower_task,
                status=statuses.get(link.lower_task_id),
                percent_done=item.percent_done if item else None,
                progress_label=item.get_progress_display() if item and item.progress else "",
            )
        )
    tasks = plan.tasks.filter(archived=False).select_related("section__parent__parent")
    return HigherPage(
        plan=plan,
        lower_plans=sorted(lower_plans.values(), key=lambda p: p.title),
        rows=[HigherRow(task, by_higher.get(task.pk, [])) for task in tasks],
        as_of=as_of,
        readable_plan_ids=set(
            policy.restrict(Plan.objects.filter(pk__in=lower_plans), user, policy.READ).values_list("pk", flat=True)
        ),
    )
