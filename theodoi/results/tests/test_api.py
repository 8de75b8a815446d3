"""The results endpoints: who reaches what, the figures they carry, bad parameters. Runs on SQLite
and PostgreSQL."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from theodoi.core.tests.api_support import client_for
from theodoi.results.tests.conftest import at, make_report, month

pytestmark = pytest.mark.django_db


def base(plan):
    return f"/api/v1/results/plans/{plan.pk}/"


@pytest.fixture
def people(directory, make_user):
    return {
        "coordinator": make_user("coordinator", directory["dn.khcn"]),
        "reporter": make_user("reporter", directory["dn.khcn.vp"]),
        "viewer": make_user("viewer", directory["dn"]),
        "outsider": make_user("coordinator", directory["sl.khcn"]),
    }


@pytest.fixture
def reported(plan, indicators, tasks, directory):
    make_report(plan, directory["dn.khcn.vp"], month(3), figures={indicators["1"]: (90, 100, None)},
                due=at(2026, 4, 12, 17), arrived=at(2026, 4, 10, 9))  # fmt: skip
    make_report(plan, directory["dn.khcn.cds"], month(3), figures={indicators["1"]: (995, 1000, None)},
                due=at(2026, 4, 12, 17), arrived=at(2026, 4, 14, 9))  # fmt: skip
    tasks["I.1"].assignments.filter(role="lead").update(completed_on=date(2026, 6, 15))
    return plan


def test_indicator_results_of_a_period(reported, people):
    response = client_for(people["coordinator"]).get(
        base(reported) + "indicators/?period_kind=month&period_year=2026&period_index=3"
    )
    assert response.status_code == 200
    first = response.json()[0]
    assert first["indicator"]["ref"] == "1"
    assert (first["numerator"], first["denominator"], first["value"]) == ("1085.0000", "1100.0000", "98.6364")
    assert first["verdict"] == "achieved"
    assert first["period"]["label"] == "Tháng 3/2026"
    assert {row["unit"]["code"] for row in first["rows"]} >= {"dn.khcn.vp", "dn.khcn.cds"}
    assert response.json()[1]["value"] is None  # not reported: null, never 0


def test_a_reporter_sees_only_its_own_units_figures(reported, people):
    response = client_for(people["reporter"]).get(base(reported) + "indicators/?year=2026")
    assert response.status_code == 200
    first = response.json()[0]
    assert first["value"] == "90.0000"
    assert {row["unit"]["code"] for row in first["rows"]} == {"dn.khcn.vp"}


def test_trend(reported, people, indicators):
    response = client_for(people["viewer"]).get(base(reported) + f"indicators/{indicators['1'].pk}/trend/?year=2026")
    assert response.status_code == 200
    body = response.json()
    assert body["result_so_far"] == "98.6364" and body["warning"] == "safe"
    assert len(body["points"]) == 12 and body["points"][2]["value"] == "98.6364"


def test_task_summary(reported, people):
    response = client_for(people["coordinator"]).get(base(reported) + "tasks/?as_of=2026-07-01")
    assert response.status_code == 200
    body = response.json()
    # I.1 done on time; III.1 (Phú Lý) and III.3 overdue; II.1 and III.2 within their deadline.
    assert (body["total"], body["done_on_time"], body["overdue"], body["in_deadline"]) == (5, 1, 2, 2)
    assert body["completion_rate"] == "33.33"


def test_timeliness_and_scoreboard(reported, people):
    client = client_for(people["coordinator"])
    rows = {row["unit"]["code"]: row for row in client.get(base(reported) + "timeliness/?as_of=2026-07-01").json()}
    assert (rows["dn.khcn.vp"]["on_time"], rows["dn.khcn.cds"]["late"]) == (1, 1)
    board = client.get(base(reported) + "scoreboard/?as_of=2026-07-01").json()
    assert board[0]["unit"]["code"] == "dn.khcn.vp" and board[0]["rank"] == 1


def test_bad_parameters_are_refused_with_a_message(reported, people):
    client = client_for(people["coordinator"])
    response = client.get(base(reported) + "indicators/?period_kind=month&period_year=2026")
    assert response.status_code == 400
    assert "Cần đủ" in str(response.json())
    response = client.get(base(reported) + "indicators/?period_kind=quarter&period_year=2026&period_index=5")
    assert response.status_code == 400


def test_a_plan_out_of_reach_is_not_found_and_anonymous_gets_401(reported, people):
    for suffix in ("indicators/", "tasks/", "timeliness/", "scoreboard/"):
        assert client_for(people["outsider"]).get(base(reported) + suffix).status_code == 404
        assert APIClient().get(base(reported) + suffix).status_code == 401
