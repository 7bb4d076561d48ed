"""Stripe's webhook: signature over the raw body, each event stored once, replays
change nothing, unknown events are acknowledged and ignored."""

from __future__ import annotations

import json
import time

import pytest
import stripe

from marketplace.models import ConnectedAccount, LedgerEntry, StripeEvent
from marketplace.money.services import payments as msvc
from tests.factories.jobs import taken_job
from tests.factories.money import ready_account, send_event
from tests.stripe_fake import WEBHOOK_SECRET

URL = "/oma/stripe/webhook/"


def post_raw(client, payload: str, header: str):  # type: ignore[no-untyped-def]
    return client.post(
        URL, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


@pytest.fixture
def paid_checkout(bank, stripe_fake):  # type: ignore[no-untyped-def]
    ready_account(bank["unit_org"], stripe_fake)
    job = taken_job(bank)
    payment = msvc.payment_start(
        actor=bank["poster"],
        job=job,
        success_url="https://x/",
        cancel_url="https://x/",
    )
    return stripe_fake.complete_checkout(payment.checkout_session_id), payment


@pytest.mark.parametrize(
    "tamper",
    ["wrong_secret", "changed_body", "no_header", "too_old"],
)
def test_an_event_without_a_valid_signature_is_refused(db, client, stripe_fake, tamper):
    event = stripe_fake.event(
        "payment_intent.succeeded", {"id": "pi_x", "metadata": {}}
    )
    payload = json.dumps(event)
    secret = "whsec_wrong" if tamper == "wrong_secret" else WEBHOOK_SECRET
    stamp = int(time.time()) - (3600 if tamper == "too_old" else 0)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret, stamp)
    if tamper == "changed_body":
        payload = payload.replace("pi_x", "pi_y")
    if tamper == "no_header":
        header = ""
    assert post_raw(client, payload, header).status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_replayed_event_changes_nothing(client, paid_checkout):
    event, payment = paid_checkout
    # When Stripe delivers the same event three times
    outcomes = [send_event(client, event).json()["outcome"] for _ in range(3)]
    # then it is stored and handled once
    assert outcomes == ["payment booked", "replay", "replay"]
    assert StripeEvent.objects.filter(event_id=event["id"]).count() == 1
    assert LedgerEntry.objects.filter(kind="payment").count() == 1


def test_two_events_about_one_payment_book_it_once(client, stripe_fake, paid_checkout):
    event, payment = paid_checkout
    send_event(client, event)
    intent_id = event["data"]["object"]["payment_intent"]
    intent = stripe_fake.objects[intent_id]
    send_event(client, stripe_fake.event("payment_intent.succeeded", intent))
    assert StripeEvent.objects.count() == 2
    assert LedgerEntry.objects.filter(kind="payment").count() == 1


def test_an_unknown_event_is_acknowledged_and_ignored(db, client, stripe_fake):
    event = stripe_fake.event("customer.created", {"id": "cus_1", "object": "customer"})
    response = send_event(client, event)
    assert response.status_code == 200 and response.json()["outcome"] == "ignored"
    assert StripeEvent.objects.get().outcome == "ignored"
    assert not LedgerEntry.objects.exists()


def test_an_account_update_makes_the_payout_account_ready(client, bank, stripe_fake):
    account = stripe_fake._account({"type": "express"})
    ConnectedAccount.objects.create(
        organisation=bank["unit_org"], stripe_account_id=account["id"]
    )
    send_event(client, stripe_fake.complete_onboarding(account["id"]))
    assert ConnectedAccount.objects.get().is_ready


def test_without_keys_the_webhook_says_so(db, client, no_payments):
    response = post_raw(client, "{}", "t=1,v1=x")
    assert response.status_code == 503


def test_the_webhook_accepts_only_post(db, client, stripe_fake):
    assert client.get(URL).status_code == 405
