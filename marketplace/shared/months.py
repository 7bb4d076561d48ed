"""Calendar months: bounds, adding months and a month's neighbours.

Used by attendance, work-share money, reconciliation, feedback, placements and
outcomes, so that "a month" means the same everywhere. Reading a month or a date that
a person typed is ``marketplace.shared.dates``' job; nothing here overflows: a month
outside Python's calendar is refused with :class:`~marketplace.shared.dates.DateInputError`
and a neighbour Polku cannot show is ``None``.
"""

from __future__ import annotations

import calendar
import datetime as dt

from marketplace.shared.dates import EARLIEST, LATEST, DateInputError, range_message


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day of the month that ``month`` falls in."""
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, kept within the target month (31.1. + 1 →
    28.2. or 29.2.). A result outside Python's calendar is refused
    (``DateInputError``), never an ``OverflowError``."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise DateInputError(range_message())
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _neighbour(first: dt.date, months: int) -> str | None:
    try:
        month = add_months(first, months)
    except DateInputError:
        return None
    return f"{month:%Y-%m}" if EARLIEST <= month <= LATEST else None


def month_nav(month: dt.date) -> dict[str, str | None]:
    """``?kk=`` values of the previous, this and the next month for the page's
    links; a neighbour Polku cannot show is ``None`` (the page leaves its link out)."""
    first = month.replace(day=1)
    return {
        "prev": _neighbour(first, -1),
        "this": f"{first:%Y-%m}",
        "next": _neighbour(first, 1),
    }
