"""Work-activity sites (työtoimintapaikat), each a Wagtail page under the catalogue."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils import translation
from django.utils.functional import Promise, SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable, Page
from wagtail.search import index

from marketplace.shared import vocabularies
from marketplace.shared.languages import in_languages
from marketplace.shared.lazy import LazyImport


def _terms(
    vocabulary: str, related_name: str, verbose_name: str | Promise
) -> ParentalManyToManyField:
    return ParentalManyToManyField(
        "marketplace.Term",
        verbose_name=verbose_name,
        related_name=related_name,
        limit_choices_to={"vocabulary": vocabulary},
        blank=vocabulary != "service",
    )


def validate_work_share_per_day(cents: int) -> None:
    """Work-share money per day may not exceed the tax-free daily limit, the one
    setting ``WORK_SHARE_DAILY_CAP_CENTS`` (12 € by default) that the work-share
    service also applies."""
    cap = settings.WORK_SHARE_DAILY_CAP_CENTS
    if cents is not None and cents > cap:
        raise ValidationError(
            _("At most %(cap)s cents a day (the tax-free daily limit).") % {"cap": cap}
        )


class WorkSite(Page):
    """A place where clients do work activity: a workshop, a café, an outside group…

    The fields follow the ``sites`` records of the data set format. Seats live in
    :class:`SiteCapacity`, outside page revisions, so that publishing an older draft
    never rewinds the number of free seats.
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
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="sites",
    )
    municipality = models.ForeignKey(
        "marketplace.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="sites",
    )
    address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    lat = models.FloatField(
        _("latitude"), validators=[MinValueValidator(59.0), MaxValueValidator(70.5)]
    )
    lon = models.FloatField(
        _("longitude"), validators=[MinValueValidator(19.0), MaxValueValidator(31.6)]
    )
    description = models.TextField(_("description"), blank=True)
    services = _terms("service", "sites_offering", _("services"))
    forms = _terms("form", "sites_with_form", _("forms of activity"))
    tags = _terms("tag", "sites_tagged", _("work tags"))
    accessibility = _terms("accessibility", "sites_accessible", _("accessibility"))
    languages = _terms("language", "sites_speaking", _("languages"))
    days_min = models.PositiveSmallIntegerField(
        _("days per week, at least"),
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    days_max = models.PositiveSmallIntegerField(
        _("days per week, at most"),
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    hours_min = models.PositiveSmallIntegerField(
        _("hours per day, at least"),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    hours_max = models.PositiveSmallIntegerField(
        _("hours per day, at most"),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    support_level = models.PositiveSmallIntegerField(
        _("support level"), choices=vocabularies.SUPPORT_LEVEL_CHOICES, default=2
    )
    voucher_price_cents = models.PositiveIntegerField(
        _("price per day with a service voucher (cents)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when seats are free by agreement."),
    )
    work_share_cents_per_day = models.PositiveIntegerField(
        _("work-share money per day (cents)"),
        null=True,
        blank=True,
        validators=[validate_work_share_per_day],
        help_text=_(
            "Paid to disability work activity clients per realised day, "
            "for example 300 or 600; at most the tax-free daily limit."
        ),
    )
    contact_name = models.CharField(
        _("contact person or title"), max_length=120, blank=True
    )
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)

    parent_page_types = ["cms.SiteIndexPage"]
    subpage_types: list[str] = []
    base_form_class = LazyImport("marketplace.sites.page_forms.WorkSiteAdminForm")

    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation"),
        *in_languages("description", _("Description")),
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("address"), FieldPanel("postal_code")]),
                FieldRowPanel([FieldPanel("lat"), FieldPanel("lon")]),
                # a map to click and an address search (marketplace/maps)
                HelpPanel(template="maps/location_picker_panel.html"),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("services", widget=CheckboxSelectMultiple),
                FieldPanel("forms", widget=CheckboxSelectMultiple),
                FieldPanel("tags", widget=CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("days_min"), FieldPanel("days_max")]),
                FieldRowPanel([FieldPanel("hours_min"), FieldPanel("hours_max")]),
                FieldPanel("support_level"),
                FieldPanel("voucher_price_cents"),
                FieldPanel("work_share_cents_per_day"),
            ],
            heading=_("Activity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility", widget=CheckboxSelectMultiple),
                FieldPanel("languages", widget=CheckboxSelectMultiple),
            ],
            heading=_("Accessibility and languages"),
        ),
        InlinePanel(
            "learning_units", heading=_("Qualification units"), label=_("unit")
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
        index.SearchField("tag_words"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("work-activity site")
        verbose_name_plural = _("work-activity sites")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str | Promise]] = {}
        if self.days_min and self.days_max and self.days_min > self.days_max:
            errors["days_max"] = [
                _("The most days cannot be fewer than the least days.")
            ]
        if self.hours_min and self.hours_max and self.hours_min > self.hours_max:
            errors["hours_max"] = [
                _("The most hours cannot be fewer than the least hours.")
            ]
        if errors:
            raise ValidationError(errors)

    def tag_words(self) -> str:
        """Work tags and forms in every interface language, so search finds them."""
        words = []
        codes = [("tag", t.code) for t in self.tags.all()]
        codes += [("form", f.code) for f in self.forms.all()]
        for lang in ("fi", "sv", "en"):
            with translation.override(lang):
                words += [vocabularies.label(v, c) for v, c in codes]
        return " ".join(words)

    @property
    def is_free_by_agreement(self) -> bool:
        return self.voucher_price_cents is None

    def permissions_for_user(self, user):  # type: ignore[no-untyped-def]
        from marketplace.access.permissions import WorkSitePermissionTester

        return WorkSitePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        from marketplace.access import permissions
        from marketplace.sites import selectors

        context = super().get_context(request, *args, **kwargs)
        # Loaded only when the rendered page is not in the cache (a preview of a
        # draft is never cached: its key is not set).
        context["site"] = SimpleLazyObject(lambda: selectors.site_detail(self))
        can_update = permissions.can_update_seats(request.user, self)
        context["can_update_seats"] = can_update
        if self.live and not getattr(request, "is_preview", False):
            context["fragment_key"] = selectors.site_fragment_key(
                self, can_update_seats=can_update
            )
            context["fragment_seconds"] = selectors.PUBLIC_FRAGMENT_SECONDS
        return context


