"""Writes of the results app: how an indicator adds up, and a plan's (or the default) warning
bands and scoreboard weights. Each is one transaction with its audit entry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from theodoi.accounts import policy
from theodoi.audit.services import audit_record, model_snapshot
from theodoi.core.errors import ApplicationError
from theodoi.plans.choices import Aggregation
from theodoi.plans.models import Indicator, Plan
from theodoi.results.models import ResultSettings

SETTING_FIELDS = (
    "safe_points", "watch_points", "at_risk_points", "task_on_time", "task_late", "task_overdue",
    "report_on_time", "report_late", "report_missing", "task_share", "report_share",
)  # fmt: skip


def _require(actor: Any, plan: Plan | None) -> None:
    """The system (None) may; a person needs to be a coordinator of the plan (admin for the default)."""
    if actor is not None and not policy.can_set_result_rules(actor, plan):
        raise ApplicationError("Bạn không có quyền thay đổi quy tắc đánh giá kết quả của kế hoạch này.")


def _clean(instance: Any, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        messages = [message for items in error.message_dict.values() for message in items]
        raise ApplicationError(" ".join(messages), extra={"errors": error.message_dict}) from error


@transaction.atomic
def indicator_aggregation_set(*, actor: Any, indicator: Indicator, aggregation: str) -> Indicator:
    """Set how an indicator adds up ("" to derive it from its formula and unit of measure)."""
    return indicator_aggregations_set(actor=actor, plan=indicator.plan, changes={indicator.pk: aggregation})[0]


@transaction.atomic
def indicator_aggregations_set(*, actor: Any, plan: Plan, changes: dict[int, str]) -> list[Indicator]:
    """Set how several indicators of one plan add up, all or none; unchanged ones are not written."""
    _require(actor, plan)
    bad = sorted({value for value in changes.values() if value and value not in Aggregation.values})
    if bad:
        raise ApplicationError(f"Cách tổng hợp “{', '.join(bad)}” không hợp lệ.")
    locked = list(Indicator.objects.select_for_update().filter(plan=plan, pk__in=changes).order_by("position"))
    if len(locked) != len(changes):
        raise ApplicationError("Có chỉ tiêu không thuộc kế hoạch này.")
    for indicator in locked:
        before, after = indicator.aggregation, changes[indicator.pk]
        if before == after:
            continue
        indicator.aggregation = after
        indicator.save(update_fields=["aggregation"])
        audit_record(
            actor=actor, action="results.indicator_aggregation_set", target=indicator,
            before={"aggregation": before}, after={"aggregation": after},
        )  # fmt: skip
    return locked


@transaction.atomic
def result_settings_set(*, actor: Any, plan: Plan | None, values: dict[str, Decimal]) -> ResultSettings:
    """Set a plan's warning bands and scoreboard weights (plan None: the default of every plan).

    Fields not given keep their value; a plan's first settings start from the default's."""
    _require(actor, plan)
    unknown = sorted(set(values) - set(SETTING_FIELDS))
    if unknown:
        raise ApplicationError(f"Không có thiết lập “{', '.join(unknown)}”.")
    row = ResultSettings.objects.select_for_update().filter(plan=plan).first()
    before = model_snapshot(row, list(SETTING_FIELDS)) if row else None
    if row is None:
        row = _from_default(plan)
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    _check_bands(row)
    _clean(row, exclude=["plan", "updated_by"])
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:
        raise ApplicationError("Thiết lập vừa được người khác tạo; vui lòng tải lại trang.") from error
    audit_record(
        actor=actor, action="results.settings_set", target=plan or row, target_label=str(row),
        before=before, after=model_snapshot(row, list(SETTING_FIELDS)),
    )  # fmt: skip
    return row


def _from_default(plan: Plan | None) -> ResultSettings:
    default = ResultSettings.objects.filter(plan__isnull=True).first() if plan is not None else None
    row = ResultSettings(plan=plan)
    if default is not None:
        for name in SETTING_FIELDS:
            setattr(row, name, getattr(default, name))
    return row


def _check_bands(row: ResultSettings) -> None:
    if not (row.safe_points <= row.watch_points <= row.at_risk_points):
        raise ApplicationError("Các ngưỡng cảnh báo phải tăng dần: an toàn ≤ cần theo dõi ≤ có nguy cơ.")
    if row.task_share + row.report_share <= 0:
        raise ApplicationError("Tỷ trọng nhiệm vụ và báo cáo không thể cùng bằng 0.")
