"""Work-share money from job income: the daily cap, the fund, statements to the cent."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from marketplace.jobs.services import jobs as svc
from marketplace.models import (
    AccessLogEntry,
    AttendanceDay,
    JobWorkDay,
    Placement,
    WorkShareAllocation,
)
from marketplace.money.services import ledger
from marketplace.money.services import workshare as wsvc
from tests.factories.accounts import PASSWORD
from tests.factories.clients import make_client
from tests.factories.clients import make_placement as place
from tests.factories.jobs import record_days, taken_job
from tests.factories.money import pay, ready_account
from tests.factories.sites import terms


@pytest.fixture
def funded(bank, stripe_fake, client, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """A 600 € job done by the unit's three participants over three days, accepted
    and transferred: 600 € in the unit's fund."""
    ready_account(bank["unit_org"], stripe_fake)
    bank["fake"] = stripe_fake
    job = taken_job(bank)
    pay(bank, job, client, django_capture_on_commit_callbacks)
    svc.job_start(actor=bank["supervisor"], job=job)
    record_days(bank, job, days=3)
    svc.job_deliver(actor=bank["supervisor"], job=job)
    with django_capture_on_commit_callbacks(execute=True):
        svc.job_accept(actor=bank["poster"], job=job)
    bank["job"] = job
    return bank


def test_three_participants_over_three_days_earn_the_daily_rate(funded):
    site = funded["site"]
    assert ledger.fund_balance(site) == 60000
    # When the supervisor allocates the fund to the waiting days
    result = wsvc.work_share_allocate(actor=funded["supervisor"], site=site)
    # then nine participant-days earn 6 € each and the rest stays in the fund
    assert (result.days, result.total_cents) == (9, 5400)
    assert ledger.fund_balance(site) == 60000 - 5400
    assert not JobWorkDay.objects.filter(allocation__isnull=True).exists()
    for person in funded["people"]:
        earned = -ledger.balance(ledger.participant_account(site, person))
        assert earned == 1800
    assert ledger.unbalanced_entries() == []
    # and allocating again finds nothing to pay
    again = wsvc.work_share_allocate(actor=funded["supervisor"], site=site)
    assert again.total_cents == 0


def test_the_daily_cap_counts_the_days_other_work_share_money(funded, settings):
    site = funded["site"]
    site.work_share_cents_per_day = 800
    site.save()
    aino = funded["people"][0]
    today = timezone.localdate()
    # Aino was also at the unit today: 8 € of work-share money already
    placement = Placement.objects.get(client=aino, site=site)
    AttendanceDay.objects.create(placement=placement, date=today)
    shares = {(s.client.name, s.date): s for s in wsvc.waiting_days(site)}
    assert shares[("Aino", today)].amount_cents == 400  # 8 € + 4 € = the 12 € cap
    assert shares[("Bertta", today)].amount_cents == 800
    # a lower cap lowers every day
    settings.WORK_SHARE_DAILY_CAP_CENTS = 500
    wsvc.work_share_allocate(actor=funded["supervisor"], site=site)
    amounts = set(WorkShareAllocation.objects.values_list("amount_cents", flat=True))
    assert amounts == {500}
    assert not WorkShareAllocation.objects.filter(client=aino, date=today).exists()
    aino_today = JobWorkDay.objects.get(client=aino, date=today)
    assert aino_today.allocation is None  # cap reached: nothing paid, nothing left due


def test_allocation_never_exceeds_the_money_in_the_fund(funded, settings):
    site = funded["site"]
    site.work_share_cents_per_day = 1200
    site.save()
    wsvc.work_share_allocate(actor=funded["supervisor"], site=site)  # 9 × 12 € = 108 €
    # When a second job's days would need more than is left (one 600 € job's money)
    second = taken_job(funded, price_cents=0, title="Talkoot")
    svc.job_start(actor=funded["supervisor"], job=second)
    record_days(funded, second, days=1)
    # unpaid jobs bring no money: their days are not waiting for the fund
    assert all(s.jobs != ["Talkoot"] for s in wsvc.waiting_days(site))
    # and a fund emptied by the books cannot pay
    left = ledger.fund_balance(site)
    ledger.ledger_post(
        kind="allocation",
        site=site,
        lines=[
            ledger.Line(ledger.unit_fund_account(site), left - 100),
            ledger.Line(ledger.unit_cash_account(site.organisation), -(left - 100)),
        ],
    )
    newcomer = make_client(
        name="Daniel", service="disability", municipality=funded["lahti"]
    )
    place(newcomer, site)
    job = funded["job"]
    JobWorkDay.objects.create(
        job=job, client=newcomer, date=timezone.localdate() - dt.timedelta(days=1)
    )
    with (
        translation.override("en"),
        pytest.raises(wsvc.WorkShareError, match="Nothing was allocated"),
    ):
        wsvc.work_share_allocate(actor=funded["supervisor"], site=site)
    assert not WorkShareAllocation.objects.filter(client=newcomer).exists()
    assert ledger.fund_balance(site) == 100


def test_a_rehabilitative_participant_earns_no_work_share_money(funded):
    site = funded["site"]
    rehab = make_client(
        name="Eero", service="rehabilitative", municipality=funded["lahti"]
    )
    place(rehab, site)
    job = funded["job"]
    job.services.add(*terms("service", "rehabilitative"))
    wsvc.work_days_record(
        actor=funded["supervisor"],
        job=job,
        date=timezone.localdate(),
        clients=[rehab],
    )
    share = next(s for s in wsvc.waiting_days(site) if s.client == rehab)
    assert share.reason == "rehabilitative" and share.amount_cents == 0
    wsvc.work_share_allocate(actor=funded["supervisor"], site=site)
    assert not WorkShareAllocation.objects.filter(client=rehab).exists()


