"""The job bank on the outcome page: jobs done, income and work-share money per unit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from marketplace.jobs.services import jobs as svc
from marketplace.models import Client
from marketplace.money.services.workshare import work_share_allocate
from marketplace.outcomes.report import outcome_report
from marketplace.outcomes.scope import OutcomeScope, Window, outcome_sites_for
from marketplace.outcomes.statistics import SUPPRESSED
from marketplace.outcomes.tables import Euros, format_cell
from tests.factories.clients import make_client
from tests.factories.clients import make_placement as place
from tests.factories.jobs import record_days, taken_job
from tests.factories.money import pay, ready_account


def job_table(bank):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    scope = OutcomeScope(
        sites=outcome_sites_for(bank["organiser"]),
        window=Window(today - dt.timedelta(days=30), today),
    )
    with translation.override("en"):
        return outcome_report(scope).table("job-bank")


def accepted_job(bank, client, capture):  # type: ignore[no-untyped-def]
    ready_account(bank["unit_org"], bank["fake"])
    job = taken_job(bank)
    pay(bank, job, client, capture)
    svc.job_start(actor=bank["supervisor"], job=job)
    record_days(bank, job, days=2)
    svc.job_deliver(actor=bank["supervisor"], job=job)
    with capture(execute=True):
        svc.job_accept(actor=bank["poster"], job=job)
    work_share_allocate(actor=bank["supervisor"], site=bank["site"])
    return job


@pytest.fixture
def five(bank, stripe_fake, settings):  # type: ignore[no-untyped-def]
    """The unit's group of three, and two more disability work activity clients."""
    settings.POLKU_PLATFORM_FEE_BPS = 250
    bank["fake"] = stripe_fake
    for name in ("Doris", "Eero"):
        person = make_client(
            name=name, service="disability", municipality=bank["lahti"]
        )
        place(person, bank["site"])
        bank["people"].append(person)
    Client.objects.update(record_key=0)  # cell keys 0: figures without noise
    return bank


def test_a_paid_job_shows_as_income_days_and_work_share_money(
    five, client, django_capture_on_commit_callbacks
):
    # given a 600 € job done by five participants on two days, 6 € a day each
    accepted_job(five, client, django_capture_on_commit_callbacks)
    # when the organiser reads the job-bank table
    table = job_table(five)
    row = next(r for r in table.rows if r[0] == "Työkeskus Verstas")
    # then: one job, 585 € after the 2.5 % platform fee, 10 days, 60 € work-share
    assert row[3:] == [1, Euros(58500), 10, Euros(6000)]
    with translation.override("fi"):
        assert format_cell(row[4]) == "585,00"
    assert [r[0] for r in table.rows] == ["Työkeskus Verstas"]  # not the far unit


def test_work_share_money_of_fewer_than_five_participants_is_hidden(
    bank, stripe_fake, client, settings, django_capture_on_commit_callbacks
):
    # given the same job done by the group of three
    settings.POLKU_PLATFORM_FEE_BPS = 250
    bank["fake"] = stripe_fake
    accepted_job(bank, client, django_capture_on_commit_callbacks)
    row = job_table(bank).rows[0]
    # then the unit's jobs and income show, the participants' days and money do not
    assert row[3:5] == [1, Euros(58500)]
    assert row[5:] == [SUPPRESSED, SUPPRESSED]
