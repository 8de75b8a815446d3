"""The permission matrix: every page and API operation, tried by every role at the owner unit and at
another unit, reading and writing; the expected outcome of each is one line of permissions.tsv.

Every page rendered on the way is scanned for forms that would post without the CSRF token.

A URL or operation missing from the table fails with the exact line to add (what the code does
now: check it is what should happen before pasting it). Ids of other units' objects are guessed by
the "~other" columns; ids that exist nowhere by `test_unknown_ids_are_not_found`.
"""

from __future__ import annotations

import pytest

from tests.security.matrix import DENIED, read_table, request, table_line
from tests.security.targets import MISSING_ID, api_targets, api_url, body, page_targets, page_url
from tests.security.world import COLUMNS

pytestmark = pytest.mark.django_db


def _check(world, targets, url_of):
    table = read_table()
    problems, missing = [], []
    for target in targets:
        url = url_of(target, world.objects)
        data = body(target, world.objects)
        observed = {column: request(world, column, target.method, url, api=target.api, data=data) for column in COLUMNS}
        outcomes = {column: seen.outcome for column, seen in observed.items()}
        for column, seen in observed.items():
            if seen.error:
                problems.append(f"{target.key} {target.method} as {column}: {seen.error}")
            if seen.unprotected:
                problems.append(f"{target.key} as {column}: form without CSRF token: {seen.unprotected}")
            if seen.outcome in DENIED and seen.audited:
                problems.append(f"{target.key} {target.method} as {column}: refused ({seen.outcome}) yet audited")
        expected = table.get((target.key, target.method))
        if expected is None:
            missing.append(table_line(target, outcomes))
        elif expected != outcomes:
            wrong = [
                f"{column}: expected {expected[column]}, got {outcomes[column]}"
                for column in COLUMNS
                if expected[column] != outcomes[column]
            ]
            problems.append(f"{target.key} {target.method}: " + "; ".join(wrong))
    message = []
    if missing:
        message.append(
            "Not in tests/security/permissions.tsv; check each outcome is right, then add:\n" + "\n".join(missing)
        )
    if problems:
        message.append("Outcomes differ from tests/security/permissions.tsv:\n" + "\n".join(problems))
    assert not message, "\n\n".join(message)


def test_every_page_as_every_role(world):
    _check(world, page_targets(), page_url)


def test_every_api_operation_as_every_role(world):
    _check(world, api_targets(), api_url)


def test_table_lists_nothing_that_no_longer_exists():
    keys = {(target.key, target.method) for target in page_targets() + api_targets()}
    stale = sorted(f"{key} {method}" for key, method in read_table() if (key, method) not in keys)
    assert not stale, "Remove from tests/security/permissions.tsv (no such URL or operation):\n" + "\n".join(stale)


def test_unknown_ids_are_not_found(world):
    """An id that exists nowhere is 404 even for the admin, who may see everything: never a crash."""
    problems = []
    for target in page_targets():
        for argument in target.arguments:
            if argument.endswith("id") or argument == "pk":
                seen = request(
                    world, "admin", target.method, page_url(target, world.objects, missing=argument), api=False
                )
                if seen.outcome not in ("404", "405"):
                    problems.append(
                        f"{target.key} {target.method} {argument}={MISSING_ID}: {seen.outcome} {seen.error}"
                    )
    for target in api_targets():
        if "{id}" in target.path:
            seen = request(world, "admin", target.method, api_url(target, world.objects, missing=True), api=True)
            if seen.outcome != "404":
                problems.append(f"{target.key} {target.method} id={MISSING_ID}: {seen.outcome} {seen.error}")
    assert not problems, "\n".join(problems)


def _admin_urls(world):
    """Every page of the Django admin, ids filled with real rows where a page takes one."""
    from django.contrib import admin
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    urls = [
        reverse(f"admin:{name}")
        for name in ("index", "password_change", "password_change_done", "autocomplete", "jsi18n", "logout")
    ]
    plan = world.objects["plan"]
    urls.append(reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(plan).pk, plan.pk]))
    labels = set()
    for model in admin.site._registry:
        meta = model._meta
        labels.add(meta.app_label)
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        row = model._default_manager.first()
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        if row is not None:
            urls += [reverse(f"{prefix}_{page}", args=[row.pk]) for page in ("change", "delete", "history")]
    urls += [reverse("admin:app_list", args=[label]) for label in sorted(labels)]
    return urls


def _admin_outcome_ok(column, seen):
    if column == "admin":
        return not seen.outcome.startswith("5")
    if seen.audited:
        return False
    # Refused, sent to sign in, or sent to the admin's own sign-in or index (which refuse in turn).
    allowed = {"login"} if column == "anonymous" else {"403"}
    return seen.outcome in allowed or (
        seen.outcome == "302" and seen.location.split("?")[0] in ("/admin/login/", "/admin/")
    )


def test_admin_is_for_the_admin_role_only(world):
    """The admin is all or nothing (policy.can_use_admin), so it is a rule rather than lines of the
    table: every page of it, read or written, sends anonymous people to sign in and refuses the
    coordinator, the strongest role below admin; every role is tried on the index and a model. The
    admin only reads (each page answers without a crash)."""
    problems = []
    urls = _admin_urls(world)
    everyone = [url for url in urls if url.endswith(("/admin/", "/admin/plans/plan/"))]
    for url in urls:
        columns = COLUMNS if url in everyone else ("admin", "coordinator", "anonymous")
        for column in columns:
            for method in ("GET",) if column == "admin" else ("GET", "POST"):
                seen = request(world, column, method, url, api=False)
                if not _admin_outcome_ok(column, seen):
                    problems.append(f"{method} {url} as {column}: {seen.outcome} {seen.location} {seen.error}")
    assert not problems, "\n".join(problems)


def test_the_form_scan_finds_a_form_without_the_token():
    from django.http import HttpResponse

    from tests.security.matrix import unprotected_forms

    good = '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="x"></form>'
    bad = '<form class="x" method="POST" action="/a/"><button>Lưu</button></form>'
    assert unprotected_forms(HttpResponse(good + '<form method="get"></form>')) == ()
    assert len(unprotected_forms(HttpResponse(good + bad))) == 1
    assert unprotected_forms(HttpResponse('<button hx-post="/a/">x</button>')) != ()
