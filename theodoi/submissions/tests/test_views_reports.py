"""The report and review screens, for each role."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from theodoi.submissions.choices import ReportState


def client_for(client, user):
    client.force_login(user)
    return client


def form_of(report, task, indicator, **overrides):
    data = {
        "expected_version": report.version,
        f"t-{task.pk}-progress": "in_progress", f"t-{task.pk}-percent_done": "40",
        f"t-{task.pk}-work_done": "Đã rà soát 12/30 văn bản", f"t-{task.pk}-product": "",
        f"i-{indicator.pk}-shown": "1", f"i-{indicator.pk}-numerator": "990",
        f"i-{indicator.pk}-denominator": "1000", f"i-{indicator.pk}-value": "99",
        f"i-{indicator.pk}-source_kind": "extracted",
        f"i-{indicator.pk}-source_system": "Hệ thống thông tin giải quyết TTHC tỉnh",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_reporter_sees_and_saves_own_units_report(client, opened, people, task_i1, indicator1):
    report = opened["dn.khcn.vp"]
    url = reverse("submissions:detail", args=[report.pk])
    client_for(client, people["reporter"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Lưu nháp" in page.content.decode()
    response = client.post(url, {**form_of(report, task_i1, indicator1), "action": "save"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    item = report.task_items.get(task=task_i1)
    assert item.work_done == "Đã rà soát 12/30 văn bản"
    assert str(report.indicator_items.get(indicator=indicator1).numerator) == "990.0000"


def test_stale_save_shows_the_differences(client, opened, people, task_i1, indicator1):
    report = opened["dn.khcn.vp"]
    url = reverse("submissions:detail", args=[report.pk])
    client_for(client, people["reporter"])
    client.post(url, {**form_of(report, task_i1, indicator1), "action": "save"})
    stale = form_of(report, task_i1, indicator1, **{f"t-{task_i1.pk}-percent_done": "60"})
    response = client.post(url, {**stale, "action": "save"})
    assert response.status_code == 422
    text = response.content.decode()
    assert "Những chỗ khác với bản đã lưu" in text
    assert "Nhiệm vụ I.1" in text


def test_submit_lists_every_missing_field(client, opened, people, task_i1, indicator1):
    report = opened["dn.khcn.vp"]
    client_for(client, people["reporter"])
    response = client.post(
        reverse("submissions:detail", args=[report.pk]),
        {"expected_version": report.version, "action": "submit"},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "chưa nộp được" in text
    assert "Chưa nhập" in text
    assert "Tình trạng" in text


def test_another_units_report_is_not_found(client, opened, people):
    report = opened["dn.khcn.vp"]
    client_for(client, people["reporter_cds"])
    assert client.get(reverse("submissions:detail", args=[report.pk])).status_code == 404
    assert client.post(reverse("submissions:detail", args=[report.pk]), {"action": "save"}).status_code == 404
    assert client.get(reverse("submissions:review", args=[report.pk])).status_code == 404
    assert client.get(reverse("submissions:spreadsheet", args=[report.pk])).status_code == 404


def test_viewer_reads_without_editing(client, ready_report, people, task_i1, indicator1):
    client_for(client, people["viewer"])
    url = reverse("submissions:detail", args=[ready_report.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Bạn chỉ được xem báo cáo này." in page.content.decode()
    assert "Nộp báo cáo" not in page.content.decode()
    response = client.post(url, {**form_of(ready_report, task_i1, indicator1), "action": "save"})
    assert response.status_code == 422
    ready_report.refresh_from_db()
    assert ready_report.state == ReportState.DRAFT


def test_coordinator_returns_then_accepts(client, ready_report, people, task_i1, indicator1):
    reporter = client_for(client, people["reporter"])
    detail = reverse("submissions:detail", args=[ready_report.pk])
    assert reporter.post(detail, {"expected_version": ready_report.version, "action": "submit"}).status_code == 302
    ready_report.refresh_from_db()
    assert ready_report.state == ReportState.SUBMITTED

    client.force_login(people["coordinator"])
    review = reverse("submissions:review", args=[ready_report.pk])
    assert "Chấp nhận" in client.get(review).content.decode()
    response = client.post(review, {"action": "return", f"c-task-{task_i1.pk}": "Ghi rõ số văn bản đã rà soát."})
    assert response.status_code == 302
    ready_report.refresh_from_db()
    assert ready_report.state == ReportState.RETURNED

    client.force_login(people["reporter"])
    assert "Ghi rõ số văn bản đã rà soát." in client.get(detail).content.decode()
    fixed = {f"t-{task_i1.pk}-work_done": "Đã rà soát 12/30 văn bản: số 1–12"}
    form = form_of(ready_report, task_i1, indicator1, **fixed)
    assert client.post(detail, {**form, "action": "submit"}).status_code == 302

    client.force_login(people["coordinator"])
    page = client.get(review, {"tu": "1", "den": "2"})
    assert "Lần 1 so với lần 2" in page.content.decode()
    assert "Kết quả thực hiện" in page.content.decode()
    assert client.post(review, {"action": "accept"}).status_code == 302
    ready_report.refresh_from_db()
    assert ready_report.state == ReportState.ACCEPTED

    assert client.post(review, {"action": "reopen", "reason": ""}).status_code == 422
    assert client.post(review, {"action": "reopen", "reason": "Sai số liệu chỉ tiêu 1"}).status_code == 302
    ready_report.refresh_from_db()
    assert ready_report.state == ReportState.RETURNED


def test_reporter_cannot_review(client, ready_report, people):
    client_for(client, people["reporter"])
    client.post(reverse("submissions:detail", args=[ready_report.pk]),
                {"expected_version": ready_report.version, "action": "submit"})  # fmt: skip
    response = client.post(reverse("submissions:review", args=[ready_report.pk]), {"action": "accept"})
    assert response.status_code == 422
    ready_report.refresh_from_db()
    assert ready_report.state == ReportState.SUBMITTED


def test_evidence_link_file_and_download(client, opened, people, indicator1):
    report = opened["dn.khcn.vp"]
    item = report.indicator_items.get(indicator=indicator1)
    client_for(client, people["reporter"])
    url = reverse("submissions:evidence_add", args=[report.pk])
    link = {"item": f"indicator:{item.pk}", "url": "https://example.vn/trich-xuat", "title": "Bản trích xuất"}
    client.post(url, link)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

    client.post(url, {"item": "", "file": SimpleUploadedFile("anh.png", png, "image/png"), "title": "Ảnh"})
    rows = list(report.evidence.order_by("pk"))
    assert [row.kind for row in rows] == ["link", "file"]
    download = client.get(reverse("submissions:evidence_download", args=[rows[1].pk]))
    assert download.status_code == 200
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    client.force_login(people["reporter_cds"])
    assert client.get(reverse("submissions:evidence_download", args=[rows[1].pk])).status_code == 404
    remove = reverse("submissions:evidence_remove", args=[rows[0].pk])
    assert client.post(remove).status_code == 404
    client.force_login(people["reporter"])
    assert client.post(remove).status_code == 302
    assert list(report.evidence.values_list("kind", flat=True)) == ["file"]


def test_spreadsheet_round_trip(client, opened, people):
    report = opened["dn.khcn.vp"]
    client_for(client, people["reporter"])
    workbook = client.get(reverse("submissions:spreadsheet", args=[report.pk]))
    assert workbook.status_code == 200

    upload = SimpleUploadedFile("bao-cao.xlsx", workbook.content)
    response = client.post(reverse("submissions:spreadsheet_upload", args=[report.pk]), {"workbook": upload})
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["reporter", "coordinator", "viewer"])
def test_lists(client, opened, people, loaded_plan, march, who):
    client_for(client, people[who])
    listing = client.get(reverse("submissions:list"))
    assert listing.status_code == 200
    assert "Văn phòng Sở" in listing.content.decode()
    period = client.get(reverse("submissions:period", args=[loaded_plan.pk, march.kind, march.year, march.index]))
    assert period.status_code == 200


def test_leader_approves_before_the_agency_sees_it(client, ready_report, people, loaded_plan):
    from theodoi.submissions.models import PlanReportingSettings

    PlanReportingSettings.objects.create(plan=loaded_plan, requires_leader_approval=True)
    url = reverse("submissions:detail", args=[ready_report.pk])
    client_for(client, people["reporter"])
    assert client.post(url, {"expected_version": ready_report.version, "action": "submit"}).status_code == 302
    ready_report.refresh_from_db()
    assert ready_report.state == ReportState.AWAITING_LEADER
    assert "Duyệt và gửi" not in client.get(url).content.decode()

    client.force_login(people["leader"])
    assert "Duyệt và gửi" in client.get(url).content.decode()
    assert client.post(url, {"action": "approve"}).status_code == 302
    ready_report.refresh_from_db()
    assert ready_report.state == ReportState.SUBMITTED


def test_drafts_save_as_people_type_and_conflicts_are_shown(client, opened, people, task_i1, indicator1):
    report = opened["dn.khcn.vp"]
    url = reverse("submissions:detail", args=[report.pk])
    client_for(client, people["reporter"])
    assert 'hx-trigger="input delay:2s"' in client.get(url).content.decode()
    typed = {**form_of(report, task_i1, indicator1), "action": "save"}
    response = client.post(url, typed, HTTP_HX_REQUEST="true")
    report.refresh_from_db()
    text = response.content.decode()
    assert response.status_code == 200 and "Đã tự lưu nháp" in text
    assert f'value="{report.version}" hx-swap-oob="true"' in text
    assert report.task_items.get(task=task_i1).work_done == "Đã rà soát 12/30 văn bản"
    stale = client.post(url, typed, HTTP_HX_REQUEST="true")  # the old version again: refused, not lost
    assert "Chưa tự lưu được" in stale.content.decode()
    assert report.version == type(report).objects.get(pk=report.pk).version


def test_autosave_is_refused_to_another_unit(client, opened, people, task_i1, indicator1):
    report = opened["dn.khcn.vp"]
    client_for(client, people["reporter_nv"])
    response = client.post(reverse("submissions:detail", args=[report.pk]),
                           {**form_of(report, task_i1, indicator1), "action": "save"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 404
