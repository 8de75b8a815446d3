"""Source systems and the indicator values they push.

A system is registered by an administrator and given a token, shown once and stored only as its
SHA-256. A push names the unit, indicator and period; the same key pushed again updates the row
(an older extract never overwrites a newer one). While the unit's report for the period can still
be edited, its item picks the new value up at once; a submitted or accepted report keeps the
figures it was sent with.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from theodoi.accounts import policy
from theodoi.audit.services import audit_record, model_snapshot
from theodoi.core.errors import ApplicationError
from theodoi.periods.windows import Period
from theodoi.plans.models import Assignment, Indicator
from theodoi.submissions import checks
from theodoi.submissions.choices import EDITABLE_STATES
from theodoi.submissions.models import ExternalValue, Report, SourceSystem
from theodoi.submissions.services.reports import _clean, _require, refresh_report_figures
from theodoi.units.models import Unit

NUMBER_FIELDS = ("numerator", "denominator", "value")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def source_system_register(*, actor: Any, name: str) -> tuple[SourceSystem, str]:
    """Register a system and return it with its token (shown once; only the hash is kept)."""
    _require(policy.can_manage_source_systems(actor), "Chỉ quản trị hệ thống được đăng ký hệ thống nguồn.")
    token = secrets.token_urlsafe(32)
    system = SourceSystem(name=name.strip(), token_hash=token_hash(token), token_prefix=token[:8])
    _clean(system)
    system.save()
    audit_record(actor=actor, action="submissions.source_system_register", target=system,
                 after={"name": system.name, "token_prefix": system.token_prefix})
    return system, token


@transaction.atomic
def external_value_push(
    *, system: SourceSystem, unit: Unit, indicator: Indicator, period: Period,
    numerator: Decimal | None = None, denominator: Decimal | None = None, value: Decimal | None = None,
    extracted_at: datetime, now: datetime | None = None,
) -> tuple[ExternalValue, bool]:
    """Store (or update) what `system` extracted for one unit, indicator and period; returns the
    row and whether it was created."""
    now = now or timezone.now()
    _validate_push(system, unit, indicator, numerator, denominator, value, extracted_at)
    key = {
        "system": system, "unit": unit, "indicator": indicator, "period_kind": period.kind,
        "period_year": period.year, "period_index": period.index,
    }  # fmt: skip
    numbers = {"numerator": numerator, "denominator": denominator, "value": value}
    row = ExternalValue.objects.select_for_update().filter(**key).first()
    before = model_snapshot(row, [*NUMBER_FIELDS, "extracted_at"]) if row is not None else None
    created = False
    if row is None:
        row, created = _create(key, numbers, extracted_at, now)
    elif extracted_at >= row.extracted_at:
        _update(row, numbers, extracted_at, now)
    else:
        return row, False
    _refresh_open_report(row)
    audit_record(
        actor=None, action="submissions.external_value_push", target=row, target_label=f"{system.name}: {row}",
        before=before, after=model_snapshot(row, [*NUMBER_FIELDS, "extracted_at"]),
    )  # fmt: skip
    return row, created


def _create(
    key: dict[str, Any], numbers: dict[str, Any], extracted_at: datetime, now: datetime
) -> tuple[ExternalValue, bool]:
    try:
        with transaction.atomic():
            return ExternalValue.objects.create(**key, **numbers, extracted_at=extracted_at, received_at=now), True
    except IntegrityError:
        # The same key arrived at the same moment from another request: update that row instead.
        row = ExternalValue.objects.select_for_update().get(**key)
        if extracted_at >= row.extracted_at:
            _update(row, numbers, extracted_at, now)
        return row, False


def _update(row: ExternalValue, numbers: dict[str, Any], extracted_at: datetime, now: datetime) -> None:
    for name, number in numbers.items():
        setattr(row, name, number)
    row.extracted_at = extracted_at
    row.received_at = now
    row.save()


def _validate_push(
    system: SourceSystem, unit: Unit, indicator: Indicator,
    numerator: Decimal | None, denominator: Decimal | None, value: Decimal | None, extracted_at: datetime,
) -> None:
    if not system.is_active:
        raise ApplicationError(f"Hệ thống {system.name} đã bị ngừng, không nhận số liệu.")
    if timezone.is_naive(extracted_at):
        raise ApplicationError("Thời điểm trích xuất phải có múi giờ.")
    if indicator.archived:
        raise ApplicationError(f"Chỉ tiêu {indicator.ref} đã bỏ khỏi kế hoạch.")
    # Any part in the indicator will do: the calendar has coordinating units report on it too.
    if not Assignment.objects.filter(indicator=indicator, unit=unit).exists():
        raise ApplicationError(f"{unit} không được giao chỉ tiêu {indicator.ref}.")
    if value is None and (numerator is None or denominator is None):
        raise ApplicationError("Cần giá trị, hoặc cả tử số (a) và mẫu số (b).")
    percent = "%" in indicator.unit_of_measure or "%" in indicator.target_text
    labels = {"numerator": "Tử số (a)", "denominator": "Mẫu số (b)", "value": "Giá trị"}
    flags = checks.check_not_negative({"numerator": numerator, "denominator": denominator, "value": value}, labels)
    flags += checks.check_ratio(numerator, denominator)
    flags += checks.check_formula(numerator, denominator, value, percent=percent)
    if checks.has_errors(flags):
        raise ApplicationError(
            "Số liệu không hợp lệ: " + " ".join(flag.message for flag in flags),
            extra={"errors": [flag.as_dict() for flag in flags]},
        )


def _refresh_open_report(row: ExternalValue) -> None:
    report = (
        Report.objects.select_for_update()
        .filter(
            plan_id=row.indicator.plan_id, unit=row.unit, period_kind=row.period_kind,
            period_year=row.period_year, period_index=row.period_index, state__in=EDITABLE_STATES,
        )  # fmt: skip
        .first()
    )
    if report is not None:
        refresh_report_figures(report)
