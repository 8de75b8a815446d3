"""Mutated posts to the main forms (the report, its autosave, the review, the import review, the
reporting calendar): answered without an unhandled error; a refusal shows a message and changes
nothing. Django's test client raises any exception a view lets through, so none can hide."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import FUZZ
from theodoi.imports.models import ImportDraft
from theodoi.imports.tests.test_import_review import TABLE
from theodoi.submissions.items import INDICATOR_FIELDS, TASK_FIELDS
from theodoi.submissions.models import Report

TRICKY = st.sampled_from([
    "", " ", "0", "-1", "100.5", "1e400", "NaN", "Infinity", "99999999999999999999", "1,5", "٣", "²",
    "abc", "2026-02-30", "31/12/2026", "2026-12-31", "\x00", "a\x00b", "<script>alert(1)</script>",
    "=HYPERLINK(\"x\")", "in_progress", "done", "late", "extracted", "manual", "on", "Có", "x" * 5000,
])  # fmt: skip
VALUES = st.one_of(TRICKY, st.text(max_size=30))
MESSAGE_MARKS = ('role="alert"', 'class="error"', "errorlist", "alert--error")


def posted(names: list[str]) -> st.SearchStrategy[dict[str, str]]:
    keys = st.one_of(st.sampled_from(names), st.text(max_size=12))
    return st.dictionaries(keys, VALUES, max_size=10)


def answered(response) -> None:
    assert response.status_code in (200, 302, 400, 403, 404, 409, 422), response.status_code
    if response.status_code in (400, 409, 422):
        body = response.content.decode()
        assert response.status_code == 409 and body.strip() or any(mark in body for mark in MESSAGE_MARKS), body[:300]


# --- the report and its review ---------------------------------------------------------------------


def report_fields(report: Report) -> list[str]:
    tasks = report.task_items.values_list("task_id", flat=True)
    indicators = report.indicator_items.values_list("indicator_id", flat=True)
    return (
        [f"t-{task}-{name}" for task in tasks for name in TASK_FIELDS]
        + [f"i-{indicator}-{name}" for indicator in indicators for name in (*INDICATOR_FIELDS, "shown")]
        + ["action", "expected_version"]
    )


@FUZZ
@given(data=st.data())
def test_report_posts_are_saved_whole_or_refused_with_a_message(client, ready_report, people, data):
    client.force_login(people["reporter"])
    report = Report.objects.get(pk=ready_report.pk)
    form = data.draw(posted(report_fields(report)))
    form.setdefault("action", data.draw(st.sampled_from(["save", "submit", "approve", "xoa"])))
    form.setdefault("expected_version", str(report.version))
    autosave = data.draw(st.booleans())
    headers = {"HTTP_HX_REQUEST": "true"} if autosave else {}
    answer = client.post(reverse("submissions:detail", args=[report.pk]), form, **headers)
    answered(answer)
    fresh = Report.objects.get(pk=report.pk)
    if answer.status_code != 302 and not autosave:
        assert fresh.version == report.version and fresh.state == report.state
    if autosave and "Chưa tự lưu được" in answer.content.decode():
        assert fresh.version == report.version


@pytest.fixture
def submitted(ready_report, people):
    from theodoi.submissions.services import report_submit

    return report_submit(actor=people["reporter"], report=ready_report, expected_version=ready_report.version)


@FUZZ
@given(data=st.data())
def test_review_posts_decide_or_are_refused_with_a_message(client, submitted, people, task_i1, indicator1, data):
    client.force_login(people["coordinator"])
    report = Report.objects.get(pk=submitted.pk)
    names = ["action", "expected_version", "reason", "c-report", f"c-task-{task_i1.pk}", f"c-indicator-{indicator1.pk}",
             "c-task-999999999999999999999", "c-indicator-x"]  # fmt: skip
    form = data.draw(posted(names))
    form.setdefault("action", data.draw(st.sampled_from(["return", "accept", "reopen", "?"])))
    answer = client.post(reverse("submissions:review", args=[report.pk]), form)
    answered(answer)
    if answer.status_code != 302:
        assert Report.objects.get(pk=report.pk).version == report.version
    Report.objects.filter(pk=report.pk).update(state=submitted.state, version=submitted.version)


# --- the import review -----------------------------------------------------------------------------


@pytest.fixture
def draft(client, directory, make_user):
    client.force_login(make_user("coordinator", directory["dn.khcn"]))
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(reverse("imports:list"), {"document": SimpleUploadedFile("kh.txt", TABLE)})
    return ImportDraft.objects.get()


@FUZZ
@given(data=st.data())
def test_import_review_posts_are_answered(client, draft, data):
    view = data.draw(st.sampled_from(["cell", "map_name", "owner", "save"]))
    names = ["table", "index", "field", "value", "name", "unit", "remember", "owner", "version"]
    form = data.draw(posted(names))
    if view == "cell":
        form.setdefault("table", data.draw(st.sampled_from(["tasks", "indicators", "plan"])))
        form.setdefault("index", data.draw(st.sampled_from(["0", "1", "5", "-1", "99999", "x"])))
        form.setdefault("field", data.draw(st.sampled_from(["lead", "name", "deadline", "ref", "issued_on", "pk"])))
    headers = {"HTTP_HX_REQUEST": "true"} if data.draw(st.booleans()) else {}
    answered(client.post(reverse(f"imports:{view}", args=[draft.pk]), form, **headers))


# --- the reporting calendar ------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_calendar_posts_are_answered(client, loaded_plan, people, data):
    client.force_login(people[data.draw(st.sampled_from(["coordinator", "admin", "reporter"]))])
    view = data.draw(st.sampled_from(["schedule", "events", "extensions", "halts", "days_off", "extension_new"]))
    names = ["clause_text", "window_mode", "before_day", "roll_to_working_day", "due_soon_days", "starts_on",
             "ends_on", "task", "occurred_on", "offset_days", "note", "request", "decision", "kind",
             "effective_on", "reason", "day", "name", "requested_due"]  # fmt: skip
    form = data.draw(posted(names))
    if view == "days_off":
        url = reverse("periods:days_off")
    elif view == "extension_new":
        assignment = loaded_plan.tasks.get(ref="I.1").assignments.first()
        url = reverse("periods:extension_new", args=[assignment.pk])
    else:
        url = reverse(f"periods:{view}", args=[loaded_plan.pk])
    answered(client.post(url, form))


# --- what the fuzzing found, kept as plain tests ---------------------------------------------------


def test_an_unknown_document_stage_is_refused_with_a_message(client, ready_report, people, task_i1):
    client.force_login(people["reporter"])
    form = {"action": "save", "expected_version": ready_report.version, f"t-{task_i1.pk}-document_stage": "0"}
    answer = client.post(reverse("submissions:detail", args=[ready_report.pk]), form)
    assert answer.status_code == 422 and 'role="alert"' in answer.content.decode()
    assert Report.objects.get(pk=ready_report.pk).version == ready_report.version


def test_a_refused_submission_saves_nothing_of_what_was_typed(client, ready_report, people, task_i1):
    client.force_login(people["reporter"])
    form = {"action": "submit", "expected_version": ready_report.version, f"t-{task_i1.pk}-progress": "",
            f"t-{task_i1.pk}-work_done": "Gõ rồi nộp, nhưng còn thiếu"}  # fmt: skip
    answer = client.post(reverse("submissions:detail", args=[ready_report.pk]), form)
    assert answer.status_code == 422 and "Gõ rồi nộp, nhưng còn thiếu" in answer.content.decode()
    fresh = Report.objects.get(pk=ready_report.pk)
    assert fresh.version == ready_report.version and fresh.task_items.get().work_done == "Đã rà soát 12/30 văn bản"


@pytest.mark.parametrize("view", ["events", "extensions"])
def test_a_calendar_post_naming_no_number_is_not_found(client, loaded_plan, people, view):
    client.force_login(people["coordinator"])
    answer = client.post(reverse(f"periods:{view}", args=[loaded_plan.pk]), {"task": "abc", "request": "1e3"})
    assert answer.status_code == 404


@pytest.mark.parametrize("view", ["schedule", "events", "halts"])
def test_an_empty_calendar_post_is_answered_with_a_message(client, loaded_plan, people, view):
    client.force_login(people["coordinator"])
    answer = client.post(reverse(f"periods:{view}", args=[loaded_plan.pk]), {"task": str(loaded_plan.tasks.first().pk)})
    assert answer.status_code == 200 and any(mark in answer.content.decode() for mark in MESSAGE_MARKS)
