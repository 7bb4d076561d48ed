"""On PostgreSQL, the database itself keeps the ledger balanced and append-only.

A deferred constraint trigger checks, when the transaction commits, that the lines of
every entry touched sum to zero and that there are at least two; another trigger
refuses changing or deleting a line. (SQLite has no deferred triggers: there the
service's own check in ``marketplace.money.services.ledger.ledger_post`` is the guard.)
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION polku_ledger_entry_balanced() RETURNS trigger AS $$
DECLARE
    total bigint;
    n integer;
BEGIN
    SELECT COALESCE(SUM(amount_cents), 0), COUNT(*) INTO total, n
      FROM marketplace_ledgerline WHERE entry_id = NEW.entry_id;
    IF total <> 0 OR n < 2 THEN
        RAISE EXCEPTION 'ledger entry % is unbalanced (sum %, % lines)',
            NEW.entry_id, total, n USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER polku_ledger_balanced
    AFTER INSERT ON marketplace_ledgerline
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION polku_ledger_entry_balanced();

CREATE OR REPLACE FUNCTION polku_ledger_line_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger lines cannot be changed or deleted'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER polku_ledger_line_immutable
    BEFORE UPDATE OR DELETE ON marketplace_ledgerline
    FOR EACH ROW EXECUTE FUNCTION polku_ledger_line_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS polku_ledger_line_immutable ON marketplace_ledgerline;
DROP FUNCTION IF EXISTS polku_ledger_line_immutable();
DROP TRIGGER IF EXISTS polku_ledger_balanced ON marketplace_ledgerline;
DROP FUNCTION IF EXISTS polku_ledger_entry_balanced();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0006_job_bank")]

    operations = [migrations.RunPython(forward, backward)]
