"""Weekdays in the active language, for the site-day and attendance pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import template
from django.utils import formats

register = template.Library()

#: A Monday: its week gives the weekdays' names.
_MONDAY = dt.date(2024, 1, 1)


@register.filter
def weekday_names(numbers: Iterable[int]) -> str:
    """(1, 3, 5) → "ma, ke, pe" in Finnish, "Mon, Wed, Fri" in English."""
    return ", ".join(
        formats.date_format(_MONDAY + dt.timedelta(days=n - 1), "D") for n in numbers
    )


@register.filter
def is_weekend(day: dt.date) -> bool:
    return day.isoweekday() >= 6
