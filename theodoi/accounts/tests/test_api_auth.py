import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from theodoi.audit.models import AuditEvent
from theodoi.core.tests.api_support import build_world, client_for, result_ids
from theodoi.plans.models import Assignment, Indicator, Section, Task

ENDPOINTS = ["units", "plans", "sections", "indicators", "tasks", "assignments"]


@pytest.fixture
def world(directory, loaded_plan, make_user):
    return build_world(directory, loaded_plan, make_user)


def some_id(world, endpoint):
    if endpoint == "units":
        return world.units["dn"].pk
    if endpoint == "plans":
        return world.dn.pk
    models = {"sections": Section, "indicators": Indicator, "tasks": Task, "assignments": Assignment}
    return models[endpoint].objects.first().pk


def sign_in(username, password):
    return APIClient().post("/api/v1/auth/token/", {"username": username, "password": password})


def test_token_endpoint_gives_a_token_that_signs_in(world):
    user = world.people["reporter_assigned"]
    response = sign_in(user.username, "pw-123456789")
    assert response.status_code == 200
    key = response.json()["token"]
    assert Token.objects.get(user=user).key == key
    assert sign_in(user.username, "pw-123456789").json()["token"] == key  # the same token again
    as_json = {"username": user.username, "password": "pw-123456789"}
    assert APIClient().post("/api/v1/auth/token/", as_json, format="json").json() == {"token": key}
    created = AuditEvent.objects.get(action="api_token.create", target_id=str(user.pk))
    assert created.actor == user
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert result_ids(client.get("/api/v1/plans/")) == {world.dn.pk}
    # The token reads with the user's own reach: another unit's assignments stay hidden.
    rows = client.get("/api/v1/assignments/").json()["results"]
    assert {row["unit"]["code"] for row in rows} == {"dn.nv"}


def test_token_endpoint_refuses_a_wrong_password(world):
    user = world.people["viewer"]
    response = sign_in(user.username, "sai-mat-khau")
    assert response.status_code == 400
    assert not Token.objects.filter(user=user).exists()


def test_token_endpoint_refuses_a_locked_account(world):
    user = world.people["viewer"]
    user.is_active = False
    user.save()
    assert sign_in(user.username, "pw-123456789").status_code == 400
    assert not Token.objects.filter(user=user).exists()


def test_theodoi_cli_runs_api_token_by_its_hyphenated_name(monkeypatch):
    # Running the CLI for real would close the test's database connection; check the dispatch.
    from django.core.management import get_commands

    from theodoi.config.cli import main

    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    main(["theodoi", "api-token", "ana"])
    assert seen == [["theodoi", "api_token", "ana"]]
    assert get_commands()["api_token"] == "theodoi.accounts"


def test_bad_or_revoked_token_answers_401_in_vietnamese(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    response = client.get("/api/v1/plans/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "không hợp lệ" in response.json()["detail"]


def test_token_of_a_locked_account_no_longer_works(world):
    user = world.people["coordinator"]
    token = Token.objects.create(user=user)
    user.is_active = False
    user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/plans/").status_code == 401


def test_anonymous_gets_401_with_a_vietnamese_detail_and_the_token_scheme():
    response = APIClient().get("/api/v1/plans/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "detail": "Chưa đăng nhập: hãy gửi mã truy cập (Authorization: Token …) hoặc đăng nhập trước."
    }


def test_english_clients_still_get_the_vietnamese_detail():
    response = APIClient().get("/api/v1/tasks/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"].startswith("Chưa đăng nhập")


def test_api_token_command_creates_once_then_prints_the_same_token(world):
    user = world.people["unit_leader"]
    first, second = io.StringIO(), io.StringIO()
    call_command("api_token", user.username, stdout=first, stderr=io.StringIO())
    call_command("api_token", user.username, stdout=second, stderr=io.StringIO())
    key = Token.objects.get(user=user).key
    assert first.getvalue().strip() == second.getvalue().strip() == key
    assert AuditEvent.objects.filter(action="api_token.create", target_id=str(user.pk)).count() == 1


def test_api_token_command_reset_replaces_the_token(world):
    user = world.people["unit_leader"]
    old = Token.objects.create(user=user).key
    out = io.StringIO()
    call_command("api_token", user.username, "--reset", stdout=out, stderr=io.StringIO())
    new = out.getvalue().strip()
    assert new != old and Token.objects.get(user=user).key == new
    assert AuditEvent.objects.filter(action="api_token.reset").exists()


def test_api_token_command_refuses_unknown_and_locked_users(world):
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("api_token", "khong-ai-ca", stdout=io.StringIO())
    user = world.people["viewer"]
    user.is_active = False
    user.save()
    with pytest.raises(CommandError, match="đã bị khóa"):
        call_command("api_token", user.username, stdout=io.StringIO())
    assert not Token.objects.filter(user=user).exists()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_write_methods_are_refused(world, endpoint):
    client = client_for(world.people["admin"])
    pk = some_id(world, endpoint)
    assert client.post(f"/api/v1/{endpoint}/", {}, format="json").status_code == 405
    for method in ("put", "patch", "delete"):
        response = getattr(client, method)(f"/api/v1/{endpoint}/{pk}/", {}, format="json")
        assert response.status_code == 405, (method, endpoint)
        assert response.json()["detail"].startswith(f"Phương thức {method.upper()} không được hỗ trợ")
    assert client.get(f"/api/v1/{endpoint}/{pk}/").status_code == 200  # nothing was deleted


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_write_methods_are_refused_to_anonymous_before_anything_else(world, endpoint):
    client = APIClient()
    assert client.post(f"/api/v1/{endpoint}/", {}, format="json").status_code == 401
    assert client.delete(f"/api/v1/{endpoint}/{some_id(world, endpoint)}/").status_code == 401


def test_session_writes_without_csrf_are_refused_too(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.people["admin"])
    assert client.delete(f"/api/v1/plans/{world.dn.pk}/").status_code in (403, 405)
    assert client.get(f"/api/v1/plans/{world.dn.pk}/").status_code == 200
