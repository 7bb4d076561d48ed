"""The events that are told by e-mail, and to whom: one function per event, called
in one line by the service where it happens, inside its transaction.

Who hears of what (no one hears of more than they may see in Polku, and staff
e-mails never name the client):
- a visit booked, changed or cancelled, an agreement made: the client, and the
  supervisors of the site's organisation;
- a review due in two weeks: the client and their own worker;
- a held seat's return time ending within a week: the client, their own worker and
  the site's supervisors;
- a job approved or sent back: the job posters of the job's organisation;
- an offer accepted, a delivery accepted, a payout made: the supervisors of the
  unit that took the job;
- a network task due within three days or overdue: the staff member in Polku who
  took it on (never the client's name or the task's words: they read it in Polku);
- the next network meeting within a week: the client.

The ``*_recipients`` functions are asked again when a message is sent, so that
someone who no longer works with the client (or in the unit) is not told.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from marketplace.access import roles
from marketplace.models import (
    Job,
    JobOffer,
    JobTransfer,
    NetworkMeeting,
    NetworkTask,
    NotificationKind,
    Placement,
    User,
    WorkSite,
)
from marketplace.models.placements import REVIEW_DAYS_BEFORE_END
from marketplace.notifications.services import notify

K = NotificationKind
#: The review reminder goes this many days before the review meeting's date.
REVIEW_NOTICE_DAYS = 14
#: The return reminder goes this many days before a held seat is let go.
RETURN_NOTICE_DAYS = 7
#: Who of a placement's people hears of each placement event.
WITH_SUPERVISORS = (
    K.VISIT_BOOKED,
    K.VISIT_CANCELLED,
    K.AGREEMENT_MADE,
    K.RETURN_ENDING,
)
WITH_OWN_WORKER = (K.REVIEW_DUE, K.RETURN_ENDING)
#: The role in the organisation that hears of each job-bank event.
JOB_EVENT_ROLE: dict[str, str] = {
    K.JOB_APPROVED: roles.POSTER,
    K.JOB_SENT_BACK: roles.POSTER,
    K.OFFER_ACCEPTED: roles.SUPERVISOR,
    K.DELIVERY_ACCEPTED: roles.SUPERVISOR,
    K.PAYOUT_MADE: roles.SUPERVISOR,
}
#: The staff roles who may take on a task in a client's network and see it in Polku.
NETWORK_STAFF_ROLES = (roles.INSTRUCTOR, roles.SUPERVISOR)


def organisation_recipients(kind: str, organisation_id: int | None) -> list[User]:
    """The active members of the organisation in the role that hears of ``kind``."""
    if organisation_id is None:
        return []
    return list(
        User.objects.filter(
            groups__name=JOB_EVENT_ROLE[kind],
            organisation_id=organisation_id,
            is_active=True,
        ).distinct()
    )


def placement_recipients(kind: str, placement: Placement) -> list[User]:
    """The client (if they log in), and by kind the site's supervisors and the
    client's own worker."""
    client = placement.client
    people: list[User] = [client.user] if client.user is not None else []
    if kind in WITH_OWN_WORKER and client.instructor is not None:
        people.append(client.instructor)
    if kind in WITH_SUPERVISORS:
        people += User.objects.filter(
            groups__name=roles.SUPERVISOR,
            organisation_id=placement.site.organisation_id,
            is_active=True,
        ).distinct()
    return people


def _placement_event(kind: str, placement: Placement, key: str, **params: str) -> int:
    return len(
        notify(
            kind=kind,
            recipients=placement_recipients(kind, placement),
            key=f"{placement.pk}:{key}",
            params={"placement": str(placement.pk), **params},
        )
    )


def visit_booked(placement: Placement) -> None:
    """An introductory visit was booked, or moved to another time."""
    if placement.visit_at is not None:
        when = placement.visit_at.isoformat()
        _placement_event(K.VISIT_BOOKED, placement, when, visit_at=when)


def visit_cancelled(placement: Placement, visit_at: dt.datetime | None) -> None:
    """A booked introductory visit will not happen: the placement was cancelled
    before its agreement. A visit already in the past is not news."""
    if visit_at is not None and visit_at > timezone.now():
        when = visit_at.isoformat()
        _placement_event(K.VISIT_CANCELLED, placement, when, visit_at=when)


