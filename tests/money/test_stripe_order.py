"""Stripe's events in any order, repeated, or malformed: the payment and its
chargeback follow the Stripe objects as they are, nothing is booked twice, a signed
but malformed event is acknowledged and logged without booking, and the ledger
balances after every event. Webhooks are signed in the test; Stripe is the fake."""

from __future__ import annotations

import copy
import logging

import pytest

from marketplace.jobs.services import jobs as svc
from marketplace.models import (
    Job,
    JobPayment,
    JobRefund,
    JobTransfer,
    LedgerAccount,
    LedgerEntry,
    StripeEvent,
)
from marketplace.money.services import ledger
from tests.factories.jobs import taken_job
from tests.factories.money import pay, ready_account, send_event, start_payment


@pytest.fixture
def paid_bank(bank, stripe_fake):  # type: ignore[no-untyped-def]
    ready_account(bank["unit_org"], stripe_fake)
    bank["fake"] = stripe_fake
    return bank


def assert_books_balance() -> None:
    assert ledger.unbalanced_entries() == []
    assert sum(ledger.balance(a) for a in LedgerAccount.objects.all()) == 0


def escrow(job: Job) -> int:
    return ledger.balance(ledger.escrow_account(job))


def accept(bank, job, capture):  # type: ignore[no-untyped-def]
    svc.job_start(actor=bank["supervisor"], job=job)
    svc.job_deliver(actor=bank["supervisor"], job=job)
    with capture(execute=True):
        svc.job_accept(actor=bank["poster"], job=job)


def test_dispute_events_in_reverse_order_leave_a_won_dispute_won(
    paid_bank, client, django_capture_on_commit_callbacks
):
    # Given a paid job whose charge was disputed and the dispute won
    job = taken_job(paid_bank)
    payment = pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    fake = paid_bank["fake"]
    events = fake.open_dispute(payment.charge_id)
    events += fake.close_dispute(events[0]["data"]["object"]["id"], won=True)
    # When Stripe delivers the dispute's events newest first
    for event in reversed(events):
        with django_capture_on_commit_callbacks(execute=True):
            assert send_event(client, event).status_code == 200
            assert_books_balance()
    # then the chargeback is won, not open, and the transfer goes on acceptance
    payment.refresh_from_db()
    assert payment.chargeback == "won"
    accept(paid_bank, job, django_capture_on_commit_callbacks)
    assert JobTransfer.objects.get().status == JobTransfer.Status.SUCCEEDED
    assert escrow(job) == 0
    assert ledger.balance(ledger.stripe_fees_account()) == 925 + 1500
    assert_books_balance()


def test_a_dispute_reported_before_its_payment_is_booked_still_counts(
    paid_bank, client, django_capture_on_commit_callbacks
):
    # Given a paid job whose checkout event has not arrived yet
    job = taken_job(paid_bank)
    payment = start_payment(paid_bank, job)
    fake = paid_bank["fake"]
    checkout = fake.complete_checkout(payment.checkout_session_id, fee_cents=925)
    intent = fake.objects[checkout["data"]["object"]["payment_intent"]]
    # When the bank disputes it and those events arrive first
    for event in fake.open_dispute(intent["latest_charge"]):
        assert send_event(client, event).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event(client, checkout).status_code == 200
    # then the payment is booked once and its chargeback is open
    payment.refresh_from_db()
    assert payment.status == JobPayment.Status.SUCCEEDED
    assert payment.chargeback == "open"
    assert LedgerEntry.objects.filter(kind="payment").count() == 1
    assert LedgerEntry.objects.filter(kind="chargeback").count() == 1
    assert_books_balance()


MALFORMED = {
    "transfer.created without an id": ("transfer.created", {"object": "transfer"}),
    "refund.updated without an id": (
        "refund.updated",
        {"object": "refund", "status": "succeeded"},
    ),
    "refund.created with a numeric id": (
        "refund.created",
        {"id": 12, "object": "refund", "status": "succeeded"},
    ),
    "a dispute without an id": (
        "charge.dispute.closed",
        {"object": "dispute", "status": "won", "charge": "ch_x"},
    ),
    "funds withdrawn with a text amount": (
        "charge.dispute.funds_withdrawn",
        {
            "id": "dp_unknown",
            "object": "dispute",
            "charge": "ch_x",
            "balance_transactions": [{"amount": "lots", "fee": None}],
        },
    ),
    "checkout with metadata as a list": (
        "checkout.session.completed",
        {"id": "cs_x", "payment_status": "paid", "metadata": ["polku_payment"]},
    ),
    "an intent with a list as its id": (
        "payment_intent.succeeded",
        {"id": ["pi_x"], "metadata": {"polku_payment": "1"}},
    ),
    "an account without capabilities": (
        "account.updated",
        {"id": "acct_x", "capabilities": "none"},
    ),
    "an object that is a list": ("transfer.created", ["tr_1"]),
}


