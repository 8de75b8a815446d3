"""The rules page: a coordinator changes bands, weights and aggregation; others read or are refused."""

from decimal import Decimal

import pytest

from theodoi.audit.models import AuditEvent
from theodoi.results.models import ResultSettings
from theodoi.results.services import SETTING_FIELDS

pytestmark = pytest.mark.django_db
DEFAULTS = {"safe_points": "3", "watch_points": "8", "at_risk_points": "15", "task_on_time": "1", "task_late": "0.5",
            "task_overdue": "0", "report_on_time": "1", "report_late": "0.5", "report_missing": "0",
            "task_share": "70", "report_share": "30"}  # fmt: skip


def url(plan):
    return f"/ke-hoach/{plan.pk}/quy-tac-danh-gia/"


@pytest.fixture
def people(directory, make_user):
    return {
        "coordinator": make_user("coordinator", directory["dn.khcn"]),
        "reporter": make_user("reporter", directory["dn.khcn.vp"]),
        "outsider": make_user("coordinator", directory["sl.khcn"]),
        "admin": make_user("admin"),
    }


def test_a_coordinator_changes_the_weights_and_sees_the_scoreboard(client, plan, people):
    client.force_login(people["coordinator"])
    page = client.get(url(plan))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Bảng điểm đơn vị" in body and "Văn phòng Sở" in body
    response = client.post(url(plan), {"form": "settings", **DEFAULTS, "task_late": "0.8"})
    assert response.status_code == 302
    assert ResultSettings.objects.get(plan=plan).task_late == Decimal("0.8")
    assert AuditEvent.objects.filter(action="results.settings_set").count() == 1


def test_bands_out_of_order_are_refused_with_a_message_and_nothing_saved(client, plan, people):
    client.force_login(people["coordinator"])
    response = client.post(url(plan), {"form": "settings", **DEFAULTS, "safe_points": "9"})
    assert response.status_code == 200
    assert "tăng dần" in response.content.decode()
    assert not ResultSettings.objects.exists()


def test_a_coordinator_sets_how_indicators_add_up(client, plan, people, indicators):
    client.force_login(people["coordinator"])
    data = {"form": "aggregation", **{f"indicator_{indicator.pk}": "" for indicator in indicators.values()}}
    data[f"indicator_{indicators['2'].pk}"] = "stock"
    assert client.post(url(plan), data).status_code == 302
    indicators["2"].refresh_from_db()
    assert indicators["2"].aggregation == "stock"
    assert AuditEvent.objects.filter(action="results.indicator_aggregation_set").count() == 1
    data[f"indicator_{indicators['2'].pk}"] = "median"
    assert client.post(url(plan), data).status_code == 200
    indicators["2"].refresh_from_db()
    assert indicators["2"].aggregation == "stock"


def test_a_reporter_reads_but_cannot_change(client, plan, people):
    client.force_login(people["reporter"])
    page = client.get(url(plan))
    assert page.status_code == 200
    assert 'name="form"' not in page.content.decode()
    assert client.post(url(plan), {"form": "settings", **DEFAULTS}).status_code == 403
    assert not ResultSettings.objects.exists()


def test_a_plan_not_followed_is_not_found(client, plan, people):
    client.force_login(people["outsider"])
    assert client.get(url(plan)).status_code == 404


def test_only_an_admin_sets_the_default(client, plan, people):
    client.force_login(people["coordinator"])
    assert client.post("/quy-tac-danh-gia/", {"form": "settings", **DEFAULTS}).status_code == 403
    client.force_login(people["admin"])
    assert client.post("/quy-tac-danh-gia/", {"form": "settings", **DEFAULTS, "watch_points": "10"}).status_code == 302
    default = ResultSettings.objects.get(plan__isnull=True)
    assert default.watch_points == 10
    assert set(SETTING_FIELDS) <= set(DEFAULTS)
