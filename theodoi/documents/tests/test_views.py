"""The download URLs: who gets a file, who is refused, and the form's errors."""

import pytest
from django.urls import reverse

from .reading import open_docx, open_xlsx, texts

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORM = {"period": "2026-month-3", "number": "07", "day": "2026-04-02", "place": "Đồng Nai",
        "authority": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "signer": "Lê Văn Ký",
        "recipients": "UBND tỉnh (b/c);\nSở Nội vụ"}  # fmt: skip


def urls(plan, unit):
    return {
        "summary": reverse("documents:plan_summary", args=[plan.pk]),
        "appendix": reverse("documents:plan_appendix", args=[plan.pk]),
        "reminder": reverse("documents:plan_reminder", args=[plan.pk]),
        "register": reverse("documents:plan_register", args=[plan.pk]),
        "register_xlsx": reverse("documents:plan_register_export", args=[plan.pk, "xlsx"]),
        "register_docx": reverse("documents:plan_register_export", args=[plan.pk, "docx"]),
        "unit_register": reverse("documents:unit_register", args=[unit.pk]),
        "unit_register_xlsx": reverse("documents:unit_register_export", args=[unit.pk, "xlsx"]),
        "unit_reminder": reverse("documents:unit_reminder", args=[unit.pk]),
    }


@pytest.fixture
def office(directory):
    return directory["dn.khcn.vp"]


def get(client, user, url, data=None):
    client.force_login(user)
    return client.get(url, data or {})


def test_coordinator_downloads_every_document(client, scenario, people, office):
    plan, links = scenario["plan"], urls(scenario["plan"], office)
    page = get(client, people["coordinator"], reverse("documents:plan", args=[plan.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    for key in ("summary", "appendix", "reminder", "register_xlsx"):
        assert links[key] in body
    summary = client.get(links["summary"], FORM)
    assert summary.status_code == 200 and summary["Content-Type"] == DOCX
    assert "attachment" in summary["Content-Disposition"]
    assert "Số: 07/BC-SKHCN" in texts(open_docx(summary.content))
    appendix = client.get(links["appendix"], {"period": "2026-month-3"})
    assert appendix.status_code == 200 and open_xlsx(appendix.content).sheetnames == ["Chỉ tiêu", "Nhiệm vụ"]
    reminder = client.get(links["reminder"], {**FORM, "unit": office.pk})
    assert reminder.status_code == 200 and "Kính gửi: Văn phòng Sở." in texts(open_docx(reminder.content))
    for key in ("register", "register_xlsx", "register_docx", "unit_register", "unit_register_xlsx"):
        assert client.get(links[key]).status_code == 200, key
    assert client.get(links["unit_reminder"], FORM).status_code == 200


def test_reporter_gets_the_registers_but_not_the_plan_wide_documents(client, scenario, people, office):
    plan, links = scenario["plan"], urls(scenario["plan"], office)
    page = get(client, people["reporter"], reverse("documents:plan", args=[plan.pk]))
    assert page.status_code == 200 and links["summary"] not in page.content.decode()
    assert client.get(links["summary"], FORM).status_code == 403
    assert client.get(links["appendix"]).status_code == 403
    assert client.get(links["reminder"], {**FORM, "unit": office.pk}).status_code == 403
    assert client.get(links["unit_reminder"], FORM).status_code == 403
    register = client.get(links["register"])
    assert register.status_code == 200 and "Rà soát văn bản quy phạm pháp luật" in register.content.decode()
    assert client.get(links["unit_register_xlsx"]).status_code == 200


def test_viewer_compiles_but_does_not_send_reminders(client, scenario, people, office):
    links = urls(scenario["plan"], office)
    assert get(client, people["viewer"], links["summary"], FORM).status_code == 200
    assert client.get(links["reminder"], {**FORM, "unit": office.pk}).status_code == 403


def test_other_province_and_anonymous_get_nothing(client, scenario, people, office):
    links = urls(scenario["plan"], office)
    client.force_login(people["other_coordinator"])
    for key in ("summary", "appendix", "reminder", "register", "register_xlsx"):
        assert client.get(links[key], FORM).status_code == 404, key
    assert client.get(links["unit_reminder"], FORM).status_code == 403
    client.logout()
    response = client.get(links["summary"], FORM)
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_bad_form_is_answered_in_vietnamese_without_a_file(client, scenario, people, office):
    links = urls(scenario["plan"], office)
    response = get(client, people["coordinator"], links["summary"], {**FORM, "period": "2026-month-13"})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    reminder = client.get(links["reminder"], {**FORM, "unit": "999999"})
    assert reminder.status_code == 400
    assert client.get(links["register"].rstrip("/") + ".pdf").status_code == 404


def test_plan_and_unit_pages_link_to_the_documents(client, scenario, people, office):
    plan = scenario["plan"]
    body = get(client, people["coordinator"], reverse("plans:detail", args=[plan.pk])).content.decode()
    assert reverse("documents:plan", args=[plan.pk]) in body
    body = client.get(reverse("units:detail", args=[office.pk])).content.decode()
    assert reverse("documents:unit", args=[office.pk]) in body
    unit_page = client.get(reverse("documents:unit", args=[office.pk]))
    assert unit_page.status_code == 200
    assert reverse("documents:unit_reminder", args=[office.pk]) in unit_page.content.decode()
    assert reverse("documents:plan", args=[plan.pk]) in unit_page.content.decode()
    # a reporter of the unit sees its register but neither the reminder nor the plan-wide documents
    reporter_page = get(client, people["reporter"], reverse("documents:unit", args=[office.pk])).content.decode()
    assert reverse("documents:unit_register", args=[office.pk]) in reporter_page
    assert reverse("documents:unit_reminder", args=[office.pk]) not in reporter_page
    assert reverse("documents:plan", args=[plan.pk]) not in reporter_page
