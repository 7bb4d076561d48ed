"""The page fields written in each language (django-modeltranslation): each gets
``<field>_fi``, ``_sv`` and ``_en`` columns on the same row, so a site's seats,
moderation and the matcher's catalogue stay one record (docs/languages.md)."""

from modeltranslation.translator import TranslationOptions, register

from marketplace.models import WorkSite


@register(WorkSite)
class WorkSiteTranslation(TranslationOptions):
    fields = ("description",)