@pytest.mark.parametrize("case", MALFORMED, ids=str)
def test_a_signed_but_malformed_event_is_acknowledged_and_logged_without_booking(
    paid_bank, client, django_capture_on_commit_callbacks, caplog, case
):
    # Given a paid job (so that there is something a bad event could touch)
    job = taken_job(paid_bank)
    pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    entries = LedgerEntry.objects.count()
    type_, obj = MALFORMED[case]
    event = paid_bank["fake"].event(type_, {})
    event["data"]["object"] = copy.deepcopy(obj)
    # When Stripe delivers it, signed
    with caplog.at_level(logging.INFO):
        response = send_event(client, event)
    # then it is acknowledged, stored once, logged, and nothing is booked
    assert response.status_code == 200
    outcome = response.json()["outcome"]
    assert outcome.startswith(("malformed", "no matching", "unknown")), outcome
    assert StripeEvent.objects.get(event_id=event["id"]).outcome == outcome
    assert event["id"] in caplog.text
    assert LedgerEntry.objects.count() == entries
    assert_books_balance()
    # and a replay of it is still a replay
    assert send_event(client, event).json()["outcome"] == "replay"


@pytest.mark.parametrize(
    "event",
    [
        {"id": "evt_1", "type": "transfer.created", "data": "nothing"},
        {"id": "evt_2", "type": "transfer.created"},
        {"id": "x" * 300, "type": "transfer.created", "data": {"object": {}}},
        {"id": "evt_3", "type": "t" * 300, "data": {"object": {}}},
        {"id": ["evt_4"], "type": "transfer.created", "data": {"object": {}}},
    ],
    ids=["data-text", "no-data", "long-id", "long-type", "list-id"],
)
def test_a_signed_event_of_the_wrong_shape_is_never_a_server_error(
    db, client, stripe_fake, event
):
    response = send_event(client, event)
    assert response.status_code in (200, 400)
    assert not LedgerEntry.objects.exists()


def test_a_late_success_for_a_replaced_payment_is_booked_and_refunded(
    paid_bank, client, django_capture_on_commit_callbacks
):
    # Given a payment whose bank payment was still on its way when it expired
    job = taken_job(paid_bank)
    fake = paid_bank["fake"]
    first = start_payment(paid_bank, job)
    session = fake.objects[first.checkout_session_id]
    expired = fake.event("checkout.session.expired", {**session, "status": "expired"})
    assert send_event(client, expired).status_code == 200
    # and the poster paid again with a second payment
    second = pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    assert second.pk != first.pk and second.status == JobPayment.Status.SUCCEEDED
    # When the first payment's money arrives after all
    late = fake.complete_checkout(
        first.checkout_session_id,
        fee_cents=925,
        event_type="checkout.session.async_payment_succeeded",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = send_event(client, late)
    # then it is booked and refunded in full, and the second payment stands
    assert response.status_code == 200, response.content[:300]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == JobPayment.Status.DUPLICATE
    assert first.refunded_cents == first.amount_cents
    assert JobRefund.objects.get(payment=first).status == JobRefund.Status.SUCCEEDED
    assert second.status == JobPayment.Status.SUCCEEDED
    assert LedgerEntry.objects.filter(kind="payment").count() == 2
    assert LedgerEntry.objects.filter(kind="refund").count() == 1
    assert escrow(job) == -second.amount_cents
    assert_books_balance()
    # and the job goes on with the second payment
    accept(paid_bank, job, django_capture_on_commit_callbacks)
    assert JobTransfer.objects.get().payment_id == second.pk
    assert escrow(job) == 0
    assert_books_balance()


def test_when_stripe_cannot_be_asked_the_event_is_left_for_stripe_to_send_again(
    paid_bank, client, django_capture_on_commit_callbacks, monkeypatch
):
    from marketplace.money.payments import gateway
    from marketplace.money.payments.exceptions import GatewayError

    # Given a disputed payment, and Stripe unreachable for a moment
    job = taken_job(paid_bank)
    payment = pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    created, _withdrawn = paid_bank["fake"].open_dispute(payment.charge_id)
    real = gateway.retrieve_dispute

    def unreachable(dispute_id):  # type: ignore[no-untyped-def]
        raise GatewayError()

    monkeypatch.setattr(gateway, "retrieve_dispute", unreachable)
    # When the dispute's event arrives, it is not kept: Stripe is asked to retry
    response = send_event(client, created)
    assert response.status_code == 503
    assert not StripeEvent.objects.filter(event_id=created["id"]).exists()
    # and when Stripe sends it again and can be asked, it is handled
    monkeypatch.setattr(gateway, "retrieve_dispute", real)
    assert send_event(client, created).json()["outcome"] == "transfer frozen"
    payment.refresh_from_db()
    assert payment.chargeback == "open"
    assert_books_balance()
