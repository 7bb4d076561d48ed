"""Aggregates per group *and* in total over one pass of an ORM queryset's rows.

The outcome page needs each figure per site (and per exit reason, per month) and for
the whole selection, with exact counts of distinct clients in each (the small-number
rules depend on them, and a client can be at two sites, so a total is not the sum of
its parts). Separate ORM queries would compute every row — and its correlated
subqueries — once per query. Here the queryset (built with the ORM: filters,
``Exists``, ``Subquery``, 0/1 flags) becomes a materialised common table expression
that is aggregated once per grouping and once in total, in one statement::

    WITH outcome_rows AS MATERIALIZED (<the queryset>)
    SELECT 'site', site, <aggregates> FROM outcome_rows GROUP BY site
    UNION ALL …                         (more groupings: exit reason, month)
    UNION ALL
    SELECT '', NULL, <aggregates> FROM outcome_rows

``AS MATERIALIZED`` is supported by SQLite 3.35+ and PostgreSQL 12+, the databases
Polku runs on. The rows must be ``values()`` of named annotations; their aliases are
the column names used here. (Pre-grouping by client instead of ``COUNT(DISTINCT)``
was measured too for the periods, about one per client: no faster on five years of
history, and harder to read. The feedback answers, many per client, are summed per
site and client first: see ``selectors_feedback.feedback_figures``.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet


@dataclass(frozen=True)
class Agg:
    """``kind`` (``count``, ``sum`` or ``avg``) of ``column`` — or of ``expression``,
    an SQL template over column names in braces; ``minus`` makes it the difference of
    two columns; only rows where the 0/1 column ``when`` is 1 and the ``present``
    columns are not null count; ``distinct`` for distinct counts."""

    kind: str
    column: str
    when: str | None = None
    distinct: bool = False
    minus: str | None = None
    present: tuple[str, ...] = ()
    expression: str | None = None  # e.g. "{a} / 100", columns in braces

    def sql(self, quote: Callable[[str], str]) -> str:
        value = quote(self.column)
        if self.expression:
            names = re.findall(r"{(\w+)}", self.expression)
            value = "(" + self.expression.format(**{n: quote(n) for n in names}) + ")"
        if self.minus:
            value = f"({value} - {quote(self.minus)})"
        conditions = [f"{quote(c)} IS NOT NULL" for c in self.present]
        if self.when:
            conditions.append(f"{quote(self.when)} = 1")
        if conditions:
            value = f"CASE WHEN {' AND '.join(conditions)} THEN {value} END"
        if self.kind == "count":
            return f"COUNT({'DISTINCT ' if self.distinct else ''}{value})"
        if self.kind == "sum":
            return f"COALESCE(SUM({value}), 0)"
        if self.kind == "avg":
            return f"AVG({value})"
        raise ValueError(f"unknown aggregate {self.kind!r}")


def grouped(
    rows: QuerySet[Any], groupings: dict[str, str], aggregates: dict[str, Agg]
) -> tuple[dict[str, dict[str, dict[str, Any]]], dict[str, Any]]:
    """The aggregates per value of each grouping column, and in total, in one query:
    ``({grouping: {str(value): {name: value}}}, {name: value})``. Group values come
    back as text (the branches of the union must agree on a type); rows whose
    grouping column is null are left out of that grouping."""
    connection = connections[rows.db]
    quote = connection.ops.quote_name
    inner, params = rows.order_by().query.sql_with_params()
    names = list(aggregates)
    select = ", ".join(f"{aggregates[n].sql(quote)} AS {quote(n)}" for n in names)
    branches = [
        f"SELECT %s, CAST({quote(column)} AS TEXT), {select} FROM outcome_rows "
        f"WHERE {quote(column)} IS NOT NULL GROUP BY {quote(column)}"
        for column in groupings.values()
    ]
    branches.append(f"SELECT %s, NULL, {select} FROM outcome_rows")
    statement = f"WITH outcome_rows AS MATERIALIZED ({inner}) " + " UNION ALL ".join(
        branches
    )
    out: dict[str, dict[str, dict[str, Any]]] = {g: {} for g in groupings}
    total: dict[str, Any] = {}
    with connection.cursor() as cursor:
        cursor.execute(statement, (*params, *groupings, ""))
        for label, key, *values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            if label:
                out[label][key] = row
            else:
                total = row
    return out, total


def grouped_with_total(
    rows: QuerySet[Any], by: str, aggregates: dict[str, Agg]
) -> tuple[dict[int, dict[str, Any]], dict[str, Any]]:
    """``({group id: {name: value}}, {name: value for all rows})`` in one query, for
    an integer grouping column such as a site id."""
    groups, total = grouped(rows, {by: by}, aggregates)
    return {int(key): row for key, row in groups[by].items()}, total
