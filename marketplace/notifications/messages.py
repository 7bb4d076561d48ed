"""A notification as an e-mail: rendered when it is sent, in the recipient's
language, from ``templates/notifications/<kind>.txt`` (subject, a line ``---``,
then the body), with the ``.ics`` file of a visit or a review attached.

Each kind's loader reads the event's objects from the row's ids and returns the
template's context and the people the event concerns *now*; a recipient no longer
among them is not told (:class:`Skip`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from marketplace.access import roles
from marketplace.models import (
    Job,
    JobTransfer,
    NetworkMeeting,
    NetworkPlan,
    NetworkTask,
    Notification,
    NotificationKind,
    Placement,
    User,
)
from marketplace.notifications import events, ics

K = NotificationKind
SUBJECT_SEPARATOR = "\n---\n"


class Skip(Exception):
    """The notification is no longer for its recipient (the reason, for the log)."""


@dataclass
class Content:
    context: dict[str, Any]
    concerns: list[User]
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


def _placement(row: Notification) -> Placement:
    placement = (
        Placement.objects.select_related(
            "client__user", "client__instructor", "site__municipality"
        )
        .filter(pk=row.params.get("placement"))
        .first()
    )
    if placement is None:
        raise Skip("placement gone")
    return placement


def _placement_link(row: Notification, placement: Placement) -> str:
    """The client's own page for the client, the client's page for their worker,
    the dashboard for a supervisor."""
    user = row.recipient
    if placement.client.user_id == user.pk:
        return reverse("my_page")
    if placement.client.instructor_id == user.pk:
        return reverse("client_detail", args=[placement.client_id])
    return reverse("dashboard")


def _placement_content(row: Notification) -> Content:
    placement = _placement(row)
    link = ics.absolute(_placement_link(row, placement))
    context: dict[str, Any] = {
        "placement": placement,
        "site": placement.site,
        "link": link,
        "for_client": placement.client.user_id == row.recipient_id,
    }
    content = Content(context, events.placement_recipients(row.kind, placement))
    if row.kind == K.VISIT_BOOKED:
        visit_at = dt.datetime.fromisoformat(row.params["visit_at"])
        context["visit_at"] = timezone.localtime(visit_at)
        content.attachments.append(
            ("kaynti.ics", ics.visit_ics(placement, visit_at, link), "text/calendar")
        )
    if row.kind == K.VISIT_CANCELLED:
        visit_at = dt.datetime.fromisoformat(row.params["visit_at"])
        context["visit_at"] = timezone.localtime(visit_at)
        content.attachments.append(
            ("kaynti.ics", ics.visit_cancel_ics(placement, visit_at), "text/calendar")
        )
    if row.kind == K.AGREEMENT_MADE and context["for_client"]:
        context["link"] = ics.absolute(
            reverse("placement_agreement", args=[placement.pk])
        )
    if row.kind == K.REVIEW_DUE:
        review_on = placement.review_date()
        if review_on is None:
            raise Skip("no review due")
        context["review_on"] = review_on
        content.attachments.append(
            (
                "arviointi.ics",
                ics.review_ics(placement, review_on, link),
                "text/calendar",
            )
        )
    return content


def _job_content(row: Notification) -> Content:
    job = Job.objects.filter(pk=row.params.get("job")).first()
    if job is None:
        raise Skip("job gone")
    organisation_id = row.params.get("organisation")
    name = "job_edit" if row.kind == K.JOB_SENT_BACK else "job_manage"
    context: dict[str, Any] = {
        "job": job,
        "link": ics.absolute(reverse(name, args=[job.pk])),
        "for_client": False,
    }
    if row.kind == K.PAYOUT_MADE:
        transfer = JobTransfer.objects.filter(job_id=job.pk).first()
        context["amount_cents"] = transfer.amount_cents if transfer else None
        context["link"] = ics.absolute(reverse("work_share"))
    return Content(context, events.organisation_recipients(row.kind, organisation_id))


def _network_task_content(row: Notification) -> Content:
    """A task's reminder names its due date and the meeting that agreed it, and
    links to the recipient's own task list: not the client, not the task's words."""
    task = (
        NetworkTask.objects.select_related(
            "actor__user", "agreed_at", "plan__client__instructor__organisation"
        )
        .filter(pk=row.params.get("task"))
        .first()
    )
    if task is None:
        raise Skip("task gone")
    if task.status != NetworkTask.Status.OPEN or str(task.due) != row.params["due"]:
        raise Skip("task closed or moved")
    context: dict[str, Any] = {
        "due": task.due,
        "agreed_on": task.agreed_at.date,
        "overdue": bool(row.params.get("overdue")),
        "link": ics.absolute(reverse("my_network_tasks")),
        "for_client": False,
    }
    return Content(context, events.network_task_recipients(task))


def _network_meeting_content(row: Notification) -> Content:
    """The client's next network meeting, if it is still the one set last."""
    plan = (
        NetworkPlan.objects.select_related("client__user")
        .filter(pk=row.params.get("plan"))
        .first()
    )
    latest: NetworkMeeting | None = (
        plan.meetings.select_related("plan__client__user")
        .order_by("-date", "-created_at")
        .first()
        if plan is not None
        else None
    )
    if latest is None or str(latest.next_meeting) != row.params["date"]:
        raise Skip("meeting no longer planned for this day")
    day = dt.date.fromisoformat(row.params["date"])
    if day < timezone.localdate():
        raise Skip("meeting day passed")
    link = ics.absolute(reverse("my_page"))
    context: dict[str, Any] = {"day": day, "link": link, "for_client": True}
    content = Content(context, events.network_meeting_recipients(latest))
    content.attachments.append(
        (
            "verkostotapaaminen.ics",
            ics.network_meeting_ics(latest, day, link),
            "text/calendar",
        )
    )
    return content


