"""Sending: once however often a task runs, retried when the mail server fails and
given up after the last attempt, not to someone the event no longer concerns, and
logged without addresses or names."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

import pytest
from django.core import mail

from marketplace.clients.services import placements as psvc
from marketplace.models import Notification
from marketplace.notifications import sending
from tests.notifications.conftest import VISIT, book


@pytest.fixture(autouse=True)
def days_before_the_visit(clock):  # type: ignore[no-untyped-def]
    """The visits are booked a few days ahead (a visit is booked at most 90 days
    ahead of today)."""
    clock.set(dt.date(2030, 3, 1))


def book_quietly(county):  # type: ignore[no-untyped-def]
    """Book a visit inside the caller's captured commit callbacks."""
    placement = psvc.placement_suggest(
        actor=county["instructor"], client=county["client"], site=county["site"]
    )
    psvc.placement_book_visit(
        actor=county["instructor"], placement=placement, visit_at=VISIT
    )


def test_a_second_run_of_the_task_sends_nothing(
    county, django_capture_on_commit_callbacks
):
    book(county, django_capture_on_commit_callbacks)
    sent = len(mail.outbox)

    for row in Notification.objects.all():
        assert sending.notification_send(notification_id=row.pk) == "not pending"

    assert len(mail.outbox) == sent


def test_a_failing_mail_server_is_tried_again_then_given_up(
    county, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def refuse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPServerDisconnected("mail.example.org went away")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    caplog.set_level(logging.INFO, logger="polku.notifications")
    book(county, django_capture_on_commit_callbacks)
    row = Notification.objects.get(recipient=county["client_user"])
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.last_error == "SMTPServerDisconnected"

    for _ in range(sending.MAX_ATTEMPTS - 1):
        sending.notification_send(notification_id=row.pk)

    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", sending.MAX_ATTEMPTS)
    logged = caplog.text
    assert "SMTPServerDisconnected" in logged
    for secret in ("@example.org", "Aino", "Puupaja", "mail.example.org"):
        assert secret not in logged


def test_a_pending_notification_is_sent_when_the_mail_server_is_back(
    county, django_capture_on_commit_callbacks, monkeypatch
):
    with monkeypatch.context() as patched:
        patched.setattr(
            "django.core.mail.EmailMessage.send",
            lambda *a, **k: (_ for _ in ()).throw(smtplib.SMTPException()),
        )
        book(county, django_capture_on_commit_callbacks)
    assert mail.outbox == []

    Notification.objects.update(created_at=Notification.objects.first().created_at)
    for row in Notification.objects.all():
        assert sending.notification_send(notification_id=row.pk) == "sent"

    assert len(mail.outbox) == 3


def test_someone_the_event_no_longer_concerns_is_not_told(
    county, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        book_quietly(county)
    supervisor = county["supervisor"]
    supervisor.organisation = county["county"]  # moved to another organisation
    supervisor.save()

    for callback in callbacks:
        callback()

    assert supervisor.email not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == 2
    assert Notification.objects.get(recipient=supervisor).status == "skipped"


@pytest.mark.parametrize("change", ["inactive", "turned_off"])
def test_the_recipients_choice_at_send_time_counts(
    county, django_capture_on_commit_callbacks, change
):
    user = county["client_user"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        book_quietly(county)
    if change == "inactive":
        user.is_active = False
    else:
        user.notifications_off = ["visit_booked"]
    user.save()

    for callback in callbacks:
        callback()

    assert user.email not in [m.to[0] for m in mail.outbox]
    assert Notification.objects.get(recipient=user).status == "skipped"
