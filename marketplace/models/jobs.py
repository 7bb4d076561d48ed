"""Job-bank jobs (työpankki): posted by non-profits and public bodies, done by groups.

A job is a Wagtail page under the job bank, published after the organiser's
moderation. What changes while the job is done (its status, the accepted offer, the
work days) lives outside the page in :class:`JobProgress` and related rows, so that
publishing an edited page never rewinds a job's progress. Transitions are made only
by ``marketplace.jobs.services.jobs``; each one writes a :class:`JobEvent`.

published → taken → in progress → delivered → accepted → paid → closed;
or cancelled (before delivery), or disputed (the organiser resolves).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from marketplace.shared.lazy import LazyImport

#: The most a job may cost (100 000 €), a guard against typing errors.
MAX_PRICE_CENTS = 10_000_000


class JobStatus(models.TextChoices):
    PUBLISHED = "published", _("Open for offers")
    TAKEN = "taken", _("Taken")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    ACCEPTED = "accepted", _("Accepted")
    PAID = "paid", _("Paid to the unit")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
    DISPUTED = "disputed", _("Disputed")


def _terms(
    vocabulary: str, related_name: str, verbose_name: str | Promise, blank: bool
) -> ParentalManyToManyField:
    return ParentalManyToManyField(
        "marketplace.Term",
        verbose_name=verbose_name,
        related_name=related_name,
        limit_choices_to={"vocabulary": vocabulary},
        blank=blank,
    )


class Job(Page):
    """A job posted to the job bank: what, where, how much work, by when, for how much.

    The fields follow the ``jobs`` records of the data set format. ``services`` says
    which work activity the job is meant for: a company may post jobs only for
    disability work activity, because during rehabilitative work activity a client
    may not work for a company (Act 189/2001).
    """

    external_id = models.CharField(
        _("data set id"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )
    organisation = models.ForeignKey(
        "marketplace.Organisation",
        verbose_name=_("posted by"),
        on_delete=models.PROTECT,
        related_name="jobs",
    )
    description = models.TextField(_("description"))
    services = _terms("service", "jobs_for_service", _("meant for"), blank=False)
    tags = _terms("tag", "jobs_tagged", _("work tags"), blank=True)
    municipality = models.ForeignKey(
        "marketplace.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="jobs",
    )
    address = models.CharField(_("street address"), max_length=200, blank=True)
    lat = models.FloatField(
        _("latitude"), validators=[MinValueValidator(59.0), MaxValueValidator(70.5)]
    )
    lon = models.FloatField(
        _("longitude"), validators=[MinValueValidator(19.0), MaxValueValidator(31.6)]
    )
    remote = models.BooleanField(_("can be done remotely"), default=False)
    workers_needed = models.PositiveSmallIntegerField(
        _("workers needed"), validators=[MaxValueValidator(100)]
    )
    effort_days = models.PositiveSmallIntegerField(
        _("effort in working days"),
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("How many days of work the job takes for the whole group."),
    )
    deadline = models.DateField(_("deadline"))
    price_cents = models.PositiveIntegerField(
        _("price (cents)"),
        default=0,
        validators=[MaxValueValidator(MAX_PRICE_CENTS)],
        help_text=_("0 means an unpaid job."),
    )
    replaces_no_paid_work = models.BooleanField(
        _("This job does not replace paid work"),
        default=False,
        help_text=_(
            "Work activity must not replace paid work, and nobody may depend on "
            "the participants' work."
        ),
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)

    parent_page_types = ["cms.JobBankPage"]
    subpage_types: list[str] = []
    base_form_class = LazyImport("marketplace.jobs.page_forms.JobAdminForm")
    # a copy is a new job: not the data set's record
    exclude_fields_in_copy = ["external_id"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("services", widget=CheckboxSelectMultiple),
                FieldPanel("tags", widget=CheckboxSelectMultiple),
                FieldRowPanel(
                    [FieldPanel("workers_needed"), FieldPanel("effort_days")]
                ),
                FieldRowPanel([FieldPanel("deadline"), FieldPanel("price_cents")]),
                FieldPanel("replaces_no_paid_work"),
            ],
            heading=_("The work"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("lat"), FieldPanel("lon")]),
                FieldPanel("remote"),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact details"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("job-bank job")
        verbose_name_plural = _("job-bank jobs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_cents__lte=MAX_PRICE_CENTS),
                name="job_price_within_limit",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if not self.replaces_no_paid_work:
            raise ValidationError(
                {
                    "replaces_no_paid_work": _(
                        "Confirm that the job does not replace paid work."
                    )
                }
            )

    @property
    def is_paid(self) -> bool:
        return self.price_cents > 0

    def permissions_for_user(self, user):  # type: ignore[no-untyped-def]
        from marketplace.access.permissions import JobPagePermissionTester

        return JobPagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        from marketplace.jobs import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.job_page_context(request.user, self))
        return context


class JobProgress(models.Model):
    """Where a job is on its way from published to closed (one row per job)."""

    job = models.OneToOneField(
        Job, on_delete=models.CASCADE, related_name="progress", primary_key=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus, default=JobStatus.PUBLISHED
    )
    offer = models.OneToOneField(
        "marketplace.JobOffer",
        verbose_name=_("accepted offer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    site = models.ForeignKey(
        "marketplace.WorkSite",
        verbose_name=_("done by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobs_taken",
    )
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    dispute_reason = models.TextField(_("reason for the dispute"), blank=True)
    changed_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        verbose_name = _("job progress")
        verbose_name_plural = _("job progress")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["published", "cancelled"])
                | models.Q(site__isnull=False, offer__isnull=False),
                name="taken_job_has_site_and_offer",
            ),
            models.CheckConstraint(
                condition=~models.Q(
                    status__in=["delivered", "accepted", "paid", "closed", "disputed"]
                )
                | models.Q(delivered_at__isnull=False),
                name="delivered_job_has_delivery_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}: {self.status}"


class JobOffer(models.Model):
    """A site supervisor's offer to do the job with their group."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the poster")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Not chosen")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="offers")
    site = models.ForeignKey(
        "marketplace.WorkSite",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="job_offers",
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="job_offers"
    )
    workers = models.PositiveSmallIntegerField(
        _("workers in the group"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    message = models.TextField(_("message to the poster"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("offered"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "site"],
                condition=models.Q(status__in=["pending", "accepted"]),
                name="one_open_offer_per_job_and_site",
            ),
            models.UniqueConstraint(
                fields=["job"],
                condition=models.Q(status="accepted"),
                name="one_accepted_offer_per_job",
            ),
            models.CheckConstraint(
                condition=models.Q(workers__gte=1), name="offer_has_workers"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} → {self.job}"


class JobEvent(models.Model):
    """Who moved the job to which status, and when (append-only)."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField(auto_now_add=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    @property
    def to_label(self) -> str:
        if self.detail.get("awaiting_approval"):
            return str(_("Waiting for the organiser's approval"))
        return str(dict(JobStatus.choices).get(self.to_status, self.to_status))


class JobWorkDay(models.Model):
    """A participant worked on the job on this day (recorded by the supervisor).

    Only what the unit's payroll needs: who, which job, which day. The work-share
    money for the day is in :class:`marketplace.models.WorkShareAllocation`.
    """

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="work_days")
    client = models.ForeignKey(
        "marketplace.Client",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="job_days",
    )
    date = models.DateField(_("date"))
    allocation = models.ForeignKey(
        "marketplace.WorkShareAllocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_days",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "client__name"]
        verbose_name = _("work day on a job")
        verbose_name_plural = _("work days on jobs")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "client", "date"], name="one_work_day_per_job_client"
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_id} {self.date}"
