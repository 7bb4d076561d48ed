"""Shared set-up of the job-bank tests: a region with a poster, a unit and its
participants (the ``bank`` fixture), jobs in any state, the fake Stripe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from marketplace.access import roles
from marketplace.jobs.services import jobs as svc
from marketplace.models import (
    ConnectedAccount,
    Job,
    JobWorkDay,
    Placement,
    PlacementPeriod,
    Term,
)
from marketplace.money.payments import gateway
from tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    make_client,
    make_site,
    make_user,
)
from tests.stripe_fake import SECRET_KEY, WEBHOOK_SECRET, FakeStripe, signed


@pytest.fixture
def stripe_fake(settings: Any) -> Any:
    """Payments switched on, every Stripe call answered by an in-process fake."""
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    fake = FakeStripe()
    gateway.use_http_client(fake)
    yield fake
    gateway.use_http_client(None)


@pytest.fixture
def no_payments(settings: Any) -> None:
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""


def terms(vocabulary: str, *codes: str) -> list[Term]:
    return [Term.objects.get_or_create(vocabulary=vocabulary, code=c)[0] for c in codes]


@pytest.fixture
def bank(polku: Any) -> dict[str, Any]:
    """A region with an NGO that posts jobs, a unit with a group of three disability
    work activity participants, a unit elsewhere, and the region's organiser."""
    south = RegionFactory(slug="south", name_fi="Etelä")
    north = RegionFactory(slug="north", name_fi="Pohjoinen")
    lahti = MunicipalityFactory(code="398", name="Lahti", region=south)
    oulu = MunicipalityFactory(
        code="564", name="Oulu", region=north, lat=65.0, lon=25.5
    )
    ngo = OrganisationFactory(name="Seurakunta ry", kind="parish", region=south)
    unit_org = OrganisationFactory(name="Työkeskus ry", region=south)
    far_org = OrganisationFactory(name="Pohjoisen paja ry", region=north)
    county = OrganisationFactory(
        name="Etelän hyvinvointialue", kind="wellbeing_county", region=south
    )
    site = make_site(
        title="Työkeskus Verstas",
        organisation=unit_org,
        municipality=lahti,
        services=("disability", "rehabilitative"),
        tags=("mailing", "packing_assembly"),
        work_share_cents_per_day=600,
    )
    far_site = make_site(
        title="Pohjoinen paja",
        organisation=far_org,
        municipality=oulu,
        services=("disability",),
    )
    instructor = make_user(roles.INSTRUCTOR, organisation=county)
    people = []
    for name in ("Aino", "Bertta", "Cecilia"):
        client = make_client(
            instructor=instructor, name=name, service="disability", municipality=lahti
        )
        place(client, site)
        people.append(client)
    return {
        "south": south,
        "lahti": lahti,
        "oulu": oulu,
        "ngo": ngo,
        "unit_org": unit_org,
        "far_org": far_org,
        "site": site,
        "far_site": far_site,
        "poster": make_user(roles.POSTER, organisation=ngo, username="poster"),
        "other_poster": make_user(
            roles.POSTER, organisation=OrganisationFactory(region=south)
        ),
        "supervisor": make_user(
            roles.SUPERVISOR, organisation=unit_org, username="supervisor"
        ),
        "far_supervisor": make_user(roles.SUPERVISOR, organisation=far_org),
        "organiser": make_user(roles.ORGANISER, organisation=county),
        "far_organiser": make_user(
            roles.ORGANISER,
            organisation=OrganisationFactory(kind="wellbeing_county", region=north),
        ),
        "instructor": instructor,
        "admin": make_user(roles.PLATFORM_ADMIN, username="admin"),
        "people": people,
    }


def place(client: Any, site: Any, start: dt.date | None = None) -> Placement:
    start = start or timezone.localdate() - dt.timedelta(days=120)
    placement = Placement.objects.create(
        client=client, site=site, status=Placement.Status.ACTIVE, start_date=start
    )
    PlacementPeriod.objects.create(placement=placement, start=start)
    return placement


def ready_account(
    organisation: Any, fake: FakeStripe | None = None
) -> ConnectedAccount:
    """A payout account that finished onboarding (at the fake, when given)."""
    stripe_id = f"acct_ready_{organisation.pk}"
    if fake is not None:
        stripe_id = fake._account({"type": "express"})["id"]
        fake.complete_onboarding(stripe_id)
    return ConnectedAccount.objects.create(
        organisation=organisation,
        idempotency_key=f"polku-account-test-{organisation.pk}",
        stripe_account_id=stripe_id,
        details_submitted=True,
        payouts_enabled=True,
        transfers_active=True,
    )


def post_job(bank: dict[str, Any], *, publish: bool = True, **fields: Any) -> Job:
    """A job posted by the NGO's poster, approved by publishing its revision."""
    data = {
        "title": "Taita ja postita 800 jäsenkirjettä",
        "description": "Kirjeet taitetaan, kuoritetaan ja viedään postiin.",
        "municipality": bank["lahti"],
        "workers_needed": 3,
        "effort_days": 3,
        "deadline": timezone.localdate() + dt.timedelta(days=30),
        "price_cents": 60000,
        "remote": False,
    }
    data.update(fields)
    services = data.pop("services", terms("service", "disability"))
    tags = data.pop("tags", terms("tag", "mailing"))
    job = svc.job_post(
        actor=bank["poster"],
        organisation=bank["ngo"],
        services=services,
        tags=tags,
        replaces_no_paid_work=True,
        **data,
    )
    if publish:
        job.get_latest_revision().publish()
        job.refresh_from_db()
    return job


def taken_job(bank: dict[str, Any], **fields: Any) -> Job:
    job = post_job(bank, **fields)
    offer = svc.job_offer(
        actor=bank["supervisor"], job=job, site=bank["site"], workers=3
    )
    svc.offer_accept(actor=bank["poster"], offer=offer)
    return Job.objects.get(pk=job.pk)


def record_days(bank: dict[str, Any], job: Job, days: int = 3) -> list[JobWorkDay]:
    from marketplace.models import JobOffer
    from marketplace.money.services.workshare import work_days_record

    today = timezone.localdate()
    JobOffer.objects.filter(job=job, status="accepted").update(
        decided_at=timezone.now() - dt.timedelta(days=days + 1)
    )
    for n in range(days):
        work_days_record(
            actor=bank["supervisor"],
            job=job,
            date=today - dt.timedelta(days=n),
            clients=bank["people"],
        )
    return list(job.work_days.all())


def send_event(client: Any, event: dict[str, Any]) -> Any:
    """POST the event to the webhook, signed as Stripe signs it."""
    payload, header = signed(event)
    return client.post(
        "/oma/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def start_payment(bank: dict[str, Any], job: Job) -> Any:
    from marketplace.money.services.payments import payment_start

    return payment_start(
        actor=bank["poster"],
        job=job,
        success_url="https://polku.test/maksettu/",
        cancel_url="https://polku.test/tyo/",
    )


def pay(bank: dict[str, Any], job: Job, client: Any, capture: Any) -> Any:
    """The poster pays on the Checkout page (9,25 € Stripe fee); Stripe sends the
    webhook. ``capture`` is pytest-django's django_capture_on_commit_callbacks."""
    payment = start_payment(bank, job)
    event = bank["fake"].complete_checkout(payment.checkout_session_id, fee_cents=925)
    with capture(execute=True):
        assert send_event(client, event).status_code == 200
    payment.refresh_from_db()
    return payment
