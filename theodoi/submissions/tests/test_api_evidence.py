"""Evidence through the API: a file (multipart) or a link, listed per report, downloaded only by
those who read the report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from theodoi.core.tests.api_support import client_for

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


def upload(user, report, **fields):
    return client_for(user).post(f"/api/v1/reports/{report.pk}/evidence/", fields, format="multipart")


def test_a_file_is_uploaded_listed_and_downloaded_through_the_permission_check(opened, people, task_i1):
    report = opened["dn.khcn.vp"]
    response = upload(people["reporter"], report, task=task_i1.pk, title="Biên bản",
                      file=SimpleUploadedFile("bien ban.pdf", PDF_BYTES, content_type="application/pdf"))
    assert response.status_code == 201, response.content
    row = response.json()
    assert row["kind"] == "file" and row["content_type"] == "application/pdf" and row["size"] == len(PDF_BYTES)

    listed = client_for(people["viewer"]).get(f"/api/v1/evidence/?report={report.pk}")
    assert [item["id"] for item in listed.json()["results"]] == [row["id"]]

    download = client_for(people["coordinator"]).get(f"/api/v1/evidence/{row['id']}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"

    for outsider in ("reporter_cds", "other_coordinator"):
        refused = client_for(people[outsider]).get(f"/api/v1/evidence/{row['id']}/download/")
        assert refused.status_code == 404
        assert client_for(people[outsider]).get(f"/api/v1/evidence/?report={report.pk}").json()["results"] == []
    assert APIClient().get(f"/api/v1/evidence/{row['id']}/download/").status_code == 401


def test_a_disguised_file_or_both_file_and_link_are_refused(opened, people):
    report = opened["dn.khcn.vp"]
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = upload(people["reporter"], report, file=fake)
    assert response.status_code == 400 and response.json()["detail"]
    both = upload(people["reporter"], report, url="https://example.org/a",
                  file=SimpleUploadedFile("a.pdf", PDF_BYTES, content_type="application/pdf"))
    assert both.status_code == 400
    assert client_for(people["viewer"]).get("/api/v1/evidence/").json()["count"] == 0


def test_an_item_of_another_report_is_refused(opened, people, loaded_plan):
    report = opened["dn.khcn.vp"]
    other_task = opened["dn.khcn.cds"].task_items.get().task
    response = upload(people["reporter"], report, task=other_task.pk, url="https://example.org/a")
    assert response.status_code == 400 and "task" in response.json()


def test_a_link_has_nothing_to_download(opened, people):
    report = opened["dn.khcn.vp"]
    row = upload(people["reporter"], report, url="https://example.org/a").json()
    assert client_for(people["reporter"]).get(f"/api/v1/evidence/{row['id']}/download/").status_code == 400
