"""The demo data: the Sở's plan (000) is linked to the province's (001) with suggestions ready, and
the Sơn La plan (004) shows the national decisions it carries out by their numbers."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from theodoi.cascade import selectors
from theodoi.cascade.models import TaskLink
from theodoi.cascade.tests.seeds import HIGHER, LOWER, NATIONAL, expected_links, higher_ref
from theodoi.demo.loader import DEMO_PASSWORD
from theodoi.plans.models import Plan


@pytest.mark.django_db
def test_demo_links_000_to_001_with_suggestions_and_shows_004s_national_decisions(client):
    call_command("load_demo", "--once")
    lower, higher = (Plan.objects.get(source_name=f"{stem}.txt") for stem in (LOWER, HIGHER))
    national = Plan.objects.get(source_name=f"{NATIONAL}.txt")
    assert list(lower.implements.all()) == [higher]
    assert selectors.higher_plan_numbers_unloaded(national) == ["11/QĐ-BCĐCP", "71/NQ-CP", "11/NQ-CP"]
    assert not national.implements.exists()

    refs = set(higher.tasks.values_list("ref", flat=True))
    top = dict(
        TaskLink.objects.filter(rank=1, lower_task__plan=lower).values_list("lower_task__ref", "higher_task__ref")
    )
    expected = expected_links()
    hits = [ref for ref, target in expected.items() if top.get(ref) == higher_ref(target, refs)]
    assert len(hits) / len(expected) >= 0.9, sorted(set(expected) - set(hits))

    client.login(username="thuongtruc", password=DEMO_PASSWORD)
    html = client.get(reverse("cascade:review", args=[lower.pk])).content.decode()
    assert html.count('value="confirm"') == 3 * lower.tasks.count()
    html = client.get(reverse("cascade:review", args=[national.pk])).content.decode()
    assert "11/QĐ-BCĐCP" in html and "chưa có trong hệ thống" in html
    assert client.get(reverse("cascade:uptake", args=[higher.pk])).status_code == 200
