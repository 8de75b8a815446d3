"""Writes to plans. `plan_load` turns a validated Plan JSON document into rows, all or nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F

from theodoi.audit.services import audit_record
from theodoi.core.errors import ApplicationError
from theodoi.core.text import search_key
from theodoi.plans.models import Assignment, Indicator, LegalReference, Plan, Section, Task
from theodoi.plans.plan_json import agency_names, validate_plan_json
from theodoi.units.models import Unit
from theodoi.units.selectors import Resolution, group_members, names_resolve, unit_resolve


@dataclass
class PlanLoadResult:
    plan: Plan
    created: bool
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)


def document_hash(document: dict[str, Any]) -> str:
    """A stable hash of the plan content (the source file name aside)."""
    content = {key: document.get(key) for key in ("plan", "indicators", "tasks")}
    raw = json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _resolve_owner(document: dict[str, Any], owner: Unit | None) -> Unit:
    if owner is not None:
        return owner
    issuer = document["plan"].get("issuer") or ""
    found = unit_resolve(issuer)
    if found is None:
        raise ApplicationError(
            f"Không xác định được cơ quan ban hành {issuer!r} trong danh mục đơn vị; "
            "hãy chọn đơn vị ban hành (--plan-owner) hoặc thêm tên gọi này cho đơn vị."
        )
    return found


def _unknown_message(resolution: Resolution) -> str:
    lines = ["Có tên cơ quan chưa có trong danh mục đơn vị (không có gì được ghi):"]
    lines += [f"- {name}" for name in resolution.unknown]
    lines += [f"- nhóm {token} không được hỗ trợ" for token in resolution.unknown_groups]
    lines.append("Hãy thêm đơn vị hoặc tên gọi khác (alias) trong danh mục rồi nạp lại.")
    return "\n".join(lines)


def plan_find_existing(document: dict[str, Any], owner: Unit) -> Plan | None:
    """The saved plan a document is a new version of: same number, same content, or same title."""
    meta = document["plan"]
    if meta.get("number"):
        found = Plan.objects.filter(owner=owner, number=meta["number"]).first()
        if found:
            return found
    by_hash = Plan.objects.filter(owner=owner, content_hash=document_hash(document)).first()
    return by_hash or Plan.objects.filter(owner=owner, title=meta["title"]).first()


@transaction.atomic
def plan_load(
    *,
    actor: Any,
    document: dict[str, Any],
    owner: Unit | None = None,
    standing_unit: Unit | None = None,
) -> PlanLoadResult:
    """Validate a Plan JSON document and write it; loading it again updates the plan in place.

    Rows are matched by `ref`: matched rows are updated, new rows added, and rows gone from the
    document are archived rather than deleted, so nothing reported against them is lost.
    """
    validate_plan_json(document)
    owner = _resolve_owner(document, owner)
    resolution = names_resolve(agency_names(document), owner=owner)
    if resolution.unknown or resolution.unknown_groups:
        raise ApplicationError(_unknown_message(resolution), extra={"unknown": resolution.unknown})
    plan = plan_find_existing(document, owner)
    created = plan is None
    before = None if created else _plan_summary(plan)
    plan = _write_plan(plan or Plan(owner=owner), document, standing_unit or owner)
    result = PlanLoadResult(plan=plan, created=created)
    sections = _write_sections(plan, document["tasks"])
    indicators = _write_indicators(plan, document["indicators"], resolution, result)
    _write_tasks(plan, document["tasks"], sections, indicators, resolution, result)
    Section.objects.filter(plan=plan).exclude(pk__in=[s.pk for s in sections.values()]).delete()
    audit_record(
        actor=actor,
        action="plan.create" if created else "plan.reload",
        target=plan,
        before=before,
        after=dict(_plan_summary(plan), added=result.added, updated=result.updated, archived=result.archived),
    )
    return result


def _plan_summary(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title, "number": plan.number, "issued_on": plan.issued_on,
        "indicators": plan.indicators.filter(archived=False).count(),
        "tasks": plan.tasks.filter(archived=False).count(),
    }


def _write_plan(plan: Plan, document: dict[str, Any], standing_unit: Unit) -> Plan:
    meta = document["plan"]
    period = meta.get("period") or {}
    plan.title = meta["title"]
    plan.kind = meta["kind"]
    plan.number = meta.get("number") or ""
    plan.issued_on = dt.date.fromisoformat(meta["issued_on"]) if meta.get("issued_on") else None
    plan.issuer = meta.get("issuer") or ""
    plan.place = meta.get("place") or ""
    plan.signer = meta.get("signer") or ""
    plan.period_from = period.get("from")
    plan.period_to = period.get("to")
    plan.implements_refs = list(meta.get("implements") or [])
    plan.source_name = document.get("source") or plan.source_name
    plan.content_hash = document_hash(document)
    if plan.pk is None:
        plan.standing_unit = standing_unit
    plan.full_clean(exclude=["owner", "standing_unit"])
    plan.save()
    plan.legal_refs.all().delete()
    LegalReference.objects.bulk_create(
        LegalReference(plan=plan, number=number, position=index)
        for index, number in enumerate(meta.get("legal_refs") or [])
    )
    _link_cascade(plan)
    return plan


def number_key(number: str | None) -> str:
    """A document number as compared across spellings: "1065/QĐ-UBND" = "1065/QD-UBND" = "1065 /QĐ-UBND"."""
    return "".join(search_key(number).split())


def _link_cascade(plan: Plan) -> None:
    """Connect this plan with the higher plans it names and the lower plans that name it.

    Links are only added: one a coordinator made by hand survives a reload of either plan.
    """
    wanted = {number_key(ref) for ref in plan.implements_refs}
    if wanted:
        others = Plan.objects.exclude(pk=plan.pk).exclude(number="")
        plan.implements.add(*[other for other in others if number_key(other.number) in wanted])
    if plan.number:
        mine = number_key(plan.number)
        for lower in Plan.objects.exclude(pk=plan.pk):
            if mine in {number_key(ref) for ref in lower.implements_refs or []}:
                lower.implements.add(plan)


def _write_sections(plan: Plan, tasks: list[dict[str, Any]]) -> dict[tuple[str, ...], Section]:
    """One Section per distinct heading path, created anew in document order."""
    # Old headings step aside (positions are unique) and are deleted once tasks have moved.
    Section.objects.filter(plan=plan).update(position=F("position") + 1_000_000)
    sections: dict[tuple[str, ...], Section] = {}
    for row in tasks:
        path = tuple(row["section"])
        for depth in range(1, len(path) + 1):
            key = path[:depth]
            if key not in sections:
                sections[key] = Section.objects.create(
                    plan=plan, parent=sections.get(key[:-1]), title=key[-1], position=len(sections)
                )
    return sections


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _sync_rows(model: type[Indicator] | type[Task], plan: Plan, rows: list[dict[str, Any]], result: PlanLoadResult,
               label: str, fill: Any) -> dict[str, Any]:
    existing = {row.ref: row for row in model.objects.filter(plan=plan)}
    seen: dict[str, Any] = {}
    for position, data in enumerate(rows):
        obj = existing.get(data["ref"]) or model(plan=plan)
        was_new = obj.pk is None
        fill(obj, data)
        obj.position = position
        obj.archived = False
        obj.full_clean(exclude=["plan", "section", "indicator"])
        obj.save()
        seen[data["ref"]] = obj
        (result.added if was_new else result.updated).append(f"{label} {data['ref']}")
    for ref, obj in existing.items():
        if ref not in seen and not obj.archived:
            obj.archived = True
            obj.position = 1_000_000 + obj.pk
            obj.save(update_fields=["archived", "position"])
            result.archived.append(f"{label} {ref}")
    return seen


def _write_indicators(plan: Plan, rows: list[dict[str, Any]], resolution: Resolution,
                      result: PlanLoadResult) -> dict[str, Indicator]:
    def fill(obj: Indicator, data: dict[str, Any]) -> None:
        target = data.get("target") or {}
        baseline = data.get("baseline") or {}
        formula = data.get("formula") or {}
        obj.ref = data["ref"]
        obj.group = data.get("group") or ""
        obj.name = data["name"]
        obj.unit_of_measure = data.get("unit") or ""
        obj.target_op = target.get("op") or ""
        obj.target_value = _decimal(target.get("value"))
        obj.target_text = target.get("text") or ""
        obj.baseline_value = _decimal(baseline.get("value"))
        obj.baseline_text = baseline.get("text") or ""
        obj.baseline_year = baseline.get("year")
        obj.formula_numerator = formula.get("numerator") or ""
        obj.formula_denominator = formula.get("denominator") or ""
        obj.formula_text = formula.get("text") or ""
        obj.data_source = data.get("data_source") or ""
        obj.note = data.get("note") or ""
        obj.responsible_names = list(data["responsible"])
        obj.coordinating_names = list(data["coordinating"])

    indicators = _sync_rows(Indicator, plan, rows, result, "Chỉ tiêu", fill)
    for data in rows:
        _sync_assignments(indicators[data["ref"]], plan.owner, data["responsible"], data["coordinating"], resolution)
    return indicators


def _write_tasks(plan: Plan, rows: list[dict[str, Any]], sections: dict[tuple[str, ...], Section],
                 indicators: dict[str, Indicator], resolution: Resolution, result: PlanLoadResult) -> None:
    def fill(obj: Task, data: dict[str, Any]) -> None:
        deadline = data.get("deadline") or {}
        obj.ref = data["ref"]
        obj.section = sections.get(tuple(data["section"]))
        obj.name = data["name"]
        obj.description = data.get("description") or ""
        obj.objective = data.get("objective") or ""
        obj.output = data.get("output") or ""
        obj.deadline_text = deadline.get("text") or ""
        obj.deadline_kind = deadline.get("kind") or ""
        obj.deadline_from = dt.date.fromisoformat(deadline["from"]) if deadline.get("from") else None
        obj.deadline_due = dt.date.fromisoformat(deadline["due"]) if deadline.get("due") else None
        obj.deadline_every = deadline.get("every") or ""
        obj.deadline_trigger = deadline.get("trigger") or ""
        obj.indicator = indicators.get(data.get("indicator_ref") or "")
        obj.note = data.get("note") or ""
        obj.lead_names = list(data["lead"])
        obj.coordinating_names = list(data["coordinating"])

    tasks = _sync_rows(Task, plan, rows, result, "Nhiệm vụ", fill)
    for data in rows:
        _sync_assignments(tasks[data["ref"]], plan.owner, data["lead"], data["coordinating"], resolution)


def _desired_assignments(owner: Unit, lead: list[str], coordinating: list[str],
                         resolution: Resolution) -> dict[tuple[int, str], tuple[Unit, str]]:
    """(unit, role) → (unit, group token). Named units win over group members; a unit that
    leads is not also added as a coordinator through a group."""
    desired: dict[tuple[int, str], tuple[Unit, str]] = {}
    for role, names in (("lead", lead), ("coordinating", coordinating)):
        for name in names:
            if not name.startswith("@"):
                unit = resolution.units[name]
                desired[(unit.pk, role)] = (unit, "")
    assigned = {unit_id for unit_id, _ in desired}
    for role, names in (("lead", lead), ("coordinating", coordinating)):
        for name in names:
            if name.startswith("@"):
                for unit in group_members(name, owner=owner):
                    if unit.pk not in assigned:
                        desired[(unit.pk, role)] = (unit, name)
                        assigned.add(unit.pk)
    return desired


def _sync_assignments(obj: Indicator | Task, owner: Unit, lead: list[str], coordinating: list[str],
                      resolution: Resolution) -> None:
    desired = _desired_assignments(owner, lead, coordinating, resolution)
    link = {"task": obj} if isinstance(obj, Task) else {"indicator": obj}
    current = {(a.unit_id, a.role): a for a in Assignment.objects.filter(**link)}
    for key, assignment in current.items():
        if key not in desired:
            assignment.delete()
        elif assignment.via_group != desired[key][1]:
            assignment.via_group = desired[key][1]
            assignment.save(update_fields=["via_group"])
    Assignment.objects.bulk_create(
        Assignment(unit=unit, role=role, via_group=token, **link)
        for (unit_id, role), (unit, token) in desired.items()
        if (unit_id, role) not in current
    )
