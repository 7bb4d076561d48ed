"""One parser for every date and month a person sends to Polku.

Every ``?kk=`` month parameter, every date in a URL and every date or date-time form
field goes through :func:`parse_date` / :func:`parse_month` (the form fields below call
them too), so that the rules are the same everywhere:

- a date is written ``YYYY-MM-DD`` (what ``<input type="date">`` sends) or the Finnish
  way ``D.M.YYYY``; a month ``YYYY-MM`` or ``M.YYYY``; ASCII digits only, at most
  :data:`MAX_INPUT_LENGTH` characters;
- only dates Polku can show are accepted: from :data:`EARLIEST` (the year the Act on
  rehabilitative work activity, 189/2001, came into force: nothing Polku records is
  older) to :data:`LATEST` (the end of the century: no agreement, visit, deadline or
  outcome window reaches further). This keeps every later step (the next month, the
  end of a period, a window of months) inside Python's and the databases' date range,
  so ``?kk=9999-12`` or ``0001-01`` is refused with a message, never an
  ``OverflowError``;
- what cannot be read raises :class:`DateInputError`, whose text is a message in the
  user's language. A view may let it escape: ``marketplace.shared.middleware`` turns it
  into a 400 page with the message (nothing is changed).

Month arithmetic (bounds, adding months, a month's neighbours) is in
``marketplace.shared.months``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: The first date Polku accepts (Act 189/2001 came into force in 2001).
EARLIEST = dt.date(2001, 1, 1)
#: The last date Polku accepts.
LATEST = dt.date(2099, 12, 31)
#: Longer input is not a date; refused before any parsing.
MAX_INPUT_LENGTH = 32

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_FI_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_ISO_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_FI_MONTH = re.compile(r"([0-9]{1,2})[./]([0-9]{4})")
_DATE_TIME = re.compile(
    r"([0-9.-]{8,10})(?:T| +(?:klo +)?)([0-9]{1,2})[:.]([0-9]{2})(?:[:.][0-9]{2}(?:\.[0-9]{1,6})?)?"
)


class DateInputError(ValueError):
    """A date or month that Polku cannot read or show; ``str()`` is the message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _show(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def range_message() -> str:
    return _("Polku can show dates from %(earliest)s to %(latest)s.") % {
        "earliest": _show(EARLIEST),
        "latest": _show(LATEST),
    }


def _clean_text(value: str | None) -> str:
    text = (value or "").strip()
    if len(text) > MAX_INPUT_LENGTH:
        raise DateInputError(_("That is too long to be a date."))
    return text


def check_in_range(day: dt.date) -> dt.date:
    """``day`` if Polku can show it, else :class:`DateInputError`."""
    if not EARLIEST <= day <= LATEST:
        raise DateInputError(range_message())
    return day


def _make_date(year: str, month: str, day: str) -> dt.date:
    try:
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        raise DateInputError(
            _("There is no such day in the calendar. Check the day and the month.")
        ) from None
    return check_in_range(value)


def parse_date(value: str | None) -> dt.date:
    """A date from ``YYYY-MM-DD`` or ``D.M.YYYY``, within Polku's range."""
    text = _clean_text(value)
    if match := _ISO_DATE.fullmatch(text):
        return _make_date(*match.groups())
    if match := _FI_DATE.fullmatch(text):
        day, month, year = match.groups()
        return _make_date(year, month, day)
    raise DateInputError(_("Give the date as day.month.year, for example 24.12.2026."))


def parse_month(value: str | None, *, default: dt.date | None = None) -> dt.date:
    """The first day of the month ``YYYY-MM`` or ``M.YYYY``.

    Empty or missing input gives ``default``'s month when one is given (a page's
    "this month"); anything else that is not a month Polku can show is refused.
    """
    text = _clean_text(value)
    if not text and default is not None:
        return default.replace(day=1)
    if match := _ISO_MONTH.fullmatch(text):
        year, month = match.groups()
    elif match := _FI_MONTH.fullmatch(text):
        month, year = match.groups()
    else:
        raise DateInputError(_("Give the month as year-month, for example 2026-12."))
    if not 1 <= int(month) <= 12:
        raise DateInputError(_("A month is a number from 1 to 12."))
    return _make_date(year, month, "1")


def this_month(today: dt.date | None = None) -> dt.date:
    """The first day of the current month in Polku's time zone."""
    return (today or timezone.localdate()).replace(day=1)


def month_param(value: str | None, *, today: dt.date | None = None) -> dt.date:
    """A page's ``?kk=`` month: this month when missing or empty, else parsed."""
    return parse_month(value, default=this_month(today))


class DateField(forms.DateField):
    """A form's date: read by :func:`parse_date` (ISO or Finnish), within range."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return self._checked(value)
        try:
            return parse_date(str(value))
        except DateInputError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None

    @staticmethod
    def _checked(value: dt.date) -> dt.date:
        try:
            return check_in_range(value)
        except DateInputError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


class DateTimeField(forms.DateTimeField):
    """A form's date and time (``YYYY-MM-DDTHH:MM`` or ``D.M.YYYY HH:MM``), in range,
    made aware in Polku's time zone."""

    widget = forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
    )
    default_error_messages = {
        "invalid": gettext_lazy(
            "Give the date and time, for example 24.12.2026 at 10.00."
        )
    }

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            moment = value
        else:
            moment = self._parse(str(value))
        DateField._checked(moment.date())
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def _parse(self, text: str) -> dt.datetime:
        match = _DATE_TIME.fullmatch(text.strip()[: MAX_INPUT_LENGTH + 1])
        if match is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        day_text, hour, minute = match.groups()
        try:
            day = parse_date(day_text)
        except DateInputError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None
        if int(hour) > 23 or int(minute) > 59:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return dt.datetime.combine(day, dt.time(int(hour), int(minute)))
