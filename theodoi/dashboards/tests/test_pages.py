"""The dashboard pages over HTTP: their numbers, their downloads, who may see what, and how many
queries they cost."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from theodoi.dashboards.tests.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr("theodoi.dashboards.views.clock", lambda: NOW)


def get(client, user, url, status=200, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    return response


def workbook(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def sheet_rows(sheet):
    """Rows under the title and heading lines, keyed by the first cell."""
    return {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}


# --- numbers -----------------------------------------------------------------------------------------


def test_overview_numbers(client, filed, people):
    response = get(client, people["coordinator"], reverse("dashboards:overview"))
    page = response.context["page"]
    assert dict(page.figures) == {
        "Kế hoạch": 1, "Nhiệm vụ quá hạn": 1, "Chỉ tiêu có nguy cơ": 0, "Đơn vị chậm, thiếu báo cáo": 5,
    }  # fmt: skip
    text = response.content.decode()
    assert "Nâng cấp cổng dịch vụ công" in text  # the overdue task
    assert "<svg" in text and "<title" in text


def test_plan_page_indicator_and_timeliness(client, filed, people):
    url = reverse("dashboards:plan", args=[filed.pk])
    rows = sheet_rows(workbook(get(client, people["coordinator"], url, xuat="xlsx", bang="chi-tieu")))
    row = rows["1. Tỷ lệ hồ sơ giải quyết đúng hạn"]
    # January 190/200 and February 208/210 (both accepted): the ratio adds numerators and denominators.
    assert row[4:7] == (398, 410, "Chưa đạt")
    assert row[3] == pytest.approx(97.0732, abs=1e-3)
    feb = sheet_rows(workbook(get(client, people["coordinator"], url, xuat="xlsx", bang="chi-tieu", ky="2026-month-2")))
    assert feb["1. Tỷ lệ hồ sơ giải quyết đúng hạn"][4:7] == (208, 210, "Đạt")

    reports = sheet_rows(workbook(get(client, people["coordinator"], url, xuat="xlsx", bang="bao-cao-theo-don-vi")))
    # Phải nộp, Đúng hạn, Muộn, Chưa nộp quá hạn, Chưa đến hạn
    assert reports["Văn phòng Sở"][1:6] == (2, 1, 1, 0, 0)
    assert reports["Phòng Chuyển đổi số"][1:6] == (2, 0, 1, 1, 0)
    assert reports["Sở Nội vụ"][1:6] == (2, 2, 0, 0, 0)


def test_plan_page_field_filter(client, filed, people):
    from theodoi.plans.models import Section

    section = Section.objects.get(plan=filed, title="ỨNG DỤNG CÔNG NGHỆ THÔNG TIN")
    url = reverse("dashboards:plan", args=[filed.pk])
    page = get(client, people["coordinator"], url, **{"linh-vuc": f"muc-{section.pk}"}).context["page"]
    sections = page.table("nhiem-vu-theo-linh-vuc").rows
    assert [str(row[0]) for row in sections] == ["ỨNG DỤNG CÔNG NGHỆ THÔNG TIN"]
    assert page.table("chi-tieu").rows == []  # a task section holds no indicator
    assert dict(page.figures)["Nhiệm vụ"] == 1


def test_plan_page_unit_filter(client, filed, people, directory):
    url = reverse("dashboards:plan", args=[filed.pk])
    page = get(client, people["coordinator"], url, **{"don-vi": directory["dn.nv"].pk}).context["page"]
    assert [str(row[0]) for row in page.table("bao-cao-theo-don-vi").rows] == ["Sở Nội vụ"]
    assert [str(row[0]) for row in page.table("nhiem-vu-theo-don-vi").rows] == ["Sở Nội vụ"]


def test_grid_page_and_its_downloads(client, filed, people):
    url = reverse("dashboards:grid", args=[filed.pk])
    response = get(client, people["coordinator"], url)
    assert "status--missing" in response.content.decode()
    rows = sheet_rows(workbook(get(client, people["coordinator"], url, xuat="xlsx", bang="tinh-hinh-bao-cao")))
    assert rows["Văn phòng Sở"][1].startswith("Đúng hạn · 10/01/2026")
    assert rows["Văn phòng Sở"][2].startswith("Muộn · 15/02/2026")
    assert rows["Phòng Chuyển đổi số"][2] == "Chưa nộp, quá hạn"
    assert rows["Văn phòng Sở"][3:] == (1, 1, 0)
    data = get(client, people["coordinator"], url, xuat="csv", bang="tinh-hinh-bao-cao").content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(data)))
    assert lines[0] == ["Đơn vị", "Tháng 1/2026", "Tháng 2/2026", "Đúng hạn", "Muộn", "Chưa nộp, quá hạn"]
    one_period = get(client, people["coordinator"], url, ky="2026-month-1").context["page"]
    assert one_period.table("tinh-hinh-bao-cao").columns[1:2] == ["Tháng 1/2026"]


def test_indicator_page_trend(client, filed, people):
    indicator = filed.indicators.get()
    page = get(client, people["coordinator"], reverse("dashboards:indicator", args=[indicator.pk])).context["page"]
    trend = {row[0]: row for row in page.table("dien-bien").rows}
    assert trend["Tháng 1/2026"][1] == Decimal("95")
    assert trend["Tháng 2/2026"][2] == pytest.approx(Decimal("97.0732"), abs=Decimal("0.001"))
    assert trend["Tháng 3/2026"][1] is None  # not reported: missing, never 0
    units = [row[0].value for row in page.table("theo-don-vi").rows]
    assert "Văn phòng Sở" in units


def test_unit_page(client, filed, people, directory):
    page = get(client, people["coordinator"], reverse("dashboards:unit", args=[directory["dn.nv"].pk])).context["page"]
    assert dict(page.figures)["Nhiệm vụ quá hạn"] == 1
    statuses = [row[-1] for row in page.table("bao-cao-cua-don-vi").rows]
    assert statuses == ["Đúng hạn", "Đúng hạn"]


def test_htmx_filter_returns_the_fragment(client, filed, people):
    client.force_login(people["coordinator"])
    response = client.get(reverse("dashboards:grid", args=[filed.pk]), {"ky": "2026-month-2"}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "<html" not in text and "Tháng 2/2026" in text and "Tháng 1/2026" not in text


def test_unknown_download_is_404(client, filed, people):
    get(client, people["coordinator"], reverse("dashboards:overview"), 404, xuat="xlsx", bang="khong-co")
    get(client, people["coordinator"], reverse("dashboards:overview"), 404, xuat="pdf", bang="ke-hoach")


def test_leaders_land_on_the_overview(client, people):
    client.force_login(people["viewer"])
    assert client.get("/").url == reverse("dashboards:overview")
    client.force_login(people["reporter_vp"])
    assert client.get("/").url == reverse("plans:list")


# --- who sees what ------------------------------------------------------------------------------------


def test_another_unit_sees_only_itself(client, filed, people, directory):
    user = people["reporter_nv"]
    grid = get(client, user, reverse("dashboards:grid", args=[filed.pk])).context["page"]
    assert [row[0].text for row in grid.table("tinh-hinh-bao-cao").rows] == ["Sở Nội vụ"]
    plan = get(client, user, reverse("dashboards:plan", args=[filed.pk])).context["page"]
    assert [str(row[0]) for row in plan.table("bao-cao-theo-don-vi").rows] == ["Sở Nội vụ"]
    assert plan.table("chi-tieu").rows[0][3] is None  # the Văn phòng's figures are not the Sở Nội vụ's to see
    overview = get(client, user, reverse("dashboards:overview")).context["page"]
    assert all(str(row[0]) == "Sở Nội vụ" for row in overview.table("don-vi-cham-bao-cao").rows)
    get(client, user, reverse("dashboards:unit", args=[directory["dn.khcn.vp"].pk]), 404)
    get(client, user, reverse("dashboards:unit", args=[directory["dn.nv"].pk]))


def test_a_coordinator_elsewhere_sees_nothing_of_the_plan(client, filed, people):
    user = people["other_coordinator"]
    for name in ("plan", "grid"):
        get(client, user, reverse(f"dashboards:{name}", args=[filed.pk]), 404)
    get(client, user, reverse("dashboards:indicator", args=[filed.indicators.get().pk]), 404)
    overview = get(client, user, reverse("dashboards:overview")).context["page"]
    assert overview.table("ke-hoach").rows == []
    # A plan id in the filter the user may not read is ignored, not shown.
    filtered = get(client, user, reverse("dashboards:overview"), **{"ke-hoach": filed.pk}).context["page"]
    assert filtered.table("ke-hoach").rows == []


def test_the_provincial_leader_sees_the_whole_plan(client, filed, people):
    page = get(client, people["viewer"], reverse("dashboards:grid", args=[filed.pk])).context["page"]
    assert len(page.table("tinh-hinh-bao-cao").rows) == 6


def test_anonymous_is_sent_to_sign_in(client, filed):
    response = client.get(reverse("dashboards:overview"))
    assert response.status_code == 302 and "dang-nhap" in response.url


# --- queries -------------------------------------------------------------------------------------------


def page_urls(plan, directory):
    return {
        "overview": reverse("dashboards:overview"),
        "plan": reverse("dashboards:plan", args=[plan.pk]),
        "grid": reverse("dashboards:grid", args=[plan.pk]),
        "unit": reverse("dashboards:unit", args=[directory["dn.khcn"].pk]),
        "indicator": reverse("dashboards:indicator", args=[plan.indicators.get().pk]),
    }


# The most each page may cost for one plan (sessions and the user included).
BUDGET = {"overview": 45, "plan": 50, "grid": 16, "unit": 40, "indicator": 30}


@pytest.mark.parametrize("name", sorted(BUDGET))
def test_query_budget(client, filed, people, directory, django_assert_max_num_queries, name):
    client.force_login(people["coordinator"])
    url = page_urls(filed, directory)[name]
    with django_assert_max_num_queries(BUDGET[name]):
        assert client.get(url).status_code == 200


def test_queries_do_not_grow_with_reports_and_periods(client, filed, people, directory, django_assert_num_queries):
    """March filed too (more reports, one more period, more items): every page costs the same."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from theodoi.demo.reports import file_report
    from theodoi.periods.windows import Period, PeriodKind
    from theodoi.submissions.models import Report
    from theodoi.submissions.services import reports_open_period

    client.force_login(people["coordinator"])
    urls = page_urls(filed, directory)

    def counts():
        found = {}
        for name, url in urls.items():
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            found[name] = len(queries)
        return found

    before = counts()
    march = Period(2026, PeriodKind.MONTH, 3)
    reports_open_period(actor=people["coordinator"], plan=filed, period=march)
    for report in Report.objects.filter(plan=filed, period_index=3).select_related("unit", "plan"):
        file_report(report, actor=people["admin"], fate="accepted", seed=2)
    assert counts() == before
