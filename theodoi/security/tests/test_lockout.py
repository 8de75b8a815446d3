from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from theodoi.audit.models import AuditEvent
from theodoi.security.models import LoginFailure

PASSWORD = "pw-123456789"
LOCKED = "Đăng nhập tạm thời bị khóa"


@pytest.fixture
def reporter(directory, make_user):
    return make_user("reporter", directory["dn.nv"], username="nguyenvana")


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, reporter):
    for attempt in range(4):
        assert LOCKED not in _login(client, "nguyenvana", f"sai-{attempt}").content.decode()
    fifth = _login(client, "nguyenvana", "sai-5").content.decode()
    assert LOCKED in fifth and "15 phút" in fifth  # the failure that locks says so at once
    refused = _login(client, "nguyenvana", PASSWORD)
    assert refused.status_code == 200 and LOCKED in refused.content.decode()
    assert "_auth_user_id" not in client.session
    events = AuditEvent.objects.filter(action="accounts.login_locked")
    assert events.count() == 1  # the lock, once; attempts while locked are not counted again
    assert events.get().target_id == str(reporter.pk) and events.get().after["via"] == "web"


def test_the_lock_lifts_by_itself_and_a_right_password_clears_the_count(client, reporter):
    for attempt in range(5):
        _login(client, "nguyenvana", f"sai-{attempt}")
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=16))
    assert _login(client, "nguyenvana", PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username_key="nguyenvana").exists()


def test_spellings_of_one_name_count_together(client, reporter):
    for name in ("NguyenVanA", " nguyenvana", "NGUYENVANA", "nguyenVana", "nguyenvanA"):
        _login(client, name, "sai")
    assert LOCKED in _login(client, "nguyenvana", PASSWORD).content.decode()


def test_one_address_trying_many_accounts_is_locked_out_but_others_are_not(client, reporter, settings):
    settings.THEODOI_LOGIN_MAX_FAILURES_PER_IP = 6
    for number in range(6):
        _login(client, f"khong-ton-tai-{number}", "sai", ip="10.9.9.9")
    assert LOCKED in _login(client, "nguyenvana", PASSWORD, ip="10.9.9.9").content.decode()
    assert _login(client, "nguyenvana", PASSWORD, ip="10.0.0.2").status_code == 302
    assert AuditEvent.objects.filter(action="accounts.login_locked", target_label="khong-ton-tai-5").exists()


def test_the_client_address_can_come_from_a_trusted_proxy_header(client, reporter, settings):
    settings.THEODOI_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.THEODOI_LOGIN_MAX_FAILURES_PER_IP = 2
    for number in range(2):
        client.post(reverse("login"), {"username": f"x{number}", "password": "sai"}, HTTP_X_REAL_IP="203.0.113.7")
    assert set(LoginFailure.objects.values_list("ip", flat=True)) == {"203.0.113.7"}
    response = client.post(
        reverse("login"), {"username": "nguyenvana", "password": PASSWORD}, HTTP_X_REAL_IP="203.0.113.8"
    )
    assert response.status_code == 302


def test_the_api_token_endpoint_shares_the_lockout(reporter):
    api = APIClient()
    url = reverse("api:token")
    for attempt in range(5):
        assert api.post(url, {"username": "nguyenvana", "password": f"sai-{attempt}"}).status_code == 400
    refused = api.post(url, {"username": "nguyenvana", "password": PASSWORD})
    assert refused.status_code == 429 and LOCKED in refused.json()["detail"]
    assert AuditEvent.objects.get(action="accounts.login_locked").after["via"] == "api"


def test_the_api_token_endpoint_is_throttled_in_vietnamese(reporter, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "3/min"})
    api = APIClient()
    for _ in range(3):
        assert api.post(reverse("api:token"), {"username": "nguyenvana", "password": PASSWORD}).status_code == 200
    throttled = api.post(reverse("api:token"), {"username": "nguyenvana", "password": PASSWORD})
    assert throttled.status_code == 429
    assert throttled.json()["detail"].startswith("Quá nhiều yêu cầu: hãy thử lại sau")


def test_the_admin_can_lift_a_lock_from_the_command_line(client, reporter):
    from io import StringIO

    from django.core.management import call_command

    for attempt in range(5):
        _login(client, "nguyenvana", f"sai-{attempt}")
    out = StringIO()
    call_command("unlock_login", "NguyenVanA", stdout=out)
    assert "5 lần" in out.getvalue()
    assert _login(client, "nguyenvana", PASSWORD).status_code == 302
    assert AuditEvent.objects.filter(action="accounts.login_unlock").count() == 1
