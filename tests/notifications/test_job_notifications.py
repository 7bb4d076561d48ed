"""The job bank's events: a job approved or sent back (to its posters, once — not
again by Wagtail), an offer accepted, a delivery accepted, a payout made (to the
supervisors of the unit that took the job)."""

from __future__ import annotations

from django.core import mail
from wagtail.models import WorkflowState

from marketplace.access import roles
from marketplace.jobs.services import jobs as svc
from marketplace.models import Notification
from tests.factories.accounts import make_user
from tests.factories.jobs import post_job, record_days, taken_job
from tests.factories.money import pay, ready_account


def with_addresses(*users):  # type: ignore[no-untyped-def]
    for user in users:
        user.email = f"{user.username}@example.org"
        user.save()


def decide(job, organiser, action):  # type: ignore[no-untyped-def]
    state = WorkflowState.objects.get(object_id=str(job.pk), status="in_progress")
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, organiser, action)


def test_an_approved_job_is_told_to_its_posters_once(
    bank, django_capture_on_commit_callbacks
):
    with_addresses(bank["poster"], bank["organiser"], bank["other_poster"])
    job = post_job(bank, publish=False)
    mail.outbox.clear()  # Wagtail tells the moderators of the submission

    with django_capture_on_commit_callbacks(execute=True):
        decide(job, bank["organiser"], "approve")

    assert [m.to[0] for m in mail.outbox] == [bank["poster"].email]
    assert mail.outbox[0].subject.startswith("Työsi on työpankissa: ")
    assert f"/oma/tyopankki/{job.pk}/" in mail.outbox[0].body


def test_a_job_sent_back_is_told_with_a_link_to_edit_it(
    bank, django_capture_on_commit_callbacks
):
    with_addresses(bank["poster"])
    job = post_job(bank, publish=False)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        decide(job, bank["organiser"], "reject")

    (message,) = mail.outbox
    assert message.subject.startswith("Työsi tarvitsee muutoksia: ")
    assert f"/oma/tyopankki/{job.pk}/muokkaa/" in message.body


def test_offer_delivery_and_payout_reach_the_units_supervisors(
    bank, stripe_fake, client, django_capture_on_commit_callbacks
):
    colleague = make_user(roles.SUPERVISOR, organisation=bank["unit_org"])
    with_addresses(bank["supervisor"], colleague, bank["far_supervisor"])
    ready_account(bank["unit_org"], stripe_fake)
    bank["fake"] = stripe_fake

    with django_capture_on_commit_callbacks(execute=True):
        job = taken_job(bank)
    pay(bank, job, client, django_capture_on_commit_callbacks)
    svc.job_start(actor=bank["supervisor"], job=job)
    record_days(bank, job, days=1)
    svc.job_deliver(actor=bank["supervisor"], job=job)
    with django_capture_on_commit_callbacks(execute=True):
        svc.job_accept(actor=bank["poster"], job=job)

    kinds = sorted(Notification.objects.values_list("kind", "recipient__username"))
    assert kinds == sorted(
        (kind, user.username)
        for kind in ("offer_accepted", "delivery_accepted", "payout_made")
        for user in (bank["supervisor"], colleague)
    )
    assert Notification.objects.exclude(status="sent").count() == 0
    payout = [m for m in mail.outbox if "rahat ovat tulleet" in m.subject]
    assert len(payout) == 2 and "600,00" in payout[0].body
