"""The network plan's state changes.

Rules enforced here:

* only the client's own worker records meetings, the plan and tasks;
* every meeting records that the client agreed to what is written (nothing about
  health beyond what the client agrees to have written as a goal or a task);
* actors outside Polku are a role and an organisation; a staff actor may be linked
  to a Polku user of the same region, so they see their open tasks;
* a task belongs to an actor of the same plan and is due on or after the meeting;
* at a review every open task gets what happened to it, and the decided next step
  may start the held-return path or end the placement with its reason, through the
  placement services (their rules apply there);
* every change is written to the client's access log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.clients.services import placements as placement_services
from marketplace.clients.services.access_log import access_record
from marketplace.models import (
    AccessLogEntry,
    Client,
    NetworkActor,
    NetworkMeeting,
    NetworkPlan,
    NetworkTask,
    Placement,
    User,
)

#: The client's own place in their network (shown as "the client", translated).
CLIENT_ROLE = "client"
#: A task still to be done (or carried over at a review).
OPEN = NetworkTask.Status.OPEN
#: What an actor says a task came to at the review.
REVIEW_STATUSES = (
    NetworkTask.Status.DONE,
    NetworkTask.Status.NOT_DONE,
    NetworkTask.Status.DROPPED,
    NetworkTask.Status.OPEN,  # continues to the next meeting
)


class NetworkError(ValueError):
    """A change that breaks a rule of the plan (the message is for the user)."""


@dataclass(frozen=True)
class ActorInput:
    role: str
    organisation: str = ""
    user: User | None = None
    is_client: bool = False


@dataclass(frozen=True)
class TaskReview:
    task: NetworkTask
    status: str
    outcome: str


def _check(actor: User, client: Client) -> None:
    if not permissions.can_manage_network_plan(actor, client):
        raise NetworkError(_("Only the client's own worker records the network plan."))


def _log(actor: User, client: Client) -> None:
    access_record(
        actor=actor,
        client=client,
        action=AccessLogEntry.Action.EDIT,
        subject=AccessLogEntry.Subject.NETWORK,
        purpose=AccessLogEntry.Purpose.OWN_WORKER,
    )


@transaction.atomic
def network_meeting_record(
    *,
    actor: User,
    client: Client,
    kind: str,
    date: dt.date,
    starting_point: str,
    goals: str,
    participants: Sequence[ActorInput],
    coordinator_index: int,
    next_meeting: dt.date | None,
    client_agreed: bool,
) -> NetworkMeeting:
    """Record a network meeting: who took part (by role and organisation), who
    coordinates, the starting point and goals in the client's words, the next date."""
    _check(actor, client)
    if not client_agreed:
        raise NetworkError(
            _("Write only what the client agrees to, and tick that they agreed.")
        )
    if not participants:
        raise NetworkError(_("Name at least one participant by role."))
    if not 0 <= coordinator_index < len(participants):
        raise NetworkError(_("Choose who coordinates among the participants."))
    if next_meeting is not None and next_meeting <= date:
        raise NetworkError(_("The next meeting must be after this one."))
    for p in participants:
        if p.user is not None and p.user.region_id != actor.region_id:
            raise NetworkError(_("A Polku user in the network must be of your region."))
    plan, _created = NetworkPlan.objects.get_or_create(
        client=client,
        defaults={
            "starting_point": starting_point,
            "goals": goals,
            "created_by": actor,
        },
    )
    plan.starting_point, plan.goals = starting_point.strip(), goals.strip()
    plan.save(update_fields=["starting_point", "goals", "updated_at"])
    actors = [_actor(plan, p) for p in participants]
    meeting = NetworkMeeting.objects.create(
        plan=plan,
        kind=kind,
        date=date,
        coordinator=actors[coordinator_index],
        next_meeting=next_meeting,
        client_agreed=True,
        recorded_by=actor,
    )
    meeting.participants.set(actors)
    _log(actor, client)
    return meeting


def _actor(plan: NetworkPlan, given: ActorInput) -> NetworkActor:
    """The plan's actor with this role and organisation (the same one next time)."""
    found, _created = NetworkActor.objects.get_or_create(
        plan=plan,
        role=given.role.strip(),
        organisation=given.organisation.strip(),
        defaults={"user": given.user, "is_client": given.is_client},
    )
    if given.user is not None and found.user_id != given.user.pk:
        found.user = given.user
        found.save(update_fields=["user"])
    return found


@transaction.atomic
def network_task_add(
    *,
    actor: User,
    meeting: NetworkMeeting,
    task_actor: NetworkActor,
    description: str,
    due: dt.date,
) -> NetworkTask:
    """An actor takes on a task at a meeting, with a due date."""
    client = meeting.plan.client
    _check(actor, client)
    if task_actor.plan_id != meeting.plan_id:
        raise NetworkError(_("Choose someone in this client's network."))
    if due < meeting.date:
        raise NetworkError(_("The due date cannot be before the meeting."))
    task = NetworkTask.objects.create(
        plan=meeting.plan,
        agreed_at=meeting,
        actor=task_actor,
        description=description.strip(),
        due=due,
    )
    _log(actor, client)
    return task


@transaction.atomic
def network_review_record(
    *,
    actor: User,
    meeting: NetworkMeeting,
    reviews: Sequence[TaskReview],
    next_step: str,
    next_step_note: str,
    placement: Placement | None = None,
    placement_change: str = "",
    exit_reason: str = "",
    hold_weeks: int | None = None,
) -> NetworkMeeting:
    """At a review: what happened to each open task, and the decided next step.

    ``placement_change`` ``"hold"`` starts the held-return path (the seat is kept
    while the client tries the next step); ``"end"`` ends the placement with
    ``exit_reason``; both through the placement services and their rules."""
    client = meeting.plan.client
    _check(actor, client)
    if meeting.kind != NetworkMeeting.Kind.REVIEW:
        raise NetworkError(_("Tasks are reviewed at a review meeting."))
    for review in reviews:
        if review.task.plan_id != meeting.plan_id:
            raise NetworkError(_("A task of another plan cannot be reviewed here."))
        if review.status not in REVIEW_STATUSES:
            raise NetworkError(_("Choose what happened to each task."))
        review.task.status = review.status
        review.task.outcome = review.outcome.strip()
        review.task.reviewed_at = meeting
        review.task.save(update_fields=["status", "outcome", "reviewed_at"])
    meeting.next_step = next_step
    meeting.next_step_note = next_step_note.strip()
    meeting.save(update_fields=["next_step", "next_step_note"])
    if placement_change:
        _change_placement(
            actor,
            client,
            placement,
            placement_change,
            end_date=meeting.date,
            exit_reason=exit_reason,
            hold_weeks=hold_weeks,
        )
    _log(actor, client)
    return meeting


def _change_placement(
    actor: User,
    client: Client,
    placement: Placement | None,
    change: str,
    *,
    end_date: dt.date,
    exit_reason: str,
    hold_weeks: int | None,
) -> None:
    if placement is None or placement.client_id != client.pk:
        raise NetworkError(_("Choose the client's placement."))
    try:
        if change == "hold":
            placement_services.placement_hold(
                actor=actor,
                placement=placement,
                end_date=end_date,
                exit_reason=exit_reason,
                weeks=hold_weeks or 0,
            )
        elif change == "end":
            placement_services.placement_end(
                actor=actor,
                placement=placement,
                end_date=end_date,
                exit_reason=exit_reason,
            )
        else:
            raise NetworkError(_("Choose what happens to the placement."))
    except placement_services.PlacementRuleError as exc:
        raise NetworkError(str(exc)) from exc