class LearningUnit(Orderable):
    """A vocational qualification unit a client can earn competence towards here."""

    site = ParentalKey(
        WorkSite, related_name="learning_units", on_delete=models.CASCADE
    )
    name = models.CharField(_("qualification unit"), max_length=200)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("qualification unit")
        verbose_name_plural = _("qualification units")

    def __str__(self) -> str:
        return self.name


class SiteCapacity(models.Model):
    """Seats at a site, kept by its supervisor.

    ``seats_taken`` counts the placements in Polku that hold a seat here (agreed,
    active or held for a return); the placement services change it together with
    ``seats_free`` in one conditional UPDATE. The rest of the total, ``seats_total -
    seats_free - seats_taken``, is taken by clients placed outside Polku. The
    database refuses a free count below zero and a total below the seats taken and
    free together.
    """

    site = models.OneToOneField(
        WorkSite, on_delete=models.CASCADE, related_name="capacity", primary_key=True
    )
    seats_total = models.PositiveSmallIntegerField(_("seats in total"), default=0)
    seats_free = models.PositiveSmallIntegerField(_("free seats"), default=0)
    seats_taken = models.PositiveSmallIntegerField(
        _("seats taken by placements in Polku"), default=0
    )
    #: the counts the last import brought: a re-import applies the data set's
    #: counts only when they differ from these (the source changed), so an
    #: unchanged data set never undoes what supervisors and placements did
    imported_seats = models.CharField(max_length=23, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("seats")
        verbose_name_plural = _("seats")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats_free__gte=0), name="seats_free_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(seats_free__lte=models.F("seats_total")),
                name="seats_free_within_total",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    seats_total__gte=models.F("seats_free") + models.F("seats_taken")
                ),
                name="seats_taken_and_free_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seats_free}/{self.seats_total}"
