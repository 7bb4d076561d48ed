"""Date arithmetic that runs natively in SQLite and PostgreSQL.

Django's generic date arithmetic (``F("start") + timedelta``, ``F("end") - F("start")``,
``TruncMonth``) calls a Python function for every row on SQLite, which made the
outcome page's correlated subqueries slow (hundreds of thousands of calls for five
years of history). These expressions compile to each database's own functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from django.db.models import DateField, Expression, F, FloatField, Func

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

#: What ``as_sql`` returns: the SQL and its parameters.
Sql: TypeAlias = tuple[str, tuple[str | int, ...]]


def _compile(compiler: SQLCompiler, expression: Expression) -> Sql:
    return compiler.compile(expression)


class AddDays(Func):
    """``date + n days`` (n may be negative)."""

    output_field = DateField()

    def __init__(self, expression: Expression | str, days: int) -> None:
        super().__init__(F(expression) if isinstance(expression, str) else expression)
        self.days = int(days)

    def as_sqlite(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        **extra_context: Any,
    ) -> Sql:
        sql, params = _compile(compiler, self.source_expressions[0])
        return f"date({sql}, %s)", (*params, f"{self.days:+d} days")

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> Sql:
        sql, params = _compile(compiler, self.source_expressions[0])
        return f"(({sql}) + %s)", (*params, self.days)  # PostgreSQL: date + integer


class DaysBetween(Func):
    """Whole days from ``start`` to ``end``."""

    output_field = FloatField()

    def __init__(self, end: str, start: str) -> None:
        super().__init__(F(end), F(start))

    def as_sqlite(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        **extra_context: Any,
    ) -> Sql:
        end, p1 = _compile(compiler, self.source_expressions[0])
        start, p2 = _compile(compiler, self.source_expressions[1])
        return f"(julianday({end}) - julianday({start}))", (*p1, *p2)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> Sql:
        end, p1 = _compile(compiler, self.source_expressions[0])
        start, p2 = _compile(compiler, self.source_expressions[1])
        return f"(({end}) - ({start}))", (*p1, *p2)  # PostgreSQL: date - date = int


class PeriodStart(Func):
    """The first day of the month (or quarter) of a date, as a date."""

    output_field = DateField()

    def __init__(self, expression: str, by: str = "month") -> None:
        super().__init__(F(expression))
        self.by = "quarter" if by == "quarter" else "month"

    def as_sqlite(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        **extra_context: Any,
    ) -> Sql:
        sql, params = _compile(compiler, self.source_expressions[0])
        if self.by == "month":
            return f"date({sql}, 'start of month')", params
        back = (
            f"printf('-%%d months', (CAST(strftime('%%m', {sql}) AS INTEGER) - 1) %% 3)"
        )
        return f"date({sql}, 'start of month', {back})", (*params, *params)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> Sql:
        sql, params = _compile(compiler, self.source_expressions[0])
        return f"CAST(date_trunc('{self.by}', {sql}) AS date)", params
