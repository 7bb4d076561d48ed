"""CSV and Excel exports of the outcome tables, with the page's suppression.

The exports read the same :class:`~marketplace.outcomes.tables.Table` objects as the
page, so a hidden cell is "< 5" here too. CSV is one table per file (semicolons,
UTF-8 with a byte order mark, decimal comma in Finnish and Swedish, as spreadsheet
programs in Finland expect; written by ``marketplace.shared.csv``); Excel holds one or all tables, one sheet each, with real
numbers and number formats.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from django.utils import formats
from django.utils.translation import gettext as _

from marketplace.outcomes.statistics import Interval, Suppressed
from marketplace.outcomes.tables import Change, Euros, Percent, Table, round_half_up
from marketplace.shared.csv import csv_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header(table: Table) -> list[str]:
    """Column names; an interval column becomes its lower and upper bound."""
    out = []
    for column in table.columns:
        if column.interval:
            out += [
                _("%(column)s, lower bound") % {"column": column.label},
                _("%(column)s, upper bound") % {"column": column.label},
            ]
        else:
            out.append(column.label)
    return out


def _number(value: float, places: int = 1) -> str:
    return formats.number_format(round_half_up(value, places), places, use_l10n=True)


def _percent(share: float) -> str:
    return f"{_number(share * 100)} %"


def csv_cells(row: Sequence[Any]) -> list[str]:
    """One row as text: numbers in the active locale, hidden cells as "< 5"."""
    out: list[str] = []
    for value in row:
        if isinstance(value, Interval):
            out += [_percent(value.low), _percent(value.high)]
        elif isinstance(value, Suppressed):
            out.append(str(value))
        elif value is None:
            out.append("")
        elif isinstance(value, Percent):
            out.append(_percent(value))
        elif isinstance(value, Euros):
            out.append(_number(int(value) / 100, 2))
        elif isinstance(value, float):
            out.append(_number(value))
        elif isinstance(value, int):
            out.append(str(value))
        else:
            out.append(str(value))
    return out


def _pad(row: Sequence[Any], table: Table) -> list[Any]:
    """Hidden interval cells also take two columns."""
    out: list[Any] = []
    for value, column in zip(row, table.columns, strict=True):
        out += (
            [value, value]
            if column.interval and not isinstance(value, Interval)
            else [value]
        )
    return out


def table_csv(table: Table, scope_lines: Iterable[tuple[str, str]]) -> bytes:
    """A table as CSV: a line per filter, a blank line, the header and the rows
    (written by the one CSV writer, which escapes formulas in every text cell)."""
    rows: list[Sequence[Any]] = [[table.title], *scope_lines, [], header(table)]
    rows += [csv_cells(_pad(row, table)) for row in table.rows + table.footer]
    if table.note:
        rows += [[], [table.note]]
    return csv_bytes(rows)


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Sheet"
    base, n = name, 2
    while name in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


class _Formats:
    def __init__(self, book: Any) -> None:
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.head = book.add_format({"bold": True, "bottom": 1, "text_wrap": True})
        self.bold = book.add_format({"bold": True})
        self.percent = book.add_format({"num_format": "0.0 %"})
        self.decimal = book.add_format({"num_format": "0.0"})
        self.euros = book.add_format({"num_format": "#,##0.00"})
        self.signed = book.add_format({"num_format": "+0.0;−0.0;0.0"})
        self.hidden = book.add_format({"align": "right", "italic": True})
        self.note = book.add_format({"italic": True})


def _write(sheet: Any, row: int, col: int, value: Any, fmt: _Formats) -> int:
    """Write one cell (two for an interval); returns the next column."""
    if isinstance(value, Interval):
        sheet.write_number(row, col, value.low, fmt.percent)
        sheet.write_number(row, col + 1, value.high, fmt.percent)
        return col + 2
    if isinstance(value, Suppressed):
        sheet.write_string(row, col, str(value), fmt.hidden)
    elif value is None:
        sheet.write_blank(row, col, None)
    elif isinstance(value, Percent):
        sheet.write_number(row, col, float(value), fmt.percent)
    elif isinstance(value, Euros):
        sheet.write_number(row, col, int(value) / 100, fmt.euros)
    elif isinstance(value, Change):
        sheet.write_number(row, col, float(value), fmt.signed)
    elif isinstance(value, float):
        sheet.write_number(row, col, float(value), fmt.decimal)
    elif isinstance(value, int):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, str(value))
    return col + 1


def tables_xlsx(
    tables: Sequence[Table], scope_lines: Sequence[tuple[str, str]]
) -> bytes:
    """The tables as an Excel workbook, one sheet each."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    fmt = _Formats(book)
    used: set[str] = set()
    for table in tables:
        sheet = book.add_worksheet(_sheet_name(table.title, used))
        sheet.write_string(0, 0, table.title, fmt.title)
        r = 1
        for label, value in scope_lines:
            sheet.write_string(r, 0, label, fmt.bold)
            sheet.write_string(r, 1, value)
            r += 1
        r += 1
        names = header(table)
        for c, name in enumerate(names):
            sheet.write_string(r, c, name, fmt.head)
        sheet.set_column(0, 0, 42)
        sheet.set_column(1, max(len(names) - 1, 1), 16)
        sheet.freeze_panes(r + 1, 1)
        for row in table.rows + table.footer:
            r += 1
            c = 0
            for value, column in zip(row, table.columns, strict=True):
                if column.interval and isinstance(value, Suppressed):
                    c = _write(sheet, r, c, value, fmt)
                c = _write(sheet, r, c, value, fmt)
        if table.note:
            sheet.write_string(r + 2, 0, table.note, fmt.note)
    book.close()
    return output.getvalue()
