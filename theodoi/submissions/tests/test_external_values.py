"""Values pushed by source systems: upsert by key, preferred to typed values, difference shown."""

from decimal import Decimal

import pytest

from theodoi.audit.models import AuditEvent
from theodoi.core.errors import ApplicationError
from theodoi.submissions import selectors
from theodoi.submissions.models import ExternalValue, SourceSystem
from theodoi.submissions.services import (
    external_value_push,
    report_accept,
    report_save_draft,
    report_submit,
    source_system_register,
)
from theodoi.submissions.tests.conftest import at


@pytest.fixture
def system(people):
    system, token = source_system_register(actor=people["admin"], name="Hệ thống thông tin giải quyết TTHC tỉnh")
    system.token = token
    return system


def push(system, directory, indicator, period, **numbers):
    numbers.setdefault("extracted_at", at(2026, 3, 14, 23))
    unit = directory["dn.khcn.vp"]
    return external_value_push(system=system, unit=unit, indicator=indicator, period=period, **numbers)


def test_only_admins_register_systems_and_the_token_is_kept_only_as_a_hash(people, system):
    with pytest.raises(ApplicationError, match="Chỉ quản trị"):
        source_system_register(actor=people["coordinator"], name="Khác")
    stored = SourceSystem.objects.get(pk=system.pk)
    assert system.token not in (stored.token_hash, stored.token_prefix * 2)
    assert selectors.source_system_for_token(system.token) == stored
    assert selectors.source_system_for_token(system.token + "x") is None
    assert selectors.source_system_for_token("") is None
    stored.is_active = False
    stored.save()
    assert selectors.source_system_for_token(system.token) is None


def test_the_same_key_twice_updates_rather_than_duplicates(system, directory, indicator1, march):
    row, created = push(system, directory, indicator1, march, numerator=Decimal(950), denominator=Decimal(1000))
    assert created
    again, created = push(
        system, directory, indicator1, march, numerator=Decimal(960), denominator=Decimal(1000),
        extracted_at=at(2026, 3, 15, 6),
    )
    assert not created and again.pk == row.pk
    assert ExternalValue.objects.count() == 1 and again.numerator == 960
    older, created = push(system, directory, indicator1, march, numerator=Decimal(1), denominator=Decimal(1000),
                          extracted_at=at(2026, 3, 1))
    assert not created and ExternalValue.objects.get().numerator == 960  # an older extract never wins
    assert AuditEvent.objects.filter(action="submissions.external_value_push").count() == 2


def test_invalid_or_foreign_pushes_are_refused(system, directory, indicator1, march):
    with pytest.raises(ApplicationError, match="lớn hơn mẫu số"):
        push(system, directory, indicator1, march, numerator=Decimal(1100), denominator=Decimal(1000))
    with pytest.raises(ApplicationError, match="không được âm"):
        push(system, directory, indicator1, march, value=Decimal(-5))
    with pytest.raises(ApplicationError, match="Cần giá trị"):
        push(system, directory, indicator1, march, numerator=Decimal(5))
    with pytest.raises(ApplicationError, match="không được giao chỉ tiêu"):
        external_value_push(system=system, unit=directory["dn.nv"], indicator=indicator1, period=march,
                            value=Decimal(99), extracted_at=at(2026, 3, 14))
    assert not ExternalValue.objects.exists()


def test_extracted_values_are_preferred_and_the_difference_is_shown(ready_report, system, directory, indicator1,
                                                                    march, people):
    push(system, directory, indicator1, march, numerator=Decimal(985), denominator=Decimal(1000))
    item = ready_report.indicator_items.get()
    assert (item.numerator, item.extracted_numerator) == (990, 985)
    detail = selectors.report_detail(user=people["coordinator"], report_id=ready_report.pk)
    figures = detail.figures[item.pk]
    assert figures.extracted and figures.value == Decimal("98.5")
    assert figures.system == "Hệ thống thông tin giải quyết TTHC tỉnh"
    differs = [flag for flag in detail.flags if flag["code"] == "extracted_differs"]
    assert len(differs) == 1 and "(98,5)" in differs[0]["message"] and "(99)" in differs[0]["message"]
    assert item.achieved is True


def test_a_sent_report_keeps_the_figures_it_was_sent_with(ready_report, system, directory, indicator1, march, people):
    push(system, directory, indicator1, march, numerator=Decimal(985), denominator=Decimal(1000))
    report = report_submit(actor=people["reporter"], report=ready_report, expected_version=ready_report.version)
    report_accept(actor=people["coordinator"], report=report)
    push(system, directory, indicator1, march, numerator=Decimal(900), denominator=Decimal(1000),
         extracted_at=at(2026, 3, 16))
    item = report.indicator_items.get()
    assert item.extracted_numerator == 985
    assert report.versions.get().snapshot["items"][1]["effective_value"] == "98.5000"


def test_a_report_with_extracted_values_needs_no_typed_numbers(opened, system, directory, indicator1, march, people,
                                                               task_i1):
    push(system, directory, indicator1, march, value=Decimal("99.2"))
    report = opened["dn.khcn.vp"]
    report = report_save_draft(
        actor=people["reporter"], report=report, expected_version=report.version,
        items=[{"task": task_i1.pk, "progress": "not_started"}],
    )
    report = report_submit(actor=people["reporter"], report=report, expected_version=report.version)
    assert report.state == "submitted"
    assert report.indicator_items.get().achieved is True


def test_a_switched_off_system_or_a_naive_time_is_refused(system, directory, indicator1, march):
    from datetime import datetime

    with pytest.raises(ApplicationError, match="múi giờ"):
        push(system, directory, indicator1, march, value=Decimal(99), extracted_at=datetime(2026, 3, 14, 12))
    system.is_active = False
    system.save()
    with pytest.raises(ApplicationError, match="đã bị ngừng"):
        push(system, directory, indicator1, march, value=Decimal(99))
    assert not ExternalValue.objects.exists()
