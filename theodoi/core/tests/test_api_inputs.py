"""Odd query strings and ids answer 400 or 404, never a server error, on SQLite and PostgreSQL."""

import pytest
from rest_framework.test import APIClient

HUGE = "99999999999999999999"


@pytest.fixture
def admin_client(loaded_plan, make_user):
    client = APIClient()
    client.force_login(make_user("admin"))
    return client


@pytest.mark.parametrize("url", [
    f"/api/v1/plans/{HUGE}/", "/api/v1/plans/abc/", "/api/v1/plans/-1/", "/api/v1/tasks/0/",
    "/api/v1/tasks/?page=0", "/api/v1/tasks/?page=abc",
])
def test_odd_ids_and_pages_answer_404(admin_client, url):
    assert admin_client.get(url).status_code == 404


@pytest.mark.parametrize("url", [
    f"/api/v1/plans/?owner={HUGE}", "/api/v1/plans/?owner=-1", "/api/v1/plans/?owner=1.5",
    "/api/v1/plans/?year=10000", "/api/v1/plans/?year=0", f"/api/v1/plans/?year={HUGE}",
    f"/api/v1/tasks/?section={HUGE}", f"/api/v1/tasks/?unit={HUGE}", f"/api/v1/assignments/?plan={HUGE}",
    "/api/v1/tasks/?due_before=99999-01-01", "/api/v1/tasks/?deadline_kind=someday", "/api/v1/units/?q=%00",
])
def test_odd_filters_answer_400(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 400, response.content
    assert isinstance(response.json(), dict)


def test_unknown_ordering_and_bad_page_size_fall_back_to_the_defaults(admin_client):
    assert admin_client.get("/api/v1/tasks/?ordering=password").status_code == 200
    assert len(admin_client.get("/api/v1/tasks/?page_size=-1").json()["results"]) == 2
