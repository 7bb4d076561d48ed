"""The network around a client (verkostotapaaminen) and its plan.

At the start and at about three months, a client coordinator gathers the actors
(employment coach, mental-health or substance worker, nurse, Kela's expert …). They
agree the starting point and the goals in the client's own words and the tasks each
actor takes on; at the review they record what happened to each task and the next
step. Actors outside Polku are named by role and organisation only and get no
account; a staff actor in Polku may be linked to their user to see their open tasks.
Nothing about health is stored beyond what the client agrees to have written as a
goal or a task (``client_agreed`` on every meeting).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

NEXT_STEP_LABELS = {
    "continue": _("Continue at the current site"),
    "studies": _("Applying for studies"),
    "job_coaching": _("Job coaching"),
    "work_trial": _("Work trial"),
    "pay_subsidy": _("Pay-subsidised work"),
    "pension_investigation": _("Pension investigation"),
    "vocational_rehabilitation": _("Vocational rehabilitation"),
    "paid_work": _("Applying for paid work"),
    "social_rehabilitation": _("Social rehabilitation or other services"),
    "other": _("Something else"),
}
NEXT_STEP_CHOICES = list(NEXT_STEP_LABELS.items())


class NetworkPlan(models.Model):
    """A client's network plan: the starting point and goals in their own words."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.OneToOneField(
        "marketplace.Client", on_delete=models.CASCADE, related_name="network_plan"
    )
    starting_point = models.TextField(
        _("starting point, in the client's own words"), max_length=2000
    )
    goals = models.TextField(_("goals, in the client's own words"), max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("network plan")
        verbose_name_plural = _("network plans")

    def __str__(self) -> str:
        return str(_("Network plan"))


class NetworkActor(models.Model):
    """Someone in the network, by role and organisation (the client is one too)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(
        NetworkPlan, on_delete=models.CASCADE, related_name="actors"
    )
    role = models.CharField(_("role"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    #: a staff member who uses Polku, to see their open tasks; others have no account
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Polku user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_roles",
    )
    is_client = models.BooleanField(_("the client"), default=False)

    class Meta:
        ordering = ["-is_client", "role"]

    def __str__(self) -> str:
        return ", ".join(x for x in (self.role, self.organisation) if x)


class NetworkMeeting(models.Model):
    class Kind(models.TextChoices):
        START = "start", _("Starting meeting")
        REVIEW = "review", _("Review meeting")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(
        NetworkPlan, on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("meeting"), max_length=10, choices=Kind)
    date = models.DateField(_("date"))
    participants = models.ManyToManyField(
        NetworkActor, verbose_name=_("participants"), related_name="meetings"
    )
    coordinator = models.ForeignKey(
        NetworkActor,
        verbose_name=_("who coordinates"),
        on_delete=models.PROTECT,
        related_name="coordinated_meetings",
    )
    next_meeting = models.DateField(_("next meeting"), null=True, blank=True)
    next_step = models.CharField(
        _("next step"), max_length=30, choices=NEXT_STEP_CHOICES, blank=True
    )
    next_step_note = models.TextField(
        _("about the next step"), max_length=1000, blank=True
    )
    client_agreed = models.BooleanField(_("the client agreed to what is written here"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "created_at"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(client_agreed=True),
                name="network_meeting_client_agreed",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


class NetworkTask(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        NOT_DONE = "not_done", _("Not done")
        DROPPED = "dropped", _("No longer needed")

    CLOSED = (Status.DONE, Status.NOT_DONE, Status.DROPPED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(
        NetworkPlan, on_delete=models.CASCADE, related_name="tasks"
    )
    agreed_at = models.ForeignKey(
        NetworkMeeting, on_delete=models.CASCADE, related_name="tasks_agreed"
    )
    actor = models.ForeignKey(
        NetworkActor,
        verbose_name=_("who does it"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    description = models.CharField(_("task"), max_length=300)
    due = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.OPEN
    )
    outcome = models.CharField(_("what happened"), max_length=300, blank=True)
    reviewed_at = models.ForeignKey(
        NetworkMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks_reviewed",
    )

    class Meta:
        ordering = ["due", "description"]
        verbose_name = _("network task")
        verbose_name_plural = _("network tasks")
        indexes = [models.Index(fields=["status", "due"], name="network_task_open_due")]

    def __str__(self) -> str:
        return self.description