LOADERS: dict[str, Callable[[Notification], Content]] = {
    K.VISIT_BOOKED: _placement_content,
    K.VISIT_CANCELLED: _placement_content,
    K.AGREEMENT_MADE: _placement_content,
    K.REVIEW_DUE: _placement_content,
    K.RETURN_ENDING: _placement_content,
    K.JOB_APPROVED: _job_content,
    K.JOB_SENT_BACK: _job_content,
    K.OFFER_ACCEPTED: _job_content,
    K.DELIVERY_ACCEPTED: _job_content,
    K.PAYOUT_MADE: _job_content,
    K.NETWORK_TASK_DUE: _network_task_content,
    K.NETWORK_MEETING: _network_meeting_content,
}


def language_of(user: User) -> str:
    return user.language or settings.LANGUAGE_CODE


def render_email(template: str, context: dict[str, Any], user: User) -> tuple[str, str]:
    """The subject and body of ``template`` for ``user``, in their language."""
    with translation.override(language_of(user)):
        text = render_to_string(
            template,
            {
                **context,
                "user": user,
                "is_client": roles.CLIENT in user.role_names,
                "base_url": ics.absolute("/"),
                "settings_url": ics.absolute(reverse("notification_settings")),
            },
        )
    subject, _, body = text.partition(SUBJECT_SEPARATOR)
    return " ".join(subject.split()), body.strip() + "\n"


def build(row: Notification) -> EmailMessage:
    """The e-mail of ``row``; raises :class:`Skip` if it is no longer to be sent."""
    user = row.recipient
    if not user.is_active or not user.email or row.kind in user.notifications_off:
        raise Skip("recipient does not want it")
    with translation.override(language_of(user)):
        content = LOADERS[row.kind](row)
    if user.pk not in {person.pk for person in content.concerns}:
        raise Skip("no longer concerns the recipient")
    subject, body = render_email(f"notifications/{row.kind}.txt", content.context, user)
    message = EmailMessage(subject=subject, body=body, to=[user.email])
    for name, data, mimetype in content.attachments:
        message.attach(name, data, mimetype)
    return message
