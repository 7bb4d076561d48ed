"""Calendar months: bounds, adding months, the month in a URL and its neighbours.

Used by attendance, work-share money, reconciliation, feedback, placements and
outcomes, so that "a month" means the same everywhere.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import timezone


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day of the month that ``month`` falls in."""
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, kept within the target month (31.1. + 1 →
    28.2. or 29.2.)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def parse_month(value: str | None) -> dt.date:
    """``YYYY-MM`` from the URL, or the current month."""
    try:
        return dt.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return timezone.localdate().replace(day=1)


def month_nav(month: dt.date) -> dict[str, str]:
    """The month and its neighbours as ``YYYY-MM`` for previous/next links."""
    prev = (month - dt.timedelta(days=1)).replace(day=1)
    nxt = month_bounds(month)[1] + dt.timedelta(days=1)
    return {
        "prev": prev.strftime("%Y-%m"),
        "next": nxt.strftime("%Y-%m"),
        "this": month.strftime("%Y-%m"),
    }
