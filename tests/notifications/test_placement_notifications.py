"""A visit booked by an instructor reaches the client and the site's supervisors by
e-mail, with a calendar file; so does an agreement. Each in its recipient's
language, plain for the client, without the client's name for staff."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from marketplace.clients.services import placements as psvc
from marketplace.models import Notification
from marketplace.notifications.services import muted
from tests.notifications.conftest import VISIT, book, ics_event, to


@pytest.fixture(autouse=True)
def days_before_the_visit(clock):  # type: ignore[no-untyped-def]
    """The visits are booked a few days ahead (a visit is booked at most 90 days
    ahead of today)."""
    clock.set(dt.date(2030, 3, 1))


def test_a_booked_visit_reaches_the_client_and_the_supervisors_with_a_calendar_file(
    county, django_capture_on_commit_callbacks
):
    placement = book(county, django_capture_on_commit_callbacks)

    addresses = sorted(m.to[0] for m in mail.outbox)
    assert addresses == sorted(
        county[k].email for k in ("client_user", "supervisor", "supervisor2")
    )
    (for_client,) = to(county["client_user"].email)
    assert for_client.subject == "Käyntisi: Puupaja"
    assert "Hei Aino," in for_client.body
    assert "4. maaliskuuta 2030 kello 11.30" in for_client.body
    name, event = ics_event(for_client)
    assert name == "kaynti.ics"
    assert event.decoded("dtstart") == VISIT
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(hours=1)
    assert str(event["uid"]) == f"visit-{placement.pk}@polku"
    assert "Puupaja" in str(event["summary"])


def test_staff_get_no_client_name_and_each_their_own_language(
    county, django_capture_on_commit_callbacks
):
    book(county, django_capture_on_commit_callbacks)

    (finnish,) = to(county["supervisor"].email)
    (swedish,) = to(county["supervisor2"].email)
    assert finnish.subject == "Tutustumiskäynti varattu: Puupaja"
    assert swedish.subject == "Introduktionsbesök bokat: Puupaja"
    for message in (finnish, swedish):
        _name, event = ics_event(message)
        text = message.body + event.to_ical().decode()
        assert "Aino" not in text and "Asiakas" not in text


def test_a_moved_visit_is_told_again_and_moves_the_calendar_event(
    county, django_capture_on_commit_callbacks
):
    placement = book(county, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    later = VISIT + dt.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        psvc.placement_book_visit(
            actor=county["instructor"], placement=placement, visit_at=later
        )

    (message,) = to(county["client_user"].email)
    _name, event = ics_event(message)
    assert str(event["uid"]) == f"visit-{placement.pk}@polku"
    assert event.decoded("dtstart") == later
    assert event["sequence"] == 1


def test_the_same_visit_is_told_once(county, django_capture_on_commit_callbacks):
    placement = book(county, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    # the same visit sent again is refused (placement_rules) and tells nobody
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(psvc.PlacementRuleError),
    ):
        psvc.placement_book_visit(
            actor=county["instructor"], placement=placement, visit_at=VISIT
        )

    assert mail.outbox == []


def test_nobody_else_hears_of_it(county, django_capture_on_commit_callbacks):
    book(county, django_capture_on_commit_callbacks)

    told = {m.to[0] for m in mail.outbox}
    assert county["other_supervisor"].email not in told
    assert county["instructor"].email not in told  # who booked it


def test_a_kind_turned_off_or_no_address_means_no_e_mail(
    county, django_capture_on_commit_callbacks
):
    county["supervisor"].notifications_off = ["visit_booked"]
    county["supervisor"].save()
    county["client_user"].email = ""
    county["client_user"].save()

    book(county, django_capture_on_commit_callbacks)

    assert [m.to[0] for m in mail.outbox] == [county["supervisor2"].email]


def test_nothing_is_sent_before_the_commit_or_while_muted(
    county, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        placement = psvc.placement_suggest(
            actor=county["instructor"], client=county["client"], site=county["site"]
        )
        psvc.placement_book_visit(
            actor=county["instructor"], placement=placement, visit_at=VISIT
        )
    assert mail.outbox == [] and len(callbacks) == 3

    with muted(), django_capture_on_commit_callbacks(execute=True):
        psvc.placement_book_visit(
            actor=county["instructor"],
            placement=placement,
            visit_at=VISIT + dt.timedelta(hours=2),
        )
    assert Notification.objects.count() == 3


def test_an_agreement_reaches_the_client_with_a_link_to_it(
    county, django_capture_on_commit_callbacks
):
    placement = book(county, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        psvc.placement_agree(
            actor=county["instructor"],
            placement=placement,
            start_date=dt.date(2030, 3, 11),
            days_per_week=3,
            hours_per_day=5,
            tasks="Puutyöt",
        )

    assert len(mail.outbox) == 3
    (message,) = to(county["client_user"].email)
    assert message.subject == "Aloitat paikassa Puupaja"
    assert f"/oma/sijoitukset/{placement.pk}/sopimus/" in message.body
    assert "3 päivänä viikossa, 5 tuntia päivässä" in message.body


def test_a_cancelled_visit_is_told_to_those_told_of_it_and_removes_the_event(
    county, django_capture_on_commit_callbacks
):
    placement = book(county, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        psvc.placement_cancel(actor=county["instructor"], placement=placement)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        county[k].email for k in ("client_user", "supervisor", "supervisor2")
    )
    (for_client,) = to(county["client_user"].email)
    assert for_client.subject == "Käyntisi paikkaan Puupaja on peruttu"
    assert "4. maaliskuuta 2030 kello 11.30" in for_client.body
    name, event = ics_event(for_client)
    assert name == "kaynti.ics"
    assert str(event["uid"]) == f"visit-{placement.pk}@polku"
    assert str(event["status"]) == "CANCELLED"
    assert event["sequence"] == 1
    assert "METHOD:CANCEL" in str(for_client.attachments[0][1])
    (staff,) = to(county["supervisor"].email)
    assert staff.subject == "Tutustumiskäynti peruttu: Puupaja"
    _name, staff_event = ics_event(staff)
    text = staff.body + staff_event.to_ical().decode()
    assert "Aino" not in text and "Asiakas" not in text


def test_a_cancelled_suggestion_or_a_past_visit_tells_nobody(
    county, django_capture_on_commit_callbacks, clock, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        suggested = psvc.placement_suggest(
            actor=county["instructor"], client=county["client"], site=county["site"]
        )
        psvc.placement_cancel(actor=county["instructor"], placement=suggested)
    past = book(county, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    # a week after the visit's day (a visit can only be booked from today on)
    later = past.visit_at + dt.timedelta(days=7)
    clock.set(later.date())
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)

    with django_capture_on_commit_callbacks(execute=True):
        psvc.placement_cancel(actor=county["instructor"], placement=past)

    assert not mail.outbox
    assert not Notification.objects.filter(kind="visit_cancelled").exists()
