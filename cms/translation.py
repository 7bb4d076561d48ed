"""The public pages' texts in each language (django-modeltranslation; the page titles
are ``cms.models.TitleInLanguages``; docs/languages.md)."""

from modeltranslation.translator import TranslationOptions, register

from cms.models import ContentPage, FeedbackPage, HomePage, JobBankPage, SiteIndexPage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(SiteIndexPage)
class SiteIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(JobBankPage)
class JobBankPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(ContentPage)
class ContentPageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(FeedbackPage)
class FeedbackPageTranslation(TranslationOptions):
    fields = ("intro", "thank_you_text")
