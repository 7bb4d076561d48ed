"""The ledger: balanced entries (in the service and, on PostgreSQL, in the database),
and the organiser's money page reconciled with Stripe's balance transactions."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from marketplace.jobs.services import jobs as svc
from marketplace.models import LedgerEntry, LedgerLine
from marketplace.money.services import ledger, reconcile
from marketplace.money.services import workshare as wsvc
from tests.factories.accounts import PASSWORD
from tests.factories.jobs import record_days, taken_job
from tests.factories.money import pay, ready_account

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)


@pytest.mark.parametrize("amounts", [[100, -99], [100], [100, -100, 0], []], ids=str)
def test_the_service_refuses_an_unbalanced_entry(db, amounts):
    account = ledger.stripe_account()
    with pytest.raises(ledger.UnbalancedEntry):
        ledger.ledger_post(
            kind="payment", lines=[ledger.Line(account, a) for a in amounts]
        )
    assert not LedgerEntry.objects.exists()


def test_a_stripe_object_is_booked_once_per_kind(db):
    lines = [
        ledger.Line(ledger.stripe_account(), 500),
        ledger.Line(ledger.stripe_fees_account(), -500),
    ]
    first = ledger.ledger_post(kind="payment", lines=lines, stripe_object_id="ch_1")
    again = ledger.ledger_post(kind="payment", lines=lines, stripe_object_id="ch_1")
    assert first.pk == again.pk and LedgerLine.objects.count() == 2


@on_postgres
def test_the_database_refuses_an_unbalanced_entry_at_commit(db):
    account = ledger.stripe_account()
    with pytest.raises(DatabaseError, match="unbalanced"), transaction.atomic():
        entry = LedgerEntry.objects.create(kind="payment")
        LedgerLine.objects.create(entry=entry, account=account, amount_cents=100)
        with connection.cursor() as cursor:  # what COMMIT would do
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert not LedgerLine.objects.exists()


@on_postgres
def test_the_database_refuses_changing_a_booked_line(db):
    entry = ledger.ledger_post(
        kind="payment",
        lines=[
            ledger.Line(ledger.stripe_account(), 100),
            ledger.Line(ledger.stripe_fees_account(), -100),
        ],
    )
    line = entry.lines.first()
    with pytest.raises(DatabaseError, match="cannot be changed"), transaction.atomic():
        LedgerLine.objects.filter(pk=line.pk).update(amount_cents=50)
    with pytest.raises(DatabaseError, match="cannot be changed"), transaction.atomic():
        LedgerLine.objects.filter(pk=line.pk).delete()


@pytest.fixture
def busy(bank, stripe_fake, client, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """One job paid, done, accepted and allocated; another paid and cancelled."""
    ready_account(bank["unit_org"], stripe_fake)
    bank["fake"] = stripe_fake
    capture = django_capture_on_commit_callbacks
    done = taken_job(bank)
    pay(bank, done, client, capture)
    svc.job_start(actor=bank["supervisor"], job=done)
    record_days(bank, done, days=2)
    svc.job_deliver(actor=bank["supervisor"], job=done)
    with capture(execute=True):
        svc.job_accept(actor=bank["poster"], job=done)
    wsvc.work_share_allocate(actor=bank["supervisor"], site=bank["site"])
    cancelled = taken_job(bank, title="Peruttu", price_cents=25000)
    pay(bank, cancelled, client, capture)
    from marketplace.jobs.services.disputes import job_cancel

    with capture(execute=True):
        job_cancel(actor=bank["poster"], job=cancelled)
    bank["done"], bank["cancelled"] = done, cancelled
    return bank


def test_the_books_balance_after_a_busy_month(busy):
    assert ledger.unbalanced_entries() == []
    figures = reconcile.figures(busy["organiser"])
    assert figures.received_cents == 60000 + 25000
    assert figures.stripe_fees_cents == 2 * 925
    assert figures.refunded_cents == 25000
    assert figures.transferred_cents == 60000
    assert figures.held_cents == 0
    assert figures.allocated_cents == 2 * 3 * 600
    assert figures.in_funds_cents == 60000 - 3600


def test_the_ledger_reconciles_with_stripes_balance_transactions(busy):
    from django.utils import timezone

    result = reconcile.reconcile(busy["organiser"], timezone.localdate())
    assert result.checked and result.balanced, result.differences
    # a charge, a transfer, another charge and its refund
    assert result.matched == 4
    assert (
        result.ledger_cents
        == result.stripe_cents
        == 60000 + 25000 - 2 * 925 - 60000 - 25000
    )


def test_a_difference_with_stripe_is_shown(busy, client, settings):
    from django.utils import timezone

    fake = busy["fake"]
    # Stripe's books gain something Polku never booked, and one of ours differs
    fake._bt("charge", 1000, 0, "ch_unknown")
    charge_bt = next(bt for bt in fake.balance if bt["type"] == "charge")
    charge_bt["net"] -= 1
    admin_view = reconcile.reconcile(busy["admin"], timezone.localdate())
    ids = {d.stripe_object_id for d in admin_view.differences}
    assert "ch_unknown" in ids and charge_bt["source"] in ids
    # the organiser sees only their region's jobs' objects
    organiser_view = reconcile.reconcile(busy["organiser"], timezone.localdate())
    assert {d.stripe_object_id for d in organiser_view.differences} == {
        charge_bt["source"]
    }
    client.login(username=busy["organiser"].username, password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/oma/rahaliikenne/")
    assert page.status_code == 200
    assert charge_bt["source"] in page.content.decode()
    assert "1 difference" in page.content.decode()


def test_payouts_to_the_platforms_bank_are_listed_apart(busy):
    from django.utils import timezone

    busy["fake"].add_payout(10000)
    result = reconcile.reconcile(busy["admin"], timezone.localdate())
    assert result.balanced and result.payouts_cents == -10000


@pytest.mark.parametrize(
    ("who", "status"),
    [("organiser", 200), ("admin", 200), ("poster", 403), ("supervisor", 403)],
)
def test_the_money_page_is_for_organisers(busy, client, who, status):
    client.login(username=busy[who].username, password=PASSWORD)
    assert client.get("/oma/rahaliikenne/").status_code == status


def test_another_regions_organiser_sees_none_of_it(busy):
    figures = reconcile.figures(busy["far_organiser"])
    assert figures.received_cents == 0 and figures.in_funds_cents == 0
    assert reconcile.funds(busy["far_organiser"]) == []


def test_without_stripe_keys_the_money_page_says_so(busy, client, settings):
    settings.STRIPE_SECRET_KEY = ""
    client.login(username=busy["organiser"].username, password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/oma/rahaliikenne/")
    assert "Payments are not configured" in page.content.decode()
