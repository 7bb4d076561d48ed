"""Every row of every table, to check that something changed nothing at all."""

from __future__ import annotations

from typing import Any

from django.db import connection


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def table_rows() -> dict[str, list[str]]:
    """Each table's rows, sorted (so the comparison ignores the scan order)."""
    out: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            out[table] = sorted(
                repr(tuple(_plain(v) for v in row)) for row in cursor.fetchall()
            )
    return out


def changed_tables(
    before: dict[str, list[str]], after: dict[str, list[str]]
) -> dict[str, tuple[int, int]]:
    """The tables whose rows differ, with their row counts before and after."""
    return {
        table: (len(before.get(table, [])), len(after.get(table, [])))
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    }
