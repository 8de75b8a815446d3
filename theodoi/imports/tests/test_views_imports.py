import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from theodoi.imports.models import ImportDraft
from theodoi.imports.tests.test_import_review import TABLE
from theodoi.plans.models import Plan


@pytest.fixture
def coordinator_client(client, directory, make_user):
    client.force_login(make_user("coordinator", directory["dn.khcn"]))
    return client


def test_upload_review_edit_and_save(coordinator_client, directory):
    response = coordinator_client.post(reverse("imports:list"),
                                       {"document": SimpleUploadedFile("kh.txt", TABLE)})
    draft = ImportDraft.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{draft.pk}/")
    page = coordinator_client.get(reverse("imports:review", args=[draft.pk]))
    assert page.status_code == 200
    assert "Phòng Hành Chánh Lạ" in page.content.decode()

    edited = coordinator_client.post(
        reverse("imports:cell", args=[draft.pk]),
        {"table": "tasks", "index": 0, "field": "lead", "value": "Văn phòng Sở"}, HTTP_HX_REQUEST="true",
    )
    assert edited.status_code == 200 and 'id="tasks-0"' in edited.content.decode()
    assert 'hx-swap-oob="true"' in edited.content.decode()
    coordinator_client.post(reverse("imports:owner", args=[draft.pk]), {"owner": directory["dn.khcn"].pk})
    coordinator_client.post(reverse("imports:cell", args=[draft.pk]),
                            {"table": "plan", "index": 0, "field": "title", "value": "Kế hoạch năm 2026"})
    draft.refresh_from_db()
    saved = coordinator_client.post(reverse("imports:save", args=[draft.pk]), {"version": draft.version})
    plan = Plan.objects.get()
    assert saved.status_code == 302 and saved["Location"] == reverse("plans:detail", args=[plan.pk])


def test_stale_save_is_refused_with_a_message(coordinator_client, directory):
    coordinator_client.post(reverse("imports:list"), {"document": SimpleUploadedFile("kh.txt", TABLE)})
    draft = ImportDraft.objects.get()
    response = coordinator_client.post(reverse("imports:save", args=[draft.pk]), {"version": 999}, follow=True)
    assert "người khác sửa" in response.content.decode()
    assert not Plan.objects.exists()


def test_bad_upload_shows_the_reason(coordinator_client):
    response = coordinator_client.post(reverse("imports:list"), {"document": SimpleUploadedFile("x.txt", b"\x00\xff")})
    assert response.status_code == 400 and not ImportDraft.objects.exists()


@pytest.mark.parametrize("role,unit", [("reporter", "dn.nv"), ("viewer", "dn"), ("unit_leader", "dn.khcn")])
def test_other_roles_cannot_reach_import_pages(client, directory, make_user, role, unit):
    client.force_login(make_user(role, directory[unit]))
    assert client.get(reverse("imports:list")).status_code == 403


def test_drafts_of_another_agency_are_not_found(client, coordinator_client, directory, make_user):
    coordinator_client.post(reverse("imports:list"), {"document": SimpleUploadedFile("kh.txt", TABLE)})
    draft = ImportDraft.objects.get()
    client.force_login(make_user("coordinator", directory["sl.khcn"]))
    assert client.get(reverse("imports:review", args=[draft.pk])).status_code == 404
    assert client.post(reverse("imports:save", args=[draft.pk]), {"version": 1}).status_code == 404
