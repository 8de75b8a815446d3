"""`POST /api/v1/external-values/`: source systems push indicator values with their own token,
which opens nothing else; a user's token does not open this endpoint."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from theodoi.submissions.models import ExternalValue, SourceSystem
from theodoi.submissions.services import source_system_register

URL = "/api/v1/external-values/"


@pytest.fixture
def system(people):
    system, token = source_system_register(actor=people["admin"], name="Hệ thống thông tin giải quyết TTHC tỉnh")
    system.token = token
    return system


def system_client(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"System {token}")
    return client


@pytest.fixture
def body(directory, indicator1):
    return {
        "unit": directory["dn.khcn.vp"].code, "indicator": indicator1.pk, "period_kind": "month",
        "period_year": 2026, "period_index": 3, "numerator": "950", "denominator": "1000",
        "extracted_at": "2026-03-14T23:00:00+07:00",
    }


def test_the_same_key_twice_updates_and_the_answer_says_which(system, body, opened):
    client = system_client(system.token)
    first = client.post(URL, body, format="json")
    assert first.status_code == 201, first.content
    assert first.json()["status"] == "created"
    again = client.post(URL, {**body, "numerator": "960", "extracted_at": "2026-03-15T06:00:00+07:00"}, format="json")
    assert again.status_code == 200 and again.json() == {**again.json(), "status": "updated", "id": first.json()["id"]}
    older = client.post(URL, {**body, "numerator": "1", "extracted_at": "2026-03-01T00:00:00+07:00"}, format="json")
    assert older.status_code == 200 and older.json()["status"] == "unchanged"
    assert ExternalValue.objects.get().numerator == 960
    item = opened["dn.khcn.vp"].indicator_items.get()
    item.refresh_from_db()
    assert item.extracted_numerator == 960  # copied into the open report


def test_bad_values_and_refusals_answer_400(system, body, directory):
    client = system_client(system.token)
    assert client.post(URL, {**body, "unit": "khong-co"}, format="json").json() == {
        "detail": "Dữ liệu gửi lên chưa đúng; xem lỗi của từng trường.", "unit": ["Không có đơn vị mang mã này."]
    }
    assert client.post(URL, {**body, "period_kind": "quarter", "period_index": 7}, format="json").status_code == 400
    assert client.post(URL, {**body, "numerator": "-1"}, format="json").status_code == 400
    not_assigned = client.post(URL, {**body, "unit": directory["dn.nv"].code}, format="json")
    assert not_assigned.status_code == 400 and "không được giao" in not_assigned.json()["detail"]
    assert ExternalValue.objects.count() == 0


def test_bad_missing_or_revoked_tokens_are_refused(system, body, people):
    assert APIClient().post(URL, body, format="json").status_code == 401
    refused = system_client(system.token + "x").post(URL, body, format="json")
    assert refused.status_code == 401 and refused["WWW-Authenticate"] == "System"
    assert refused.json()["detail"].startswith("Chưa xác thực: hệ thống nguồn")
    user_client = APIClient()
    user_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=people['admin']).key}")
    assert user_client.post(URL, body, format="json").status_code == 401  # a user's token does not open it
    user_client.force_login(people["admin"])
    assert user_client.post(URL, body, format="json").status_code == 401  # nor does a session
    SourceSystem.objects.filter(pk=system.pk).update(is_active=False)
    assert system_client(system.token).post(URL, body, format="json").status_code == 401
    assert ExternalValue.objects.count() == 0


def test_a_system_token_opens_nothing_else(system, opened):
    client = system_client(system.token)
    report = opened["dn.khcn.vp"]
    for path in ("/api/v1/reports/", f"/api/v1/reports/{report.pk}/", "/api/v1/plans/", "/api/v1/units/",
                 "/api/v1/evidence/"):
        assert client.get(path).status_code == 401, path
    assert client.post(f"/api/v1/reports/{report.pk}/accept/").status_code == 401