def test_a_day_is_paid_once_however_many_jobs_were_done_on_it(
    funded, client, django_capture_on_commit_callbacks
):
    site = funded["site"]
    wsvc.work_share_allocate(actor=funded["supervisor"], site=site)
    paid_before = WorkShareAllocation.objects.count()
    second = taken_job(funded, title="Toinen työ")
    pay(funded, second, client, django_capture_on_commit_callbacks)
    svc.job_start(actor=funded["supervisor"], job=second)
    record_days(funded, second, days=1)  # today again, for all three
    svc.job_deliver(actor=funded["supervisor"], job=second)
    with django_capture_on_commit_callbacks(execute=True):
        svc.job_accept(actor=funded["poster"], job=second)
    result = wsvc.work_share_allocate(actor=funded["supervisor"], site=site)
    assert result.total_cents == 0
    assert WorkShareAllocation.objects.count() == paid_before
    assert not JobWorkDay.objects.filter(allocation__isnull=True).exists()


def test_work_days_only_for_participants_placed_at_the_unit(funded):
    stranger = make_client(
        name="Outo", service="disability", municipality=funded["lahti"]
    )
    job = funded["job"]
    with (
        translation.override("en"),
        pytest.raises(svc.JobRuleError, match="was not placed"),
    ):
        wsvc.work_days_record(
            actor=funded["supervisor"],
            job=job,
            date=timezone.localdate(),
            clients=[stranger],
        )
    with translation.override("en"), pytest.raises(svc.JobRuleError, match="future"):
        wsvc.work_days_record(
            actor=funded["supervisor"],
            job=job,
            date=timezone.localdate() + dt.timedelta(days=1),
            clients=funded["people"],
        )


def test_the_database_refuses_an_allocation_above_the_cap(funded):
    entry = ledger.ledger_post(
        kind="allocation",
        site=funded["site"],
        lines=[
            ledger.Line(ledger.unit_fund_account(funded["site"]), 1),
            ledger.Line(ledger.stripe_account(), -1),
        ],
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkShareAllocation.objects.create(
            site=funded["site"],
            client=funded["people"][0],
            date=dt.date(2026, 1, 5),
            amount_cents=1300,
            rate_cents=1300,
            cap_cents=1200,
            entry=entry,
        )


def test_the_statement_sums_to_the_allocations_to_the_cent(funded, client):
    site = funded["site"]
    site.work_share_cents_per_day = 333
    site.save()
    wsvc.work_share_allocate(actor=funded["supervisor"], site=site)
    month = timezone.localdate()
    statements = wsvc.statement(site, month)
    allocated = WorkShareAllocation.objects.filter(
        site=site, date__year=month.year, date__month=month.month
    )
    assert sum(s.total_cents for s in statements) == sum(
        a.amount_cents for a in allocated
    )
    # and the CSV for the payroll says the same, day by day
    client.login(username="supervisor", password=PASSWORD)
    response = client.get(f"/oma/tyoosuusraha/{site.pk}/tilitys.csv?kk={month:%Y-%m}")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    cents = [int(r[3].replace(",", "")) for r in rows[1:]]
    assert sum(cents) == sum(a.amount_cents for a in allocated)
    assert {r[0] for r in rows[1:]} == {s.client.name for s in statements}
    # exporting is logged per participant, reading the page too
    assert AccessLogEntry.objects.filter(action="export").count() == len(statements)
    page = client.get(f"/oma/tyoosuusraha/{site.pk}/tilitys/?kk={month:%Y-%m}")
    assert page.status_code == 200


@pytest.mark.parametrize("who", ["poster", "far_supervisor", "organiser"])
def test_only_the_units_supervisors_see_its_fund_and_statements(funded, client, who):
    site = funded["site"]
    client.login(username=funded[who].username, password=PASSWORD)
    assert client.get(f"/oma/tyoosuusraha/{site.pk}/").status_code == 403
    assert client.get(f"/oma/tyoosuusraha/{site.pk}/tilitys/").status_code == 403
    assert client.get(f"/oma/tyoosuusraha/{site.pk}/tilitys.csv").status_code == 403
    assert client.get(f"/oma/tyoosuusraha/{site.pk}/tilitys.pdf").status_code == 403


def test_the_supervisor_allocates_from_the_fund_page(funded, client):
    site = funded["site"]
    client.login(username="supervisor", password=PASSWORD)
    page = client.get(f"/oma/tyoosuusraha/{site.pk}/")
    assert page.context["payable_cents"] == 5400
    assert client.get("/oma/tyoosuusraha/").status_code == 200
    client.post(f"/oma/tyoosuusraha/{site.pk}/")
    assert WorkShareAllocation.objects.count() == 9


def test_the_statement_pdf_has_a_page_per_participant_and_the_same_sums(funded, client):
    from pypdf import PdfReader

    site = funded["site"]
    wsvc.work_share_allocate(actor=funded["supervisor"], site=site)
    month = timezone.localdate()
    statements = wsvc.statement(site, month)
    client.login(username="supervisor", password=PASSWORD)

    response = client.get(f"/oma/tyoosuusraha/{site.pk}/tilitys.pdf?kk={month:%Y-%m}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages]
    assert len(pages) == len(statements) == 3
    for page, s in zip(pages, statements, strict=True):
        assert s.client.name in page
        assert f"{s.total_cents // 100},{s.total_cents % 100:02d}" in page
    assert "54,00" in pages[0]  # the month's total
    assert AccessLogEntry.objects.filter(action="export").count() == len(statements)
