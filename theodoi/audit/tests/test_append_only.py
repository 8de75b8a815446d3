"""The audit trail is append-only for application users: model, queryset, admin and (PostgreSQL) database."""

import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from theodoi.audit.models import AuditEvent, AuditTrailAppendOnly
from theodoi.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(make_user):
    return audit_record(actor=make_user("admin"), action="test.thing", target_type="test", after={"x": 1})


def test_a_recorded_event_cannot_be_saved_again(event):
    event.action = "test.other"
    with pytest.raises(AuditTrailAppendOnly, match="chỉ được ghi thêm"):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.thing"


def test_a_recorded_event_cannot_be_deleted_one_by_one_or_in_bulk(event):
    with pytest.raises(AuditTrailAppendOnly):
        event.delete()
    with pytest.raises(AuditTrailAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AuditTrailAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    assert AuditEvent.objects.filter(pk=event.pk, action="test.thing").exists()


def test_deleting_an_account_keeps_its_events_under_its_name(make_user, directory):
    person = make_user("reporter", directory["dn.khcn.vp"], username="nguoi-cu")
    audit_record(actor=person, action="test.thing", target_type="test")
    person.delete()
    kept = AuditEvent.objects.get(action="test.thing")
    assert kept.actor_id is None and kept.actor_label == "nguoi-cu"


def test_the_admin_is_read_only_for_every_administrator(event, make_user):
    request = RequestFactory().get("/")
    request.user = make_user("admin")
    admin = site._registry[AuditEvent]
    assert admin.has_view_permission(request, event)
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, event)
    assert not admin.has_delete_permission(request, event)


postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")


@postgres_only
@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_auditevent SET action = 'sua' WHERE id = %s", "DELETE FROM audit_auditevent WHERE id = %s"],
)
def test_the_database_refuses_raw_updates_and_deletes(event, statement):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, action="test.thing").exists()


@postgres_only
def test_the_database_lets_only_an_account_be_unlinked(event):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_id = NULL WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_id = NULL, actor_label = 'x' WHERE id = %s", [event.pk])


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_documented_maintenance_session_may_purge(event):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL theodoi.audit_maintenance = 'on'")
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert not AuditEvent.objects.filter(pk=event.pk).exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        audit_record(actor=None, action="test.again", target_type="test")
        cursor.execute("DELETE FROM audit_auditevent")  # the setting ended with its transaction
