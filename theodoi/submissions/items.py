"""The content of a report's items: parsing what people type, the figures and flags derived from
it, what submission requires, and the frozen snapshot kept of each submission.

Used by the services only; nothing here writes to the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import DecimalField
from django.utils.text import capfirst

from theodoi.submissions import checks
from theodoi.submissions.checks import Flag
from theodoi.submissions.choices import Severity, TaskProgress, document_stage_weights
from theodoi.submissions.models import IndicatorCheckRule, IndicatorItem, TaskItem

TASK_FIELDS = (
    "progress", "percent_done", "document_stage", "work_done", "product", "completed_on",
    "difficulties", "cause_kind", "causes", "remedies",
)
INDICATOR_FIELDS = (
    "numerator", "denominator", "value", "source_kind", "source_system", "second_source_value",
    "second_source_name", "sample_size", "processed_outside", "paper_in_parallel", "signature_unused",
    "insufficient_sample", "note",
)
DERIVED_INDICATOR_FIELDS = (
    "extracted_numerator", "extracted_denominator", "extracted_value", "extracted_system", "extracted_at",
    "achieved", "flags",
)


@dataclass(frozen=True)
class Problem:
    """Something wrong with one field of one item, for the person who typed it."""

    item: str
    field: str
    message: str
    key: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"item": self.item, "field": self.field, "message": self.message, "key": self.key}


def item_key(item: TaskItem | IndicatorItem) -> str:
    return f"task:{item.task_id}" if isinstance(item, TaskItem) else f"indicator:{item.indicator_id}"


def item_label(item: TaskItem | IndicatorItem) -> str:
    if isinstance(item, TaskItem):
        return f"Nhiệm vụ {item.task.ref}"
    return f"Chỉ tiêu {item.indicator.ref}"


def field_label(model: type[TaskItem] | type[IndicatorItem], name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


# --- applying what people typed -----------------------------------------------------------------


def apply_fields(item: TaskItem | IndicatorItem, values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """Set the given fields on `item` (converted as the model field would); returns the old values of
    the fields that changed and the conversion problems. Unknown fields are problems too."""
    allowed = TASK_FIELDS if isinstance(item, TaskItem) else INDICATOR_FIELDS
    old = {name: getattr(item, name) for name in allowed}
    problems: list[Problem] = []
    for name, raw in values.items():
        if name not in allowed:
            problems.append(Problem(item_label(item), name, f"Không có trường “{name}”.", item_key(item)))
            continue
        model_field = type(item)._meta.get_field(name)
        try:
            setattr(item, name, model_field.to_python(blank_to_empty(model_field, raw)))
        except ValidationError as error:
            problems.append(Problem(item_label(item), name, " ".join(error.messages), item_key(item)))
    if isinstance(item, TaskItem):
        derive_task(item)
    before = {name: value for name, value in old.items() if getattr(item, name) != value}
    return before, problems


def blank_to_empty(model_field: Any, raw: Any) -> Any:
    """An emptied box clears the field: None for numbers and dates, "" for text. A number written
    the Vietnamese way with a decimal comma ("66,67") is read as such; anything more ambiguous
    ("1.000,5") is left for the field to refuse."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None if model_field.null else ""
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if isinstance(model_field, DecimalField) and text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    return text


def derive_task(item: TaskItem) -> None:
    """A document stage stands for its weight; a task reported done is done in full."""
    weights = document_stage_weights()
    if item.document_stage in weights:  # an unknown stage is left for validation to refuse
        item.percent_done = weights[item.document_stage]
    if item.progress == TaskProgress.DONE and item.percent_done is None:
        item.percent_done = Decimal(100)


