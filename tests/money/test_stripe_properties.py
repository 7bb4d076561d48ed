"""Properties of Stripe's webhook over generated inputs (Hypothesis):

* the events of a payment and its chargeback, delivered in any order and with
  repeats, and the poster's acceptance at any point among them, end in the same
  state (the payment booked once; the chargeback as the dispute was decided; a won
  or undisputed job paid out with nothing left held) and the ledger balances after
  every single event;
* any signed event whose object has a field removed or replaced by any JSON value
  is answered 200 (never a server error) and the ledger still balances.

Each example runs in a transaction that is rolled back; Stripe is the fake."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.jobs.services import jobs as svc
from marketplace.models import Job, JobPayment, LedgerAccount, LedgerEntry
from marketplace.models.jobs import JobStatus
from marketplace.money.payments import gateway
from marketplace.money.services import ledger
from tests.factories.jobs import taken_job
from tests.factories.money import ready_account, send_event, start_payment
from tests.stripe_fake import FakeStripe

SLOW = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def paid_bank(bank, stripe_fake):  # type: ignore[no-untyped-def]
    return bank


def fresh_stripe(bank: dict[str, Any]) -> FakeStripe:
    """A new fake Stripe for each example: the ids of rolled-back rows come back
    (and with them our idempotency keys), as they would not at a real Stripe."""
    fake = FakeStripe()
    gateway.use_http_client(fake)
    bank["fake"] = fake
    ready_account(bank["unit_org"], fake)
    return fake


def books_balance() -> bool:
    return ledger.unbalanced_entries() == [] and (
        sum(ledger.balance(a) for a in LedgerAccount.objects.all()) == 0
    )


class Rollback(Exception):
    """Ends an example's transaction."""


def paid_and_disputed(
    bank: dict[str, Any], disputed: bool, won: bool
) -> tuple[Job, JobPayment, list[dict[str, Any]]]:
    """A taken job paid at Stripe, maybe disputed and decided: Stripe's events."""
    fake = fresh_stripe(bank)
    job = taken_job(bank)
    payment = start_payment(bank, job)
    checkout = fake.complete_checkout(payment.checkout_session_id, fee_cents=925)
    intent = fake.objects[checkout["data"]["object"]["payment_intent"]]
    events = [checkout, fake.event("payment_intent.succeeded", intent)]
    if disputed:
        opened = fake.open_dispute(intent["latest_charge"])
        events += opened + fake.close_dispute(
            opened[0]["data"]["object"]["id"], won=won
        )
    return job, payment, events


def try_accept(bank: dict[str, Any], job: Job, capture: Any) -> bool:
    """The group does the job and the poster accepts it, if the job can go on."""
    try:
        svc.job_start(actor=bank["supervisor"], job=job)
    except svc.JobRuleError:
        return False  # not paid yet, or cancelled after a lost chargeback
    svc.job_deliver(actor=bank["supervisor"], job=job)
    with capture(execute=True):
        svc.job_accept(actor=bank["poster"], job=job)
    return True


@SLOW
@given(data=st.data())
def test_any_order_of_events_ends_in_the_same_state_and_always_balances(
    paid_bank, client, django_capture_on_commit_callbacks, data
):
    disputed, won = data.draw(st.booleans()), data.draw(st.booleans())
    try:
        with transaction.atomic():
            job, payment, events = paid_and_disputed(paid_bank, disputed, won)
            repeats = data.draw(st.lists(st.sampled_from(events), max_size=3))
            sequence = data.draw(st.permutations(events + repeats))
            accept_at = data.draw(st.integers(0, len(sequence)))
            accepted = False
            for n, event in enumerate(sequence):
                if n == accept_at:
                    accepted = try_accept(
                        paid_bank, job, django_capture_on_commit_callbacks
                    )
                with django_capture_on_commit_callbacks(execute=True):
                    assert send_event(client, event).status_code == 200
                assert books_balance(), f"unbalanced after {event['type']}"
            if not accepted:
                try_accept(paid_bank, job, django_capture_on_commit_callbacks)
            assert books_balance()
            payment.refresh_from_db()
            status = Job.objects.get(pk=job.pk).progress.status
            assert payment.status == JobPayment.Status.SUCCEEDED
            assert LedgerEntry.objects.filter(kind="payment").count() == 1
            assert LedgerEntry.objects.filter(kind="chargeback").count() == disputed
            assert LedgerEntry.objects.filter(kind="chargeback_reversal").count() == (
                disputed and won
            )
            escrow = ledger.balance(ledger.escrow_account(job))
            if disputed:
                assert payment.chargeback == ("won" if won else "lost")
            if not disputed or won:
                assert status == JobStatus.PAID and escrow == 0
            elif status != JobStatus.PAID:  # lost before the money went
                assert status == JobStatus.CANCELLED and escrow == 0
            raise Rollback
    except Rollback:
        pass


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@SLOW
@given(data=st.data())
def test_a_signed_event_with_any_field_broken_is_acknowledged(
    paid_bank, client, django_capture_on_commit_callbacks, data
):
    try:
        with transaction.atomic():
            _job, _payment, events = paid_and_disputed(
                paid_bank, disputed=True, won=data.draw(st.booleans())
            )
            event = copy.deepcopy(data.draw(st.sampled_from(events)))
            obj = event["data"]["object"]
            key = data.draw(st.sampled_from(sorted(obj)))
            if data.draw(st.booleans()):
                del obj[key]
            else:
                obj[key] = data.draw(JSON)
            with django_capture_on_commit_callbacks(execute=True):
                response = send_event(client, event)
            assert response.status_code == 200, response.content[:300]
            assert books_balance()
            raise Rollback
    except Rollback:
        pass
