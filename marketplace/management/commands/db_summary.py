"""``manage.py db_summary``: what a database holds, to compare a restored backup
with its original (deploy/backup_restore_check.sh).

Prints JSON: every table's row count and, on PostgreSQL, a digest of its whole
content; the sequences' next values (a restored database must not hand out ids
that are already taken); the ledger's totals (entries, lines, sum of debits, the
balance, which is zero, and the balance of every kind of account); and the
database's own triggers (the ledger's balance check must survive a restore). Two
databases with the same summary hold the same rows. Reads only.

``--dump FILE`` also writes a ``pg_dump`` (custom format) of exactly the state it
summarises: both read one snapshot, so the check holds while the site is in use.
``--compare BEFORE AFTER`` compares two saved summaries and fails naming every
difference.
"""

from __future__ import annotations

import json
import os
import subprocess
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Count, Q, Sum


def table_summary(with_digest: bool) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            row: dict[str, Any] = {"rows": cursor.fetchone()[0]}
            if with_digest:
                # every column of every row, as text, in a fixed order
                cursor.execute(
                    f"SELECT md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY "
                    f"t::text), '')) FROM {quote(table)} AS t"
                )
                row["md5"] = cursor.fetchone()[0]
            out[table] = row
    return out


def sequence_summary() -> dict[str, int | None]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
            "ORDER BY 1"
        )
        return dict(cursor.fetchall())


def trigger_summary() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname || '.' || t.tgname FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal ORDER BY 1"
        )
        return [name for (name,) in cursor.fetchall()]


def ledger_summary() -> dict[str, Any]:
    from marketplace.models import LedgerAccount, LedgerEntry, LedgerLine

    lines = LedgerLine.objects.aggregate(
        n=Count("pk"),
        balance=Sum("amount_cents"),
        debits=Sum("amount_cents", filter=Q(amount_cents__gt=0)),
    )
    by_kind = dict(
        LedgerAccount.objects.values_list("kind")
        .annotate(total=Sum("lines__amount_cents"))
        .order_by("kind")
    )
    return {
        "entries": LedgerEntry.objects.count(),
        "entries_by_kind": dict(
            LedgerEntry.objects.values_list("kind")
            .annotate(n=Count("pk"))
            .order_by("kind")
        ),
        "lines": lines["n"],
        "debits_cents": lines["debits"] or 0,
        "balance_cents": lines["balance"] or 0,
        "accounts": LedgerAccount.objects.count(),
        "balance_by_account_kind_cents": {k: v or 0 for k, v in by_kind.items()},
    }


def db_summary() -> dict[str, Any]:
    postgres = connection.vendor == "postgresql"
    summary: dict[str, Any] = {
        "tables": table_summary(with_digest=postgres),
        "ledger": ledger_summary(),
    }
    if postgres:
        summary["sequences"] = sequence_summary()
        summary["triggers"] = trigger_summary()
    return summary


def dump_with_summary(path: str) -> dict[str, Any]:
    """``pg_dump`` of one snapshot of the database, and the summary of that snapshot."""
    if connection.vendor != "postgresql":
        raise CommandError("--dump needs PostgreSQL.")
    connection.ensure_connection()
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(settings.get("PASSWORD") or "")}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        command = ["pg_dump", "--format=custom", f"--snapshot={snapshot}"]
        command += [f"--file={path}", str(settings["NAME"])]
        for option, key in (("host", "HOST"), ("port", "PORT"), ("username", "USER")):
            if settings.get(key):
                command.insert(1, f"--{option}={settings[key]}")
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode:
            raise CommandError(f"pg_dump failed: {done.stderr.strip()}")
        return db_summary()


def summary_differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Every table, sequence, ledger figure or trigger that is not the same."""
    out = []
    for section in sorted(set(before) | set(after)):
        a, b = before.get(section), after.get(section)
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    out.append(f"{section}.{key}: {a.get(key)} -> {b.get(key)}")
        elif a != b:
            out.append(f"{section}: {a} -> {b}")
    return out


def compare_files(before_path: str, after_path: str) -> str:
    """One line saying what was equal; :class:`CommandError` naming what was not."""
    with open(before_path) as f:
        before = json.load(f)
    with open(after_path) as f:
        after = json.load(f)
    differences = summary_differences(before, after)
    if differences:
        listed = "\n".join(f"  {d}" for d in differences)
        raise CommandError(f"the databases differ:\n{listed}")
    tables, ledger = before["tables"], before["ledger"]
    rows = sum(t["rows"] for t in tables.values())
    return (
        f"{len(tables)} tables, {rows} rows, {len(before.get('sequences', {}))} "
        f"sequences and {len(before.get('triggers', []))} triggers equal; ledger "
        f"{ledger['entries']} entries, {ledger['lines']} lines, debits "
        f"{ledger['debits_cents']} cents, balance {ledger['balance_cents']}"
    )


class Command(BaseCommand):
    help = (
        "Print every table's row count (and content digest on PostgreSQL), the "
        "sequences, the ledger's totals and the triggers, as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indent", type=int, default=1)
        parser.add_argument(
            "--dump", metavar="FILE", help="also pg_dump the summarised snapshot"
        )
        parser.add_argument(
            "--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="two summaries"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["compare"]:
            self.stdout.write(f"equal: {compare_files(*options['compare'])}")
            return
        if options["dump"]:
            summary = dump_with_summary(options["dump"])
        else:
            summary = db_summary()
        self.stdout.write(json.dumps(summary, indent=options["indent"], sort_keys=True))
