"""The daily reminders: a review meeting due within two weeks (to the client and
their own worker, with a calendar file), a held seat let go within a week (also to
the site's supervisors). Run twice or late, each is told once."""

from __future__ import annotations

import datetime as dt
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from marketplace.models import Notification, Placement, PlacementPeriod
from marketplace.notifications.events import reminders_send
from tests.notifications.conftest import ics_event, to


def placement(county, **fields):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    p = Placement.objects.create(
        client=county["client"],
        site=county["site"],
        start_date=today - dt.timedelta(days=70),
        **fields,
    )
    PlacementPeriod.objects.create(placement=p, start=p.start_date)
    return p


def test_a_review_due_within_two_weeks_is_told_once_with_its_day(
    county, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    p = placement(
        county, status=Placement.Status.ACTIVE, planned_end=today + dt.timedelta(20)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=today) == {"review_due": 2, "return_ending": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=today + dt.timedelta(days=1))["review_due"] == 0

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [county["client_user"].email, county["instructor"].email]
    )
    (message,) = to(county["instructor"].email)
    assert "Aino" not in message.body.replace("Hei Sanna", "")
    assert f"/oma/asiakkaat/{county['client'].pk}/" in message.body
    name, event = ics_event(message)
    assert name == "arviointi.ics"
    assert event.decoded("dtstart") == p.planned_end - dt.timedelta(days=14)


def test_a_review_further_away_or_already_past_is_not_told_yet(county):
    today = timezone.localdate()
    placement(
        county, status=Placement.Status.ACTIVE, planned_end=today + dt.timedelta(40)
    )

    assert reminders_send(today=today) == {"review_due": 0, "return_ending": 0}


def test_a_held_seat_ending_within_a_week_is_told_to_the_site_too(
    county, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    placement(county, status=Placement.Status.HELD, held_until=today + dt.timedelta(3))

    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(today=today)

    told = sorted(m.to[0] for m in mail.outbox)
    assert told == sorted(
        county[k].email
        for k in ("client_user", "instructor", "supervisor", "supervisor2")
    )
    (message,) = to(county["client_user"].email)
    assert message.subject == "Paikkasi odottaa sinua enää vähän aikaa"


def test_the_daily_command_runs_the_reminders(county):
    today = timezone.localdate()
    placement(county, status=Placement.Status.HELD, held_until=today)
    out = io.StringIO()

    call_command("notifications_daily", "--now", stdout=out)

    assert "'return_ending': 4" in out.getvalue()
    assert Notification.objects.filter(kind="return_ending").count() == 4
