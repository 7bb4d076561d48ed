"""Job bank: posting, moderation, offers and every status change of a job."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from wagtail.models import WorkflowState

from marketplace.jobs.services import disputes as dsvc
from marketplace.jobs.services import jobs as svc
from marketplace.models import Job, JobEvent, JobOffer, JobProgress
from tests.factories.accounts import OrganisationFactory, make_user
from tests.factories.jobs import post_job, taken_job
from tests.factories.money import ready_account
from tests.factories.sites import terms


def test_a_posted_job_waits_for_the_organisers_approval(bank):
    # When the NGO's poster posts a job
    job = post_job(bank, publish=False, price_cents=0)
    # then it is a draft page under the job bank, in moderation, open for offers later
    assert not job.live
    assert job.get_parent().specific_class.__name__ == "JobBankPage"
    state = WorkflowState.objects.get(object_id=str(job.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert JobProgress.objects.get(job=job).status == "published"
    # and who posted it is recorded
    event = JobEvent.objects.get(job=job)
    assert event.actor == bank["poster"] and event.to_status == "published"


def test_only_an_organiser_of_the_jobs_region_approves_it(bank):
    job = post_job(bank, publish=False)
    task = WorkflowState.objects.get(object_id=str(job.pk)).current_task_state.task
    task = task.specific
    assert task.get_actions(job, bank["far_organiser"]) == []
    assert task.get_actions(job, bank["poster"]) == []
    assert "approve" in [a[0] for a in task.get_actions(job, bank["organiser"])]
    assert not task.get_task_states_user_can_moderate(bank["far_organiser"]).exists()
    assert task.get_task_states_user_can_moderate(bank["organiser"]).exists()


def test_a_company_cannot_post_a_job_for_rehabilitative_work_activity(bank):
    company = OrganisationFactory(kind="company", business_id="", region=bank["south"])
    poster = make_user("poster", organisation=company)
    with translation.override("en"), pytest.raises(svc.JobRuleError, match="company"):
        svc.job_post(
            actor=poster,
            organisation=company,
            services=terms("service", "rehabilitative", "disability"),
            tags=[],
            replaces_no_paid_work=True,
            title="Varaston inventaario",
            description="Laskenta",
            municipality=bank["lahti"],
            workers_needed=2,
            effort_days=2,
            deadline=timezone.localdate() + dt.timedelta(days=9),
            price_cents=0,
        )
    assert not Job.objects.exists()
    # but it may post one for disability work activity
    job = svc.job_post(
        actor=poster,
        organisation=company,
        services=terms("service", "disability"),
        tags=[],
        replaces_no_paid_work=True,
        title="Varaston inventaario",
        description="Laskenta",
        municipality=bank["lahti"],
        workers_needed=2,
        effort_days=2,
        deadline=timezone.localdate() + dt.timedelta(days=9),
        price_cents=0,
    )
    assert job.organisation == company


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"replaces_no_paid_work": False}, "does not replace paid work"),
        ({"deadline": dt.date(2020, 1, 1)}, "past"),
        ({"services": []}, "at least one service"),
    ],
)
def test_a_job_is_refused_without_its_required_parts(bank, change, message):
    data = {
        "services": terms("service", "disability"),
        "tags": [],
        "replaces_no_paid_work": True,
        "title": "Pihatalkoot",
        "description": "Haravointi",
        "municipality": bank["lahti"],
        "workers_needed": 2,
        "effort_days": 1,
        "deadline": timezone.localdate() + dt.timedelta(days=5),
        "price_cents": 0,
        **change,
    }
    with translation.override("en"), pytest.raises(svc.JobRuleError, match=message):
        svc.job_post(actor=bank["poster"], organisation=bank["ngo"], **data)
    assert not Job.objects.exists()


def test_a_poster_posts_only_for_their_own_organisation(bank):
    with pytest.raises(PermissionDenied):
        svc.job_post(
            actor=bank["other_poster"],
            organisation=bank["ngo"],
            services=terms("service", "disability"),
            tags=[],
            replaces_no_paid_work=True,
            title="x",
            description="y",
            municipality=bank["lahti"],
            workers_needed=1,
            effort_days=1,
            deadline=timezone.localdate(),
            price_cents=0,
        )


def test_supervisor_offers_and_the_poster_accepts_one_offer(bank):
    job = post_job(bank, price_cents=0)
    far = bank["far_site"]
    mine = svc.job_offer(
        actor=bank["supervisor"], job=job, site=bank["site"], workers=3
    )
    theirs = svc.job_offer(actor=bank["far_supervisor"], job=job, site=far, workers=2)
    # When the poster accepts the first offer
    progress = svc.offer_accept(actor=bank["poster"], offer=mine)
    # then the job is taken by that group and the other offer is not chosen
    assert progress.status == "taken" and progress.site == bank["site"]
    theirs.refresh_from_db()
    assert theirs.status == JobOffer.Status.DECLINED
    # and a second acceptance is refused with a message
    with (
        translation.override("en"),
        pytest.raises(svc.JobRuleError, match="not possible now"),
    ):
        svc.offer_accept(actor=bank["poster"], offer=theirs)


@pytest.mark.parametrize(
    "case", ["twice", "own_job", "service", "not_live", "deadline", "workers"]
)
def test_an_offer_that_breaks_a_rule_is_refused(bank, case):
    job = post_job(bank, price_cents=0, publish=case != "not_live")
    site, supervisor = bank["site"], bank["supervisor"]
    workers = 0 if case == "workers" else 3
    if case == "twice":
        svc.job_offer(actor=supervisor, job=job, site=site, workers=3)
    if case == "own_job":
        job.organisation = bank["unit_org"]
        job.save()
    if case == "service":
        job.services.set(terms("service", "rehabilitative"))
        site = bank["far_site"]
        supervisor = bank["far_supervisor"]
    if case == "deadline":
        Job.objects.filter(pk=job.pk).update(deadline=dt.date(2020, 1, 1))
        job.refresh_from_db()
    with pytest.raises(svc.JobRuleError):
        svc.job_offer(actor=supervisor, job=job, site=site, workers=workers)
    assert job.offers.filter(status="pending").count() == (1 if case == "twice" else 0)


def test_an_offer_for_another_organisations_site_is_refused(bank):
    job = post_job(bank, price_cents=0)
    with pytest.raises(PermissionDenied):
        svc.job_offer(
            actor=bank["far_supervisor"], job=job, site=bank["site"], workers=1
        )


def test_paid_jobs_need_payments_configured(bank, no_payments):
    job = post_job(bank)
    with (
        translation.override("en"),
        pytest.raises(svc.JobRuleError, match="Payments are not configured"),
    ):
        svc.job_offer(actor=bank["supervisor"], job=job, site=bank["site"], workers=3)


def test_paid_jobs_need_the_units_payout_account_ready(bank, stripe_fake):
    job = post_job(bank)
    with (
        translation.override("en"),
        pytest.raises(svc.JobRuleError, match="payout account"),
    ):
        svc.job_offer(actor=bank["supervisor"], job=job, site=bank["site"], workers=3)
    ready_account(bank["unit_org"], stripe_fake)
    assert svc.job_offer(
        actor=bank["supervisor"], job=job, site=bank["site"], workers=3
    ).pk


def test_an_unpaid_job_walks_from_taken_to_closed_and_records_who_did_what(bank):
    job = taken_job(bank, price_cents=0)
    supervisor, poster = bank["supervisor"], bank["poster"]
    svc.job_start(actor=supervisor, job=job)
    svc.job_deliver(actor=supervisor, job=job, note="Valmis")
    svc.job_accept(actor=poster, job=job)
    svc.job_close(actor=supervisor, job=job)
    steps = list(
        JobEvent.objects.filter(job=job)
        .exclude(from_status="published", to_status="published")
        .values_list("to_status", "actor__username")
    )
    assert steps == [
        ("published", "poster"),  # sent for approval
        ("published", None),  # open for offers (published here without moderation)
        ("taken", "poster"),
        ("in_progress", "supervisor"),
        ("delivered", "supervisor"),
        ("accepted", "poster"),
        ("closed", "supervisor"),
    ]


@pytest.mark.parametrize(
    ("step", "who"),
    [
        ("job_deliver", "supervisor"),
        ("job_accept", "poster"),
        ("job_close", "supervisor"),
    ],
)
def test_an_illegal_transition_is_refused_with_a_message(bank, step, who):
    job = taken_job(bank, price_cents=0)
    with (
        translation.override("en"),
        pytest.raises(svc.JobRuleError, match="not possible now"),
    ):
        getattr(svc, step)(actor=bank[who], job=job)
    assert JobProgress.objects.get(job=job).status == "taken"


def test_only_the_group_that_took_the_job_moves_it(bank):
    job = taken_job(bank, price_cents=0)
    for outsider in ("far_supervisor", "poster", "organiser"):
        with pytest.raises(PermissionDenied):
            svc.job_start(actor=bank[outsider], job=job)


def test_a_delivery_is_accepted_automatically_after_14_days_unless_disputed(bank):
    quiet = taken_job(bank, price_cents=0)
    disputed = taken_job(bank, price_cents=0, title="Toinen")
    for job in (quiet, disputed):
        svc.job_start(actor=bank["supervisor"], job=job)
        svc.job_deliver(actor=bank["supervisor"], job=job)
    dsvc.job_dispute(actor=bank["poster"], job=disputed, reason="Puolet puuttuu")
    later = timezone.now() + dt.timedelta(days=13)
    assert svc.auto_accept_due(later) == []
    later = timezone.now() + dt.timedelta(days=14, minutes=1)
    # When the daily run comes 14 days after delivery (twice)
    assert svc.auto_accept_due(later) == [quiet.pk]
    assert svc.auto_accept_due(later) == []
    # then the quiet one is accepted by Polku, the disputed one waits
    assert JobProgress.objects.get(job=quiet).status == "accepted"
    assert JobProgress.objects.get(job=disputed).status == "disputed"
    event = JobEvent.objects.filter(job=quiet).last()
    assert event.actor is None and event.detail == {"automatic": True}


def test_a_dispute_is_resolved_by_the_organiser_of_the_jobs_region(bank):
    job = taken_job(bank, price_cents=0)
    svc.job_start(actor=bank["supervisor"], job=job)
    svc.job_deliver(actor=bank["supervisor"], job=job)
    with (
        translation.override("en"),
        pytest.raises(svc.JobRuleError, match="what is wrong"),
    ):
        dsvc.job_dispute(actor=bank["poster"], job=job, reason="  ")
    dsvc.job_dispute(actor=bank["poster"], job=job, reason="Kuoret väärin")
    with pytest.raises(PermissionDenied):
        dsvc.dispute_resolve(actor=bank["far_organiser"], job=job, unit_share_cents=0)
    progress = dsvc.dispute_resolve(actor=bank["organiser"], job=job, note="Korjattu")
    assert progress.status == "accepted"


def test_the_organiser_may_cancel_a_disputed_unpaid_job(bank):
    job = taken_job(bank, price_cents=0)
    svc.job_start(actor=bank["supervisor"], job=job)
    svc.job_deliver(actor=bank["supervisor"], job=job)
    dsvc.job_dispute(actor=bank["poster"], job=job, reason="Ei tehty")
    progress = dsvc.dispute_resolve(actor=bank["organiser"], job=job, accept=False)
    assert progress.status == "cancelled"


def test_the_poster_cancels_before_delivery_but_not_after(bank):
    job = taken_job(bank, price_cents=0)
    svc.job_start(actor=bank["supervisor"], job=job)
    svc.job_deliver(actor=bank["supervisor"], job=job)
    with pytest.raises(svc.JobRuleError):
        dsvc.job_cancel(actor=bank["poster"], job=job)
    other = post_job(bank, price_cents=0, title="Peruttava")
    svc.job_offer(actor=bank["supervisor"], job=other, site=bank["site"], workers=1)
    progress = dsvc.job_cancel(actor=bank["poster"], job=other, reason="Ei tarvita")
    assert progress.status == "cancelled"
    assert not other.offers.filter(status="pending").exists()


def test_a_poster_edits_an_open_job_and_the_change_waits_for_approval(bank):
    job = post_job(bank, price_cents=0)
    svc.job_update(
        actor=bank["poster"],
        job=job,
        services=terms("service", "disability"),
        tags=terms("tag", "office"),
        title="Uusi otsikko",
        description=job.description,
        municipality=bank["lahti"],
        workers_needed=2,
        effort_days=2,
        deadline=job.deadline,
        price_cents=0,
    )
    job.refresh_from_db()
    assert job.title != "Uusi otsikko"  # the live page is as approved
    assert job.get_latest_revision_as_object().title == "Uusi otsikko"
    assert job.has_unpublished_changes
    # and once a group has taken the job its terms no longer change
    offer = svc.job_offer(
        actor=bank["supervisor"], job=job, site=bank["site"], workers=2
    )
    svc.offer_accept(actor=bank["poster"], offer=offer)
    with pytest.raises(svc.JobRuleError):
        svc.job_update(
            actor=bank["poster"],
            job=job,
            services=terms("service", "disability"),
            tags=[],
            title="Vielä uusi",
            description="x",
            municipality=bank["lahti"],
            workers_needed=2,
            effort_days=2,
            deadline=job.deadline,
            price_cents=0,
        )
    assert not job.permissions_for_user(bank["poster"]).can_edit()
