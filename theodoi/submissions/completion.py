"""What an accepted report tells the calendar: the tasks the unit reports done complete the unit's own
assignments (`plans.Assignment.completed_on`), which the calendar's status and the results' completion
rates read. Called by `report_accept` and `report_reopen` inside their transaction (report row locked).

Rules (docs/submissions.md, "Completion from accepted reports"):

- only items whose progress is "hoàn thành" count; the date is the item's `completed_on`, else the day
  the report last reached the standing agency;
- only the reporting unit's own assignments to the task (lead or coordinating) are completed;
- a date is written when the assignment has none or a later one (an earlier completion is never
  pushed back), and each write is kept as a `ReportCompletion`;
- acceptance never clears a completion: a later report saying "not done" leaves it; only reopening
  the report whose acceptance wrote it takes it back (to the date before, or to the earliest date
  another accepted report of the unit still claims). A date changed since by other means is left.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from theodoi.plans.models import Assignment
from theodoi.submissions.choices import ReportState, TaskProgress
from theodoi.submissions.models import Report, ReportCompletion, TaskItem


def _claimed_on(item: TaskItem, report: Report) -> date | None:
    if item.completed_on is not None:
        return item.completed_on
    moment = report.submitted_at or report.first_submitted_at
    return timezone.localdate(moment) if moment is not None else None


def _entry(row: ReportCompletion, assignment: Assignment, *, undone: bool = False) -> dict[str, Any]:
    entry = {
        "assignment": assignment.pk, "task": assignment.task_id, "unit": assignment.unit_id, "role": assignment.role,
        "before": row.before, "after": row.after,
    }  # fmt: skip
    if undone:
        entry["now"] = assignment.completed_on
    return entry


def completions_apply(report: Report) -> list[dict[str, Any]]:
    """Write the completions the (just accepted) report claims; returns them for the audit entry."""
    claims: dict[int, date] = {}
    for item in report.task_items.filter(progress=TaskProgress.DONE).only("task_id", "completed_on"):
        day = _claimed_on(item, report)
        if day is not None:
            claims[item.task_id] = day
    # Left over only if an earlier reopening failed half way; its dates were not in force anyway.
    ReportCompletion.objects.filter(report=report).delete()
    if not claims:
        return []
    assignments = (
        Assignment.objects.select_for_update(of=("self",))
        .filter(unit_id=report.unit_id, task_id__in=claims)
        .order_by("pk")
    )
    written: list[dict[str, Any]] = []
    for assignment in assignments:
        day = claims[assignment.task_id]
        if assignment.completed_on is not None and assignment.completed_on <= day:
            continue
        row = ReportCompletion.objects.create(
            report=report, assignment=assignment, before=assignment.completed_on, after=day
        )
        assignment.completed_on = day
        assignment.save(update_fields=["completed_on"])
        written.append(_entry(row, assignment))
    return written


def completions_undo(report: Report) -> list[dict[str, Any]]:
    """Take back what the report's acceptance wrote (the report is being reopened); returns what was
    undone for the audit entry, with `now` the date left in force where it is not `before`."""
    rows = list(ReportCompletion.objects.filter(report=report).order_by("assignment_id"))
    if not rows:
        return []
    locked = {
        assignment.pk: assignment
        for assignment in Assignment.objects.select_for_update(of=("self",))
        .filter(pk__in=[row.assignment_id for row in rows])
        .order_by("pk")
    }
    undone: list[dict[str, Any]] = []
    for row in rows:
        assignment = locked[row.assignment_id]
        others = ReportCompletion.objects.filter(assignment=assignment).exclude(report=report)
        if assignment.completed_on != row.after:
            # Superseded by another report's earlier date (splice this write out of its chain) or changed
            # by hand (left alone).
            others.filter(before=row.after).update(before=row.before)
            undone.append(_entry(row, assignment, undone=True))
            continue
        restored, source = _still_claimed(assignment, report)
        if restored is not None and (row.before is None or restored < row.before):
            ReportCompletion.objects.update_or_create(
                report=source, assignment=assignment, defaults={"before": row.before, "after": restored}
            )
        else:
            restored = row.before
        assignment.completed_on = restored
        assignment.save(update_fields=["completed_on"])
        undone.append(_entry(row, assignment, undone=True))
    ReportCompletion.objects.filter(report=report).delete()
    return undone


def _still_claimed(assignment: Assignment, leaving: Report) -> tuple[date | None, Report | None]:
    """The earliest completion another accepted report of the unit claims for the task, and that report."""
    items = (
        TaskItem.objects.filter(
            task_id=assignment.task_id, progress=TaskProgress.DONE, report__unit_id=assignment.unit_id,
            report__state=ReportState.ACCEPTED,
        )
        .exclude(report_id=leaving.pk)
        .select_related("report")
    )  # fmt: skip
    best: tuple[date | None, Report | None] = (None, None)
    for item in items:
        day = _claimed_on(item, item.report)
        if day is not None and (best[0] is None or day < best[0]):
            best = (day, item.report)
    return best
