import pytest
from django.urls import reverse

from theodoi.notifications.scheduler import scheduler_tick

from .conftest import vn

MODELS = [
    "periods_reportingschedule", "periods_reportingperiod", "periods_unitreport", "periods_dayoff",
    "periods_taskevent", "periods_extensionrequest", "periods_taskhalt", "notifications_reminderpolicy",
    "notifications_digest", "notifications_sentreminder", "notifications_notification",
]  # fmt: skip


@pytest.mark.parametrize("model", MODELS)
def test_admin_lists_calendar_records_read_only(client, make_user, march_plan, model):
    scheduler_tick(now=vn(2026, 3, 13, 8))
    client.force_login(make_user("admin"))
    response = client.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200
    assert client.get(reverse(f"admin:{model}_add")).status_code == 403
