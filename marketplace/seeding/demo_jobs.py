"""Demo jobs for ``make run``: the demo poster's jobs in the states a job goes
through, and the demo supervisor's group doing some of them.

Every job is made with the job bank's own services (posting, the organiser's
approval through the moderation workflow, offers, the status steps, work days), so
the demo shows nothing that Polku could not have produced itself. Without Stripe
keys the demo has no payments: the paid job stays open and says that payments are
off. Idempotent: a demo job that exists (by its id) is left as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import WorkflowState

from marketplace.jobs.services import jobs as svc
from marketplace.models import (
    Job,
    JobOffer,
    Municipality,
    Placement,
    Term,
    User,
    WorkSite,
)
from marketplace.money.services.workshare import work_days_record


@dataclass(frozen=True)
class DemoJob:
    key: str
    title: str
    description: str
    tags: tuple[str, ...]
    price_cents: int
    deadline_days: int
    stage: str  # waiting, open, offered, in_progress, delivered, closed


DEMO_JOBS = (
    DemoJob(
        "demo-j1",
        "Joulukorttien taittaminen ja postitus",
        "Noin 600 joulukorttia taitetaan, kuoritetaan ja viedään postiin. "
        "Tarvikkeet ovat valmiina seurakuntatalolla.",
        ("mailing", "office"),
        0,
        21,
        "waiting",
    ),
    DemoJob(
        "demo-j2",
        "Pihan haravointi ja lehtien kuljetus",
        "Seurakuntatalon pihan lehdet haravoidaan ja kuljetetaan kompostiin. "
        "Haravat ja kottikärryt löytyvät varastosta.",
        ("gardening", "property_maintenance"),
        0,
        14,
        "offered",
    ),
    DemoJob(
        "demo-j3",
        "Jäsenkirjeen pakkaus 800 kappaletta",
        "Jäsenkirjeet ja liitteet pakataan kuoriin ja lajitellaan postinumeron "
        "mukaan. Työn voi tehdä omissa tiloissanne.",
        ("packing_assembly", "mailing"),
        45000,
        30,
        "open",
    ),
    DemoJob(
        "demo-j4",
        "Kirpputorin lajittelupäivät",
        "Lahjoitetut vaatteet ja tavarat lajitellaan myyntikuntoon kahtena päivänä.",
        ("recycling", "sales"),
        0,
        10,
        "in_progress",
    ),
    DemoJob(
        "demo-j5",
        "Kerhotilan tuolien kunnostus",
        "Kymmenen puutuolin hionta ja lakkaus kerhotilaan.",
        ("woodwork",),
        0,
        20,
        "delivered",
    ),
    DemoJob(
        "demo-j6",
        "Ruoka-avun kassien pakkaaminen",
        "Ruoka-avun kassit pakattiin jakopäivää varten.",
        ("food_aid", "packing_assembly"),
        0,
        5,
        "closed",
    ),
)


def _approve(job: Job, organiser: User) -> None:
    state = WorkflowState.objects.filter(
        object_id=str(job.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).first()
    if state is None:
        return
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, organiser, "approve")
    job.refresh_from_db()


def _demo_site(supervisor: User) -> WorkSite | None:
    """The supervisor's site with the most active placements."""
    sites = WorkSite.objects.live().filter(organisation_id=supervisor.organisation_id)
    ranked = sorted(
        sites,
        key=lambda s: (
            -Placement.objects.filter(site=s, status=Placement.Status.ACTIVE).count(),
            s.title,
        ),
    )
    return ranked[0] if ranked else None


def demo_jobs_ensure(*, poster: User, supervisor: User, organiser: User) -> int:
    """Create the demo jobs that do not exist yet; returns how many there are."""
    site = _demo_site(supervisor)
    if poster.organisation is None or site is None:
        return 0
    services = list(Term.objects.filter(vocabulary="service"))
    municipality = site.municipality
    for demo in DEMO_JOBS:
        if Job.objects.filter(external_id=demo.key).exists():
            continue
        _create(demo, poster, supervisor, organiser, site, services, municipality)
    return Job.objects.filter(external_id__startswith="demo-j").count()


def _create(
    demo: DemoJob,
    poster: User,
    supervisor: User,
    organiser: User,
    site: WorkSite,
    services: list[Term],
    municipality: Municipality,
) -> None:
    job = svc.job_post(
        actor=poster,
        organisation=poster.organisation,
        services=services,
        tags=list(Term.objects.filter(vocabulary="tag", code__in=demo.tags)),
        replaces_no_paid_work=True,
        title=demo.title,
        description=demo.description,
        municipality=municipality,
        workers_needed=3,
        effort_days=2,
        deadline=timezone.localdate() + dt.timedelta(days=demo.deadline_days),
        price_cents=demo.price_cents,
        contact_name=poster.get_full_name(),
    )
    try:
        _advance(demo, job, poster, supervisor, organiser, site)
    finally:
        # after the approval: publishing a revision would write its empty id back
        Job.objects.filter(pk=job.pk).update(external_id=demo.key)


def _advance(
    demo: DemoJob,
    job: Job,
    poster: User,
    supervisor: User,
    organiser: User,
    site: WorkSite,
) -> None:
    """Take the job through the steps up to the demo job's stage."""
    if demo.stage == "waiting":
        return
    _approve(job, organiser)
    if demo.stage == "open":
        return
    offer = svc.job_offer(
        actor=supervisor,
        job=job,
        site=site,
        workers=3,
        message="Ryhmämme voi aloittaa ensi viikolla.",
    )
    if demo.stage == "offered":
        return
    svc.offer_accept(actor=poster, offer=offer)
    # the group took the job a week ago, so that it has work days behind it
    JobOffer.objects.filter(pk=offer.pk).update(
        decided_at=timezone.now() - dt.timedelta(days=7)
    )
    svc.job_start(actor=supervisor, job=job)
    participants = list(
        site.placements.filter(status=Placement.Status.ACTIVE)
        .select_related("client")
        .order_by("client__name")[:3]
    )
    for days_ago in (3, 2):
        day = timezone.localdate() - dt.timedelta(days=days_ago)
        for placement in participants:
            try:
                work_days_record(
                    actor=supervisor, job=job, date=day, clients=[placement.client]
                )
            except svc.JobRuleError:
                continue  # the participant's period does not cover that day
    if demo.stage == "in_progress":
        return
    svc.job_deliver(actor=supervisor, job=job, note="Valmista tuli.")
    if demo.stage == "delivered":
        return
    svc.job_accept(actor=poster, job=job)
    svc.job_close(actor=supervisor, job=job)
