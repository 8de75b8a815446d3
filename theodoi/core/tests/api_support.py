"""Shared set-up for the API tests: two plans in two provinces and one person per role.

The Đồng Nai plan is `plan_document()` (owner and standing unit: Sở KH&CN Đồng Nai); the Sơn La
plan is owned by Sở KH&CN Sơn La with Sở Nội vụ Sơn La leading. Each role sees a known part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from conftest import plan_document

ROLES = [
    "admin", "coordinator", "coordinator_elsewhere", "reporter_assigned", "reporter_other",
    "unit_leader", "viewer", "anonymous",
]
# Which of the two plans each role reads (anonymous reads nothing and gets 401).
PLANS_SEEN = {
    "admin": {"dn", "sl"},
    "coordinator": {"dn"},
    "coordinator_elsewhere": {"sl"},
    "reporter_assigned": {"dn"},
    "reporter_other": set(),
    "unit_leader": {"dn"},
    "viewer": {"dn"},
}


def sl_plan_document() -> dict[str, Any]:
    return plan_document(
        source="son-la.txt",
        plan={
            "title": "Kế hoạch chuyển đổi số năm 2026", "kind": "KH", "number": "7/KH-SKHCN",
            "issued_on": "2026-02-01", "issuer": "Sở Khoa học và Công nghệ tỉnh Sơn La",
            "place": "Sơn La", "signer": "Lò Văn B", "period": {"from": 2026, "to": 2027},
            "legal_refs": [], "implements": [],
        },
        indicators=[
            {"ref": "1", "group": None, "name": "Tỷ lệ văn bản điện tử", "unit": "%",
             "target": {"op": ">=", "value": 90, "text": "≥ 90%"}, "baseline": None, "formula": None,
             "data_source": None, "responsible": ["Sở Nội vụ"], "coordinating": [], "note": None},
        ],
        tasks=[
            {"ref": "1", "section": ["CHUYỂN ĐỔI SỐ"], "name": "Triển khai chữ ký số",
             "description": None, "objective": None, "lead": ["Sở Nội vụ"], "coordinating": [],
             "output": None,
             "deadline": {"text": "Năm 2027", "kind": "date", "from": None, "due": "2027-12-31",
                          "every": None, "trigger": None},
             "indicator_ref": None, "note": None},
        ],
    )


@dataclass
class World:
    dn: Any  # the Đồng Nai plan
    sl: Any  # the Sơn La plan
    units: dict[str, Any]
    people: dict[str, Any]

    def plans(self, role: str) -> list[Any]:
        return [getattr(self, key) for key in sorted(PLANS_SEEN[role])]


def build_world(directory: dict[str, Any], loaded_plan: Any, make_user: Any) -> World:
    from theodoi.plans.services import plan_load

    sl = plan_load(actor=None, document=sl_plan_document(), owner=directory["sl.khcn"]).plan
    people = {
        "admin": make_user("admin"),
        "coordinator": make_user("coordinator", directory["dn.khcn"]),
        "coordinator_elsewhere": make_user("coordinator", directory["sl.khcn"]),
        "reporter_assigned": make_user("reporter", directory["dn.nv"]),
        "reporter_other": make_user("reporter", directory["dn.tc"]),
        "unit_leader": make_user("unit_leader", directory["dn.khcn"]),
        "viewer": make_user("viewer", directory["dn"]),
        "anonymous": None,
    }
    return World(dn=loaded_plan, sl=sl, units=directory, people=people)


def client_for(user: Any) -> APIClient:
    """A client signed in with a session (token sign-in has its own tests)."""
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def result_ids(response: Any) -> set[int]:
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return {row["id"] for row in response.json()["results"]}


def assert_reach(
    client: APIClient, endpoint: str, visible: set[int], every: set[int], query: str = ""
) -> None:
    """The list shows exactly `visible`; each visible id opens; every other id answers 404."""
    assert result_ids(client.get(f"/api/v1/{endpoint}/?page_size=500{query}")) == visible
    for pk in sorted(visible):
        assert client.get(f"/api/v1/{endpoint}/{pk}/").status_code == 200
    for pk in sorted(every - visible):
        response = client.get(f"/api/v1/{endpoint}/{pk}/")
        assert response.status_code == 404, (endpoint, pk)
        assert response.json() == {"detail": "Không tìm thấy."}


def assert_anonymous_refused(endpoint: str, some_id: int) -> None:
    client = APIClient()
    for url in (f"/api/v1/{endpoint}/", f"/api/v1/{endpoint}/{some_id}/"):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json()["detail"].startswith("Chưa đăng nhập")


def count_queries(client: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def big_plan_document(rows: int) -> dict[str, Any]:
    """A plan of the Đồng Nai Sở KH&CN with `rows` indicators and tasks under nested headings."""
    tasks = [
        {"ref": f"{i}", "section": ["PHẦN A", f"Mục {i}"], "name": f"Nhiệm vụ số {i}",
         "description": None, "objective": None, "lead": ["Văn phòng Sở"],
         "coordinating": ["Sở Nội vụ", "@phong-don-vi"], "output": None,
         "deadline": {"text": "Quý IV/2026", "kind": "date", "from": None, "due": "2026-12-31",
                      "every": None, "trigger": None},
         "indicator_ref": f"{i}", "note": None}
        for i in range(1, rows + 1)
    ]
    indicators = [
        {"ref": f"{i}", "group": None, "name": f"Chỉ tiêu số {i}", "unit": "%",
         "target": {"op": ">=", "value": i, "text": f"≥ {i}%"}, "baseline": None, "formula": None,
         "data_source": None, "responsible": ["Sở Nội vụ"], "coordinating": ["@phong-don-vi"],
         "note": None}
        for i in range(1, rows + 1)
    ]
    document = plan_document(indicators=indicators, tasks=tasks)
    document["plan"] = dict(document["plan"], number="99/KH-SKHCN", title="Kế hoạch lớn")
    return document


def load_big_plan(rows: int = 30) -> Any:
    from theodoi.plans.services import plan_load

    return plan_load(actor=None, document=big_plan_document(rows)).plan


def assert_queries_constant(client: APIClient, url: str, grow: Any, max_queries: Any, limit: int) -> None:
    """The list costs at most `limit` queries, and no more once `grow()` has added many rows.

    `max_queries` is pytest-django's `django_assert_max_num_queries` fixture.
    """
    before = count_queries(client, url)
    rows_before = client.get(url).json()["count"]
    assert before <= limit, f"{url}: {before} queries (limit {limit})"
    grow()
    with max_queries(before):
        response = client.get(url)
    assert response.json()["count"] >= rows_before + 20, "grow() must add rows this list shows"
