"""The public site's pages: the home page, the work-activity site catalogue, the job
bank, and pages of text (the accessibility statement, the privacy notice, help) with
a feedback form."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from marketplace.shared.languages import in_language, in_languages

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class TitleInLanguages(models.Model):
    """The page's title in Swedish and English beside its Finnish ``title`` (shown
    as the heading, in the footer and menus; marketplace/shared/languages.py)."""

    title_sv = models.CharField(_("title in Swedish"), max_length=255, blank=True)
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        """The title in the user's language (Finnish when not written in it)."""
        return str(in_language(self, "title"))


#: the page's title in Swedish and English, after Wagtail's Finnish title
TITLE_PANELS = [
    FieldRowPanel([FieldPanel("title_sv"), FieldPanel("title_en")]),
]


class HomePage(Page):
    """Polku's front page: what the service is and where to start."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True, features=TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        *in_languages("intro", _("Introduction")),
        *in_languages("body", _("Body")),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from marketplace.sites import selectors as sites_selectors

        context = super().get_context(request, *args, **kwargs)
        context["catalogue_page"] = SiteIndexPage.objects.live().first()
        context["figures"] = sites_selectors.catalogue_figures()
        return context


class SiteIndexPage(TitleInLanguages, Page):
    """The catalogue of work-activity sites: search, filters and pages of results."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        *TITLE_PANELS,
        *in_languages("intro", _("Introduction")),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["marketplace.WorkSite"]

    class Meta:
        verbose_name = _("site catalogue")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from marketplace.sites import selectors as sites_selectors

        context = super().get_context(request, *args, **kwargs)
        # Loaded only when the rendered catalogue is not in the cache: on a hit the
        # page costs one version query instead of the search, filters and cards.
        context["catalogue"] = SimpleLazyObject(
            lambda: sites_selectors.site_catalogue(request.GET)
        )
        if not getattr(request, "is_preview", False):
            context["fragment_key"] = sites_selectors.catalogue_fragment_key(
                request.GET
            )
            context["fragment_seconds"] = sites_selectors.PUBLIC_FRAGMENT_SECONDS
        return context


class JobBankPage(TitleInLanguages, Page):
    """The job bank (työpankki): paid and unpaid jobs that groups can take on."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        *TITLE_PANELS,
        *in_languages("intro", _("Introduction")),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["marketplace.Job"]
    max_count = 1

    class Meta:
        verbose_name = _("job bank")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from marketplace.jobs import selectors as jobs_selectors

        context = super().get_context(request, *args, **kwargs)
        context["job_bank"] = jobs_selectors.job_bank(request.GET)
        context["payments_enabled"] = jobs_selectors.payments_enabled()
        context["can_post_job"] = jobs_selectors.can_post_jobs(request.user)
        return context


class ContentPage(TitleInLanguages, Page):
    """A page of text: the accessibility statement, the privacy notice, help.

    Pages marked "show in menus" (Promote tab) are linked from every page's footer.
    """

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), features=TEXT_FEATURES)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("Shown on the page, e.g. when the statement was last checked."),
    )

    content_panels = [
        *Page.content_panels,
        *TITLE_PANELS,
        *in_languages("intro", _("Introduction")),
        *in_languages("body", _("Body")),
        FieldPanel("last_reviewed"),
    ]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage", "cms.FeedbackPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class FeedbackField(AbstractFormField):
    page = ParentalKey(
        "FeedbackPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class FeedbackPage(TitleInLanguages, AbstractEmailForm):
    """A feedback form (e.g. accessibility feedback, which Act 306/2019 requires).
    Answers are kept as form submissions in the admin and, when an address is
    given, also sent by e-mail."""

    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(_("thank-you text"), blank=True)

    content_panels = [
        *AbstractEmailForm.content_panels,
        *TITLE_PANELS,
        FormSubmissionsPanel(),
        *in_languages("intro", _("Introduction")),
        InlinePanel("form_fields", label=_("Form fields")),
        *in_languages("thank_you_text", _("Thank-you text")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail"),
        ),
    ]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("feedback form")
        verbose_name_plural = _("feedback forms")
