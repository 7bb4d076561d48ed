"""The job bank: a region with a poster, a unit and its participants, and jobs in
any state (posted, taken, with work days)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from marketplace.access import roles
from marketplace.jobs.services import jobs as svc
from marketplace.models import Job, JobWorkDay
from tests.factories.accounts import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    make_user,
)
from tests.factories.clients import make_client, make_placement
from tests.factories.sites import make_site, terms


def job_bank_world() -> dict[str, Any]:
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
        make_placement(client, site)
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
