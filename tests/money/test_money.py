"""Paying for jobs through the fake Stripe: payment, transfer, refund, chargeback."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.utils import translation

from marketplace.jobs.services import disputes as dsvc
from marketplace.jobs.services import jobs as svc
from marketplace.models import (
    Job,
    JobPayment,
    JobRefund,
    JobTransfer,
    LedgerAccount,
    LedgerEntry,
)
from marketplace.money.payments.exceptions import GatewayError
from marketplace.money.services import ledger, payouts
from marketplace.money.services import payments as msvc
from tests.factories.accounts import PASSWORD
from tests.factories.jobs import record_days, taken_job
from tests.factories.money import pay, ready_account, send_event, start_payment


@pytest.fixture
def paid_bank(bank, stripe_fake):  # type: ignore[no-untyped-def]
    ready_account(bank["unit_org"], stripe_fake)
    bank["fake"] = stripe_fake
    return bank


def deliver(bank, job):  # type: ignore[no-untyped-def]
    svc.job_start(actor=bank["supervisor"], job=job)
    svc.job_deliver(actor=bank["supervisor"], job=job)


def assert_books_balance() -> None:
    assert ledger.unbalanced_entries() == []
    assert sum(ledger.balance(a) for a in LedgerAccount.objects.all()) == 0


def escrow(job: Job) -> int:
    return ledger.balance(ledger.escrow_account(job))


def test_the_checkout_carries_the_jobs_transfer_group_and_only_our_ids(paid_bank):
    job = taken_job(paid_bank)
    payment = start_payment(paid_bank, job)
    assert payment.status == JobPayment.Status.OPEN
    assert payment.checkout_url.startswith("https://checkout.stripe.com/")
    sent = paid_bank["fake"].sent("/v1/checkout/sessions")[0]
    assert sent.headers["Idempotency-Key"] == f"polku-payment-{payment.pk}-checkout"
    assert sent.params["payment_intent_data"]["transfer_group"] == f"polku-job-{job.pk}"
    assert sent.params["metadata"] == {
        "polku_job": str(job.pk),
        "polku_payment": str(payment.pk),
    }
    assert sent.params["line_items"][0]["price_data"]["unit_amount"] == "60000"


def test_paying_twice_charges_once(paid_bank, client):
    # Given a taken job whose poster clicks "Pay" twice
    job = taken_job(paid_bank)
    client.login(username="poster", password=PASSWORD)
    first = client.post(f"/oma/tyopankki/{job.pk}/maksa/")
    second = client.post(f"/oma/tyopankki/{job.pk}/maksa/")
    # then both go to the same payment page and Stripe made one session
    assert first["Location"] == second["Location"]
    assert JobPayment.objects.filter(job=job).count() == 1
    sessions = [
        o
        for o in paid_bank["fake"].objects.values()
        if o["object"] == "checkout.session"
    ]
    assert len(sessions) == 1


def test_a_retried_request_after_a_lost_answer_charges_once(paid_bank):
    job = taken_job(paid_bank)
    fake = paid_bank["fake"]
    # Stripe creates the session but the answer is lost; the library retries
    fake.fail_after_processing.add("/v1/checkout/sessions")
    payment = start_payment(paid_bank, job)
    assert payment.status == JobPayment.Status.OPEN
    keys = {r.headers["Idempotency-Key"] for r in fake.sent("/v1/checkout/sessions")}
    assert len(fake.sent("/v1/checkout/sessions")) == 2 and len(keys) == 1
    sessions = [o for o in fake.objects.values() if o["object"] == "checkout.session"]
    assert len(sessions) == 1


def test_a_failed_call_is_retried_later_with_the_same_key(paid_bank):
    job = taken_job(paid_bank)
    fake = paid_bank["fake"]
    real = fake.request
    fake.request = _always_down(real)  # type: ignore[method-assign]
    with pytest.raises(GatewayError):
        start_payment(paid_bank, job)
    payment = JobPayment.objects.get(job=job)
    assert payment.status == JobPayment.Status.CREATED and payment.idempotency_key
    # When Stripe answers again and the poster retries, the same row and key go
    fake.request = real  # type: ignore[method-assign]
    again = start_payment(paid_bank, job)
    assert again.pk == payment.pk and again.status == JobPayment.Status.OPEN
    sent = fake.sent("/v1/checkout/sessions")
    assert [r.headers["Idempotency-Key"] for r in sent] == [payment.idempotency_key]


def _always_down(request):  # type: ignore[no-untyped-def]
    import stripe

    def down(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise stripe.APIConnectionError("down", should_retry=True)

    return down


def test_a_payment_is_booked_once_from_the_webhook_and_the_return(
    paid_bank, client, django_capture_on_commit_callbacks
):
    job = taken_job(paid_bank)
    payment = pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    assert payment.status == JobPayment.Status.SUCCEEDED
    assert payment.charge_id and payment.stripe_fee_cents == 925
    # the poster's return asks Stripe again: nothing more is booked
    msvc.payment_sync(payment=payment)
    client.login(username="poster", password=PASSWORD)
    client.get(f"/oma/tyopankki/{job.pk}/maksettu/")
    assert LedgerEntry.objects.filter(kind="payment").count() == 1
    assert LedgerEntry.objects.filter(kind="stripe_fee").count() == 1
    assert escrow(job) == -60000
    assert ledger.balance(ledger.stripe_account()) == 60000 - 925
    assert_books_balance()


def test_a_paid_job_starts_only_after_payment(
    paid_bank, client, django_capture_on_commit_callbacks
):
    job = taken_job(paid_bank)
    with translation.override("en"), pytest.raises(svc.JobRuleError, match="not paid"):
        svc.job_start(actor=paid_bank["supervisor"], job=job)
    pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    assert svc.job_start(actor=paid_bank["supervisor"], job=job).status == "in_progress"


def test_acceptance_transfers_the_price_less_the_platform_fee(
    paid_bank, client, settings, django_capture_on_commit_callbacks
):
    settings.POLKU_PLATFORM_FEE_BPS = 250  # 2.5 %
    job = taken_job(paid_bank)
    payment = pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    deliver(paid_bank, job)
    # When the poster accepts the delivered work
    with django_capture_on_commit_callbacks(execute=True):
        svc.job_accept(actor=paid_bank["poster"], job=job)
    # then 585 € go to the unit's account, tied to the job's own charge
    transfer = JobTransfer.objects.get(job=job)
    assert transfer.status == JobTransfer.Status.SUCCEEDED
    assert (transfer.amount_cents, transfer.platform_fee_cents) == (58500, 1500)
    sent = paid_bank["fake"].sent("/v1/transfers")[0].params
    assert sent["source_transaction"] == payment.charge_id
    assert sent["transfer_group"] == f"polku-job-{job.pk}"
    assert (
        sent["destination"]
        == job.progress.site.organisation.stripe_account.stripe_account_id
    )
    # and the job is paid, nothing is held, the unit's fund has the money
    assert Job.objects.get(pk=job.pk).progress.status == "paid"
    assert escrow(job) == 0
    assert ledger.fund_balance(paid_bank["site"]) == 58500
    assert -ledger.balance(ledger.platform_fees_account()) == 1500
    assert_books_balance()
    # a transfer.created webhook for it books nothing more
    obj = paid_bank["fake"].objects[transfer.stripe_transfer_id]
    send_event(client, paid_bank["fake"].event("transfer.created", obj))
    assert LedgerEntry.objects.filter(kind="transfer").count() == 1


def test_a_failed_transfer_is_retried_and_transfers_once(
    paid_bank, client, django_capture_on_commit_callbacks
):
    job = taken_job(paid_bank)
    pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    deliver(paid_bank, job)
    fake = paid_bank["fake"]
    real = fake.request
    fake.request = _always_down(real)  # type: ignore[method-assign]
    with django_capture_on_commit_callbacks(execute=True):
        svc.job_accept(actor=paid_bank["poster"], job=job)
    transfer = JobTransfer.objects.get(job=job)
    assert transfer.status == JobTransfer.Status.FAILED
    assert Job.objects.get(pk=job.pk).progress.status == "accepted"
    fake.request = real  # type: ignore[method-assign]
    for _ in range(2):  # the daily retry, run twice
        with django_capture_on_commit_callbacks(execute=True):
            payouts.retry_transfers()
    transfers = [o for o in fake.objects.values() if o["object"] == "transfer"]
    assert len(transfers) == 1
    assert JobTransfer.objects.get(job=job).status == JobTransfer.Status.SUCCEEDED
    assert_books_balance()


def test_cancelling_a_paid_job_before_delivery_refunds_it(
    paid_bank, client, django_capture_on_commit_callbacks
):
    job = taken_job(paid_bank)
    payment = pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    svc.job_start(actor=paid_bank["supervisor"], job=job)
    with django_capture_on_commit_callbacks(execute=True):
        dsvc.job_cancel(actor=paid_bank["poster"], job=job, reason="Ei tarvita")
    refund = JobRefund.objects.get(payment=payment)
    assert refund.status == JobRefund.Status.SUCCEEDED and refund.amount_cents == 60000
    payment.refresh_from_db()
    assert payment.status == JobPayment.Status.REFUNDED
    assert escrow(job) == 0
    # Stripe's own refund webhook books nothing more
    obj = paid_bank["fake"].objects[refund.stripe_refund_id]
    send_event(client, paid_bank["fake"].event("refund.updated", obj))
    assert LedgerEntry.objects.filter(kind="refund").count() == 1
    assert_books_balance()


def test_a_dispute_freezes_the_money_until_the_organiser_divides_it(
    paid_bank, client, django_capture_on_commit_callbacks
):
    job = taken_job(paid_bank)
    pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    deliver(paid_bank, job)
    dsvc.job_dispute(actor=paid_bank["poster"], job=job, reason="Puolet puuttuu")
    assert not JobTransfer.objects.exists()
    # When the organiser gives the unit 400 € of 600 €
    with django_capture_on_commit_callbacks(execute=True):
        dsvc.dispute_resolve(
            actor=paid_bank["organiser"], job=job, unit_share_cents=40000
        )
    # then 200 € is refunded, 400 € transferred, nothing held
    assert JobRefund.objects.get().amount_cents == 20000
    assert JobTransfer.objects.get().amount_cents == 40000
    assert Job.objects.get(pk=job.pk).progress.status == "paid"
    assert escrow(job) == 0
    assert_books_balance()


def test_a_chargeback_freezes_the_transfer_until_it_is_won(
    paid_bank, client, django_capture_on_commit_callbacks
):
    job = taken_job(paid_bank)
    payment = pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    fake = paid_bank["fake"]
    created, withdrawn = fake.open_dispute(payment.charge_id)
    send_event(client, created)
    send_event(client, withdrawn)
    deliver(paid_bank, job)
    with django_capture_on_commit_callbacks(execute=True):
        svc.job_accept(actor=paid_bank["poster"], job=job)
    assert JobTransfer.objects.get().status == JobTransfer.Status.PENDING
    assert not fake.sent("/v1/transfers")
    assert_books_balance()
    for event in fake.close_dispute(created["data"]["object"]["id"], won=True):
        with django_capture_on_commit_callbacks(execute=True):
            send_event(client, event)
    assert JobTransfer.objects.get().status == JobTransfer.Status.SUCCEEDED
    assert escrow(job) == 0
    assert_books_balance()


def test_a_lost_chargeback_cancels_the_unpaid_out_job(
    paid_bank, client, django_capture_on_commit_callbacks
):
    job = taken_job(paid_bank)
    payment = pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    fake = paid_bank["fake"]
    events = fake.open_dispute(payment.charge_id)
    events += fake.close_dispute(events[0]["data"]["object"]["id"], won=False)
    for event in events:
        send_event(client, event)
    assert Job.objects.get(pk=job.pk).progress.status == "cancelled"
    assert escrow(job) == 0  # the bank took it back
    assert ledger.balance(ledger.stripe_fees_account()) == 925 + 1500
    assert_books_balance()


def test_without_stripe_keys_paying_says_payments_are_not_configured(
    bank, client, no_payments
):
    job = taken_job(bank, price_cents=0)
    Job.objects.filter(pk=job.pk).update(price_cents=5000)
    client.login(username="poster", password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(f"/oma/tyopankki/{job.pk}/maksa/", follow=True)
    assert response.status_code == 200
    assert "Payments are not configured" in response.content.decode()
    assert not JobPayment.objects.exists()


def test_no_participant_data_is_ever_sent_to_stripe(
    paid_bank, client, django_capture_on_commit_callbacks
):
    from marketplace.money.services.workshare import work_share_allocate

    job = taken_job(paid_bank)
    pay(paid_bank, job, client, django_capture_on_commit_callbacks)
    svc.job_start(actor=paid_bank["supervisor"], job=job)
    record_days(paid_bank, job, days=2)
    svc.job_deliver(actor=paid_bank["supervisor"], job=job)
    with django_capture_on_commit_callbacks(execute=True):
        svc.job_accept(actor=paid_bank["poster"], job=job)
    work_share_allocate(actor=paid_bank["supervisor"], site=paid_bank["site"])
    sent = " ".join(
        r.raw + json.dumps(r.params) for r in paid_bank["fake"].requests
    ).lower()
    assert paid_bank["fake"].requests
    for person in paid_bank["people"]:
        assert person.name.lower() not in sent
        assert str(person.pk) not in sent
        assert person.municipality.name.lower() not in sent
    for user in ("supervisor", "poster", "instructor"):
        assert paid_bank[user].username not in sent