def agreement_made(placement: Placement) -> None:
    """The first period was agreed: the placement starts on its start date."""
    _placement_event(K.AGREEMENT_MADE, placement, str(placement.start_date))


def _job_event(kind: str, job_id: int, organisation_id: int | None, key: str) -> None:
    notify(
        kind=kind,
        recipients=organisation_recipients(kind, organisation_id),
        key=key,
        params={"job": job_id, "organisation": organisation_id},
    )


def offer_accepted(offer: JobOffer) -> None:
    """The poster chose this group's offer."""
    _job_event(
        K.OFFER_ACCEPTED, offer.job_id, offer.site.organisation_id, str(offer.pk)
    )


def delivery_accepted(job: Job, site: WorkSite | None) -> None:
    """The poster (or the end of the acceptance period) accepted the work that
    the group of ``site`` delivered."""
    organisation_id = site.organisation_id if site is not None else None
    _job_event(K.DELIVERY_ACCEPTED, job.pk, organisation_id, str(job.pk))


def payout_made(transfer: JobTransfer) -> None:
    """The job's money reached the unit's account."""
    organisation_id = transfer.site.organisation_id
    _job_event(K.PAYOUT_MADE, transfer.job_id, organisation_id, str(transfer.pk))


def job_moderated(job: Job, *, approved: bool, decision_id: int) -> None:
    """An organiser approved the job to the job bank, or sent it back."""
    kind = K.JOB_APPROVED if approved else K.JOB_SENT_BACK
    _job_event(kind, job.pk, job.organisation_id, f"{job.pk}:{decision_id}")


def reminders_send(*, today: dt.date) -> dict[str, int]:
    """The daily reminders: reviews due within two weeks, returns ending within a
    week. Safe to run twice or late: each is told once per period or hold."""
    people = ("client__user", "client__instructor", "site")
    ends_from = today + dt.timedelta(days=REVIEW_DAYS_BEFORE_END)
    reviews = Placement.objects.filter(
        status__in=(Placement.Status.AGREED, Placement.Status.ACTIVE),
        planned_end__range=(ends_from, ends_from + dt.timedelta(REVIEW_NOTICE_DAYS)),
    ).select_related(*people)
    returns = Placement.objects.filter(
        status=Placement.Status.HELD,
        held_until__range=(today, today + dt.timedelta(days=RETURN_NOTICE_DAYS)),
    ).select_related(*people)
    return {
        "review_due": sum(
            _placement_event(K.REVIEW_DUE, p, str(p.planned_end)) for p in reviews
        ),
        "return_ending": sum(
            _placement_event(K.RETURN_ENDING, p, str(p.held_until)) for p in returns
        ),
    }


def network_task_recipients(task: NetworkTask) -> list[User]:
    """The staff member in Polku who took the task on, while they still work in
    the region of the client's own worker (who named them to the network)."""
    user = task.actor.user
    if user is None or not user.is_active:
        return []
    if not any(user.has_role(role) for role in NETWORK_STAFF_ROLES):
        return []
    instructor = task.plan.client.instructor
    if instructor is None or user.region_id != instructor.region_id:
        return []
    return [user]


def network_task_due(task: NetworkTask, *, overdue: bool) -> int:
    """An open task of a network plan is due soon, or its day has passed. Told
    once for each of the two and each due date."""
    when = "overdue" if overdue else "due"
    return len(
        notify(
            kind=K.NETWORK_TASK_DUE,
            recipients=network_task_recipients(task),
            key=f"{task.pk}:{when}:{task.due}",
            params={"task": str(task.pk), "due": str(task.due), "overdue": overdue},
        )
    )


def network_meeting_recipients(meeting: NetworkMeeting) -> list[User]:
    """The client, if they log in to Polku."""
    user = meeting.plan.client.user
    return [user] if user is not None else []


def network_meeting_coming(meeting: NetworkMeeting) -> int:
    """The next meeting of the client's network (set at ``meeting``) is soon."""
    if meeting.next_meeting is None:
        return 0
    day = str(meeting.next_meeting)
    return len(
        notify(
            kind=K.NETWORK_MEETING,
            recipients=network_meeting_recipients(meeting),
            key=f"{meeting.plan_id}:{day}",
            params={"plan": str(meeting.plan_id), "date": day},
        )
    )
