"""Backups: ``deploy/backup_restore_check.sh`` dumps the database with pg_dump,
restores it into a fresh database with pg_restore and finds every table's rows,
the sequences, the ledger's totals and its triggers unchanged; the comparison fails,
naming the difference, when anything is lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from marketplace.management.commands.db_summary import db_summary
from marketplace.models import LedgerEntry
from marketplace.money.services import payments as msvc
from marketplace.money.services.stripe_events import stripe_event_receive
from tests.factories.jobs import taken_job
from tests.factories.money import ready_account
from tests.ops.servers import ROOT, shared_database_url

SCRIPT = ROOT / "deploy" / "backup_restore_check.sh"


def paid_job(bank, fake) -> None:  # type: ignore[no-untyped-def]
    """A job paid through Stripe (the fake): payment and fee in the ledger."""
    ready_account(bank["unit_org"], fake)
    payment = msvc.payment_start(
        actor=bank["poster"],
        job=taken_job(bank),
        success_url="https://polku.test/ok/",
        cancel_url="https://polku.test/peru/",
    )
    stripe_event_receive(fake.complete_checkout(payment.checkout_session_id))


@pytest.mark.skipif(
    connection.vendor != "postgresql" or not shutil.which("pg_restore"),
    reason="pg_dump and pg_restore of PostgreSQL (CI)",
)
def test_a_backup_restores_every_row_and_the_ledger(
    committed,
    bank,
    stripe_fake,
    tmp_path: Path,
):
    # Given clients, placements, pages and a paid job in the ledger
    paid_job(bank, stripe_fake)
    summary = db_summary()
    assert summary["ledger"]["entries"] == LedgerEntry.objects.count() >= 2
    # When the backup is made and restored into a fresh database
    dump = tmp_path / "polku.dump"
    done = subprocess.run(
        [str(SCRIPT), str(dump)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": shared_database_url()},
        capture_output=True,
        text=True,
        timeout=600,
    )
    # then every table, sequence, trigger and the ledger's totals are the same
    assert done.returncode == 0, done.stdout + done.stderr
    assert "RESTORE CHECK PASSED" in done.stdout
    ledger = summary["ledger"]
    assert (
        f"ledger {ledger['entries']} entries, {ledger['lines']} lines, debits "
        f"{ledger['debits_cents']} cents, balance 0" in done.stdout
    )
    assert "marketplace_ledgerline.polku_ledger_balanced" in summary["triggers"]
    # the dump is kept as the backup, and the scratch database is gone
    assert dump.stat().st_size > 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s",
            [f"{connection.settings_dict['NAME']}_restore_check"],
        )
        assert cursor.fetchone() is None


def test_the_comparison_names_what_a_restore_lost(polku, tmp_path: Path):
    # Given a database's summary, and one of a restore that lost a client and a
    # ledger line
    before = db_summary()
    after = json.loads(json.dumps(before))
    after["tables"]["marketplace_client"]["rows"] += 1
    before["tables"]["marketplace_client"]["rows"] += 2
    after["ledger"]["lines"] = before["ledger"]["lines"] - 1
    paths = []
    for name, data in (("before", before), ("after", after)):
        paths.append(tmp_path / f"{name}.json")
        paths[-1].write_text(json.dumps(data))
    # When they are compared, then the check fails naming both
    with pytest.raises(CommandError) as failed:
        call_command("db_summary", "--compare", *map(str, paths))
    assert "tables.marketplace_client" in str(failed.value)
    assert "ledger.lines" in str(failed.value)
    # and a summary compared with itself passes
    out = tmp_path / "out.txt"
    with out.open("w") as f:
        call_command("db_summary", "--compare", str(paths[0]), str(paths[0]), stdout=f)
    assert out.read_text().startswith("equal: ")
