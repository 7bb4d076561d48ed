"""Calendar files (iCalendar, RFC 5545) for an introductory visit (booked or
cancelled), a review and the client's next network meeting.

The event names the site and the time, never the client, so a file forwarded or
synced to a shared calendar tells nobody who goes there. The summary is in the
active language (the caller sets the recipient's). A changed visit keeps its UID
with a higher SEQUENCE, so a calendar moves the event instead of adding another;
a cancelled one is sent with the same UID, ``METHOD:CANCEL`` and
``STATUS:CANCELLED``, so a calendar that has it removes it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from marketplace.models import NetworkMeeting, Placement, PlacementEvent

VISIT_LENGTH = dt.timedelta(hours=1)
UID_DOMAIN = "polku"


def _calendar(method: str = "PUBLISH") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Polku//Polku//FI")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


def _where(placement: Placement) -> str:
    site = placement.site
    street = ", ".join(p for p in (site.address, site.postal_code) if p)
    town = site.municipality.name if site.municipality_id else ""
    return ", ".join(p for p in (site.title, street, town) if p)


def visit_sequence(placement: Placement) -> int:
    """How many times the visit has been moved (0 for the first booking)."""
    booked = PlacementEvent.objects.filter(
        placement=placement, to_status=Placement.Status.VISIT_BOOKED
    ).count()
    return max(booked - 1, 0)


def visit_ics(placement: Placement, visit_at: dt.datetime, link: str) -> bytes:
    """The introductory visit as a one-hour event at the site."""
    event = Event()
    event.add("uid", f"visit-{placement.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", visit_at.astimezone(dt.UTC))
    event.add("dtend", (visit_at + VISIT_LENGTH).astimezone(dt.UTC))
    event.add("sequence", visit_sequence(placement))
    event.add("summary", _("Introductory visit: %(site)s") % {"site": placement.site})
    event.add("location", _where(placement))
    event.add("description", link)
    event.add("url", link)
    calendar = _calendar()
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def visit_cancel_ics(placement: Placement, visit_at: dt.datetime) -> bytes:
    """The cancellation of the visit at ``visit_at``: the booked event's UID, one
    SEQUENCE higher than its last booking, so calendars remove it."""
    event = Event()
    event.add("uid", f"visit-{placement.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", visit_at.astimezone(dt.UTC))
    event.add("dtend", (visit_at + VISIT_LENGTH).astimezone(dt.UTC))
    event.add("sequence", visit_sequence(placement) + 1)
    event.add("status", "CANCELLED")
    event.add(
        "summary",
        _("Cancelled: introductory visit: %(site)s") % {"site": placement.site},
    )
    event.add("location", _where(placement))
    calendar = _calendar("CANCEL")
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def network_meeting_ics(meeting: NetworkMeeting, day: dt.date, link: str) -> bytes:
    """The client's next network meeting as an all-day event (its time and place
    are agreed with the client; the file names neither the client nor the others)."""
    event = Event()
    event.add("uid", f"network-{meeting.plan_id}-{day}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", _("Network meeting"))
    event.add("description", link)
    event.add("url", link)
    calendar = _calendar()
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def review_ics(placement: Placement, review_on: dt.date, link: str) -> bytes:
    """The review meeting's last day as an all-day event."""
    event = Event()
    event.add("uid", f"review-{placement.pk}-{placement.planned_end}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", review_on)
    event.add("dtend", review_on + dt.timedelta(days=1))
    event.add(
        "summary",
        _("Review meeting of the work activity at %(site)s, by this day")
        % {"site": placement.site},
    )
    event.add("location", _where(placement))
    event.add("description", link)
    event.add("url", link)
    calendar = _calendar()
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def absolute(path: str) -> str:
    """A link into Polku for an e-mail or a calendar file."""
    return settings.POLKU_BASE_URL.rstrip("/") + path