def validation_problems(item: TaskItem | IndicatorItem) -> list[Problem]:
    """The model's own validation (ranges, choices, lengths), as problems."""
    try:
        item.full_clean(exclude=["report", "task", "indicator"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [
            Problem(item_label(item), name, message, item_key(item))
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


# --- figures and flags of an indicator ------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """The numbers an indicator item stands for, and where they come from."""

    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    extracted: bool
    system: str


def is_percent(item: IndicatorItem) -> bool:
    return "%" in item.indicator.unit_of_measure or "%" in item.indicator.target_text


def has_formula(item: IndicatorItem) -> bool:
    return bool(item.indicator.formula_numerator.strip() and item.indicator.formula_denominator.strip())


def effective_figures(item: IndicatorItem) -> Figures:
    """Extracted figures when a system pushed some, else the typed ones; the value follows from a/b
    when only a and b are given."""
    extracted = item.extracted_value is not None or item.extracted_numerator is not None
    if extracted:
        numerator, denominator, value = item.extracted_numerator, item.extracted_denominator, item.extracted_value
        system = item.extracted_system
    else:
        numerator, denominator, value, system = item.numerator, item.denominator, item.value, item.source_system
    if value is None and numerator is not None and denominator is not None:
        value = checks.formula_value(numerator, denominator, percent=is_percent(item))
    return Figures(numerator, denominator, value, extracted, system)


def indicator_flags(item: IndicatorItem, rule: IndicatorCheckRule | None, previous: Decimal | None) -> list[Flag]:
    """Every check of the issue's point 3 over one indicator item."""
    figures = effective_figures(item)
    labels = {name: field_label(IndicatorItem, name) for name in ("numerator", "denominator", "value")}
    flags = checks.check_not_negative(
        {"numerator": figures.numerator, "denominator": figures.denominator, "value": figures.value}, labels
    )
    flags += checks.check_ratio(figures.numerator, figures.denominator)
    given = item.extracted_value if figures.extracted else item.value
    flags += checks.check_formula(figures.numerator, figures.denominator, given, percent=is_percent(item))
    second = item.second_source_value
    if second is None and figures.extracted:
        second = _manual_value(item)
    flags += checks.check_two_sources(
        figures.value, second, high_risk=bool(rule and rule.high_risk),
        tolerance_percent=rule.tolerance_percent if rule else Decimal(5),
    )
    threshold = rule.jump_threshold_percent if rule else Decimal(50)
    flags += checks.check_jump(figures.value, previous, threshold_percent=threshold)
    flags += checks.check_void_conditions(
        item.void_conditions, sample_size=item.sample_size, min_sample=rule.min_sample if rule else None
    )
    if figures.extracted:
        flags += checks.check_extracted_vs_manual(_manual_value(item), figures.value, figures.system)
    return flags


def _manual_value(item: IndicatorItem) -> Decimal | None:
    if item.value is not None:
        return item.value
    if item.numerator is not None and item.denominator is not None:
        return checks.formula_value(item.numerator, item.denominator, percent=is_percent(item))
    return None


def refresh_indicator(item: IndicatorItem, rule: IndicatorCheckRule | None, previous: Decimal | None) -> None:
    """Recompute the item's flags and whether it is achieved."""
    flags = indicator_flags(item, rule, previous)
    indicator = item.indicator
    item.flags = [flag.as_dict() for flag in flags]
    item.achieved = checks.achieved(effective_figures(item).value, indicator.target_op, indicator.target_value, flags)


def task_flags(item: TaskItem, period_end: date) -> list[Flag]:
    """What the reviewer should see about a task's timing."""
    due = item.task.deadline_due
    if due is None:
        return []
    if item.progress == TaskProgress.DONE and item.completed_on is not None and item.completed_on > due:
        message = f"Hoàn thành quá hạn: hạn {due:%d/%m/%Y}, hoàn thành {item.completed_on:%d/%m/%Y}."
        return [Flag("done_late", Severity.WARNING, message, "completed_on")]
    if item.progress != TaskProgress.DONE and due < period_end:
        return [Flag("overdue", Severity.WARNING, f"Quá hạn {due:%d/%m/%Y} mà chưa hoàn thành.", "progress")]
    return []


# --- what submission requires ---------------------------------------------------------------------


def needs_explanation(item: TaskItem, period_end: date) -> bool:
    """Late or at risk: the unit must say what is difficult, why, and what it will do."""
    if item.progress in (TaskProgress.AT_RISK, TaskProgress.LATE):
        return True
    due = item.task.deadline_due
    if due is None:
        return False
    if item.progress == TaskProgress.DONE:
        return item.completed_on is not None and item.completed_on > due
    return due < period_end


def task_problems(item: TaskItem, period_end: date, today: date) -> list[Problem]:
    label = item_label(item)
    required: list[str] = ["progress"]
    if item.progress and item.progress != TaskProgress.NOT_STARTED:
        required += ["work_done"]
        if item.percent_done is None:
            required.append("percent_done")
    if item.progress == TaskProgress.DONE:
        required += ["completed_on", "product"]
    if needs_explanation(item, period_end):
        required += ["difficulties", "cause_kind", "causes", "remedies"]
    problems = [
        Problem(label, name, f"Chưa nhập “{field_label(TaskItem, name)}”.")
        for name in dict.fromkeys(required)
        if getattr(item, name) in (None, "")
    ]
    if item.progress == TaskProgress.DONE and item.percent_done is not None and item.percent_done < 100:
        problems.append(Problem(label, "percent_done", "Nhiệm vụ đã hoàn thành thì tỷ lệ hoàn thành phải là 100%."))
    if item.completed_on is not None and item.completed_on > today:
        problems.append(Problem(label, "completed_on", "Ngày hoàn thành không được sau ngày hôm nay."))
    return problems


def indicator_problems(item: IndicatorItem, evidence_count: int, rule: IndicatorCheckRule | None) -> list[Problem]:
    label = item_label(item)
    figures = effective_figures(item)
    problems: list[Problem] = []
    if rule is not None and rule.min_sample is not None and item.sample_size is None:
        # Without the sample size the minimum could not be checked, and "đạt" would stand unproven.
        problems.append(Problem(label, "sample_size", f"Chưa nhập “{field_label(IndicatorItem, 'sample_size')}”."))
    if not figures.extracted:
        needed = ["numerator", "denominator"] if has_formula(item) else ["value"]
        if not item.source_kind:
            needed.append("source_kind")
        elif item.source_kind == "extracted":
            needed.append("source_system")
        problems += [
            Problem(label, name, f"Chưa nhập “{field_label(IndicatorItem, name)}”.")
            for name in needed
            if getattr(item, name) in (None, "")
        ]
        if evidence_count == 0:
            problems.append(Problem(label, "evidence", "Cần đính kèm minh chứng (bản trích xuất hoặc bảng tổng hợp)."))
    problems += [
        Problem(label, flag["field"], flag["message"]) for flag in item.flags if flag["severity"] == "error"
    ]
    return problems


# --- snapshots ------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def item_snapshot(item: TaskItem | IndicatorItem, evidence: Iterable[Any]) -> dict[str, Any]:
    fields = TASK_FIELDS if isinstance(item, TaskItem) else INDICATOR_FIELDS + DERIVED_INDICATOR_FIELDS
    data: dict[str, Any] = {name: getattr(item, name) for name in fields}
    if isinstance(item, TaskItem):
        data.update(ref=item.task.ref, name=item.task.name, flags=item.flags)
    else:
        figures = effective_figures(item)
        data.update(ref=item.indicator.ref, name=item.indicator.name, effective_value=figures.value)
    data["evidence"] = [
        {"id": row.pk, "kind": row.kind, "name": row.original_name, "sha256": row.sha256, "url": row.url}
        for row in evidence
    ]
    return _jsonable({"key": item_key(item), "label": item_label(item), **data})
