"""On PostgreSQL the database itself refuses UPDATE and DELETE on the audit trail.

Two exceptions, both documented in docs/reliability.md:
- unlinking a deleted account (`actor_id` set to NULL, nothing else changed), which Django does
  when a user is deleted; the name stays in `actor_label`;
- a maintenance session that sets `SET LOCAL theodoi.audit_maintenance = 'on'` inside its
  transaction (purging events older than the retention period, by an operator, never the app).
TRUNCATE is not covered (test databases are flushed with it); only the database owner can run it.
"""

from django.db import migrations

FORWARD = r"""
CREATE OR REPLACE FUNCTION theodoi_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('theodoi.audit_maintenance', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
       AND (NEW.id, NEW.at, NEW.actor_label, NEW.action, NEW.target_type, NEW.target_id,
            NEW.target_label, NEW.before, NEW.after)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.at, OLD.actor_label, OLD.action, OLD.target_type, OLD.target_id,
            OLD.target_label, OLD.before, OLD.after) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_auditevent is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER theodoi_audit_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION theodoi_audit_append_only();
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS theodoi_audit_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS theodoi_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_event")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
