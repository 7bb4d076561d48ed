"""Reads of network plans, each scoped: the client's own worker sees the plan, a
staff actor sees the open tasks given to them, the client sees their own plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from marketplace.access import permissions
from marketplace.models import (
    Client,
    NetworkMeeting,
    NetworkPlan,
    NetworkTask,
    User,
)


def plan_of(client: Client) -> NetworkPlan | None:
    """The client's plan with its meetings, participants and tasks."""
    return (
        NetworkPlan.objects.filter(client=client)
        .prefetch_related(
            Prefetch(
                "meetings",
                queryset=NetworkMeeting.objects.select_related(
                    "coordinator"
                ).prefetch_related("participants"),
            ),
            Prefetch(
                "tasks",
                queryset=NetworkTask.objects.select_related("actor", "reviewed_at"),
            ),
            "actors",
        )
        .first()
    )


def managed_plan(user: User, client: Client) -> NetworkPlan | None:
    if not permissions.can_manage_network_plan(user, client):
        return None
    return plan_of(client)


@dataclass(frozen=True)
class PlanSummary:
    """What the client's page says of their network plan."""

    plan: NetworkPlan | None
    open_tasks: list[NetworkTask]
    next_meeting: dt.date | None


def plan_summary(user: User, client: Client) -> PlanSummary | None:
    """The open tasks (soonest first) and the next meeting of the client's plan,
    for the client's own worker; ``None`` for anyone else."""
    if not permissions.can_manage_network_plan(user, client):
        return None
    plan = NetworkPlan.objects.filter(client=client).first()
    if plan is None:
        return PlanSummary(None, [], None)
    tasks = list(
        plan.tasks.filter(status=NetworkTask.Status.OPEN)
        .select_related("actor")
        .order_by("due", "description")
    )
    latest = plan.meetings.order_by("-date", "-created_at").first()
    return PlanSummary(plan, tasks, latest.next_meeting if latest else None)


def own_plan(client: Client) -> NetworkPlan | None:
    return plan_of(client)


def meeting_for(user: User, pk: Any) -> NetworkMeeting | None:
    """A meeting of a client the user manages."""
    meeting = (
        NetworkMeeting.objects.select_related("plan__client", "coordinator")
        .filter(pk=pk)
        .first()
    )
    if meeting is None or not permissions.can_manage_network_plan(
        user, meeting.plan.client
    ):
        return None
    return meeting


def open_tasks_for(user: User) -> QuerySet[NetworkTask]:
    """The open tasks given to this staff user across the clients, soonest first."""
    return (
        NetworkTask.objects.filter(actor__user=user, status=NetworkTask.Status.OPEN)
        .select_related("plan__client", "actor")
        .order_by("due", "pk")
    )


def tasks_due_soon(
    day: dt.date, *, until: dt.date | None = None
) -> QuerySet[NetworkTask]:
    """Open tasks due from ``day`` to ``until`` (``day`` alone by default) whose
    actor uses Polku: what a reminder is sent for (``network/reminders.py``)."""
    return NetworkTask.objects.filter(
        status=NetworkTask.Status.OPEN,
        due__range=(day, until or day),
        actor__user__isnull=False,
    ).select_related("actor__user", "plan__client__instructor__organisation")


def meetings_coming(first: dt.date, last: dt.date) -> QuerySet[NetworkMeeting]:
    """The latest meeting of each plan whose next meeting falls from ``first`` to
    ``last`` (a later meeting has replaced an earlier one's plan for the next)."""
    later = NetworkMeeting.objects.filter(plan=OuterRef("plan")).filter(
        Q(date__gt=OuterRef("date"))
        | Q(date=OuterRef("date"), created_at__gt=OuterRef("created_at"))
    )
    return (
        NetworkMeeting.objects.filter(next_meeting__range=(first, last))
        .exclude(Exists(later))
        .select_related("plan__client__user")
    )
